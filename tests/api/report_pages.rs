//! The browser route through reports and needs: a coordinator publishes a report with a
//! withheld section; each organisation sees what rule 1 grants; the reads are listed.

use diesel::prelude::*;
use portal::db::schema::{needs, reports};
use portal::domain::Role;

use crate::helpers::{spawn_app, Browser, Page, TestApp, PASSWORD};

const PUBLISHED_TEXT: &str = "Airport checks use API data.";
const WITHHELD_TEXT: &str = "Watch lists are incomplete at land borders.";

async fn browser(app: &TestApp, email: &str, org: &str, role: Role) -> Browser {
    app.create_user(email, org, role, Some(PASSWORD));
    app.browser_login(email, PASSWORD).await
}

/// Posts the new-report form for KEN: the CSRF token, the State, then `fields`.
async fn post_new_report(
    app: &TestApp,
    who: &mut Browser,
    csrf: &str,
    fields: &[(&str, &str)],
) -> Page {
    let mut form = vec![("csrf_token", csrf), ("member_state", "KEN")];
    form.extend_from_slice(fields);
    app.browser_post(who, "/reports/new", &form).await
}

/// The id of the report's withheld section (the tests publish one report).
fn withheld_section(app: &TestApp) -> String {
    portal::db::schema::report_sections::table
        .filter(portal::db::schema::report_sections::consent.eq("withheld"))
        .select(portal::db::schema::report_sections::id)
        .first(&mut app.conn())
        .unwrap()
}

/// Posts the new-need form for KEN from a report's section: `(title, description)`, in border
/// management, high priority.
async fn post_need(
    app: &TestApp,
    who: &mut Browser,
    csrf: &str,
    (report_id, section_id): (&str, &str),
    (title, description): (&str, &str),
) -> Page {
    let form = [
        ("csrf_token", csrf),
        ("report_id", report_id),
        ("section_id", section_id),
        ("member_state", "KEN"),
        ("title", title),
        ("description", description),
        ("thematic_area", "Border management and terrorist travel"),
        ("priority", "high"),
    ];
    app.browser_post(who, "/needs/new", &form).await
}

async fn publish_through_forms(app: &TestApp, coord: &mut Browser) -> String {
    let form = app.browser_get(coord, "/reports/new").await;
    assert_eq!(form.status, 200);
    let csrf = form.csrf_field();
    let res = post_new_report(
        app,
        coord,
        &csrf,
        &[
            ("title", "Kenya <script>alert(1)</script> visit"),
            ("visit_date", "2025-03-01"),
            ("programme", "CT-TRAVEL"),
            ("summary", "Summary for everyone."),
            ("section_id_0", ""),
            ("heading_0", "Airports"),
            ("body_0", PUBLISHED_TEXT),
            ("consent_0", "published"),
            ("section_id_1", ""),
            ("heading_1", "Land borders"),
            ("body_1", WITHHELD_TEXT),
            ("consent_1", "withheld"),
            ("section_id_2", ""),
            ("heading_2", ""),
            ("body_2", ""),
            ("consent_2", "withheld"),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let location = res.header("location").unwrap();
    let id = location.trim_start_matches("/reports/").to_string();
    let page = app.browser_get(coord, &location).await;
    let res = app
        .browser_post(
            coord,
            &format!("/reports/{id}/publish"),
            &[("csrf_token", &page.csrf_field())],
        )
        .await;
    assert_eq!(res.status, 303);
    id
}

#[actix_web::test]
async fn a_published_report_reaches_each_organisation_as_rule_one_says() {
    let app = spawn_app().await;
    let mut coord = browser(&app, "coord@cted.example.org", "CTED", Role::Coordinator).await;
    let mut unodc = browser(&app, "fp@unodc.example.org", "UNODC", Role::FocalPoint).await;
    let mut ken = browser(&app, "fp@ken.example.org", "KEN", Role::FocalPoint).await;
    let mut fra = browser(&app, "fp@fra.example.org", "FRA", Role::FocalPoint).await;
    let id = publish_through_forms(&app, &mut coord).await;
    let path = format!("/reports/{id}");

    let entity = app.browser_get(&mut unodc, &path).await;
    assert_eq!(entity.status, 200);
    assert!(entity.body.contains(PUBLISHED_TEXT));
    assert!(!entity.body.contains(WITHHELD_TEXT));
    assert!(!entity.body.contains("Land borders"));
    assert!(!entity.body.contains("Who has read"));
    assert!(
        entity.body.contains("Kenya &lt;script&gt;"),
        "titles are escaped"
    );

    let state = app.browser_get(&mut ken, &path).await;
    assert!(state.body.contains(PUBLISHED_TEXT) && state.body.contains(WITHHELD_TEXT));

    let other = app.browser_get(&mut fra, &path).await;
    assert_eq!(other.status, 404);
    assert!(!other.body.contains("Kenya"));
    let list = app.browser_get(&mut fra, "/reports?q=Kenya").await;
    assert_eq!(list.status, 200);
    assert!(!list.body.contains(&id));

    let page = app.browser_get(&mut coord, &path).await;
    assert!(page.body.contains("Who has read this report"));
    assert!(page.body.contains("fp@unodc.example.org"));
    assert!(page.body.contains("fp@ken.example.org"));
    assert!(
        !page.body.contains("fp@fra.example.org"),
        "refused reads are not readers"
    );
}

#[actix_web::test]
async fn only_coordinators_get_the_forms() {
    let app = spawn_app().await;
    let mut ken = browser(&app, "fp@ken.example.org", "KEN", Role::FocalPoint).await;
    let page = app.browser_get(&mut ken, "/reports/new").await;
    assert_eq!(page.status, 403);
    let dash = app.browser_get(&mut ken, "/").await;
    let res = post_new_report(
        &app,
        &mut ken,
        &dash.csrf_field(),
        &[("title", "x"), ("visit_date", "2025-01-01")],
    )
    .await;
    assert_eq!(res.status, 403);
    assert_eq!(app.browser_get(&mut ken, "/needs/new").await.status, 403);
    let count: i64 = reports::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0);
}

/// The options of the States filter (`<select id="f-state">`) of a list page.
fn state_filter(body: &str) -> &str {
    let start = body.find("id=\"f-state\"").expect("the States filter");
    let end = start + body[start..].find("</select>").expect("its end");
    &body[start..end]
}

#[actix_web::test]
async fn the_states_filter_marks_the_chosen_state_alone() {
    let app = spawn_app().await;
    let mut ken = browser(&app, "fp@ken.example.org", "KEN", Role::FocalPoint).await;
    for path in ["/reports", "/needs"] {
        let page = app
            .browser_get(&mut ken, &format!("{path}?member_state=KEN"))
            .await;
        assert_eq!(page.status, 200);
        let options = state_filter(&page.body);
        assert!(
            options.contains("<option value=\"KEN\" selected>"),
            "{path}"
        );
        assert_eq!(options.matches(" selected>").count(), 1, "{path}");
        assert!(options.contains("<option value=\"EGY\">"), "{path}");
        let page = app
            .browser_get(&mut ken, &format!("{path}?member_state=%22KEN"))
            .await;
        assert_eq!(state_filter(&page.body).matches(" selected").count(), 0);
    }
}

#[actix_web::test]
async fn a_bad_form_is_shown_again_with_the_reason_and_writes_nothing() {
    let app = spawn_app().await;
    let mut coord = browser(&app, "coord@cted.example.org", "CTED", Role::Coordinator).await;
    let form = app.browser_get(&mut coord, "/reports/new").await;
    let res = post_new_report(
        &app,
        &mut coord,
        &form.csrf_field(),
        &[
            ("title", "Kept title"),
            ("visit_date", "not a date"),
            ("heading_0", "Kept heading"),
            ("body_0", "Kept body"),
            ("consent_0", "published"),
        ],
    )
    .await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("role=\"alert\""));
    assert!(
        res.body.contains("Kept title") && res.body.contains("Kept body"),
        "what was typed is kept"
    );
    let count: i64 = reports::table.count().get_result(&mut app.conn()).unwrap();
    assert_eq!(count, 0);
}

#[actix_web::test]
async fn needs_pages_comments_and_export_follow_the_rules() {
    let app = spawn_app().await;
    let mut coord = browser(&app, "coord@cted.example.org", "CTED", Role::Coordinator).await;
    let mut unodc = browser(&app, "fp@unodc.example.org", "UNODC", Role::FocalPoint).await;
    let mut ken = browser(&app, "fp@ken.example.org", "KEN", Role::FocalPoint).await;
    let id = publish_through_forms(&app, &mut coord).await;
    let section = withheld_section(&app);
    let form = app
        .browser_get(
            &mut coord,
            &format!("/needs/new?report_id={id}&section_id={section}"),
        )
        .await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("value=\"KEN\" selected"),
        "the State comes from the report"
    );
    let need = (
        "Land border watch-list connectivity",
        "Connect land crossings to INTERPOL databases.",
    );
    let res = post_need(&app, &mut coord, &form.csrf_field(), (&id, &section), need).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let need_path = res.header("location").unwrap();

    let page = app.browser_get(&mut ken, &need_path).await;
    assert_eq!(page.status, 200);
    let res = app
        .browser_post(
            &mut ken,
            &format!("{need_path}/comments"),
            &[
                ("csrf_token", &page.csrf_field()),
                ("body", "We agree; <b>urgent</b>."),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = app.browser_get(&mut ken, &need_path).await;
    assert!(
        page.body
            .contains("We agree; &lt;b&gt;urgent&lt;&#x2F;b&gt;.")
            || page.body.contains("We agree; &lt;b&gt;urgent&lt;/b&gt;.")
    );

    assert_eq!(app.browser_get(&mut unodc, &need_path).await.status, 404);
    let list = app.browser_get(&mut unodc, "/needs").await;
    assert!(!list.body.contains("Land border watch-list"));
    let csv = app.browser_get(&mut unodc, "/needs/export.csv").await;
    assert_eq!(csv.status, 200);
    assert!(!csv.body.contains("Land border watch-list"));
    let csv = app
        .browser_get(&mut ken, "/needs/export.csv?priority=high")
        .await;
    assert!(csv.body.contains("Land border watch-list"));

    let page = app.browser_get(&mut coord, &need_path).await;
    let res = app
        .browser_post(
            &mut coord,
            &format!("{need_path}/edit"),
            &[
                ("csrf_token", &page.csrf_field()),
                ("status", "in_progress"),
                ("priority", "medium"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let status: String = needs::table
        .select(needs::status)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(status, "in_progress");
}

#[actix_web::test]
async fn dashboard_counts_go_through_the_same_policy() {
    let app = spawn_app().await;
    let mut coord = browser(&app, "coord@cted.example.org", "CTED", Role::Coordinator).await;
    let mut unodc = browser(&app, "fp@unodc.example.org", "UNODC", Role::FocalPoint).await;
    let mut fra = browser(&app, "fp@fra.example.org", "FRA", Role::FocalPoint).await;
    publish_through_forms(&app, &mut coord).await;
    let form = app.browser_get(&mut coord, "/reports/new").await;
    let res = post_new_report(
        &app,
        &mut coord,
        &form.csrf_field(),
        &[("title", "Draft"), ("visit_date", "2025-05-01")],
    )
    .await;
    assert_eq!(res.status, 303);
    let count = |body: &str| {
        body.split("id=\"report-count\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(count(&app.browser_get(&mut coord, "/").await.body), "2");
    assert_eq!(count(&app.browser_get(&mut unodc, "/").await.body), "1");
    assert_eq!(count(&app.browser_get(&mut fra, "/").await.body), "0");
}

/// The reports and needs lists write their rows in Rust (issue 19): what they print from the
/// data is escaped, the coordinator's status column and a restricted need's badge are there,
/// and a need from a withheld section stays out of an entity's list.
#[actix_web::test]
async fn list_rows_escape_their_text_and_show_status_and_restriction() {
    let app = spawn_app().await;
    let mut coord = browser(&app, "coord@cted.example.org", "CTED", Role::Coordinator).await;
    let mut unodc = browser(&app, "fp@unodc.example.org", "UNODC", Role::FocalPoint).await;
    let mut ken = browser(&app, "fp@ken.example.org", "KEN", Role::FocalPoint).await;
    let id = publish_through_forms(&app, &mut coord).await;
    let escaped_title = "Kenya &lt;script&gt;alert(1)&lt;&#x2F;script&gt; visit";

    let entity = app.browser_get(&mut unodc, "/reports").await;
    assert!(entity
        .body
        .contains(&format!("<a href=\"/reports/{id}\">{escaped_title}</a>")));
    assert!(!entity.body.contains("<script>alert(1)"));
    assert!(!entity.body.contains("badge status-"), "no status column");
    let coordinator = app.browser_get(&mut coord, "/reports").await;
    assert!(coordinator
        .body
        .contains("<span class=\"badge status-published\">Published</span>"));
    coord.lang_cookie = Some("fr".into());
    let french = app.browser_get(&mut coord, "/reports").await;
    let published = portal::i18n::text("fr", "status-published");
    assert!(french.body.contains(&format!(
        "<td data-label=\"{}\"><span class=\"badge status-published\">{published}</span>",
        portal::i18n::text("fr", "field-status")
    )));
    coord.lang_cookie = None;

    let section = withheld_section(&app);
    let form = app.browser_get(&mut coord, "/needs/new").await;
    let need = ("Watch <lists> & \"crossings\"", "Connect land crossings.");
    let res = post_need(&app, &mut coord, &form.csrf_field(), (&id, &section), need).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let need_id = res.header("location").unwrap().replace("/needs/", "");
    let state = app.browser_get(&mut ken, "/needs").await;
    assert!(state.body.contains(&format!(
        "<a href=\"/needs/{need_id}\">Watch &lt;lists&gt; &amp; &quot;crossings&quot;</a> \
         <span class=\"badge class-restricted\">"
    )));
    assert!(state
        .body
        .contains("<span class=\"badge priority-high\">High</span>"));
    let entity = app.browser_get(&mut unodc, "/needs").await;
    assert!(!entity.body.contains(&need_id));
    assert!(!entity.body.contains("Watch &lt;lists"));
}
