//! Translations (Fluent files under `locales/`, compiled into the binary by fluent-templates)
//! and the choice of language: the user's remembered choice, else `Accept-Language`, else
//! English.

use std::collections::HashMap;
use std::sync::RwLock;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::HttpRequest;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, FluentLoader};

static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks: the strings go into HTML and e-mail, not bidi text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The six official languages of the United Nations, in the order the switcher lists them.
pub const SUPPORTED: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// Each language in its own name, as the switcher shows it (no translation: a reader who does
/// not read the current language still finds their own).
pub const NATIVE_NAMES: [(&str, &str); 6] = [
    ("ar", "العربية"),
    ("zh", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
];

/// The languages written right to left.
pub fn is_rtl(lang: &str) -> bool {
    lang == "ar"
}
pub const COOKIE: &str = "portal_lang";

pub fn is_supported(lang: &str) -> bool {
    SUPPORTED.contains(&lang)
}

/// The language of a mail to a user: their own choice when the portal speaks it, else English.
pub fn mail_language(choice: Option<&str>) -> &str {
    choice.filter(|l| is_supported(l)).unwrap_or("en")
}

pub fn register(tera: &mut tera::Tera) {
    tera.register_function(
        "t",
        Messages {
            fluent: FluentLoader::new(&*LOCALES)
                .with_default_lang("en".parse().expect("en is valid")),
        },
    );
    // `languages()`: the switcher's choices, each `{code, name, dir}`.
    tera.register_function(
        "languages",
        |_: &std::collections::HashMap<String, tera::Value>| {
            Ok(tera::Value::Array(
                NATIVE_NAMES
                    .iter()
                    .map(|(code, name)| {
                        serde_json::json!({
                            "code": code,
                            "name": name,
                            "dir": if is_rtl(code) { "rtl" } else { "ltr" },
                        })
                    })
                    .collect(),
            ))
        },
    );
}

/// The templates' `t(key=…, lang=…)`: a message asked without arguments comes from [`label`]
/// (kept per language after its first look-up: a list page asks for the same few dozen
/// labels on every request); one with arguments goes to Fluent every time.
struct Messages {
    fluent: FluentLoader<&'static fluent_templates::StaticLoader>,
}

/// At most this many messages kept per language: the keys come from the templates, but a
/// key built from a value (`"status-" ~ status`) should not grow the cache without bound.
const KEPT_PER_LANGUAGE: usize = 4096;

impl tera::Function for Messages {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let plain = args
            .keys()
            .all(|k| matches!(k.as_str(), "key" | "lang" | "__tera_one_off"));
        let lang = args
            .get("lang")
            .and_then(tera::Value::as_str)
            .filter(|lang| is_supported(lang));
        match (lang, args.get("key").and_then(|k| k.as_str()), plain) {
            (Some(lang), Some(key), true) => Ok(tera::Value::String(label(lang, key))),
            _ => self.fluent.call(args),
        }
    }
}

/// Looks a message up for use outside templates.
pub fn text(lang: &str, key: &str) -> String {
    use fluent_templates::Loader;
    let id = lang
        .parse()
        .unwrap_or_else(|_| "en".parse().expect("en is valid"));
    LOCALES.lookup(&id, key)
}

/// [`text`] kept per language and key after its first look-up: the labels every page asks
/// for, through `t()` or from Rust (`web::common::chrome`, `l10n::options`).
pub fn label(lang: &str, key: &str) -> String {
    static KEPT: [RwLock<Option<HashMap<String, String>>>; SUPPORTED.len()] =
        [const { RwLock::new(None) }; SUPPORTED.len()];
    let Some(kept) = SUPPORTED.iter().position(|l| *l == lang).map(|i| &KEPT[i]) else {
        return text(lang, key);
    };
    if let Some(text) = kept
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|m| m.get(key))
    {
        return text.clone();
    }
    let found = text(lang, key);
    let mut kept = kept.write().unwrap_or_else(|e| e.into_inner());
    let kept = kept.get_or_insert_with(HashMap::new);
    if kept.len() < KEPT_PER_LANGUAGE {
        kept.insert(key.to_string(), found.clone());
    }
    found
}

/// Looks a message up with its arguments, for use outside templates.
pub fn text_with(lang: &str, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    use fluent_templates::Loader;
    let id = lang
        .parse()
        .unwrap_or_else(|_| "en".parse().expect("en is valid"));
    let args: std::collections::HashMap<std::borrow::Cow<'static, str>, FluentValue<'static>> =
        args.iter()
            .map(|(k, v)| (std::borrow::Cow::Owned(k.to_string()), v.clone()))
            .collect();
    LOCALES.lookup_with_args(&id, key, &args)
}

/// Looks a message up that may not exist (a word for a value some lists do not name yet).
pub fn try_text(lang: &str, key: &str) -> Option<String> {
    use fluent_templates::Loader;
    let id = lang
        .parse()
        .unwrap_or_else(|_| "en".parse().expect("en is valid"));
    LOCALES.try_lookup(&id, key)
}

/// Best of `Accept-Language` among the supported languages (q-values honoured).
pub fn from_accept_language(value: &str) -> Option<&'static str> {
    let mut best: Option<(&'static str, f32)> = None;
    for part in value.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if let Some(lang) = SUPPORTED.iter().find(|l| **l == primary) {
            if q > 0.0 && best.map(|(_, bq)| q > bq).unwrap_or(true) {
                best = Some((lang, q));
            }
        }
    }
    best.map(|(l, _)| l)
}

/// The language of this request's pages.
pub fn request_language(req: &HttpRequest, user_choice: Option<&str>) -> &'static str {
    let pick = |s: &str| SUPPORTED.iter().copied().find(|l| *l == s);
    if let Some(lang) = req.cookie(COOKIE).and_then(|c| pick(c.value())) {
        return lang;
    }
    if let Some(lang) = user_choice.and_then(pick) {
        return lang;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(from_accept_language)
        .unwrap_or("en")
}

pub fn cookie(lang: &str) -> Cookie<'static> {
    Cookie::build(COOKIE, lang.to_string())
        .path("/")
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_templates::Loader;

    #[test]
    fn accept_language() {
        assert_eq!(from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"), Some("fr"));
        assert_eq!(
            from_accept_language("de-DE, en;q=0.5, fr;q=0.7"),
            Some("fr")
        );
        assert_eq!(from_accept_language("de"), None);
        assert_eq!(from_accept_language("en;q=0, fr;q=0.1"), Some("fr"));
        // The six languages, regional and script variants included.
        assert_eq!(from_accept_language("ar-EG,ar;q=0.9"), Some("ar"));
        assert_eq!(from_accept_language("zh-CN"), Some("zh"));
        assert_eq!(from_accept_language("zh-Hant-TW"), Some("zh"));
        assert_eq!(from_accept_language("zh_TW"), Some("zh"));
        assert_eq!(from_accept_language("es-419,en;q=0.5"), Some("es"));
        assert_eq!(from_accept_language("ru"), Some("ru"));
    }

    /// Every key a template asks for exists in every language.
    #[test]
    fn templates_are_fully_translated() {
        let keys = crate::templates::TEMPLATES
            .iter()
            .flat_map(|(_, body)| {
                body.split("t(key=\"")
                    .skip(1)
                    .map(|rest| rest.split('"').next().unwrap_or(""))
            })
            // `t(key="priority-" ~ p)`: such prefixes are checked with their values below.
            .filter(|k| !k.ends_with('-'))
            .map(str::to_string)
            .collect::<Vec<_>>();
        assert!(keys.len() > 20);
        let mut keys = keys;
        use crate::domain::values::{Classification, NeedStatus, OrgKind, Priority, Role};
        use strum::VariantArray;
        for p in Priority::VARIANTS {
            keys.push(format!("priority-{p}"));
        }
        for s in NeedStatus::VARIANTS {
            keys.push(format!("need-status-{s}"));
        }
        for c in Classification::VARIANTS {
            keys.push(format!("classification-{c}"));
        }
        for a in crate::domain::policy::AUDIENCES {
            keys.push(format!("audience-{a}"));
        }
        for r in Role::VARIANTS {
            keys.push(format!("role-{r}"));
        }
        for k in OrgKind::VARIANTS {
            keys.push(format!("kind-{k}"));
        }
        use crate::domain::values::{ActivityKind, ActivityStatus, ActivityVisibility};
        for k in ActivityKind::VARIANTS {
            keys.push(format!("activity-kind-{k}"));
        }
        for s in ActivityStatus::VARIANTS {
            keys.push(format!("activity-status-{s}"));
        }
        for v in ActivityVisibility::VARIANTS {
            keys.push(format!("activity-visibility-{v}"));
        }
        for r in ["same_member_state", "same_programme", "same_thematic_area"] {
            keys.push(format!("clash-{r}"));
        }
        for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
            keys.push(format!("weekday-{d}"));
            keys.push(format!("weekday-short-{d}"));
        }
        for m in 1..=12 {
            keys.push(format!("month-{m:02}"));
        }
        // Keys the handlers pass to templates as values.
        for k in [
            "password-too-short",
            "password-too-long",
            "password-too-common",
            "login-totp-required",
            "login-totp-wrong",
            "login-totp-unavailable",
            "login-code-expired",
            "project-status-refused",
            "tf-wrong-code",
            "account-wrong-password",
            "size-bytes",
            "size-kb",
            "size-mb",
            "size-gb",
        ] {
            keys.push(k.to_string());
        }
        for s in ["invited", "active", "deactivated"] {
            keys.push(format!("admin-status-{s}"));
        }
        for area in crate::web::common::render::navigation(None) {
            keys.push(area.label_key.to_string());
        }
        keys.extend(
            [
                "nav-admin",
                "nav-org-accounts",
                "admin-notice-invited",
                "admin-notice-resent",
                "admin-notice-revoked",
                "admin-notice-two-factor-reset",
                "admin-notice-updated",
                "admin-notice-org-created",
            ]
            .map(String::from),
        );
        let args: std::collections::HashMap<
            std::borrow::Cow<'static, str>,
            fluent_templates::fluent_bundle::FluentValue,
        > = [
            ("minutes".into(), 3.into()),
            ("name".into(), "Ana".into()),
            ("size".into(), 25.into()),
            ("count".into(), 2.into()),
            ("number".into(), "1,234".into()),
            ("threads".into(), 1.into()),
            ("subject".into(), "Visit".into()),
            ("since".into(), "2026-11-29".into()),
            ("at".into(), "2026-11-29 08:00 UTC".into()),
            ("organisation".into(), "Kenya".into()),
            ("inviter".into(), "Ana".into()),
            ("hours".into(), 72.into()),
            ("seq".into(), 7.into()),
            ("state".into(), "KEN".into()),
            ("region".into(), "African".into()),
            ("areas".into(), "Border management".into()),
            ("programme".into(), "CT-TRAVEL".into()),
            ("percent".into(), 80.into()),
            ("words".into(), "border".into()),
            ("indicator".into(), "Share of flights".into()),
            ("baseline".into(), "10".into()),
            ("baseline-on".into(), "2024-01-01".into()),
            ("target".into(), "90".into()),
            ("due-on".into(), "2030-01-01".into()),
            ("value".into(), "40".into()),
            ("on".into(), "2025-01-01".into()),
            ("at-risk".into(), 1.into()),
            ("off-track".into(), 0.into()),
            ("time".into(), "2026-12-01 09:00".into()),
            ("browser".into(), "Firefox".into()),
            ("system".into(), "Linux".into()),
        ]
        .into_iter()
        .collect();
        for lang in SUPPORTED {
            let id = lang.parse().unwrap();
            for key in &keys {
                assert!(
                    LOCALES.try_lookup_with_args(&id, key, &args).is_some(),
                    "{key} missing in {lang}"
                );
            }
        }
    }
}
