//! A search query as the user typed it, turned into terms the search index can take without
//! ever passing the user's text through: FTS5 and `tsquery` operators (`NEAR(`, `*`, `:*`,
//! `&`, `!`, parentheses, stray quotes) are separators here, so the query built from the terms
//! holds only words, quoted (FTS5) or joined by our own operators (`tsquery`).

use super::values::stored_as_text;

stored_as_text! {
    /// What a search result is (issue 15): the kinds of `search_index` rows, in the order the
    /// search page lists its tabs.
    pub enum SearchKind {
        Report,
        Need,
        Document,
        Thread,
        Project,
        Activity,
        Plan,
    }
}

/// Only the first characters of a query count (longer input is cut, not refused).
pub const MAX_QUERY_CHARS: usize = 500;
/// At most this many terms (words or phrases) are searched.
pub const MAX_TERMS: usize = 12;
/// A word longer than this is cut.
const MAX_WORD_CHARS: usize = 64;
/// A query needs more letters or digits than this.
pub const MIN_QUERY_LETTERS: usize = 3;

/// A word, or a phrase typed in double quotes (its words in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Phrase(Vec<String>),
}

/// The terms of a query; every one must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText {
    terms: Vec<Term>,
}

/// A query with two letters or less (after the operators are set aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooShort;

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .take(MAX_WORD_CHARS)
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

impl SearchText {
    /// The terms of `raw`: words outside quotes, phrases inside (a quote left open is ignored).
    pub fn parse(raw: &str) -> Result<SearchText, TooShort> {
        let raw: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        let quotes = raw.matches('"').count();
        let mut terms = Vec::new();
        for (i, segment) in raw.split('"').enumerate() {
            // Odd segments are quoted, unless it is the one after an unbalanced last quote.
            let quoted = i % 2 == 1 && i < quotes - quotes % 2 + 1;
            let found = words(segment);
            if quoted && found.len() > 1 {
                terms.push(Term::Phrase(found));
            } else {
                terms.extend(found.into_iter().map(Term::Word));
            }
        }
        terms.truncate(MAX_TERMS);
        let letters: usize = terms
            .iter()
            .map(|t| match t {
                Term::Word(w) => w.chars().count(),
                Term::Phrase(ws) => ws.iter().map(|w| w.chars().count()).sum(),
            })
            .sum();
        if letters < MIN_QUERY_LETTERS {
            return Err(TooShort);
        }
        Ok(SearchText { terms })
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The terms a backend searches: all of them but for English and French stop words outside
    /// phrases (« les », "the"), which neither backend finds reliably; a query of stop words
    /// only keeps them.
    fn searched(&self) -> Vec<&Term> {
        let meaningful = |t: &&Term| match t {
            Term::Word(w) => !is_stop_word(w),
            Term::Phrase(_) => true,
        };
        if self.terms.iter().any(|t| meaningful(&t)) {
            self.terms.iter().filter(meaningful).collect()
        } else {
            self.terms.iter().collect()
        }
    }

    /// The FTS5 query: every searched term in double quotes (a string, never an operator), all
    /// required, in the title and body only (`search_fts` also indexes each part's kind).
    pub fn fts5(&self) -> String {
        let terms = self
            .searched()
            .into_iter()
            .map(|t| match t {
                Term::Word(w) => format!("\"{w}\""),
                Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
            })
            .collect::<Vec<_>>()
            .join(" ");
        format!("{{title body}} : ({terms})")
    }

    /// The FTS5 query among the parts of one kind: FTS5 intersects the words with the kind's
    /// own list, so a kind without matches costs nothing however many parts of others match.
    pub fn fts5_of(&self, kind: SearchKind) -> String {
        format!("kind : \"{kind}\" AND {}", self.fts5())
    }

    /// The text of a PostgreSQL `to_tsquery`: words joined by `&`, a phrase's words by `<->`.
    /// The words hold letters and digits only, so nothing in them is an operator.
    pub fn tsquery(&self) -> String {
        self.searched()
            .into_iter()
            .map(|t| match t {
                Term::Word(w) => w.clone(),
                Term::Phrase(ws) => format!("({})", ws.join(" <-> ")),
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

fn is_stop_word(word: &str) -> bool {
    use super::suggestions::stopwords::{ENGLISH, FRENCH};
    ENGLISH.contains(&word) || FRENCH.contains(&word)
}

/// Marks the search backends put around a matched word in a snippet (private-use characters,
/// which the escaping below leaves alone and then turns into `<mark>`).
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';
/// How PostgreSQL's snippets carry `<` and `>` (its parser would drop them as a tag).
pub const LESS_THAN: char = '\u{E002}';
pub const GREATER_THAN: char = '\u{E003}';

/// A snippet as HTML: everything escaped, the marked words in `<mark>`. Marks that do not pair
/// up (the text held a private-use character of its own) are dropped.
pub fn snippet_html(snippet: &str) -> String {
    let starts = snippet.matches(MARK_START).count();
    let ends = snippet.matches(MARK_END).count();
    let paired = starts == ends;
    let mut out = String::with_capacity(snippet.len() + 16);
    let mut open = false;
    for c in snippet.chars() {
        match c {
            MARK_START if paired && !open => {
                out.push_str("<mark>");
                open = true;
            }
            MARK_END if paired && open => {
                out.push_str("</mark>");
                open = false;
            }
            MARK_START | MARK_END => {}
            '&' => out.push_str("&amp;"),
            '<' | LESS_THAN => out.push_str("&lt;"),
            '>' | GREATER_THAN => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_separators() {
        let t = SearchText::parse("NEAR(border* control) :* & !x").unwrap();
        assert_eq!(
            t.fts5(),
            "{title body} : (\"near\" \"border\" \"control\" \"x\")"
        );
        assert_eq!(t.tsquery(), "near & border & control & x");
    }

    #[test]
    fn phrases_in_quotes_and_open_quotes() {
        let t = SearchText::parse("\"Border Control\" maritime").unwrap();
        assert_eq!(t.fts5(), "{title body} : (\"border control\" \"maritime\")");
        assert_eq!(t.tsquery(), "(border <-> control) & maritime");
        let open = SearchText::parse("maritime \"border control").unwrap();
        assert_eq!(
            open.fts5(),
            "{title body} : (\"maritime\" \"border\" \"control\")"
        );
    }

    #[test]
    fn stop_words_are_left_out_of_the_query() {
        let t = SearchText::parse("renforcer les contrôles").unwrap();
        assert_eq!(t.fts5(), "{title body} : (\"renforcer\" \"contrôles\")");
        assert_eq!(t.tsquery(), "renforcer & contrôles");
        let t = SearchText::parse("\"the border\" of").unwrap();
        assert_eq!(t.fts5(), "{title body} : (\"the border\")");
        let t = SearchText::parse("the and").unwrap();
        assert_eq!(t.fts5(), "{title body} : (\"the\" \"and\")");
        assert_eq!(
            t.fts5_of(SearchKind::Need),
            "kind : \"need\" AND {title body} : (\"the\" \"and\")"
        );
    }

    #[test]
    fn short_and_empty_queries_are_refused() {
        for q in [
            "", "ab", "a b", "*", ":*", "&", "!", "\"", "NE", "\0\0\0", "  (  ",
        ] {
            assert_eq!(SearchText::parse(q), Err(TooShort), "{q:?}");
        }
        assert!(SearchText::parse("abc").is_ok());
        assert!(SearchText::parse("sécurité").is_ok());
    }

    #[test]
    fn long_queries_are_cut() {
        let long = "word ".repeat(10_000);
        assert_eq!(SearchText::parse(&long).unwrap().terms().len(), MAX_TERMS);
        let one = "x".repeat(100_000);
        let t = SearchText::parse(&one).unwrap();
        assert_eq!(
            t.fts5().len(),
            MAX_WORD_CHARS + 2 + "{title body} : ()".len()
        );
    }

    #[test]
    fn snippets_are_escaped_and_marked() {
        let s = format!("a <b> {MARK_START}border{MARK_END} & \"c\"");
        assert_eq!(
            snippet_html(&s),
            "a &lt;b&gt; <mark>border</mark> &amp; &quot;c&quot;"
        );
        assert_eq!(snippet_html(&format!("x{MARK_START}y")), "xy");
        let tag = format!("{LESS_THAN}script{GREATER_THAN}");
        assert_eq!(snippet_html(&tag), "&lt;script&gt;");
    }
}
