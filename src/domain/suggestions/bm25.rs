//! Okapi BM25 between one query text and a set of candidate texts, scaled to [0, 1].
//!
//! The document frequencies are those of the candidate set itself: the candidates are the
//! texts being compared (the projects or needs that already share the thematic area and the
//! place), so a term's rarity among them is what tells one candidate from another, and no
//! collection-wide statistic has to be kept or scanned. The score is divided by the best a
//! document could reach for this query (every query term, saturated), so it reads as "how much
//! of the query's weighted vocabulary this candidate covers".

use std::collections::HashMap;

use super::text::Terms;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// How many shared words a reason names.
const SHARED_WORDS: usize = 5;

/// One candidate's similarity to the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    /// In [0, 1].
    pub score: f64,
    /// The query's words this candidate shares, the most telling first.
    pub shared: Vec<String>,
}

fn idf(candidates: usize, with_term: usize) -> f64 {
    let (n, df) = (candidates as f64, with_term as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The similarity of each candidate to the query, in the candidates' order.
pub fn similarities(query: &Terms, candidates: &[Terms]) -> Vec<Similarity> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for t in &query.terms {
        let next = index.len();
        index.entry(t.as_str()).or_insert(next);
    }
    let q = index.len();
    if q == 0 || candidates.is_empty() {
        return vec![
            Similarity {
                score: 0.0,
                shared: Vec::new()
            };
            candidates.len()
        ];
    }
    // Term frequencies of the query's terms only, per candidate.
    let mut tf = vec![vec![0u32; q]; candidates.len()];
    let mut df = vec![0usize; q];
    let mut total_len = 0usize;
    for (d, doc) in candidates.iter().enumerate() {
        total_len += doc.terms.len();
        for t in &doc.terms {
            if let Some(&i) = index.get(t.as_str()) {
                if tf[d][i] == 0 {
                    df[i] += 1;
                }
                tf[d][i] += 1;
            }
        }
    }
    let n = candidates.len();
    let avg_len = (total_len as f64 / n as f64).max(1.0);
    let idfs: Vec<f64> = df.iter().map(|&f| idf(n, f)).collect();
    let best: f64 = df.iter().map(|&f| idf(n, f.max(1)) * (K1 + 1.0)).sum();
    let mut terms_by_index = vec![""; q];
    for (t, &i) in &index {
        terms_by_index[i] = t;
    }
    candidates
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let norm = K1 * (1.0 - B + B * doc.terms.len() as f64 / avg_len);
            let mut parts: Vec<(f64, usize)> = Vec::new();
            for i in 0..q {
                let f = f64::from(tf[d][i]);
                if f > 0.0 {
                    parts.push((idfs[i] * f * (K1 + 1.0) / (f + norm), i));
                }
            }
            let score: f64 = parts.iter().map(|p| p.0).sum();
            parts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let shared = parts
                .iter()
                .take(SHARED_WORDS)
                .map(|&(_, i)| {
                    let t = terms_by_index[i];
                    query.words.get(t).cloned().unwrap_or_else(|| t.to_string())
                })
                .collect();
            Similarity {
                score: (score / best).clamp(0.0, 1.0),
                shared,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::text::terms;
    use super::*;

    #[test]
    fn ranks_the_closer_text_first() {
        let query = terms("Border control training for customs officers at land borders");
        let docs = [
            terms("Financial intelligence unit mentoring on suspicious transaction reports"),
            terms("Training border guards and customs officers in border control"),
            terms("Prison management training"),
        ];
        let s = similarities(&query, &docs);
        assert!(s[1].score > s[2].score && s[2].score > s[0].score, "{s:?}");
        assert_eq!(s[0].score, 0.0);
        assert!(s[1].score <= 1.0);
        assert!(s[1].shared.contains(&"border".to_string()));
    }

    #[test]
    fn empty_inputs() {
        assert!(similarities(&terms("the of"), &[terms("x y")])[0].score == 0.0);
        assert!(similarities(&terms("border"), &[]).is_empty());
    }
}
