//! From free text to the terms that text similarity compares: words split on anything that is
//! not a letter or a digit (so French elisions such as « l'État » part), lower-cased, stop words
//! dropped, then stemmed with the Snowball stemmer of the text's language (English or French,
//! whichever's stop words the text uses more; English on a tie) once stripped of accents, so
//! « frontières », « frontière » and « frontiere » are one term.

use rust_stemmers::{Algorithm, Stemmer};

use super::stopwords;

/// The two languages of the portal's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    French,
}

/// A text's terms in order (repeated as often as they occur), and for each term the first
/// word it came from (to name it in a reason).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    pub terms: Vec<String>,
    pub words: std::collections::HashMap<String, String>,
}

/// Words shorter than this carry no meaning of their own once stop words are gone.
const MIN_WORD_CHARS: usize = 2;

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The language whose stop words the text uses more (English on a tie).
pub fn language_of(text: &str) -> Language {
    let (mut en, mut fr) = (0usize, 0usize);
    for w in words(text) {
        en += usize::from(stopwords::ENGLISH.contains(&w.as_str()));
        fr += usize::from(stopwords::FRENCH.contains(&w.as_str()));
    }
    if fr > en {
        Language::French
    } else {
        Language::English
    }
}

/// The Snowball stemmer of a language (one per process).
pub(crate) fn stemmer(language: Language) -> &'static Stemmer {
    static EN: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    static FR: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    match language {
        Language::English => EN.get_or_init(|| Stemmer::create(Algorithm::English)),
        Language::French => FR.get_or_init(|| Stemmer::create(Algorithm::French)),
    }
}

/// The term of one lower-case word in `language`, or `None` for a stop word or a word too short.
fn term(word: &str, language: Language) -> Option<String> {
    let stop = match language {
        Language::English => stopwords::ENGLISH,
        Language::French => stopwords::FRENCH,
    };
    if word.chars().count() < MIN_WORD_CHARS || stop.contains(&word) {
        return None;
    }
    // Accents go before stemming: people do not always type them, and the French stemmer
    // treats « frontière » and « frontiere » differently.
    Some(stemmer(language).stem(&fold_accents(word)).into_owned())
}

/// The text's terms, in its own language.
pub fn terms(text: &str) -> Terms {
    let language = language_of(text);
    let mut out = Terms::default();
    for word in words(text) {
        if let Some(t) = term(&word, language) {
            out.words.entry(t.clone()).or_insert(word);
            out.terms.push(t);
        }
    }
    out
}

/// Latin letters without their accents (the stemmers keep them; people do not always type them).
fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert_eq!(
            language_of("Renforcer le contrôle des frontières et la coopération"),
            Language::French
        );
        assert_eq!(
            language_of("Strengthen the control of the borders"),
            Language::English
        );
    }

    #[test]
    fn french_plural_and_accents_are_one_term() {
        let a = terms("Le contrôle des frontières terrestres");
        let b = terms("la gestion de la frontière");
        let c = terms("la gestion de la frontiere");
        let stem = |t: &Terms, w: &str| t.terms.iter().find(|s| t.words[*s] == w).cloned();
        let plural = stem(&a, "frontières").unwrap();
        assert_eq!(Some(plural.clone()), stem(&b, "frontière"));
        assert_eq!(Some(plural), stem(&c, "frontiere"));
        assert!(!a.terms.iter().any(|t| t == "le" || t == "des"));
    }

    #[test]
    fn english_stems_and_stop_words() {
        let t = terms("Training the border guards; trained guard dogs at borders.");
        assert_eq!(t.terms.iter().filter(|s| *s == "border").count(), 2);
        assert_eq!(t.terms.iter().filter(|s| *s == "train").count(), 2);
        assert!(!t.terms.iter().any(|s| s == "the" || s == "at"));
        assert_eq!(t.words["border"], "border");
    }
}
