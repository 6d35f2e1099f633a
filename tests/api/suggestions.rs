//! Suggestions (issue 12): projects for a need and needs for a project, ranked with reasons,
//! never naming what the caller may not see, leaving out matched and dismissed pairs; and
//! dismissals, by the project's organisation, the need's State or a coordinator only.

use diesel::prelude::*;
use portal::db::schema::{audit_log, suggestion_dismissals};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, PASSWORD};
use crate::projects::{body as project_body, create as create_project};
use crate::reports::{cast, published_report, Cast};

const BORDER: &str = "Border management and terrorist travel";
const FINANCE: &str = "Countering the financing of terrorism";

struct World {
    app: TestApp,
    c: Cast,
    /// A published KEN need about land border control.
    need: String,
    /// A KEN need from a withheld section: coordinators and KEN only.
    withheld: String,
    /// UNODC, for KEN, same area, text close to the need's.
    close: String,
    /// UNODC, global, same area, unrelated text.
    global: String,
    /// UNODC, for KEN, another thematic area.
    other_area: String,
    /// UNODC, for KEN, same area, Compact entities and coordinator offices only.
    compact: String,
    /// UNODC, for KEN, same area, completed.
    completed: String,
}

fn project(title: &str, description: &str, changes: Value) -> Value {
    let mut body = project_body(title);
    body["description"] = json!(description);
    body["ends_on"] = json!("2030-12-31");
    for (key, value) in changes.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

async fn need(app: &TestApp, token: &str, body: Value) -> String {
    let page = app.post_json_bearer("/api/v1/needs", token, &body).await;
    page.assert_status(201).field("id")
}

async fn world() -> World {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let (report, sections) = published_report(&app, &c.coordinator).await;
    let border_need = |section: &str| {
        json!({"member_state": "KEN", "title": "Border control at land crossings",
            "description": "Training border guards at land border crossings and screening travellers against watch-lists.",
            "thematic_area": BORDER, "priority": "high", "report_id": report, "section_id": section})
    };
    let need_id = need(&app, &c.coordinator, border_need(&sections[0])).await;
    let withheld = need(&app, &c.coordinator, border_need(&sections[1])).await;
    let close = project(
        "Border guard training for land crossings",
        "Training border guards and screening travellers at land border crossings.",
        json!({}),
    );
    let global = project(
        "Aviation security oversight",
        "Audits of airport security programmes.",
        json!({"member_states": [], "programme": null}),
    );
    let other_area = project(
        "Financial intelligence mentoring",
        "Border guards training on cash couriers.",
        json!({"thematic_areas": [FINANCE], "programme": "CFT"}),
    );
    let compact = project(
        "Unannounced border pilot",
        "Training border guards at land border crossings.",
        json!({"visibility": "compact"}),
    );
    let completed = project(
        "Past border guard training",
        "Training border guards at land border crossings.",
        json!({"status": "completed", "ends_on": "2026-06-30"}),
    );
    let mut ids = Vec::new();
    for body in [close, global, other_area, compact, completed] {
        ids.push(create_project(&app, &c.unodc, &body).await);
    }
    let mut ids = ids.into_iter();
    World {
        app,
        c,
        need: need_id,
        withheld,
        close: ids.next().unwrap(),
        global: ids.next().unwrap(),
        other_area: ids.next().unwrap(),
        compact: ids.next().unwrap(),
        completed: ids.next().unwrap(),
    }
}

impl World {
    async fn suggested(&self, path: &str, token: &str) -> Vec<Value> {
        self.app.get_ok(path, token).await.items()
    }

    async fn projects_for(&self, need: &str, token: &str) -> Vec<String> {
        let path = format!("/api/v1/needs/{need}/suggestions");
        let items = self.suggested(&path, token).await;
        items.iter().map(|i| text(&i["project_id"])).collect()
    }

    async fn needs_for(&self, project: &str, token: &str) -> Vec<String> {
        let path = format!("/api/v1/projects/{project}/suggestions");
        let items = self.suggested(&path, token).await;
        items.iter().map(|i| text(&i["need_id"])).collect()
    }

    async fn dismiss(&self, token: &str, need: &str, project: &str, reason: &str) -> u16 {
        let body = json!({"need_id": need, "project_id": project, "reason": reason});
        let page = self
            .app
            .post_json_bearer("/api/v1/suggestions/dismissals", token, &body)
            .await;
        page.status
    }

    /// (dismissals, audit entries): what a refused dismissal must leave as it was.
    fn counts(&self) -> (i64, i64) {
        let mut conn = self.app.conn();
        (
            suggestion_dismissals::table
                .count()
                .get_result(&mut conn)
                .unwrap(),
            audit_log::table.count().get_result(&mut conn).unwrap(),
        )
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn kinds(item: &Value) -> Vec<String> {
    item["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| text(&r["kind"]))
        .collect()
}

#[actix_web::test]
async fn the_closest_project_ranks_first_with_its_reasons() {
    let w = world().await;
    let path = format!("/api/v1/needs/{}/suggestions", w.need);
    let items = w.suggested(&path, &w.c.coordinator).await;
    let ids: Vec<String> = items.iter().map(|i| text(&i["project_id"])).collect();
    assert_eq!(ids[0], w.close, "{items:?}");
    assert!(
        ids.contains(&w.global) && ids.contains(&w.compact),
        "{ids:?}"
    );
    assert!(!ids.contains(&w.other_area), "another thematic area");
    assert!(
        !ids.contains(&w.completed),
        "a completed project takes no match"
    );
    let first = &items[0];
    assert_eq!(first["title"], "Border guard training for land crossings");
    for kind in ["same_state", "text", "thematic_areas", "dates", "programme"] {
        assert!(kinds(first).contains(&kind.to_string()), "{first}");
    }
    let words = first["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "text")
        .unwrap()["words"]
        .clone();
    assert!(
        words.as_array().unwrap().contains(&json!("border")),
        "{words}"
    );
    let global = items.iter().find(|i| i["project_id"] == w.global).unwrap();
    assert!(kinds(global).contains(&"global".to_string()));
    let scores: Vec<f64> = items.iter().map(|i| i["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|p| p[0] >= p[1]), "{scores:?}");
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
    assert!(scores[0] > global["score"].as_f64().unwrap());

    // From the project's side, the need comes back with the same reasons.
    let path = format!("/api/v1/projects/{}/suggestions", w.close);
    let items = w.suggested(&path, &w.c.coordinator).await;
    // The coordinator sees both needs (the same text): they tie at the top.
    let top: Vec<String> = items[..2].iter().map(|i| text(&i["need_id"])).collect();
    assert!(
        top.contains(&w.need) && top.contains(&w.withheld),
        "{items:?}"
    );
    assert_eq!(items[0]["score"], items[1]["score"]);
    assert_eq!(items[0]["member_state"], "KEN");
    assert!(kinds(&items[0]).contains(&"same_state".to_string()));
    // A completed project suggests nothing.
    assert!(w.needs_for(&w.completed, &w.c.coordinator).await.is_empty());
}

#[actix_web::test]
async fn suggestions_never_name_what_the_caller_may_not_see() {
    let w = world().await;
    let c = &w.c;
    // A compact-only project is never suggested to a State, even for its own need.
    let for_ken = w.projects_for(&w.need, &c.ken).await;
    assert!(for_ken.contains(&w.close), "{for_ken:?}");
    assert!(!for_ken.contains(&w.compact), "{for_ken:?}");
    assert!(w.projects_for(&w.need, &c.unodc).await.contains(&w.compact));
    assert!(!w
        .projects_for(&w.withheld, &c.ken)
        .await
        .contains(&w.compact));
    // Observers see suggestions for what they see (read-only).
    assert!(!w
        .projects_for(&w.need, &c.ken_observer)
        .await
        .contains(&w.compact));

    // A withheld need is never suggested to an entity, and its own suggestions are 404.
    let for_entity = w.needs_for(&w.close, &c.unodc).await;
    assert_eq!(for_entity, vec![w.need.clone()]);
    let for_coordinator = w.needs_for(&w.close, &c.coordinator).await;
    assert!(for_coordinator.contains(&w.withheld), "{for_coordinator:?}");
    let for_kenya = w.needs_for(&w.close, &c.ken).await;
    assert!(for_kenya.contains(&w.withheld));
    // Another State sees a platform project but none of Kenya's needs.
    assert!(w.needs_for(&w.close, &c.fra).await.is_empty());
    assert!(w.needs_for(&w.close, &c.ipu).await.is_empty());

    let guessed = "00000000-0000-4000-8000-000000000000";
    let withheld = format!("/api/v1/needs/{}/suggestions", w.withheld);
    let need = format!("/api/v1/needs/{}/suggestions", w.need);
    let compact = format!("/api/v1/projects/{}/suggestions", w.compact);
    let rows = [
        (withheld.clone(), &c.unodc, 404),
        (withheld.clone(), &c.unoct_focal, 404),
        (withheld.clone(), &c.fra, 404),
        (need.clone(), &c.fra, 404),
        (need.clone(), &c.ipu, 404),
        (compact.clone(), &c.ken, 404),
        (compact.clone(), &c.fra, 404),
        (
            format!("/api/v1/needs/{guessed}/suggestions"),
            &c.coordinator,
            404,
        ),
        (
            "/api/v1/needs/not-an-id/suggestions".into(),
            &c.coordinator,
            404,
        ),
        (
            format!("/api/v1/projects/{guessed}/suggestions"),
            &c.coordinator,
            404,
        ),
        (withheld, &c.ken, 200),
        (compact, &c.unoct_focal, 200),
    ];
    for (path, token, status) in rows {
        let page = w.app.get_bearer(&path, token).await;
        assert_eq!(page.status, status, "{path}: {}", page.body);
    }
    let anonymous = w.app.get(&need).await;
    assert_eq!(anonymous.status, 401);
}

#[actix_web::test]
async fn matched_and_dismissed_pairs_do_not_come_back() {
    let w = world().await;
    let c = &w.c;
    // Matched, in any status: the proposal alone removes the pair from both sides.
    let body = json!({"need_id": w.need, "project_id": w.close, "note": ""});
    let page = w
        .app
        .post_json_bearer("/api/v1/matches", &c.unodc, &body)
        .await;
    page.assert_status(201);
    assert!(!w
        .projects_for(&w.need, &c.coordinator)
        .await
        .contains(&w.close));
    assert!(!w
        .needs_for(&w.close, &c.coordinator)
        .await
        .contains(&w.need));

    // Dismissal rules: nothing is written by a refused one.
    let before = w.counts();
    let guessed = "00000000-0000-4000-8000-000000000000";
    let rows = [
        (&c.ken, w.need.as_str(), w.global.as_str(), "", 400),
        (&c.ken, w.need.as_str(), w.global.as_str(), "   ", 400),
        (&c.fra, w.need.as_str(), w.global.as_str(), "Not ours", 404),
        (&c.ipu, w.need.as_str(), w.global.as_str(), "No", 404),
        (&c.unodc, w.withheld.as_str(), w.global.as_str(), "No", 404),
        (&c.ken, w.need.as_str(), w.compact.as_str(), "No", 404),
        (
            &c.unoct_focal,
            w.need.as_str(),
            w.global.as_str(),
            "No",
            403,
        ),
        (
            &c.ken_observer,
            w.need.as_str(),
            w.global.as_str(),
            "No",
            403,
        ),
        (&c.ken, guessed, w.global.as_str(), "No", 404),
        (&c.ken, w.need.as_str(), guessed, "No", 404),
    ];
    for (token, need, project, reason, status) in rows {
        let got = w.dismiss(token, need, project, reason).await;
        assert_eq!(got, status, "{need} {project} {reason:?}");
    }
    let unknown = json!({"need_id": w.need, "project_id": w.global, "reason": "x", "score": 1});
    let page = w
        .app
        .post_json_bearer("/api/v1/suggestions/dismissals", &c.ken, &unknown)
        .await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert_eq!(w.counts(), before, "a refused dismissal writes nothing");

    // The need's State dismisses a suggestion: gone from both sides, audited, once only.
    let reason = "Aviation is covered by ICAO already";
    assert_eq!(w.dismiss(&c.ken, &w.need, &w.global, reason).await, 201);
    assert!(!w
        .projects_for(&w.need, &c.coordinator)
        .await
        .contains(&w.global));
    assert!(!w
        .needs_for(&w.global, &c.coordinator)
        .await
        .contains(&w.need));
    assert_eq!(
        w.dismiss(&c.coordinator, &w.need, &w.global, "x").await,
        409
    );
    let actions: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("suggestion.dismiss"))
        .select(audit_log::action)
        .load(&mut w.app.conn())
        .unwrap();
    assert_eq!(actions.len(), 1);
    let stored: String = suggestion_dismissals::table
        .select(suggestion_dismissals::reason)
        .first(&mut w.app.conn())
        .unwrap();
    assert_eq!(stored, reason);
    // The project's organisation dismisses from its side too.
    assert_eq!(
        w.dismiss(&c.unodc, &w.need, &w.compact, "Pilot only").await,
        201
    );
    assert!(!w.projects_for(&w.need, &c.unodc).await.contains(&w.compact));
}

#[actix_web::test]
async fn french_texts_match_across_plural_and_accents() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let body = json!({"member_state": "KEN", "title": "Contrôle des frontières terrestres",
        "description": "Former les gardes-frontières au contrôle des frontières et des documents de voyage.",
        "thematic_area": BORDER, "priority": "medium"});
    let need_id = need(&app, &c.coordinator, body).await;
    let near = project(
        "Gestion intégrée de la frontière",
        "Formation des gardes à la frontière et contrôle des documents.",
        json!({"programme": null}),
    );
    let far = project(
        "Sûreté de l'aviation civile",
        "Audits des programmes de sûreté des aéroports.",
        json!({"programme": null}),
    );
    let near = create_project(&app, &c.unodc, &near).await;
    let far = create_project(&app, &c.unodc, &far).await;
    let path = format!("/api/v1/needs/{need_id}/suggestions");
    let items = app.get_ok(&path, &c.coordinator).await.items();
    assert_eq!(text(&items[0]["project_id"]), near, "{items:?}");
    let reason = items[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "text")
        .cloned()
        .unwrap_or_else(|| panic!("no text reason: {items:?}"));
    let words = reason["words"].as_array().unwrap();
    assert!(words.contains(&json!("frontières")), "{reason}");
    let far_item = items
        .iter()
        .find(|i| text(&i["project_id"]) == far)
        .unwrap();
    assert!(!kinds(far_item).contains(&"text".to_string()), "{far_item}");
}

#[actix_web::test]
async fn the_pages_show_suggestions_in_words_and_dismiss_without_javascript() {
    let w = world().await;
    let app = &w.app;
    let path = format!("/api/v1/needs/{}/suggestions", w.need);
    let items = w.suggested(&path, &w.c.ken).await;
    let close_score = items[0]["score"].as_f64().unwrap();
    let mut ken = app.browser_login("fp@ken.example.org", PASSWORD).await;
    let need_page = format!("/needs/{}", w.need);
    let page = app.browser_get(&mut ken, &need_page).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Suggested projects"), "{}", page.body);
    assert!(page
        .body
        .contains("Border guard training for land crossings"));
    assert!(
        page.body.contains("Offered for the same State"),
        "{}",
        page.body
    );
    let score = format!("fit {} %", (close_score * 100.0).round());
    assert!(page.body.contains(&score), "{score}: {}", page.body);
    assert!(page.body.contains(r#"action="/suggestions/dismissals""#));
    assert!(!page.body.contains("Unannounced border pilot"));
    // The State decides, it does not propose another organisation's project.
    assert!(!page.body.contains("?need_id="));

    let fields = [
        ("need_id", w.need.as_str()),
        ("project_id", w.close.as_str()),
        ("reason", ""),
        ("back", need_page.as_str()),
    ];
    let refused = app
        .submit(&mut ken, "/suggestions/dismissals", &fields)
        .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    let fields = [
        ("need_id", w.need.as_str()),
        ("project_id", w.close.as_str()),
        ("reason", "Done bilaterally"),
        ("back", need_page.as_str()),
    ];
    let posted = app
        .submit_from(&mut ken, &need_page, "/suggestions/dismissals", &fields)
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let page = app.browser_get(&mut ken, &need_page).await;
    assert!(!page
        .body
        .contains("Border guard training for land crossings"));

    // In French.
    ken.lang_cookie = Some("fr".into());
    let page = app.browser_get(&mut ken, &need_page).await;
    assert!(page.body.contains("Projets suggérés"), "{}", page.body);
    assert!(
        page.body.contains("Proposé à tous les États"),
        "{}",
        page.body
    );

    // The project page lists suggested needs for its organisation, with a propose button;
    // the need page links entities to the proposal form.
    let mut unodc = app.browser_login("fp@unodc.example.org", PASSWORD).await;
    let page = app
        .browser_get(&mut unodc, &format!("/projects/{}", w.global))
        .await;
    assert!(page.body.contains("Suggested needs"), "{}", page.body);
    assert!(page.body.contains("Border control at land crossings"));
    let page = app.browser_get(&mut unodc, &need_page).await;
    let link = format!("/projects/{}?need_id={}", w.compact, w.need);
    assert!(page.body.contains(&link), "{}", page.body);
    let page = app.browser_get(&mut unodc, &link).await;
    assert!(page.body.contains(&format!(r#"value="{}""#, w.need)));
    // Not for a State that only sees the project.
    let page = app
        .browser_get(&mut ken, &format!("/projects/{}", w.global))
        .await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Besoins suggérés"));
    assert!(!page.body.contains("Suggested needs"));
}
