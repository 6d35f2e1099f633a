//! The messaging pages: compose, read and reply without JavaScript; hostile text is escaped;
//! CSRF is required; outsiders get the not-found page.

use portal::domain::Role;

use crate::helpers::PASSWORD;
use crate::messaging::{start_thread, ANA, BEN, EVE};
use crate::people::app_with_ana;

const SCRIPT_SUBJECT: &str = "<script>alert('s')</script> Q3'; DROP TABLE threads; --";
const SCRIPT_BODY: &str = "<img src=x onerror=alert(1)>\n\" OR 1=1 --\n<b>bold</b>";

#[actix_web::test]
async fn compose_read_and_reply_in_the_browser_with_hostile_text_escaped() {
    let app = app_with_ana().await;
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    let mut ana = app.browser_login(ANA, PASSWORD).await;

    let form = app.browser_get(&mut ana, "/messages/new").await;
    assert_eq!(form.status, 200);
    for field in [
        "name=\"subject\"",
        "name=\"to_users\"",
        "name=\"to_organisations\"",
        "name=\"body\"",
        "name=\"restricted\"",
        "<datalist id=\"organisation-names\">",
        "<option value=\"UNODC\">",
    ] {
        assert!(form.body.contains(field), "{field}");
    }
    let csrf = form.csrf_field();

    // Without the CSRF token nothing is sent.
    let refused = app
        .browser_post(
            &mut ana,
            "/messages/new",
            &[
                ("csrf_token", "00ff"),
                ("subject", "x"),
                ("to_users", BEN),
                ("body", "b"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);

    let sent = app
        .browser_post(
            &mut ana,
            "/messages/new",
            &[
                ("csrf_token", &csrf),
                ("subject", SCRIPT_SUBJECT),
                ("to_users", &format!("{BEN}\n")),
                ("to_organisations", ""),
                ("restricted", "on"),
                ("body", SCRIPT_BODY),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let location = sent.header("location").unwrap();
    assert!(location.starts_with("/messages/"));

    let mut ben = app.browser_login(BEN, PASSWORD).await;
    assert_eq!(
        app.browser_get(&mut ben, "/messages")
            .await
            .body
            .matches("<tr")
            .count(),
        2,
        "one thread (and the header row): the refused form sent nothing"
    );
    let dashboard = app.browser_get(&mut ben, "/").await;
    assert!(
        dashboard.body.contains("id=\"unread-badge\">1 "),
        "unread badge in the navigation"
    );
    let inbox = app.browser_get(&mut ben, "/messages").await;
    assert_eq!(inbox.status, 200);
    assert!(inbox.body.contains("&lt;script&gt;"));
    assert!(!inbox.body.contains("<script>alert"));

    let thread = app.browser_get(&mut ben, &location).await;
    assert_eq!(thread.status, 200);
    assert!(thread.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        thread.body.contains("&lt;b&gt;bold&lt;&#x2F;b&gt;")
            || thread.body.contains("&lt;b&gt;bold&lt;/b&gt;")
    );
    assert!(!thread.body.contains("<img src=x"));
    assert!(!thread.body.contains("<script>alert"));
    assert!(!thread.body.contains("<b>bold</b>"));
    assert!(!thread.body.contains("id=\"unread-badge\""), "read now");

    let replied = app
        .browser_submit(&mut ben, &thread, &location, &[("body", "Reply from Ben")])
        .await;
    assert_eq!(replied.status, 303);
    let seen = app.browser_get(&mut ana, &location).await;
    assert!(seen.body.contains("Reply from Ben"));
    assert!(seen.body.contains(&format!("Test {BEN}")), "read receipt");

    // An empty reply re-shows the page with the error, keeping nothing.
    let empty = app
        .browser_submit(&mut ana, &seen, &location, &[("body", "  ")])
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("role=\"alert\""));
}

#[actix_web::test]
async fn an_outsider_gets_the_not_found_page_and_an_empty_inbox() {
    let app = app_with_ana().await;
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    app.add_user(EVE, "FRA", Role::Admin);
    let token = app.token(ANA, PASSWORD).await;
    let id = start_thread(
        &app,
        &token,
        serde_json::json!({"subject": "Only Ben", "to_users": [BEN], "body": "hidden words"}),
    )
    .await;
    let mut eve = app.browser_login(EVE, PASSWORD).await;
    let page = app.browser_get(&mut eve, &format!("/messages/{id}")).await;
    assert_eq!(page.status, 404);
    assert!(!page.body.contains("hidden words") && !page.body.contains("Only Ben"));
    let path = format!("/messages/{id}");
    let reply = app
        .browser_submit(&mut eve, &page, &path, &[("body", "hi")])
        .await;
    assert_eq!(reply.status, 404);
    let inbox = app.browser_get(&mut eve, "/messages").await;
    assert_eq!(inbox.status, 200);
    assert!(!inbox.body.contains("Only Ben"));
}

#[actix_web::test]
async fn the_mail_preference_is_saved_from_the_inbox() {
    let app = app_with_ana().await;
    let mut ana = app.browser_login(ANA, PASSWORD).await;
    let inbox = app.browser_get(&mut ana, "/messages").await;
    assert!(inbox.body.contains("value=\"immediate\" checked"));
    let (csrf, path) = (inbox.csrf_field(), "/messages/preferences");
    let res = app
        .post_with_token(&mut ana, &csrf, path, &[("mail_mode", "digest")])
        .await;
    assert_eq!(res.status, 303);
    let inbox = app.browser_get(&mut ana, "/messages").await;
    assert!(inbox.body.contains("value=\"digest\" checked"));
    let res = app
        .post_with_token(&mut ana, &csrf, path, &[("mail_mode", "never")])
        .await;
    assert_eq!(res.status, 400);
}

#[actix_web::test]
async fn a_message_of_the_full_length_in_any_script_fits_the_form() {
    let app = app_with_ana().await;
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    let mut ana = app.browser_login(ANA, PASSWORD).await;
    let csrf = app
        .browser_get(&mut ana, "/messages/new")
        .await
        .csrf_field();
    let body = "𝄞".repeat(20_000);
    let too_long = format!("{body}x");
    let mut answers = Vec::new();
    for text in [body.as_str(), too_long.as_str()] {
        let fields = [("subject", "Long"), ("to_users", BEN), ("body", text)];
        answers.push(
            app.post_with_token(&mut ana, &csrf, "/messages/new", &fields)
                .await,
        );
    }
    let (sent, refused) = (&answers[0], &answers[1]);
    assert_eq!(sent.status, 303, "{}", sent.status);
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("20000"), "the limit is named");
}
