//! Personal iCalendar feeds and single-event downloads: each test tries to read through the
//! feed what its owner may not see (an organisers-only or compact activity), to use a revoked,
//! renewed, guessed or deactivated owner's secret, and checks the RFC 5545 rules that lenient
//! parsers accept silently (CRLF, folding at 75 octets, escaping, exclusive DTEND, SEQUENCE).

use diesel::prelude::*;
use portal::db::schema::{audit_log, users};
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::reports::{cast, Cast};

const FEED: &str = "/api/v1/account/calendar-feed";

async fn create(app: &TestApp, token: &str, body: Value) -> String {
    app.post_json_bearer("/api/v1/activities", token, &body)
        .await
        .assert_status(201)
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn activity(title: &str, visibility: &str) -> Value {
    json!({
        "title": title,
        "kind": "workshop",
        "member_state": "KEN",
        "starts_on": "2099-03-01",
        "ends_on": "2099-03-05",
        "visibility": visibility,
    })
}

/// Turns on the feed of `token`'s account; its path on the server.
async fn feed_path(app: &TestApp, token: &str) -> String {
    let url = app.post_json_bearer(FEED, token, &json!({})).await;
    let url = url.assert_status(201).field("url");
    let path = url::Url::parse(&url).unwrap().path().to_string();
    assert!(
        path.starts_with("/calendar/feed/") && path.ends_with(".ics"),
        "{path}"
    );
    path
}

/// Reads a feed without any credential but its secret.
async fn fetch(app: &TestApp, path: &str) -> (u16, String) {
    let page = app.get(path).await;
    (page.status, page.body)
}

/// The unfolded content lines, after checking the physical ones: CRLF only, at most 75
/// octets each.
fn content_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    let physical: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &physical {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line end in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let mut out: Vec<String> = Vec::new();
    for line in physical {
        match line.strip_prefix(' ') {
            Some(rest) => out
                .last_mut()
                .expect("a continuation follows a line")
                .push_str(rest),
            None => out.push(line.to_string()),
        }
    }
    out
}

/// The value of the first property `name` of the event whose UID starts with `id`.
fn property(lines: &[String], id: &str, name: &str) -> Option<String> {
    let mut inside = false;
    let mut props = Vec::new();
    for line in lines {
        if line == "BEGIN:VEVENT" {
            inside = true;
            props.clear();
        } else if line == "END:VEVENT" {
            inside = false;
            if props
                .iter()
                .any(|p: &String| p.starts_with(&format!("UID:{id}@")))
            {
                return props
                    .iter()
                    .find(|p| {
                        p.starts_with(&format!("{name}:")) || p.starts_with(&format!("{name};"))
                    })
                    .map(|p| p.split_once(':').unwrap().1.to_string());
            }
        } else if inside {
            props.push(line.clone());
        }
    }
    None
}

fn uids(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(|u| u.split('@').next().unwrap().to_string())
        .collect()
}

/// (platform, compact, organisers-only) activities of UNODC.
async fn three_activities(app: &TestApp, c: &Cast) -> [String; 3] {
    [
        create(app, &c.unodc, activity("Open workshop", "platform")).await,
        create(app, &c.unodc, activity("Entities only", "compact")).await,
        create(app, &c.unodc, activity("Closed planning", "organisers")).await,
    ]
}

#[actix_web::test]
async fn a_feed_holds_exactly_what_its_owner_may_see() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let [open, compact, closed] = three_activities(&app, &c).await;
    let cases = [
        (&c.ken, vec![&open]),
        (&c.ipu, vec![&open]),
        (&c.coordinator, vec![&open, &compact]),
        (&c.unoct_focal, vec![&open, &compact]),
        (&c.unodc, vec![&open, &compact, &closed]),
    ];
    for (token, expected) in cases {
        let path = feed_path(&app, token).await;
        let (status, body) = fetch(&app, &path).await;
        assert_eq!(status, 200, "{body}");
        let lines = content_lines(&body);
        let mut got = uids(&lines);
        got.sort();
        let mut want: Vec<String> = expected.into_iter().cloned().collect();
        want.sort();
        assert_eq!(got, want);
        // Not even a title of what the owner may not see.
        assert_eq!(body.contains("Entities only"), want.contains(&compact));
        assert_eq!(body.contains("Closed planning"), want.contains(&closed));
    }
}

#[actix_web::test]
async fn revoked_renewed_guessed_and_deactivated_feeds_are_404() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    create(&app, &c.unodc, activity("Open workshop", "platform")).await;
    let first = feed_path(&app, &c.ken).await;
    assert_eq!(fetch(&app, &first).await.0, 200);

    // Renewing ends the old address at once.
    let second = feed_path(&app, &c.ken).await;
    assert_ne!(first, second);
    assert_eq!(fetch(&app, &first).await.0, 404);
    assert_eq!(fetch(&app, &second).await.0, 200);
    // A second read within seconds is refused (rate limit), and says when to come back.
    let again = app.get(&second).await;
    assert_eq!(again.status, 429);
    assert!(again.header("retry-after").is_some());

    // Revoking: 204, then the address is 404, and revoking again is 404.
    app.delete_bearer(FEED, &c.ken).await.assert_status(204);
    assert_eq!(fetch(&app, &second).await.0, 404);
    app.delete_bearer(FEED, &c.ken).await.assert_status(404);
    let status = app.get_ok(FEED, &c.ken).await.json();
    assert_eq!(status["active"], false);

    // Guessed secrets: the right shape, a wrong shape, and no secret at all.
    let guessed = format!("/calendar/feed/{}.ics", "A".repeat(43));
    for path in [
        guessed.as_str(),
        "/calendar/feed/short.ics",
        "/calendar/feed/.ics",
    ] {
        assert_eq!(fetch(&app, path).await.0, 404, "{path}");
    }

    // A deactivated owner's feed answers 404 like any other.
    let fra = feed_path(&app, &c.fra).await;
    diesel::update(users::table.filter(users::email.eq("fp@fra.example.org")))
        .set(users::active.eq(false))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(fetch(&app, &fra).await.0, 404);

    let audited: i64 = audit_log::table
        .filter(audit_log::action.like("calendar_feed.%"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(audited, 4, "create, renew, revoke, create");
    // The feed's secret is a bearer of nothing else: it does not sign in to the API.
    let secret = second
        .trim_start_matches("/calendar/feed/")
        .trim_end_matches(".ics");
    app.get_bearer("/api/v1/me", secret)
        .await
        .assert_status(401);
}

#[actix_web::test]
async fn the_feed_follows_rfc_5545() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let long_title = format!("Atelier régional, phase 2; «{}» \\ fin", "é".repeat(60));
    let body = json!({
        "title": long_title,
        "kind": "training",
        "member_state": "KEN",
        "starts_on": "2099-06-29",
        "ends_on": "2099-07-01",
        "description": "Line one\nLine two, with; marks",
    });
    let id = create(&app, &c.unodc, body).await;
    let one_day = create(
        &app,
        &c.unodc,
        json!({"title": "One day", "kind": "meeting",
        "starts_on": "2099-12-31", "ends_on": "2099-12-31"}),
    )
    .await;
    app.patch_bearer(
        &format!("/api/v1/activities/{one_day}"),
        &c.unodc,
        &json!({"status": "cancelled"}),
    )
    .await
    .assert_status(200);

    let path = feed_path(&app, &c.ken).await;
    let page = app.get(&path).await.assert_status(200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/calendar"));
    let lines = content_lines(&page.body);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    for once in ["VERSION:2.0", "PRODID:"] {
        assert_eq!(
            lines.iter().filter(|l| l.starts_with(once)).count(),
            1,
            "{once}"
        );
    }
    let escaped = format!(
        "Atelier régional\\, phase 2\\; «{}» \\\\ fin",
        "é".repeat(60)
    );
    assert_eq!(property(&lines, &id, "SUMMARY").unwrap(), escaped);
    assert_eq!(
        property(&lines, &id, "DESCRIPTION").unwrap(),
        "Line one\\nLine two\\, with\\; marks\\n\\nUNODC"
    );
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20990629".to_string()));
    // DTEND of an all-day event is exclusive: the day after the last day, across a month end.
    assert_eq!(property(&lines, &id, "DTEND").unwrap(), "20990702");
    assert_eq!(property(&lines, &one_day, "DTEND").unwrap(), "21000101");
    assert_eq!(property(&lines, &id, "SEQUENCE").unwrap(), "0");
    assert_eq!(property(&lines, &one_day, "SEQUENCE").unwrap(), "1");
    assert_eq!(property(&lines, &one_day, "STATUS").unwrap(), "CANCELLED");
    assert_eq!(property(&lines, &id, "STATUS").unwrap(), "TENTATIVE");
    let stamp = property(&lines, &id, "DTSTAMP").unwrap();
    assert!(stamp.len() == 16 && stamp.ends_with('Z'), "{stamp}");
    // The long title was folded (its physical lines are all within 75 octets, checked above).
    assert!(page.body.contains("\r\n "));
}

#[actix_web::test]
async fn one_activity_downloads_as_a_calendar_file_for_those_who_see_it() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let [open, _, closed] = three_activities(&app, &c).await;
    let mut ken = app
        .browser_login("fp@ken.example.org", crate::helpers::PASSWORD)
        .await;
    let page = app
        .browser_get(&mut ken, &format!("/activities/{open}/event.ics"))
        .await
        .assert_status(200);
    let lines = content_lines(&page.body);
    assert_eq!(uids(&lines), vec![open.clone()]);
    assert_eq!(property(&lines, &open, "SEQUENCE").unwrap(), "0");
    let uid_before = property(&lines, &open, "UID").unwrap();

    // An edit raises SEQUENCE and keeps the UID.
    app.patch_bearer(
        &format!("/api/v1/activities/{open}"),
        &c.unodc,
        &json!({"title": "Moved"}),
    )
    .await
    .assert_status(200);
    let page = app
        .browser_get(&mut ken, &format!("/activities/{open}/event.ics"))
        .await;
    let lines = content_lines(&page.body);
    assert_eq!(property(&lines, &open, "SEQUENCE").unwrap(), "1");
    assert_eq!(property(&lines, &open, "UID").unwrap(), uid_before);

    // The activity page offers it; an activity the reader may not see is 404.
    let show = app
        .browser_get(&mut ken, &format!("/activities/{open}"))
        .await;
    assert!(show.body.contains(&format!("/activities/{open}/event.ics")));
    app.browser_get(&mut ken, &format!("/activities/{closed}/event.ics"))
        .await
        .assert_status(404);
    // Signed out: no file.
    let anonymous = app.get(&format!("/activities/{open}/event.ics")).await;
    assert_ne!(anonymous.status, 200);
}

#[actix_web::test]
async fn the_feed_page_turns_on_renews_and_revokes() {
    let app = spawn_app().await;
    let mut ana = app
        .browser_of("ana@ken.example.org", "KEN", Role::FocalPoint)
        .await;
    let page = app
        .browser_get(&mut ana, "/calendar/feed")
        .await
        .assert_status(200);
    assert!(page.body.contains("action=\"/calendar/feed\""));
    let on = app
        .submit(&mut ana, "/calendar/feed", &[])
        .await
        .assert_status(200);
    // The address is shown once, in a read-only field (HTML-escaped like every value).
    let field = &on.body[on
        .body
        .find("id=\"feed-url\"")
        .expect("the new address is shown")..];
    let value = &field[field.find("value=\"").unwrap() + 7..];
    let url = value[..value.find('"').unwrap()].replace("&#x2F;", "/");
    let path = url::Url::parse(&url).unwrap().path().to_string();
    let path = path.as_str();
    assert_eq!(app.get(path).await.status, 200);
    app.browser_get(&mut ana, "/calendar/feed").await;
    let revoked = app.submit(&mut ana, "/calendar/feed/revoke", &[]).await;
    assert_eq!(revoked.status, 303);
    assert_eq!(app.get(path).await.status, 404);
}

/// An independent iCalendar parser (the `ical` crate) reads the feed: one calendar, one event
/// per visible activity, all-day dates typed as `VALUE=DATE`.
#[actix_web::test]
async fn an_independent_parser_reads_the_feed() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let title = format!("Atelier, «{}»; fin", "é".repeat(50));
    let body = json!({"title": title, "kind": "conference", "starts_on": "2099-02-27",
        "ends_on": "2099-02-28", "description": "a\nb, c; d \\ e"});
    let id = create(&app, &c.unodc, body).await;
    create(&app, &c.unodc, activity("Second", "platform")).await;
    let path = feed_path(&app, &c.ken).await;
    let (status, text) = fetch(&app, &path).await;
    assert_eq!(status, 200);
    let calendars: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .collect::<Result<_, _>>()
        .expect("the feed parses");
    assert_eq!(calendars.len(), 1);
    let cal = &calendars[0];
    let version: Vec<_> = cal
        .properties
        .iter()
        .filter(|p| p.name == "VERSION")
        .collect();
    assert_eq!(version.len(), 1);
    assert_eq!(cal.events.len(), 2);
    let event = cal
        .events
        .iter()
        .find(|e| {
            e.properties.iter().any(|p| {
                p.name == "UID" && p.value.as_deref() == Some(&format!("{id}@coordination-portal"))
            })
        })
        .expect("the event by its UID");
    let prop = |name: &str| event.properties.iter().find(|p| p.name == name).unwrap();
    let start = prop("DTSTART");
    assert_eq!(start.value.as_deref(), Some("20990227"));
    let params = start.params.clone().unwrap_or_default();
    assert!(
        params
            .iter()
            .any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()]),
        "{params:?}"
    );
    // February 2099 has 28 days: the exclusive end is the first of March.
    assert_eq!(prop("DTEND").value.as_deref(), Some("20990301"));
    let summary = prop("SUMMARY").value.clone().unwrap();
    assert!(
        summary.contains(&"é".repeat(50)),
        "unfolded whole: {summary}"
    );
    assert!(prop("DTSTAMP").value.as_deref().unwrap().ends_with('Z'));
}

/// Filters saved into a feed narrow it (and never widen the owner's scope); unknown values are
/// a 400 that turns no feed on.
#[actix_web::test]
async fn saved_filters_narrow_the_feed_and_bad_ones_are_refused() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let kenya = create(&app, &c.unodc, activity("In Kenya", "platform")).await;
    let mut in_france = activity("In France", "platform");
    in_france["member_state"] = json!("FRA");
    create(&app, &c.unodc, in_france).await;
    create(&app, &c.unodc, activity("Kenya, entities only", "compact")).await;

    for (body, code) in [
        (json!({"kind": "party"}), "invalid_filter"),
        (json!({"working_group": "NOPE"}), "unknown_working_group"),
        (json!({"member_state": "XXX"}), "unknown_member_state"),
        (json!({"organisation": "NOPE"}), "unknown_organisation"),
        (json!({"programme": "NOPE"}), "unknown_programme"),
        (json!({"colour": "red"}), "invalid_json"),
        (json!([null, null]), "invalid_json"),
        (json!("KEN"), "invalid_json"),
    ] {
        let page = app.post_json_bearer(FEED, &c.ken, &body).await;
        assert_eq!(
            (page.status, page.error_code()),
            (400, code.to_string()),
            "{body}"
        );
    }
    assert_eq!(app.get_ok(FEED, &c.ken).await.json()["active"], false);

    let url = app
        .post_json_bearer(FEED, &c.ken, &json!({"member_state": "ken", "kind": ""}))
        .await
        .assert_status(201)
        .field("url");
    let status = app.get_ok(FEED, &c.ken).await.json();
    assert_eq!(status["filters"], json!({"member_state": "KEN"}));
    let path = url::Url::parse(&url).unwrap().path().to_string();
    let (_, body) = fetch(&app, &path).await;
    assert_eq!(uids(&content_lines(&body)), vec![kenya]);
    assert!(!body.contains("entities only"));
}
