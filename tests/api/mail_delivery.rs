//! Mail through a real SMTP server (mailin-embedded, in-process): right recipients, no
//! restricted content, nothing lost while the server is down, exactly one delivery per
//! notification (also with two instances), nothing sent for a rolled-back change, digests.
//! Without SMTP: `.eml` files, and the in-memory transport the other tests read.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use portal::db::schema::{outbox, users};
use portal::domain::Role;
use portal::startup::Application;
use serde_json::json;

use crate::helpers::{spawn_app_with, spawn_app_with_mail_files, spawn_app_with_smtp, TestApp};
use crate::messaging::{cast, post_reply, start_thread, ANA, BEN, CLA};
use crate::people::app_with_ana;
use crate::smtp_server::{reserve_port, Received, SmtpServer};

fn statuses(app: &TestApp) -> Vec<(String, i32)> {
    outbox::table
        .select((outbox::status, outbox::attempts))
        .order(outbox::created_at.asc())
        .load(&mut app.conn())
        .unwrap()
}

async fn eventually(secs: u64, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !check() {
        assert!(Instant::now() < deadline, "condition not met in {secs}s");
        actix_rt::time::sleep(Duration::from_millis(100)).await;
    }
}

#[actix_web::test]
async fn notifications_reach_the_participants_without_restricted_content() {
    let (smtp, app) = spawn_app_with_smtp().await;
    let (ana, _, _, _, _) = cast(&app).await;
    let restricted = start_thread(
        &app,
        &ana,
        json!({"subject": "Secret subject", "to_users": [BEN], "to_organisations": ["FRA"],
               "body": "Secret body text"}),
    )
    .await;
    let mails = smtp.wait_for(2, 20).await;
    let mut rcpts: Vec<String> = mails.iter().map(|m| m.rcpt_to()).collect();
    rcpts.sort();
    assert_eq!(
        rcpts,
        vec![BEN.to_string(), "eve@fra.example.org".to_string()]
    );
    for mail in &mails {
        assert!(!mail.raw.contains("Secret"), "{}", mail.raw);
        assert!(mail
            .raw
            .contains(&format!("http://127.0.0.1/messages/{restricted}")));
        assert!(mail
            .header("Subject")
            .unwrap()
            .contains("restricted message is waiting"));
        assert!(mail.header("Message-ID").unwrap().contains("outbox."));
        assert_eq!(
            mail.header("From").as_deref(),
            Some("portal@test.example.org")
        );
    }

    // Unrestricted: the subject may be named; the body never is. French for a French user.
    diesel::update(users::table.filter(users::email.eq(CLA)))
        .set(users::language.eq("fr"))
        .execute(&mut app.conn())
        .unwrap();
    start_thread(
        &app,
        &ana,
        json!({"subject": "Agenda of the workshop", "to_users": [CLA], "body": "Body stays home",
               "restricted": false}),
    )
    .await;
    let mails = smtp.wait_for(3, 20).await;
    let to_cla = mails.iter().find(|m| m.rcpt_to() == CLA).unwrap();
    assert!(to_cla.decoded().contains("Agenda of the workshop"));
    assert!(
        to_cla.decoded().contains("Nouveau message"),
        "{}",
        to_cla.raw
    );
    assert!(!to_cla.decoded().contains("Body stays home"));
    assert!(
        !mails.iter().any(|m| m.rcpt_to() == ANA),
        "no mail to the sender"
    );
}

#[actix_web::test]
async fn mail_written_while_the_server_is_down_is_delivered_once_when_it_returns() {
    let reserved = reserve_port();
    let port = reserved.port;
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
        s.mail_max_attempts = 30;
    })
    .await;
    let (ana, ben, _, _, _) = cast(&app).await;
    let id = start_thread(
        &app,
        &ana,
        json!({"subject": "During outage", "to_users": [BEN], "body": "one"}),
    )
    .await;
    for body in ["two", "three"] {
        let res = post_reply(&app, &ana, &id, body).await;
        assert_eq!(
            res.status, 201,
            "the request succeeds although mail cannot go out"
        );
    }
    let res = post_reply(&app, &ben, &id, "four").await;
    assert_eq!(res.status, 201);
    eventually(20, || {
        let rows = statuses(&app);
        rows.len() == 4 && rows.iter().all(|(s, a)| s == "pending" && *a >= 1)
    })
    .await;

    let smtp = SmtpServer::start_on_reserved(reserved);
    let mails = smtp.wait_for(4, 60).await;
    eventually(20, || statuses(&app).iter().all(|(s, _)| s == "sent")).await;
    // Give a second chance to any duplicate, then count.
    actix_rt::time::sleep(Duration::from_millis(1500)).await;
    let mails_after = smtp.received();
    assert_eq!(mails_after.len(), 4, "exactly once each");
    assert_eq!(distinct_message_ids(&mails), 4);
    assert_eq!(mails.iter().filter(|m| m.rcpt_to() == BEN).count(), 3);
    assert_eq!(mails.iter().filter(|m| m.rcpt_to() == ANA).count(), 1);
}

#[actix_web::test]
async fn a_mail_that_never_gets_through_ends_failed_after_the_last_attempt() {
    let reserved = reserve_port();
    let port = reserved.port;
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
        s.mail_max_attempts = 3;
        s.mail_retry_base = Duration::from_millis(50);
    })
    .await;
    let (ana, _, _, _, _) = cast(&app).await;
    start_thread(
        &app,
        &ana,
        json!({"subject": "s", "to_users": [BEN], "body": "b"}),
    )
    .await;
    eventually(20, || statuses(&app) == vec![("failed".to_string(), 3)]).await;
    let error: Option<String> = outbox::table
        .select(outbox::last_error)
        .first(&mut app.conn())
        .unwrap();
    assert!(error.is_some());
}

#[actix_web::test]
async fn two_instances_on_one_database_send_each_mail_once() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(url.into());
        s.mail_poll_interval = Duration::from_millis(20);
    })
    .await;
    let second = Application::build(app.settings.clone())
        .await
        .expect("second instance");
    actix_rt::spawn(second.run_until_stopped());
    let (ana, _, _, _, _) = cast(&app).await;
    // 5 threads to UNODC (Ben and Cla) and FRA (Eve): 15 mails.
    for i in 0..5 {
        start_thread(
            &app,
            &ana,
            json!({"subject": format!("n{i}"), "to_organisations": ["UNODC", "FRA"], "body": "b"}),
        )
        .await;
    }
    smtp.wait_for(15, 60).await;
    eventually(20, || statuses(&app).iter().all(|(s, _)| s == "sent")).await;
    actix_rt::time::sleep(Duration::from_millis(1000)).await;
    let mails = smtp.received();
    assert_eq!(mails.len(), 15);
    assert_eq!(distinct_message_ids(&mails), 15);
}

/// How many different `Message-ID`s the mails carry.
fn distinct_message_ids(mails: &[Received]) -> usize {
    let mut ids: Vec<String> = mails
        .iter()
        .map(|m| m.header("Message-ID").unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    ids.len()
}

fn author(app: &TestApp, email: &str) -> portal::auth::CurrentUser {
    let mut conn = app.conn();
    let (user, org) = portal::repo::users::find_by_email(&mut conn, email)
        .unwrap()
        .unwrap();
    portal::auth::CurrentUser::from_rows("test".into(), user, org, false).unwrap()
}

#[actix_web::test]
async fn a_rolled_back_change_sends_nothing_and_mail_without_smtp_goes_to_eml_files() {
    let app = spawn_app_with_mail_files(|_| {}).await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    let ana = author(&app, ANA);
    let new = |subject: &str| portal::services::messages::NewThread {
        subject: subject.into(),
        to_users: vec![BEN.into()],
        to_organisations: vec![],
        to_working_groups: vec![],
        body: "b".into(),
        restricted: true,
    };
    let mut conn = app.conn();
    let rolled_back = conn.transaction::<(), diesel::result::Error, _>(|conn| {
        portal::services::messages::create_thread(conn, &ana, new("rolled back")).unwrap();
        assert_eq!(outbox::table.count().get_result::<i64>(conn).unwrap(), 1);
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(rolled_back.is_err());
    assert_eq!(statuses(&app).len(), 0);

    portal::services::messages::create_thread(&mut conn, &ana, new("kept")).unwrap();
    let mail_dir = app.settings.data_dir.join("mail");
    eventually(20, || statuses(&app) == vec![("sent".to_string(), 1)]).await;
    actix_rt::time::sleep(Duration::from_millis(500)).await;
    let files: Vec<_> = std::fs::read_dir(&mail_dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
        .collect();
    assert_eq!(files.len(), 1, "one mail: the committed one");
    let raw = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(raw.contains(BEN));
}

#[actix_web::test]
async fn the_test_apps_mail_stays_in_memory_as_composed_and_no_file_is_written() {
    let app = app_with_ana().await;
    app.add_user(BEN, "UNODC", Role::FocalPoint);
    let ask = |app: &TestApp, email: &str| {
        let body = json!({ "email": email });
        let path = app.url("/api/v1/auth/password-reset");
        let client = app.client.clone();
        async move { client.post(path).send_json(&body).await.unwrap().status() }
    };
    assert!(ask(&app, ANA).await.is_success());
    let mail = app.mailed("password_reset", ANA).await;
    assert_eq!(mail.rcpt_to(), ANA);
    assert_eq!(mail.header("X-MailFrom").unwrap(), app.settings.mail_from);
    let id: String = outbox::table
        .select(outbox::id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(
        mail.header("Message-ID").unwrap(),
        format!("<outbox.{id}@127.0.0.1>")
    );
    assert!(mail.decoded().contains("/password-reset/confirm?token="));
    eventually(20, || statuses(&app) == vec![("sent".to_string(), 1)]).await;
    assert_eq!(app.sent_mail().await.len(), 1);
    assert!(
        !app.settings.data_dir.join("mail").exists(),
        "no .eml files"
    );

    // An instance started again on the same database sends into the same mailbox.
    let again = app.restart_with(|_| {}).await;
    assert!(ask(&again, BEN).await.is_success());
    let second = again.mailed("password_reset", BEN).await;
    assert_eq!(second.rcpt_to(), BEN);
    let sent = app.sent_mail().await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].raw, second.raw);
}

#[actix_web::test]
async fn digest_users_get_one_mail_for_what_waited() {
    let (smtp, app) = spawn_app_with_smtp().await;
    let (ana, _, _, _, _) = cast(&app).await;
    let recent = chrono::Utc::now().naive_utc();
    diesel::update(users::table.filter(users::email.eq(BEN)))
        .set((
            users::mail_mode.eq("digest"),
            users::last_digest_at.eq(recent),
        ))
        .execute(&mut app.conn())
        .unwrap();
    for i in 0..2 {
        start_thread(
            &app,
            &ana,
            json!({"subject": format!("d{i}"), "to_users": [BEN, CLA], "body": "b"}),
        )
        .await;
    }
    // Cla (immediate) gets two mails; Ben's wait for his digest.
    smtp.wait_for(2, 20).await;
    actix_rt::time::sleep(Duration::from_millis(800)).await;
    assert!(smtp.received().iter().all(|m| m.rcpt_to() == CLA));

    let day_ago = recent - chrono::Duration::days(2);
    diesel::update(users::table.filter(users::email.eq(BEN)))
        .set(users::last_digest_at.eq(day_ago))
        .execute(&mut app.conn())
        .unwrap();
    let mails = smtp.wait_for(3, 20).await;
    actix_rt::time::sleep(Duration::from_millis(800)).await;
    let to_ben: Vec<_> = smtp
        .received()
        .into_iter()
        .filter(|m| m.rcpt_to() == BEN)
        .collect();
    assert_eq!(to_ben.len(), 1, "{mails:?}");
    assert!(
        to_ben[0].raw.contains("2 new messages"),
        "{}",
        to_ben[0].raw
    );
}
