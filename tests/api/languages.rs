//! The six official languages of the United Nations: the choice of language (signed out by
//! `Accept-Language`, signed in by the saved choice), pages in each language with Arabic right
//! to left, dates, numbers and names in the reader's form and order, and the invitation's
//! language.

use portal::domain::Role;
use portal::i18n::{text, SUPPORTED};
use serde_json::json;

use crate::admin::ADMIN;
use crate::credentials::accept_link;
use crate::helpers::{into_page, spawn_app, Browser, Page, TestApp, PASSWORD};
use crate::people::{app_with_ana, ANA};

/// A page asked for in `language` (an `Accept-Language` value), signed out.
async fn get_in(app: &TestApp, path: &str, language: &str) -> Page {
    let req = app.client.get(app.url(path));
    let res = req.insert_header(("accept-language", language)).send();
    into_page(res.await.unwrap()).await
}

/// `s` as Tera writes it into HTML.
/// Chooses the browser's language with the header's form (303 back to the dashboard).
async fn choose(app: &TestApp, browser: &mut Browser, lang: &str) {
    let res = app
        .submit_from(browser, "/", "/language", &[("lang", lang), ("next", "/")])
        .await;
    assert_eq!(res.status, 303, "{lang}");
}

fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2F;")
}

/// The message `key` in `lang`, as a page shows it; outside English it must differ from the
/// English text (a translation, not a copy).
fn message(lang: &str, key: &str) -> String {
    let words = text(lang, key);
    if lang != "en" {
        assert_ne!(words, text("en", key), "{key} is not translated in {lang}");
    }
    escaped(&words)
}

fn html_tag(lang: &str) -> String {
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    format!("<html lang=\"{lang}\" dir=\"{dir}\">")
}

#[actix_web::test]
async fn accept_language_chooses_among_the_six_signed_out() {
    let app = spawn_app().await;
    for (header, lang) in [
        ("ar", "ar"),
        ("zh-CN", "zh"),
        ("zh-Hans-CN,en;q=0.5", "zh"),
        ("es-419", "es"),
        ("ru", "ru"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8", "ru"),
        ("de-DE,es;q=0.4,fr;q=0.3", "es"),
        ("fr-CA", "fr"),
        ("de", "en"),
    ] {
        let page = get_in(&app, "/login", header).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains(&html_tag(lang)),
            "{header}: {}",
            &page.body[..200]
        );
        assert!(
            page.body.contains(&message(lang, "login-title")),
            "{header}"
        );
    }
    // The switcher names each language in its own words, whatever the page's language.
    let page = get_in(&app, "/login", "zh").await;
    for name in [
        "العربية",
        "中文",
        "English",
        "Français",
        "Русский",
        "Español",
    ] {
        assert!(page.body.contains(name), "{name}");
    }
}

#[actix_web::test]
async fn each_language_shows_the_dashboard_a_list_a_form_and_the_error_page() {
    let app = app_with_ana().await;
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    for lang in SUPPORTED {
        choose(&app, &mut browser, lang).await;
        for (path, key, status) in [
            ("/", "dashboard-title", 200),
            ("/needs", "needs-title", 200),
            ("/account", "account-title", 200),
            ("/reports/no-such-report", "error-title-not-found", 404),
        ] {
            let page = app.browser_get(&mut browser, path).await;
            assert_eq!(page.status, status, "{lang} {path}");
            assert!(page.body.contains(&html_tag(lang)), "{lang} {path}");
            assert!(page.body.contains(&message(lang, key)), "{lang} {path}");
        }
    }
    // The error page offers the dashboard to someone signed in, the sign-in page otherwise.
    let page = app.browser_get(&mut browser, "/no-such-page").await;
    let last = SUPPORTED[SUPPORTED.len() - 1];
    assert!(page.body.contains(&message(last, "error-back-home")));
    assert!(!page.body.contains("href=\"/login\""));
    // … with the navigation of every page, in the account's language.
    assert!(page.body.contains("href=\"&#x2F;needs\""), "{}", page.body);
    assert!(page.body.contains("href=\"/account\""));
    assert!(page.body.contains(&html_tag(last)));
    let page = get_in(&app, "/no-such-page", "fr").await;
    assert_eq!(page.status, 404);
    assert!(page.body.contains(&message("fr", "error-title-not-found")));
    assert!(page.body.contains("href=\"/login\"") && !page.body.contains(">Retour"));
    assert!(!page.body.contains("href=\"&#x2F;needs\""));
    // The choice is saved on the account.
    let token = app.token(ANA, PASSWORD).await;
    let me = app.get_bearer("/api/v1/me", &token).await;
    assert_eq!(me.json()["language"], SUPPORTED[SUPPORTED.len() - 1]);
}

#[actix_web::test]
async fn dates_and_numbers_are_written_the_language_s_way() {
    let app = app_with_ana().await;
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    let mut browser = app.browser_login(ADMIN, PASSWORD).await;
    let today = chrono::Utc::now().date_naive();
    let ana_page = format!("/admin/users/{}", app.user_id(ANA));
    for lang in ["fr", "zh", "ar", "ru", "es", "en"] {
        choose(&app, &mut browser, lang).await;
        // Ana's account was created today: its page says when, in the reader's form.
        let page = app.browser_get(&mut browser, &ana_page).await;
        assert_eq!(page.status, 200);
        let day = escaped(&portal::l10n::format_date(today, lang));
        assert!(
            page.body.contains(&day),
            "{lang}: {day} not on Ana's account page"
        );
    }
    assert_eq!(
        portal::l10n::format_number(1234.5, "fr", 2),
        "1\u{202f}234,5"
    );
    assert_eq!(portal::l10n::format_number(12345.5, "es", 2), "12.345,5");
    assert_eq!(portal::l10n::format_file_size(1536, "en"), "1.5 KB");
}

#[actix_web::test]
async fn the_states_are_named_and_sorted_in_the_reader_s_language() {
    let app = app_with_ana().await;
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    choose(&app, &mut browser, "fr").await;
    // The index groups States by region; Egypt is African, with Eritrea, Eswatini, Ethiopia.
    let states = app.browser_get(&mut browser, "/states").await;
    let at = |name: &str| {
        states
            .body
            .find(&escaped(name))
            .unwrap_or_else(|| panic!("{name} not on /states"))
    };
    assert!(at("Égypte") < at("Érythrée"), "É sorts as E");
    assert!(at("Érythrée") < at("Eswatini"));
    assert!(at("Eswatini") < at("Éthiopie"));
    assert!(at("Éthiopie") < at("Zimbabwe"));
    // The States filter of a list: French names, in French order.
    let needs = app.browser_get(&mut browser, "/needs").await;
    let option = |code: &str| {
        needs
            .body
            .find(&format!("<option value=\"{code}\""))
            .unwrap_or_else(|| panic!("{code} not in the filter"))
    };
    assert!(needs.body.contains("Égypte"));
    assert!(option("EGY") < option("ESP"), "Égypte before Espagne");
    assert!(option("ESP") < option("ZWE"));
    // In Russian, the Cyrillic order: Египет (Egypt) before Зимбабве (Zimbabwe), and
    // Австрия (Austria) first of the three.
    choose(&app, &mut browser, "ru").await;
    let needs = app.browser_get(&mut browser, "/needs").await;
    let at = |name: &str| needs.body.find(name).unwrap_or_else(|| panic!("{name}"));
    assert!(at("Австрия") < at("Египет"));
    assert!(at("Египет") < at("Зимбабве"));
}

/// The subject of a mail, its RFC 2047 encoded words decoded.
fn subject_of(raw: &str) -> String {
    use base64::Engine;
    let mut lines = raw
        .lines()
        .skip_while(|l| !l.to_ascii_lowercase().starts_with("subject:"));
    let mut header = lines.next().unwrap_or_default()["subject:".len()..].to_string();
    for l in lines.take_while(|l| l.starts_with(' ') || l.starts_with('\t')) {
        header.push_str(l);
    }
    // Adjacent encoded words join without the space between them (RFC 2047).
    let mut out = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut after_encoded = false;
    for word in header.split_whitespace() {
        let lowered = word.to_ascii_lowercase();
        if lowered.starts_with("=?utf-8?b?") && lowered.ends_with("?=") {
            // A plain word and an encoded one keep the space between them.
            if !after_encoded && !out.is_empty() {
                out.push(' ');
            }
            after_encoded = true;
            let encoded = &word["=?utf-8?b?".len()..word.len() - 2];
            bytes.extend(
                base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .expect("base64"),
            );
            continue;
        }
        after_encoded = false;
        out.push_str(&String::from_utf8(std::mem::take(&mut bytes)).expect("utf-8"));
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push_str(&String::from_utf8(bytes).expect("utf-8"));
    out
}

#[actix_web::test]
async fn an_invitation_is_in_the_language_the_inviter_chooses_and_so_is_the_account() {
    const NEW: &str = "new.person@unodc.example.org";
    const OTHER: &str = "other.person@unodc.example.org";
    let app = spawn_app().await;
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    let admin = app.token(ADMIN, PASSWORD).await;

    // A language the portal does not speak: 400, and nobody is invited.
    let before = app.user_count();
    let body = json!({"email": NEW, "name": "New", "organisation": "UNODC", "role": "observer",
        "language": "de"});
    let res = app.post_json_bearer("/api/v1/users", &admin, &body).await;
    assert_eq!(res.status, 400);
    assert_eq!(res.error_code(), "unsupported_language");
    assert_eq!(app.user_count(), before);

    // Arabic, chosen by an English-speaking administrator.
    let body = json!({"email": NEW, "name": "New", "organisation": "UNODC", "role": "observer",
        "language": "ar"});
    app.post_json_bearer("/api/v1/users", &admin, &body)
        .await
        .assert_status(201);
    let mail = app.mailed("invitation", NEW).await;
    assert_eq!(
        subject_of(&mail.raw),
        text("ar", "mail-invitation-subject"),
        "{}",
        mail.raw
    );
    assert_ne!(
        text("ar", "mail-invitation-subject"),
        text("en", "mail-invitation-subject")
    );
    let token = crate::password_reset::link_token(&mail, "/set-password");
    assert_eq!(
        accept_link(&app, &token, "a long enough passphrase 7")
            .await
            .status,
        204
    );
    let me = app.token(NEW, "a long enough passphrase 7").await;
    assert_eq!(
        app.get_bearer("/api/v1/me", &me).await.json()["language"],
        "ar"
    );
    // Signed in, the new account's pages are in Arabic, right to left.
    let mut browser = app.browser_login(NEW, "a long enough passphrase 7").await;
    let page = app.browser_get(&mut browser, "/").await;
    assert!(page.body.contains(&html_tag("ar")));

    // Without a choice: the inviter's language (the administrator chose Spanish).
    let mut admin_browser = app.browser_login(ADMIN, PASSWORD).await;
    choose(&app, &mut admin_browser, "es").await;
    let body = json!({"email": OTHER, "name": "Other", "organisation": "UNODC",
        "role": "observer"});
    app.post_json_bearer("/api/v1/users", &admin, &body)
        .await
        .assert_status(201);
    let mail = app.mailed("invitation", OTHER).await;
    assert_eq!(subject_of(&mail.raw), text("es", "mail-invitation-subject"));
}

#[actix_web::test]
async fn the_invite_form_offers_the_six_languages_and_sets_the_account_s() {
    const NEW: &str = "zhang@unodc.example.org";
    let app = spawn_app().await;
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    let mut browser = app.browser_login(ADMIN, PASSWORD).await;
    let form = app.browser_get(&mut browser, "/admin/users").await;
    assert!(form
        .body
        .contains("<select id=\"inv-language\" name=\"language\""));
    for code in SUPPORTED {
        assert!(form
            .body
            .contains(&format!("<option value=\"{code}\" lang=\"{code}\"")));
    }
    let fields = [
        ("email", NEW),
        ("name", "Zhang"),
        ("organisation", "UNODC"),
        ("role", "observer"),
        ("language", "zh"),
    ];
    let res = app
        .submit_from(&mut browser, "/admin/users", "/admin/users/invite", &fields)
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let mail = app.mailed("invitation", NEW).await;
    assert_eq!(subject_of(&mail.raw), text("zh", "mail-invitation-subject"));
    // An unknown language on the form: refused, and nobody is invited.
    let before = app.user_count();
    let mut fields = fields;
    fields[0] = ("email", "someone@unodc.example.org");
    fields[4] = ("language", "xx");
    let res = app
        .submit_from(&mut browser, "/admin/users", "/admin/users/invite", &fields)
        .await;
    assert_eq!(res.status, 400);
    assert_eq!(app.user_count(), before);
}

#[actix_web::test]
async fn organisations_are_found_by_their_name_in_any_of_the_six_languages() {
    let app = spawn_app().await;
    app.add_user(ADMIN, "UNOCT", Role::Admin);
    let admin = app.token(ADMIN, PASSWORD).await;
    let codes = |page: &Page| -> Vec<String> {
        page.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["code"].as_str().unwrap().to_string())
            .collect()
    };
    // Germany in French, Russian, Chinese and Arabic, and the stored English name.
    for q in ["allemagne", "Германия", "德国", "ألمانيا", "Germany"] {
        let path = format!("/api/v1/organisations?q={}", urlencoding(q));
        let page = app.get_bearer(&path, &admin).await;
        assert_eq!(page.status, 200, "{q}");
        assert!(
            codes(&page).contains(&"DEU".to_string()),
            "{q}: {:?}",
            codes(&page)
        );
        assert!(!codes(&page).contains(&"FRA".to_string()), "{q}");
    }
    // The administration page finds it the same way.
    let mut browser = app.browser_login(ADMIN, PASSWORD).await;
    let page = app
        .browser_get(&mut browser, "/admin/organisations?q=Allemagne")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"org-DEU\""), "{}", page.body);
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[actix_web::test]
async fn a_page_s_csv_is_in_the_reader_s_language_and_the_api_s_keeps_its_codes() {
    const COORD: &str = "csv.coord@cted.example.org";
    let app = spawn_app().await;
    app.add_user(COORD, "CTED", Role::Coordinator);
    let token = app.token(COORD, PASSWORD).await;
    let need = json!({"member_state": "DEU", "title": "Border scanners",
        "thematic_area": "Criminal justice and rule of law", "priority": "high"});
    app.post_json_bearer("/api/v1/needs", &token, &need)
        .await
        .assert_status(201);
    let mut browser = app.browser_login(COORD, PASSWORD).await;
    choose(&app, &mut browser, "fr").await;
    let csv = app.browser_get(&mut browser, "/needs/export.csv").await;
    assert_eq!(csv.status, 200);
    let header = csv.body.lines().next().unwrap().to_string();
    assert!(header.starts_with(&text("fr", "csv-id")), "{header}");
    assert!(header.contains(&text("fr", "field-priority")), "{header}");
    let row = csv.body.lines().nth(1).unwrap();
    assert!(row.contains(",DEU,Allemagne,"), "{row}");
    assert!(row.contains(&text("fr", "priority-high")), "{row}");
    assert!(row.contains(&text("fr", "need-status-open")), "{row}");
    // The coordination matrix's rows in French order: Afrique du Sud before Albanie.
    let matrix = app.browser_get(&mut browser, "/coordination").await;
    assert_eq!(matrix.status, 200);
    let at = |name: &str| matrix.body.find(name).unwrap_or_else(|| panic!("{name}"));
    assert!(at("Afrique du Sud") < at("Albanie"));
    // The API's export: column ids, codes and the stored names, whatever the language.
    let csv = app.get_bearer("/api/v1/needs/export", &token).await;
    assert!(
        csv.body.starts_with("id,member_state,member_state_name,"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains(",DEU,Germany,") && csv.body.contains(",high,open,"));
}
