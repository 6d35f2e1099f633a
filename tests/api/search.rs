//! Search across everything (issue 15): the access rules are inside the search, so words that
//! only appear in forbidden places never give a result, a snippet, a count or a change of
//! ranking; writes are searchable at once, edits and deletions too; bad input gets results or
//! a clear 400, never a 500.

use serde_json::{json, Value};

use crate::consultations::{consultation, kenya_consultation};
use crate::documents::{upload, PDF};
use crate::helpers::{spawn_app, TestApp};
use crate::messaging::start_thread;
use crate::reports::{cast, Cast};

/// The search's answer for `token` (asserting 200).
async fn search(app: &TestApp, token: &str, query: &str) -> Value {
    let path = format!("/api/v1/search?{query}");
    app.get_ok(&path, token).await.json()
}

fn q(words: &str) -> String {
    format!("q={}", urlencoding(words))
}

fn urlencoding(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// (kind, id) of each item.
fn found(answer: &Value) -> Vec<(String, String)> {
    answer["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn total(answer: &Value) -> i64 {
    answer["counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_i64().unwrap())
        .sum()
}

/// Nothing at all: no item, every count zero, no cursor.
async fn assert_nothing(app: &TestApp, token: &str, words: &str) {
    let answer = search(app, token, &q(words)).await;
    assert!(found(&answer).is_empty(), "{words}: {answer}");
    assert_eq!(total(&answer), 0, "{words}: {answer}");
    assert!(answer["next_cursor"].is_null());
    assert_eq!(answer["counts"].as_object().unwrap().len(), 7);
}

async fn assert_finds(app: &TestApp, token: &str, words: &str, kind: &str, id: &str) -> Value {
    let answer = search(app, token, &q(words)).await;
    assert!(
        found(&answer).contains(&(kind.to_string(), id.to_string())),
        "{words}: {answer}"
    );
    answer
}

/// A KEN need written by the coordinator (its id).
async fn ken_need(app: &TestApp, c: &Cast, title: &str, description: &str) -> String {
    let body = json!({"member_state": "KEN", "title": title, "description": description,
        "thematic_area": "Criminal justice and rule of law", "priority": "low"});
    app.post_json_bearer("/api/v1/needs", &c.coordinator, &body)
        .await
        .assert_status(201)
        .field("id")
}

/// A published KEN report: summary and a published section with `published`, a withheld
/// section with `withheld`. Returns (report id, [published section id, withheld section id]).
async fn report_with(
    app: &TestApp,
    c: &Cast,
    published: &str,
    withheld: &str,
) -> (String, Vec<String>) {
    let body = json!({
        "member_state": "KEN",
        "title": "Kenya follow-up visit",
        "visit_date": "2025-03-01",
        "summary": "Follow-up on border management.",
        "sections": [
            {"heading": "Border", "body": format!("The {published} systems are rolled out."), "consent": "published"},
            {"heading": "Gaps", "body": format!("Secret: the {withheld} unit lacks staff."), "consent": "withheld"}
        ]
    });
    let created = app
        .post_json_bearer("/api/v1/reports", &c.coordinator, &body)
        .await
        .assert_status(201);
    let id = created.field("id");
    let sections = created.json()["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let publish = format!("/api/v1/reports/{id}/publish");
    app.post_json_bearer(&publish, &c.coordinator, &json!({}))
        .await
        .assert_status(200);
    (id, sections)
}

#[actix_web::test]
async fn withheld_sections_and_their_needs_are_found_only_by_those_who_see_them() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, sections) = report_with(&app, &c, "zorblax", "quennix").await;

    // The published section: entities, the State, coordinators; never another State.
    for token in [&c.unodc, &c.ken, &c.coordinator, &c.unoct_focal] {
        let answer = assert_finds(&app, token, "zorblax", "report", &report).await;
        assert!(answer["items"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>zorblax</mark>"));
        assert_eq!(answer["counts"]["report"], 1);
    }
    for token in [&c.fra, &c.ipu] {
        assert_nothing(&app, token, "zorblax").await;
    }
    // The withheld section: only the State and coordinators.
    for token in [&c.ken, &c.ken_observer, &c.coordinator, &c.admin] {
        assert_finds(&app, token, "quennix", "report", &report).await;
    }
    for token in [&c.unodc, &c.unoct_focal, &c.fra, &c.ipu] {
        assert_nothing(&app, token, "quennix").await;
        // Nor combined with a visible word, nor as a phrase, nor by kind.
        assert_nothing(&app, token, "zorblax quennix").await;
        assert_nothing(&app, token, "\"quennix unit\"").await;
        let by_kind = search(&app, token, &format!("{}&kind=report", q("quennix"))).await;
        assert!(found(&by_kind).is_empty());
    }
    // A snippet of a visible part never quotes the withheld one.
    let answer = search(&app, &c.unodc, &q("zorblax")).await;
    assert!(!answer.to_string().contains("quennix"), "{answer}");

    // A need drawn from the withheld section follows it.
    let need = app
        .post_json_bearer(
            "/api/v1/needs",
            &c.coordinator,
            &json!({"member_state": "KEN", "title": "Staff for the flumwick unit",
                "thematic_area": "Criminal justice and rule of law", "priority": "high",
                "report_id": report, "section_id": sections[1]}),
        )
        .await
        .assert_status(201)
        .field("id");
    for token in [&c.ken, &c.coordinator] {
        assert_finds(&app, token, "flumwick", "need", &need).await;
    }
    for token in [&c.unodc, &c.fra, &c.ipu, &c.unoct_focal] {
        assert_nothing(&app, token, "flumwick").await;
    }
}

#[actix_web::test]
async fn forbidden_words_change_no_ranking() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for (title, text) in [
        ("Brontax training", "brontax brontax kelpdrix"),
        ("Kelpdrix equipment", "kelpdrix brontax"),
    ] {
        let body = json!({"member_state": "KEN", "title": title, "description": text,
            "thematic_area": "Criminal justice and rule of law", "priority": "low"});
        app.post_json_bearer("/api/v1/needs", &c.coordinator, &body)
            .await
            .assert_status(201);
    }
    let query = format!("{}&limit=1", q("brontax kelpdrix"));
    let before = search(&app, &c.unodc, &query).await;
    assert_eq!(before["counts"]["need"], 2);
    assert!(before["next_cursor"].is_string());
    let second = format!("{query}&cursor={}", before["next_cursor"].as_str().unwrap());
    let before_second = search(&app, &c.unodc, &second).await;

    // Forbidden rows full of the same words: a withheld section, a confidential document.
    report_with(&app, &c, "harmless", "brontax kelpdrix brontax kelpdrix").await;
    let fields = [
        ("title", "Brontax kelpdrix brontax"),
        ("classification", "confidential"),
        ("access", "KEN"),
    ];
    upload(
        &app,
        &c.ken,
        "/api/v1/documents",
        &fields,
        Some(("brontax.pdf", PDF)),
    )
    .await
    .assert_status(201);

    assert_eq!(search(&app, &c.unodc, &query).await, before);
    assert_eq!(search(&app, &c.unodc, &second).await, before_second);
}

#[actix_web::test]
async fn documents_threads_projects_and_plans_follow_their_rules() {
    let app = spawn_app().await;
    let c = cast(&app).await;

    // A confidential document shared with nobody but its owner: not even coordinators.
    let fields = [
        ("title", "Mordax notes"),
        ("description", "About the sprindex programme."),
        ("classification", "confidential"),
        ("access", "UNODC"),
    ];
    let document = upload(
        &app,
        &c.unodc,
        "/api/v1/documents",
        &fields,
        Some(("glimbert.pdf", PDF)),
    )
    .await
    .assert_status(201)
    .field("id");
    for words in ["mordax", "sprindex", "glimbert"] {
        assert_finds(&app, &c.unodc, words, "document", &document).await;
        for token in [&c.coordinator, &c.admin, &c.ken, &c.unoct_focal] {
            assert_nothing(&app, token, words).await;
        }
    }

    // A thread between KEN and FRA: only they find it, administrators included.
    let thread = start_thread(
        &app,
        &c.ken,
        json!({"subject": "Plindex arrangements", "to_users": ["fp@fra.example.org"],
            "body": "The vortigan meeting is moved."}),
    )
    .await;
    for words in ["plindex", "vortigan"] {
        for token in [&c.ken, &c.fra] {
            assert_finds(&app, token, words, "thread", &thread).await;
        }
        for token in [&c.admin, &c.coordinator, &c.unodc, &c.ken_observer] {
            assert_nothing(&app, token, words).await;
        }
    }

    // A compact project: entities and coordinator offices, never a State's focal point.
    let mut project = crate::projects::body("Trendax project");
    project["visibility"] = json!("compact");
    let project = crate::projects::create(&app, &c.unodc, &project).await;
    for token in [&c.unodc, &c.unoct_focal, &c.coordinator] {
        assert_finds(&app, token, "trendax", "project", &project).await;
    }
    for token in [&c.ken, &c.fra, &c.ken_observer] {
        assert_nothing(&app, token, "trendax").await;
    }

    // A withheld consultation's plan: the State and coordinators only.
    let mut body = kenya_consultation("withheld");
    body["measures"][0]["recommendation"] = json!("Connect every snorvax carrier.");
    let created = consultation(&app, &c, &body, true).await;
    for token in [&c.ken, &c.coordinator] {
        assert_finds(&app, token, "snorvax", "plan", &created.plan_id).await;
    }
    for token in [&c.unodc, &c.fra, &c.unoct_focal, &c.ipu] {
        assert_nothing(&app, token, "snorvax").await;
    }
}

#[actix_web::test]
async fn writes_edits_and_deletions_are_searchable_at_once() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let need = ken_need(
        &app,
        &c,
        "Blarnix vetting",
        "Vetting of <script>alert(1)</script> officers.",
    )
    .await;
    let answer = assert_finds(&app, &c.ken, "blarnix", "need", &need).await;
    assert_eq!(answer["items"][0]["url"], format!("/needs/{need}"));
    assert_eq!(answer["items"][0]["title"], "Blarnix vetting");
    let escaped = assert_finds(&app, &c.ken, "officers vetting", "need", &need).await;
    let snippet = escaped["items"][0]["snippet"].as_str().unwrap();
    assert!(!snippet.contains("<script>"), "{snippet}");
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");

    let path = format!("/api/v1/needs/{need}");
    app.patch_bearer(&path, &c.coordinator, &json!({"title": "Quorvex vetting"}))
        .await
        .assert_status(200);
    assert_nothing(&app, &c.ken, "blarnix").await;
    assert_finds(&app, &c.ken, "quorvex", "need", &need).await;

    // A section taken out of a report is no longer found.
    let (report, sections) = report_with(&app, &c, "wendrix", "tolvane").await;
    assert_finds(&app, &c.ken, "tolvane", "report", &report).await;
    let path = format!("/api/v1/reports/{report}");
    let keep = json!({"sections": [{"id": sections[0], "heading": "Border",
        "body": "The wendrix systems are rolled out.", "consent": "published"}]});
    app.patch_bearer(&path, &c.coordinator, &keep)
        .await
        .assert_status(200);
    assert_nothing(&app, &c.ken, "tolvane").await;
    assert_finds(&app, &c.ken, "wendrix", "report", &report).await;

    // Phrases: the words in that order only.
    assert_finds(&app, &c.ken, "\"wendrix systems\"", "report", &report).await;
    assert_nothing(&app, &c.ken, "\"systems wendrix\"").await;
}

#[actix_web::test]
async fn bad_input_gets_results_or_a_clear_400() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    report_with(&app, &c, "near", "hidden").await;
    let long = "border ".repeat(3000);
    let results = [
        "NEAR(",
        "NEAR(border control, 2)",
        "border*",
        "\"border",
        "border\"",
        ":*border",
        "border:*",
        "border & control",
        "!border",
        "(border",
        "border)",
        "a\"b\"c border",
        "border\u{0}control",
        "\u{0}\u{0}border",
        &long,
        "'border'",
        "border AND OR NOT",
        "-border",
        "^border",
        "{border}",
        "col:border",
        "title:border",
        "+border",
    ];
    for words in results {
        let path = format!("/api/v1/search?{}", q(words));
        let page = app.get_bearer(&path, &c.ken).await;
        assert_eq!(page.status, 200, "{words:?}: {}", page.body);
    }
    let refused = [
        "", "ab", "a b", "*", "\"", ":*", "&", "!", "(", "NE", "\u{0}", "\"\"", "!!!",
    ];
    for words in refused {
        let path = format!("/api/v1/search?{}", q(words));
        let page = app.get_bearer(&path, &c.ken).await;
        assert_eq!(page.status, 400, "{words:?}: {}", page.body);
        assert_eq!(page.error_code(), "query_too_short", "{words:?}");
    }
    let page = app.get_bearer("/api/v1/search", &c.ken).await;
    assert_eq!(page.error_code(), "query_too_short");
    for query in [
        format!("{}&kind=nothing", q("border")),
        format!("{}&cursor=!!!", q("border")),
        format!("{}&cursor=eyJ4IjoxfQ", q("border")),
        format!("{}&unknown=1", q("border")),
    ] {
        let page = app
            .get_bearer(&format!("/api/v1/search?{query}"), &c.ken)
            .await;
        assert_eq!(page.status, 400, "{query}: {}", page.body);
    }
    // Signed out: 401.
    let page = app.get(&format!("/api/v1/search?{}", q("border"))).await;
    assert_eq!(page.status, 401);
}

#[actix_web::test]
async fn the_search_page_shows_results_counts_and_refusals() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, _) = report_with(&app, &c, "grimbold", "hushwort").await;
    let mut browser = app
        .browser_login("fp@unodc.example.org", crate::helpers::PASSWORD)
        .await;
    let page = app
        .browser_get(&mut browser, &format!("/search?{}", q("grimbold")))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&format!("/reports/{report}")));
    assert!(page.body.contains("<mark>grimbold</mark>"));
    assert!(page.body.contains("id=\"header-search\""));
    let hidden = app
        .browser_get(&mut browser, &format!("/search?{}", q("hushwort")))
        .await;
    assert_eq!(hidden.status, 200);
    assert!(!hidden.body.contains(&format!("/reports/{report}")));
    let short = app.browser_get(&mut browser, "/search?q=ab").await;
    assert_eq!(short.status, 400);
    assert!(short.body.contains("at least three letters"));
    let empty = app.browser_get(&mut browser, "/search").await;
    assert_eq!(empty.status, 200);
}

#[actix_web::test]
async fn french_and_english_words_are_found_in_their_other_forms() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let need = ken_need(
        &app,
        &c,
        "Renforcement des contrôles aux frontières terrestres",
        "Formation des agents chargés du financement des enquêtes.",
    )
    .await;
    // French plurals, accents typed or not, and another word of the same stem.
    for words in [
        "frontière",
        "frontiere controle",
        "renforcer les contrôles",
        "financer enquête",
        "agent formation",
    ] {
        assert_finds(&app, &c.ken, words, "need", &need).await;
    }
    // English stems as before.
    let english = ken_need(
        &app,
        &c,
        "Screening travellers at borders",
        "Passenger data systems.",
    )
    .await;
    assert_finds(&app, &c.ken, "border screened", "need", &english).await;
    assert_nothing(&app, &c.ken, "frontalier zorblax").await;
}

/// Best first: the words in a title weigh more than in a description, more of them more than
/// fewer; the pages follow that order with no hit twice or left out.
#[actix_web::test]
async fn results_come_best_first_and_page_in_that_order() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let body_once = ken_need(&app, &c, "Border posts", "one zorvendal mention").await;
    let title = ken_need(&app, &c, "Zorvendal checkpoints", "nothing else").await;
    let body_twice = ken_need(&app, &c, "Ports", "zorvendal here and zorvendal there").await;
    let query = format!("{}&kind=need&limit=1", q("zorvendal"));
    let mut order = Vec::new();
    let mut answer = search(&app, &c.unodc, &query).await;
    loop {
        order.extend(found(&answer).into_iter().map(|(_, id)| id));
        let Some(cursor) = answer["next_cursor"].as_str() else {
            break;
        };
        answer = search(&app, &c.unodc, &format!("{query}&cursor={cursor}")).await;
    }
    assert_eq!(order, [title, body_twice, body_once]);
}
