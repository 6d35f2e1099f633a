//! Sorting names the way the reader's language sorts them (ICU4X's collator: the Unicode
//! collation algorithm with each language's CLDR tailoring), so "Égypte" sorts among the E's
//! in French rather than after "Zimbabwe", and Russian, Arabic and Chinese names sort in their
//! own alphabet's order (Chinese by pinyin).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

use icu_collator::{Collator, CollatorBorrowed};

fn collator(lang: &str) -> &'static CollatorBorrowed<'static> {
    static COLLATORS: OnceLock<HashMap<&'static str, CollatorBorrowed<'static>>> = OnceLock::new();
    let all = COLLATORS.get_or_init(|| {
        crate::i18n::SUPPORTED
            .iter()
            .map(|lang| {
                let locale = icu_locale_core::Locale::from_str(lang)
                    .expect("the supported languages are valid locales");
                let collator = Collator::try_new((&locale).into(), Default::default())
                    .expect("compiled data covers the supported languages");
                (*lang, collator)
            })
            .collect()
    });
    all.get(lang).unwrap_or_else(|| &all["en"])
}

/// `a` against `b` in `lang`'s order.
pub fn compare(a: &str, b: &str, lang: &str) -> Ordering {
    collator(lang).compare(a, b)
}

/// Sorts `items` by the name `name_of` gives, in `lang`'s order (stable).
pub fn sort_by_name<T>(items: &mut [T], lang: &str, name_of: impl Fn(&T) -> &str) {
    let collator = collator(lang);
    items.sort_by(|a, b| collator.compare(name_of(a), name_of(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_the_language_not_by_bytes() {
        let mut names = vec!["Zimbabwe", "Égypte", "Eswatini", "Allemagne", "Équateur"];
        sort_by_name(&mut names, "fr", |n| n);
        assert_eq!(
            names,
            ["Allemagne", "Égypte", "Équateur", "Eswatini", "Zimbabwe"]
        );
        let mut names = vec!["Ямайка", "Египет", "Ёлка", "Австрия"];
        sort_by_name(&mut names, "ru", |n| n);
        assert_eq!(names, ["Австрия", "Египет", "Ёлка", "Ямайка"]);
        // Pinyin: 阿 (ā) before 德 (dé) before 中 (zhōng), whatever their code points.
        let mut names = vec!["中国", "德国", "阿富汗"];
        sort_by_name(&mut names, "zh", |n| n);
        assert_eq!(names, ["阿富汗", "德国", "中国"]);
    }
}
