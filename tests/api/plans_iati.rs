//! The IATI results export (`/api/v1/plans/{id}/iati.xml`, `/api/v1/programmes/{code}/iati.xml`):
//! every file validated against the IATI 2.03 schema with `xmllint` (tests/fixtures/iati/),
//! the rules the schema does not check (the identifier's prefix, a start date, each period
//! starting before it ends, a `@value` for every measure but qualitative ones), validated
//! values only, and only the plans the caller may see.

use std::io::Write;
use std::process::{Command, Stdio};

use diesel::prelude::*;
use portal::db::schema::audit_log;
use serde_json::{json, Value};

use crate::consultations::{consultation, kenya_consultation, Created};
use crate::helpers::{spawn_app, TestApp};
use crate::reports::{cast, Cast};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/iati/iati-activities-schema.xsd"
);

/// Runs xmllint on `xml` (given on stdin) with `args`; its output, or a panic with its errors.
fn xmllint(xml: &str, args: &[&str]) -> String {
    let mut child = Command::new("xmllint")
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xmllint (Debian package libxml2-utils; .ci/run installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "xmllint {args:?}: {stderr}\n{xml}");
    String::from_utf8(out.stdout).unwrap()
}

/// An XPath 1.0 number or string over the file.
fn xpath(xml: &str, expression: &str) -> String {
    xmllint(xml, &["--xpath", expression]).trim().to_string()
}

/// Checks `xml` against the schema and the rules the schema leaves out; the number of
/// activities.
fn check_iati(xml: &str) -> usize {
    xmllint(xml, &["--noout", "--schema", SCHEMA]);
    let rules = [
        (
            "the identifier starts with the reporting organisation's ref and a hyphen",
            "count(//iati-activity[not(starts-with(iati-identifier, concat(reporting-org/@ref, '-')))])",
        ),
        (
            "every activity has a start date",
            "count(//iati-activity[not(activity-date[@type='1' or @type='2'])])",
        ),
        (
            "every period starts before it ends",
            "count(//period[not(number(translate(period-start/@iso-date, '-', '')) < number(translate(period-end/@iso-date, '-', '')))])",
        ),
        (
            "every measure but qualitative ones has its values",
            "count(//indicator[@measure!='5']/baseline[not(@value)] | //indicator[@measure!='5']/period/target[not(@value)] | //indicator[@measure!='5']/period/actual[not(@value)])",
        ),
    ];
    for (rule, expression) in rules {
        assert_eq!(xpath(xml, expression), "0", "{rule}\n{xml}");
    }
    // The tests run with the default PORTAL_IATI_ORG_REF.
    assert_eq!(xpath(xml, "count(//reporting-org[@ref!='XX-PORTAL'])"), "0");
    xpath(xml, "count(//iati-activity)").parse().unwrap()
}

fn plan_path(created: &Created) -> String {
    format!("/api/v1/plans/{}/iati.xml", created.plan_id)
}

const PROGRAMME: &str = "/api/v1/programmes/CT-TRAVEL/iati.xml";

async fn export(app: &TestApp, path: &str, token: &str) -> String {
    let page = app.get_ok(path, token).await;
    let kind = page.headers.get("content-type").unwrap().to_str().unwrap();
    assert!(kind.starts_with("application/xml"), "{kind}");
    page.body
}

/// Reports `value` on `on` for measure `index` as the State, then validates it when asked.
async fn progress(
    app: &TestApp,
    c: &Cast,
    created: &Created,
    index: usize,
    value: Value,
    on: &str,
    validate: bool,
) {
    let plan = app
        .get_ok(
            &format!("/api/v1/plans/{}", created.plan_id),
            &c.coordinator,
        )
        .await
        .json();
    let measure = plan["measures"][index]["id"].as_str().unwrap().to_string();
    let path = format!(
        "/api/v1/plans/{}/measures/{measure}/progress",
        created.plan_id
    );
    let reported = app
        .post_json_bearer(&path, &c.ken, &json!({"value": value, "on": on}))
        .await
        .assert_status(201);
    if validate {
        app.patch_bearer(
            &format!("{path}/{}", reported.field("id")),
            &c.coordinator,
            &json!({"decision": "validated"}),
        )
        .await
        .assert_status(200);
    }
}

#[actix_web::test]
async fn a_plan_exports_as_a_valid_iati_activity_with_validated_values_only() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut body = kenya_consultation("published");
    // Markup in free text is escaped, never markup in the file.
    body["situation"] = json!("Carriers <b>& \"ports\"</b> connected");
    let created = consultation(&app, &c, &body, true).await;
    // Before any value: baseline and targets, no actual.
    let before = export(&app, &plan_path(&created), &c.coordinator).await;
    assert_eq!(check_iati(&before), 1);
    assert_eq!(xpath(&before, "count(//actual)"), "0");

    progress(&app, &c, &created, 0, json!(40), "2025-01-01", true).await;
    progress(&app, &c, &created, 0, json!(77), "2025-02-01", false).await;
    progress(
        &app,
        &c,
        &created,
        1,
        json!("Connected"),
        "2025-06-01",
        true,
    )
    .await;

    for token in [&c.coordinator, &c.ken, &c.unodc] {
        let xml = export(&app, &plan_path(&created), token).await;
        assert_eq!(check_iati(&xml), 1);
        let s = |e: &str| xpath(&xml, &format!("string({e})"));
        assert_eq!(
            s("//iati-identifier"),
            format!("XX-PORTAL-{}", created.plan_id)
        );
        assert_eq!(s("//recipient-country/@code"), "KE");
        assert_eq!(s("//activity-date[@type='2']/@iso-date"), "2024-03-01");
        assert_eq!(s("//activity-status/@code"), "2");
        assert_eq!(s("//title/narrative[@xml:lang='fr']/@xml:lang"), "fr");
        assert_eq!(
            s("//iati-activity/description/narrative"),
            "Carriers <b>& \"ports\"</b> connected"
        );
        assert_eq!(s("//sector/@vocabulary"), "99");
        assert!(s("//sector/@vocabulary-uri").ends_with("/api/v1/thematic-areas"));
        assert_eq!(
            s("//sector/@code"),
            "border-management-and-terrorist-travel"
        );
        assert_eq!(xpath(&xml, "count(//result)"), "2");
        assert_eq!(s("//indicator[1]/@measure"), "2");
        assert_eq!(s("//result[1]/indicator/@ascending"), "1");
        assert_eq!(s("//result[1]//baseline/@year"), "2020");
        assert_eq!(s("//result[1]//baseline/@iso-date"), "2020-01-01");
        assert_eq!(s("//result[1]//baseline/@value"), "10");
        assert_eq!(s("//result[2]/indicator/@measure"), "5");
        // 2020-01-01 to 2030-01-01: eleven calendar-year periods (the last is one day long
        // and joins 2029); the target at the end of 2024 on the path from 10 to 90.
        assert_eq!(xpath(&xml, "count(//result[1]//period)"), "10");
        assert_eq!(
            s("//result[1]//period[period-end/@iso-date='2030-01-01']/target/@value"),
            "90"
        );
        // Only the validated value of 2025 is the actual; the pending 77 is nowhere.
        assert_eq!(
            s("//result[1]//period[period-start/@iso-date='2025-01-01']/actual/@value"),
            "40"
        );
        assert_eq!(xpath(&xml, "count(//result[1]//actual)"), "1");
        assert_eq!(xpath(&xml, "count(//*[@value='77'])"), "0");
        assert_eq!(s("//result[2]//actual/comment/narrative"), "Connected");
    }
    let exports: i64 = audit_log::table
        .filter(audit_log::action.eq("plan.export_iati"))
        .filter(audit_log::outcome.eq("success"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(exports, 4);
}

#[actix_web::test]
async fn the_exports_give_only_what_the_caller_may_see() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let shared = consultation(&app, &c, &kenya_consultation("published"), true).await;
    let withheld = consultation(&app, &c, &kenya_consultation("withheld"), true).await;
    let draft = consultation(&app, &c, &kenya_consultation("published"), false).await;
    let mut fra_body = kenya_consultation("published");
    fra_body["member_state"] = json!("FRA");
    let fra = consultation(&app, &c, &fra_body, true).await;

    // One plan: another State, an entity on a withheld plan, anyone but coordinators on a
    // draft, an unknown id: 404 alike.
    for (created, token) in [
        (&shared, &c.fra),
        (&withheld, &c.unodc),
        (&withheld, &c.fra),
        (&withheld, &c.ipu),
        (&draft, &c.ken),
        (&draft, &c.unodc),
    ] {
        let page = app.get_bearer(&plan_path(created), token).await;
        assert_eq!(page.status, 404, "{}", page.body);
        assert!(!page.body.contains("iati-activity"));
    }
    let missing = app
        .get_bearer("/api/v1/plans/no-such-plan/iati.xml", &c.coordinator)
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        check_iati(&export(&app, &plan_path(&withheld), &c.ken).await),
        1
    );

    // The programme: each caller's file lists exactly the plans they may see.
    let ids = |xml: &str| -> Vec<String> {
        let n: usize = xpath(xml, "count(//iati-activity)").parse().unwrap();
        let mut ids: Vec<String> = (1..=n)
            .map(|i| {
                xpath(
                    xml,
                    &format!("string(//iati-activity[{i}]/iati-identifier)"),
                )
                .trim_start_matches("XX-PORTAL-")
                .to_string()
            })
            .collect();
        ids.sort();
        ids
    };
    let sorted = |list: &[&Created]| -> Vec<String> {
        let mut ids: Vec<String> = list.iter().map(|c| c.plan_id.clone()).collect();
        ids.sort();
        ids
    };
    for (token, expected) in [
        (&c.coordinator, sorted(&[&shared, &withheld, &draft, &fra])),
        (&c.ken, sorted(&[&shared, &withheld])),
        (&c.fra, sorted(&[&fra])),
        (&c.unodc, sorted(&[&shared, &fra])),
    ] {
        let xml = export(&app, PROGRAMME, token).await;
        assert_eq!(check_iati(&xml), expected.len());
        assert_eq!(ids(&xml), expected);
    }
    // An observer organisation sees none: 404, like an unknown programme.
    for (path, token) in [
        (PROGRAMME, &c.ipu),
        ("/api/v1/programmes/NO-SUCH/iati.xml", &c.coordinator),
        ("/api/v1/programmes/SALW-NEXUS/iati.xml", &c.coordinator),
    ] {
        let page = app.get_bearer(path, token).await;
        assert_eq!(page.status, 404, "{path}: {}", page.body);
    }
    // Refusals are audited too.
    let denied: i64 = audit_log::table
        .filter(audit_log::action.eq("plan.export_iati"))
        .filter(audit_log::outcome.eq("denied"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(denied, 7);
    // Signed out: nothing.
    assert_eq!(app.get(&plan_path(&shared)).await.status, 401);
}

#[actix_web::test]
async fn the_plan_page_links_its_export() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let created = consultation(&app, &c, &kenya_consultation("published"), true).await;
    let mut unodc = app
        .browser_of(
            "fp2@unodc.example.org",
            "UNODC",
            portal::domain::Role::FocalPoint,
        )
        .await;
    let page = app
        .browser_get(&mut unodc, &format!("/plans/{}", created.plan_id))
        .await;
    assert_eq!(page.status, 200);
    let link = format!("/plans/{}/iati.xml", created.plan_id);
    assert!(
        page.body.contains(&link),
        "the plan page links its IATI file"
    );
    // The link works in the browser's session, and refuses what the API refuses.
    let file = app.browser_get(&mut unodc, &link).await;
    assert_eq!(file.status, 200, "{}", file.body);
    assert_eq!(check_iati(&file.body), 1);
    let withheld = consultation(&app, &c, &kenya_consultation("withheld"), true).await;
    let refused = app
        .browser_get(&mut unodc, &format!("/plans/{}/iati.xml", withheld.plan_id))
        .await;
    assert_eq!(refused.status, 404);
    assert!(!refused.body.contains("iati-activity"));
}
