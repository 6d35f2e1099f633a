//! A page per Member State (issue 15): everything the viewer may see about one State, and
//! nothing more: another State's focal point never sees a withheld section's needs, a withheld
//! consultation's plan or a `compact` project; unknown codes are not found.

use crate::consultations::{consultation, kenya_consultation, WITHHELD_INDICATOR};
use crate::dashboard::{
    create_project, needs_of_two_states, project, Browsers, COORD, FRA, KEN, OPEN_NEED, UNODC,
    WITHHELD_NEED,
};
use crate::documents::upload;
use crate::helpers::spawn_app;
use crate::reports::cast;

/// The figure shown with `id` on a page.
fn figure(body: &str, id: &str) -> Option<String> {
    let rest = &body[body.find(&format!("id=\"{id}\">"))?..];
    let start = rest.find('>')? + 1;
    Some(rest[start..start + rest[start..].find('<')?].to_string())
}

#[actix_web::test]
async fn unknown_codes_are_not_found_and_any_case_leads_to_the_canonical_page() {
    let app = spawn_app().await;
    cast(&app).await;
    let mut b = Browsers::default();
    for path in [
        "/states/XXX",
        "/states/KE",
        "/states/KENY",
        "/states/UNO",
        "/states/K%20N",
    ] {
        let page = b.page(&app, KEN, path).await;
        assert_eq!(page.status, 404, "{path}");
    }
    // An organisation that is not a Member State has no State page.
    assert_eq!(b.page(&app, KEN, "/states/IPU").await.status, 404);
    let lower = b.page(&app, UNODC, "/states/ken").await;
    assert_eq!(lower.status, 301);
    assert_eq!(lower.header("location").as_deref(), Some("/states/KEN"));
    let page = b.page(&app, UNODC, "/states/KEN").await.assert_status(200);
    assert!(page.body.contains("<h1>Kenya"), "{}", page.body);
    // Signed out: to the sign-in page, like every page.
    assert_ne!(app.get("/states/KEN").await.status, 200);
    // A State's users land on their own page; others on the index.
    let mine = b.page(&app, KEN, "/states/mine").await;
    assert_eq!(mine.status, 303);
    assert_eq!(mine.header("location").as_deref(), Some("/states/KEN"));
    let mine = b.page(&app, UNODC, "/states/mine").await;
    assert_eq!(mine.header("location").as_deref(), Some("/states"));
    let index = b.page(&app, UNODC, "/states").await.assert_status(200);
    assert!(index.body.contains("href=\"/states/KEN\""));
    assert!(index.body.contains("href=\"/states/FRA\""));
}

#[actix_web::test]
async fn another_state_sees_only_what_the_rules_let_it() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut b = Browsers::default();
    needs_of_two_states(&app, &c).await;
    create_project(
        &app,
        &c.unodc,
        &project("Compact only training", "compact", &["KEN"]),
    )
    .await;
    create_project(
        &app,
        &c.unodc,
        &project("Open training", "platform", &["KEN"]),
    )
    .await;
    create_project(&app, &c.unodc, &project("Global training", "platform", &[])).await;
    // A published consultation whose State withheld its consent: Kenya and coordinators only.
    let plan = consultation(&app, &c, &kenya_consultation("withheld"), true).await;

    // Two needs of the report, one drawn from the withheld consultation's measure.
    let ken = b.page(&app, KEN, "/states/KEN").await.assert_status(200);
    assert_eq!(figure(&ken.body, "need-total").as_deref(), Some("3"));
    assert!(ken.body.contains(WITHHELD_NEED) && ken.body.contains(OPEN_NEED));
    assert!(ken
        .body
        .contains(&format!("href=\"/plans/{}\"", plan.plan_id)));
    assert!(ken.body.contains("Open training") && ken.body.contains("Global training"));
    assert!(ken.body.contains("applies-global"));
    assert!(
        !ken.body.contains("Compact only training"),
        "a State sees a compact project"
    );
    assert!(ken.body.contains("your State"));

    let unodc = b.page(&app, UNODC, "/states/KEN").await.assert_status(200);
    assert_eq!(figure(&unodc.body, "need-total").as_deref(), Some("1"));
    assert!(!unodc.body.contains(WITHHELD_NEED));
    assert!(
        !unodc.body.contains(&plan.plan_id),
        "a withheld consultation's plan"
    );
    assert!(unodc.body.contains("Compact only training"));
    assert!(
        unodc.body.contains("UNODC"),
        "the organisations active there"
    );

    let fra = b.page(&app, FRA, "/states/KEN").await.assert_status(200);
    assert_eq!(figure(&fra.body, "need-total"), None);
    for hidden in [
        WITHHELD_NEED,
        OPEN_NEED,
        "Compact only training",
        WITHHELD_INDICATOR,
        plan.plan_id.as_str(),
        "Kenya assessment visit",
    ] {
        assert!(!fra.body.contains(hidden), "FRA sees {hidden}");
    }
    assert!(fra.body.contains("Open training"));
    assert!(!fra.body.contains("your State"));
    // The coordinator sees everything, the plan's measures counted by status.
    let coord = b.page(&app, COORD, "/states/KEN").await.assert_status(200);
    assert_eq!(figure(&coord.body, "need-total").as_deref(), Some("3"));
    assert!(coord.body.contains(&plan.plan_id));
    assert!(coord.body.contains("Not started: 2"), "{}", coord.body);
}

#[actix_web::test]
async fn documents_about_a_state_follow_their_access_lists() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mut b = Browsers::default();
    let (open, withheld) = needs_of_two_states(&app, &c).await;
    for (title, access, need) in [
        ("Notes for entities", "all_compact_entities", &open),
        ("Notes for Kenya", "KEN", &withheld),
    ] {
        let fields = [
            ("title", title),
            ("classification", "restricted"),
            ("access", access),
            ("need_id", need.as_str()),
        ];
        let res = upload(
            &app,
            &c.coordinator,
            "/api/v1/documents",
            &fields,
            Some(("n.txt", b"x")),
        )
        .await;
        assert_eq!(res.status, 201, "{}", res.body);
    }
    let ken = b.page(&app, KEN, "/states/KEN").await.assert_status(200);
    assert!(ken.body.contains("Notes for Kenya"));
    assert!(!ken.body.contains("Notes for entities"));
    let unodc = b.page(&app, UNODC, "/states/KEN").await.assert_status(200);
    assert!(unodc.body.contains("Notes for entities"));
    assert!(!unodc.body.contains("Notes for Kenya"));
    let fra = b.page(&app, FRA, "/states/KEN").await.assert_status(200);
    assert!(!fra.body.contains("Notes for"));
}

#[actix_web::test]
async fn names_and_empty_states_in_english_and_french() {
    let app = spawn_app().await;
    cast(&app).await;
    let mut b = Browsers::default();
    let page = b.page(&app, FRA, "/states/CIV").await.assert_status(200);
    assert!(page
        .body
        .contains("No visit report about this State that you may read."));
    assert!(page
        .body
        .contains("No upcoming activity in this State that you may see."));
    let french = b.french(&app, FRA, "/states/DEU").await;
    assert_eq!(french.status, 200);
    assert!(french.body.contains("<h1>Allemagne"), "{}", french.body);
    assert!(french
        .body
        .contains("Aucun plan de mise en œuvre de cet État"));
    let index = b.french(&app, FRA, "/states").await;
    assert!(index.body.contains("Allemagne"));
}
