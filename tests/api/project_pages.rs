//! The browser route through projects: forms that keep what was typed, the list with its
//! filters, the project page with its versions, in English and French, and the refusals.

use diesel::prelude::*;
use portal::db::schema::projects;
use portal::domain::Role;
use serde_json::json;

use crate::helpers::{spawn_app, Browser, TestApp, PASSWORD};
use crate::projects::{body, create};

const AREA: &str = "Border management and terrorist travel";

async fn browser(app: &TestApp, email: &str, org: &str, role: Role) -> Browser {
    app.create_user(email, org, role, Some(PASSWORD));
    app.browser_login(email, PASSWORD).await
}

fn project_count(app: &TestApp) -> i64 {
    projects::table.count().get_result(&mut app.conn()).unwrap()
}

#[actix_web::test]
async fn a_focal_point_offers_and_edits_a_project_through_the_forms() {
    let app = spawn_app().await;
    let mut unodc = browser(&app, "fp@unodc.example.org", "UNODC", Role::FocalPoint).await;
    let form = app.browser_get(&mut unodc, "/projects/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = form.csrf_field();
    let mut fields = vec![
        ("csrf_token", csrf.as_str()),
        ("title", "Border <b>checks</b>"),
        ("description", "Passenger data units."),
        ("programme", "CT-TRAVEL"),
        ("status", "planned"),
        ("visibility", "platform"),
        ("thematic_areas", AREA),
        ("member_states", "KEN"),
        ("member_states", "FRA"),
        ("starts_on", "2026-05-01"),
        ("ends_on", "2026-01-01"),
        ("budget_amount", "1000"),
        ("budget_currency", "EUR"),
        ("partners", "INTERPOL, ICAO"),
        ("contact", "fp@unodc.example.org"),
    ];
    let refused = app.browser_post(&mut unodc, "/projects/new", &fields).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Border &lt;b&gt;checks&lt;&#x2F;b&gt;"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(r#"value="KEN" selected"#));
    assert!(
        refused.body.contains("INTERPOL, ICAO")
            && refused
                .body
                .contains("The end date comes before the start date.")
    );
    assert_eq!(project_count(&app), 0);
    fields[10] = ("ends_on", "2027-01-01");
    let created = app.browser_post(&mut unodc, "/projects/new", &fields).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.header("location").unwrap();
    let id = location.trim_start_matches("/projects/").to_string();
    let page = app.browser_get(&mut unodc, &location).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("ICAO, INTERPOL") && page.body.contains("1000 EUR"));
    assert!(page.body.contains(&format!("/projects/{id}/edit")));
    let edit = app
        .browser_get(&mut unodc, &format!("/projects/{id}/edit"))
        .await;
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains(r#"value="FRA" selected"#));
    fields[0] = ("csrf_token", &csrf);
    fields[4] = ("status", "active");
    let edited = app
        .browser_post(&mut unodc, &format!("/projects/{id}/edit"), &fields)
        .await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    let page = app.browser_get(&mut unodc, &location).await;
    assert!(
        page.body.contains("Versions") && page.body.contains("<td data-label=\"Version\">2</td>"),
        "{}",
        page.body
    );
    fields[4] = ("status", "planned");
    let back = app
        .browser_post(&mut unodc, &format!("/projects/{id}/edit"), &fields)
        .await;
    assert_eq!(
        back.status, 400,
        "a refused transition shows the form again"
    );
    let list = app
        .browser_get(&mut unodc, "/projects?member_state=KEN")
        .await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains(&format!("/projects/{id}")) && list.body.contains("for this State"));
    // In French, the list and the page name the thematic area in French, and the dates and
    // the status in French words.
    let french_area = portal::l10n::name(portal::l10n::RefList::ThematicArea, AREA, "fr").unwrap();
    assert_ne!(french_area, AREA);
    unodc.lang_cookie = Some("fr".into());
    let list = app.browser_get(&mut unodc, "/projects").await;
    let row = list
        .body
        .split(&format!("/projects/{id}\""))
        .nth(1)
        .unwrap();
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(french_area) && !row.contains(AREA), "{row}");
    let start = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    let french_start = portal::l10n::format_date(start, "fr");
    let active = portal::i18n::text("fr", "project-status-active");
    assert!(
        row.contains(&french_start) && row.contains(&format!(">{active}<")),
        "{row}"
    );
    let page = app.browser_get(&mut unodc, &location).await;
    assert!(page.body.contains(french_area) && !page.body.contains(AREA));
    unodc.lang_cookie = None;
    let csv = app
        .browser_get(&mut unodc, "/projects/export.csv?member_state=KEN")
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.body.contains(&id));
}

#[actix_web::test]
async fn pages_refuse_what_the_rules_refuse() {
    let app = spawn_app().await;
    app.create_user(
        "fp@unodc.example.org",
        "UNODC",
        Role::FocalPoint,
        Some(PASSWORD),
    );
    let unodc = app.token("fp@unodc.example.org", PASSWORD).await;
    let mut secret = body("Unannounced project");
    secret["visibility"] = json!("compact");
    let hidden = create(&app, &unodc, &secret).await;
    let open = create(&app, &unodc, &body("Announced project")).await;
    let mut ipu = browser(&app, "obs@ipu.example.org", "IPU", Role::Observer).await;
    app.assert_page_statuses(&mut ipu, [("/projects/new", 403), ("/projects", 200)])
        .await;
    let list = app.browser_get(&mut ipu, "/projects").await;
    assert!(!list.body.contains("/projects/new") && !list.body.contains("Unannounced"));
    let mut ken = browser(&app, "fp@ken.example.org", "KEN", Role::FocalPoint).await;
    app.assert_page_statuses(
        &mut ken,
        [
            (format!("/projects/{hidden}"), 404),
            (format!("/projects/{hidden}/edit"), 404),
            (format!("/projects/{open}"), 200),
            (format!("/projects/{open}/edit"), 403),
        ],
    )
    .await;
    let csv = app.browser_get(&mut ken, "/projects/export.csv").await;
    assert!(csv.body.contains(&open) && !csv.body.contains(&hidden));
    let page = app.browser_get(&mut ken, "/projects/new").await;
    let csrf = page.csrf_field();
    let edit = app
        .browser_post(
            &mut ken,
            &format!("/projects/{open}/edit"),
            &[("csrf_token", csrf.as_str()), ("title", "Taken over")],
        )
        .await;
    assert_eq!(edit.status, 403);
    let forged = app
        .browser_post(&mut ken, "/projects/new", &[("title", "No token")])
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(project_count(&app), 2);
    ken.lang_cookie = Some("fr".into());
    let french = app.browser_get(&mut ken, "/projects").await;
    assert!(french.body.contains("Exporter en CSV") && french.body.contains("Proposer un projet"));
}
