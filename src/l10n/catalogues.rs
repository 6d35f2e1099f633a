//! The message catalogues agree: every language has exactly English's keys, and each message
//! uses the same variables (`$name`) as English's, so no page or mail shows a missing message
//! or drops a figure in one language.

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    const CATALOGUES: [(&str, &str); 6] = [
        ("en", include_str!("../../locales/en/main.ftl")),
        ("fr", include_str!("../../locales/fr/main.ftl")),
        ("es", include_str!("../../locales/es/main.ftl")),
        ("ru", include_str!("../../locales/ru/main.ftl")),
        ("zh", include_str!("../../locales/zh/main.ftl")),
        ("ar", include_str!("../../locales/ar/main.ftl")),
    ];

    /// Each message's key and the variables its value (and its continuation lines) uses.
    fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let body = if starts_message {
                let (key, value) = line.split_once('=').expect("a message line has `=`");
                let key = key.trim().to_string();
                assert!(!out.contains_key(&key), "{key} is defined twice");
                out.insert(key.clone(), BTreeSet::new());
                current = Some(key);
                value
            } else if line.starts_with(' ') || line.starts_with('\t') {
                line
            } else {
                // A comment or a blank line ends nothing: Fluent allows blank lines inside a
                // message, and comments belong to the next one.
                ""
            };
            if let Some(key) = &current {
                let vars = out.get_mut(key).expect("inserted above");
                let mut rest = body;
                while let Some(at) = rest.find('$') {
                    let name: String = rest[at + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    rest = &rest[at + 1 + name.len()..];
                    vars.insert(name);
                }
            }
        }
        out
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let english = messages(CATALOGUES[0].1);
        assert!(english.len() > 500);
        let mut problems = Vec::new();
        for (lang, text) in &CATALOGUES[1..] {
            let theirs = messages(text);
            for (key, vars) in &english {
                match theirs.get(key) {
                    None => problems.push(format!("{lang}: {key} is missing")),
                    Some(v) if v != vars => problems.push(format!(
                        "{lang}: {key} uses {v:?} where English uses {vars:?}"
                    )),
                    Some(_) => {}
                }
            }
            for key in theirs.keys().filter(|k| !english.contains_key(*k)) {
                problems.push(format!("{lang}: {key} is not in English"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Each catalogue parses without an error: Fluent skips a message it cannot read, and the
    /// page would fall back to English without a word.
    #[test]
    fn every_catalogue_parses() {
        use fluent_templates::fluent_bundle::FluentResource;
        for (lang, text) in CATALOGUES {
            if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
                panic!("{lang}: {errors:?}");
            }
        }
    }

    /// Counts take each language's plural form: "1 visit report", "5 докладов".
    #[test]
    fn counts_take_the_plural_of_their_language() {
        use fluent_templates::fluent_bundle::FluentValue;
        let said = |lang: &str, key: &str, n: i64| {
            crate::i18n::text_with(lang, key, &[("count", FluentValue::from(n))])
        };
        let key = "dashboard-reports-visible";
        assert_eq!(said("en", key, 1), "visit report you can read");
        assert_eq!(said("en", key, 2), "visit reports you can read");
        assert_eq!(said("fr", key, 0), "rapport de visite consultable");
        assert_eq!(said("fr", key, 3), "rapports de visite consultables");
        let key = "dashboard-unread-messages";
        assert_eq!(said("ru", key, 1), "непрочитанное сообщение");
        assert_eq!(said("ru", key, 3), "непрочитанных сообщения");
        assert_eq!(said("ru", key, 5), "непрочитанных сообщений");
        assert_eq!(said("ar", key, 2), "رسالتان غير مقروءتين");
        // The lists' counts: the figure as the reader writes it, the plural of the count.
        let listed = |lang: &str, key: &str, n: i64, number: &'static str| {
            let args = [
                ("count", FluentValue::from(n)),
                ("number", FluentValue::from(number)),
            ];
            crate::i18n::text_with(lang, key, &args)
        };
        assert_eq!(listed("en", "needs-count", 1, "1"), "1 need");
        assert_eq!(listed("en", "needs-count", 1000, "1,000+"), "1,000+ needs");
        assert_eq!(listed("ru", "reports-count", 3, "3"), "3 доклада");
        assert_eq!(
            listed("ru", "reports-count", 1000, "1 000+"),
            "1 000+ докладов"
        );
        assert_eq!(listed("ar", "documents-count", 2, "2"), "وثيقتان");
        let subject = "mail-digest-subject";
        assert!(said("en", subject, 1).starts_with("1 new message on"));
        assert!(said("en", subject, 4).starts_with("4 new messages on"));
    }
}
