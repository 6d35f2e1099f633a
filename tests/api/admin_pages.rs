//! The administration pages of issue 16: organisations searched, paged and edited one per
//! page; one page per account whose destructive changes need "I confirm"; the invite form
//! without a default organisation. Every page and change is tried by each role.

use diesel::prelude::*;
use portal::db::schema::{organisations, users};

use crate::admin::{ADMIN, FOCAL_FRA, FOCAL_KEN};
use crate::helpers::{spawn_app, Browser, Page, TestApp, PASSWORD};
use crate::invitations::{staff, user_count, COORD, OBSERVER};

/// The organisation codes of a list page's rows, and the link to the next page.
fn org_rows(page: &Page) -> (Vec<String>, Option<String>) {
    let codes = page
        .body
        .split("<tr id=\"org-")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    let next = page
        .body
        .split("<p class=\"pager\"><a class=\"button secondary\" href=\"")
        .nth(1)
        .map(|rest| {
            let href = rest.split('"').next().unwrap();
            href.replace("&amp;", "&").replace("&#x2F;", "/")
        });
    (codes, next)
}

fn org_of(app: &TestApp, code: &str) -> (String, String, bool) {
    organisations::table
        .filter(organisations::code.eq(code))
        .select((
            organisations::id,
            organisations::name,
            organisations::active,
        ))
        .first(&mut app.conn())
        .unwrap()
}

#[actix_web::test]
async fn organisations_are_searched_in_any_case_filtered_by_kind_and_paged() {
    let app = spawn_app().await;
    staff(&app).await;
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    for (query, present, absent) in [
        ("q=kENya", "KEN", "FRA"),
        ("q=ken", "KEN", "FRA"),
        ("q=unod", "UNODC", "KEN"),
        ("kind=compact_entity", "UNODC", "KEN"),
        ("kind=member_state&q=fran", "FRA", "UNODC"),
    ] {
        let path = format!("/admin/organisations?{query}");
        let page = app.browser_get(&mut admin, &path).await.assert_status(200);
        let (codes, _) = org_rows(&page);
        assert!(codes.iter().any(|c| c == present), "{query}: {codes:?}");
        assert!(!codes.iter().any(|c| c == absent), "{query}: {codes:?}");
    }
    let page = app
        .browser_get(&mut admin, "/admin/organisations?kind=planet")
        .await;
    assert_eq!(page.status, 400);

    // Every organisation once, 50 a page, through the next links (filters kept).
    let total: i64 = organisations::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let (mut seen, mut next) = (Vec::new(), Some("/admin/organisations".to_string()));
    while let Some(path) = next {
        let page = app.browser_get(&mut admin, &path).await.assert_status(200);
        let (codes, after) = org_rows(&page);
        assert!(codes.len() <= 50, "{path}");
        seen.extend(codes);
        next = after;
    }
    assert_eq!(seen.len() as i64, total);
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique, seen, "in code order, none twice");
    let page = app
        .browser_get(&mut admin, "/admin/organisations?kind=member_state")
        .await;
    let (_, next) = org_rows(&page);
    assert!(
        next.unwrap().contains("kind=member_state"),
        "the filter is kept"
    );
}

#[actix_web::test]
async fn one_page_per_organisation_edits_it_for_administrators_only() {
    let app = spawn_app().await;
    staff(&app).await;
    let (ken_id, _, _) = org_of(&app, "KEN");
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    for path in ["/admin/organisations/KEN", "/admin/organisations/ken"] {
        let page = app.browser_get(&mut admin, path).await.assert_status(200);
        assert!(page
            .body
            .contains(&format!("action=\"/admin/organisations/{ken_id}\"")));
    }
    let by_id = format!("/admin/organisations/{ken_id}");
    app.browser_get(&mut admin, &by_id).await.assert_status(200);
    let page = app
        .browser_get(&mut admin, "/admin/organisations/NOPE")
        .await;
    assert_eq!(page.status, 404);

    let fields = [
        ("name", "Republic of Kenya"),
        ("kind", "member_state"),
        ("active", "on"),
    ];
    let res = app.submit(&mut admin, &by_id, &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        res.header("location").unwrap(),
        "/admin/organisations/KEN?done=updated"
    );
    assert_eq!(org_of(&app, "KEN").1, "Republic of Kenya");

    // A refusal in the reader's words, with what was typed kept; nothing changes.
    let (unoct_id, _, _) = org_of(&app, "UNOCT");
    let own = format!("/admin/organisations/{unoct_id}");
    app.browser_get(&mut admin, &own).await;
    let fields = [("name", "Typed Name"), ("kind", "coordinator_office")];
    let res = app.submit(&mut admin, &own, &fields).await;
    assert_eq!(res.status, 400);
    assert!(res
        .body
        .contains("You cannot deactivate your own organisation."));
    assert!(res.body.contains("value=\"Typed Name\""));
    assert!(org_of(&app, "UNOCT").2, "still active");

    // Anyone else: 403 on the pages and the changes, and nothing changes.
    for email in [FOCAL_KEN, COORD, OBSERVER] {
        let mut browser = app.browser_login(email, PASSWORD).await;
        for path in ["/admin/organisations/KEN", by_id.as_str()] {
            assert_eq!(app.browser_get(&mut browser, path).await.status, 403);
        }
        app.browser_get(&mut browser, "/account").await;
        let fields = [("name", "Taken"), ("kind", "member_state")];
        let res = app.submit(&mut browser, &by_id, &fields).await;
        assert_eq!(res.status, 403, "{email}");
        let fields = [("code", "ZZZ9"), ("name", "New"), ("kind", "observer")];
        let res = app
            .submit(&mut browser, "/admin/organisations", &fields)
            .await;
        assert_eq!(res.status, 403, "{email}");
    }
    assert_eq!(org_of(&app, "KEN").1, "Republic of Kenya");
}

fn is_two_factor_on(app: &TestApp, email: &str) -> bool {
    users::table
        .filter(users::email.eq(email))
        .select(users::totp_enabled_at.is_not_null())
        .first(&mut app.conn())
        .unwrap()
}

async fn post_on_page(
    app: &TestApp,
    browser: &mut Browser,
    id: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Page {
    let page = format!("/admin/users/{id}");
    app.submit_from(browser, &page, &format!("{page}/{action}"), fields)
        .await
}

#[actix_web::test]
async fn one_page_per_account_within_the_account_scope() {
    let app = spawn_app().await;
    staff(&app).await;
    let (obs, fra, coord) = (
        app.user_id(OBSERVER),
        app.user_id(FOCAL_FRA),
        app.user_id(COORD),
    );
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    let list = app.browser_get(&mut admin, "/admin/users").await;
    assert!(list.body.contains(&format!("href=\"/admin/users/{obs}\"")));
    assert!(!list.body.contains("/active\""), "no forms in the rows");
    for id in [&obs, &fra, &coord] {
        let page = app
            .browser_get(&mut admin, &format!("/admin/users/{id}"))
            .await;
        page.assert_status(200);
    }
    let page = app
        .browser_get(&mut admin, &format!("/admin/users/{coord}"))
        .await;
    assert!(page.body.contains("/two-factor/reset\"") && page.body.contains("/role\""));

    // A focal point: the accounts of their organisation; others look missing.
    let mut focal = app.browser_login(FOCAL_KEN, PASSWORD).await;
    let page = app
        .browser_get(&mut focal, &format!("/admin/users/{obs}"))
        .await;
    let page = page.assert_status(200);
    assert!(page.body.contains(OBSERVER) && page.body.contains("/active\""));
    assert!(!page.body.contains("/role\"") && !page.body.contains("/two-factor/reset\""));
    for path in [format!("/admin/users/{fra}"), "/admin/users/nope".into()] {
        assert_eq!(
            app.browser_get(&mut focal, &path).await.status,
            404,
            "{path}"
        );
    }
    let fields = [("active", "false"), ("confirm", "yes")];
    let res = app
        .submit_from(
            &mut focal,
            "/admin/users",
            &format!("/admin/users/{fra}/active"),
            &fields,
        )
        .await;
    assert_eq!(res.status, 404);
    assert!(app.is_active(FOCAL_FRA));
    let api = app.token(FOCAL_FRA, PASSWORD).await;
    let res = app
        .delete_bearer(&format!("/api/v1/users/{obs}/sessions"), &api)
        .await;
    assert_eq!(res.status, 404, "another organisation's account");

    // Coordinators and observers manage no account.
    for email in [COORD, OBSERVER] {
        let mut browser = app.browser_login(email, PASSWORD).await;
        let page = app
            .browser_get(&mut browser, &format!("/admin/users/{obs}"))
            .await;
        assert_eq!(page.status, 403, "{email}");
        app.browser_get(&mut browser, "/account").await;
        let path = format!("/admin/users/{fra}/sessions/end");
        let res = app.submit(&mut browser, &path, &[("confirm", "yes")]).await;
        assert_eq!(res.status, 403, "{email}");
    }
}

#[actix_web::test]
async fn destructive_changes_need_i_confirm_and_change_nothing_without_it() {
    let app = spawn_app().await;
    let staff = staff(&app).await;
    let (obs, coord) = (app.user_id(OBSERVER), app.user_id(COORD));
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    let mut focal = app.browser_login(FOCAL_KEN, PASSWORD).await;

    // Deactivation.
    let res = post_on_page(&app, &mut focal, &obs, "active", &[("active", "false")]).await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("tick “I confirm”"), "{}", res.body);
    assert!(app.is_active(OBSERVER));
    let fields = [("active", "false"), ("confirm", "yes")];
    let res = post_on_page(&app, &mut focal, &obs, "active", &fields).await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.header("location").unwrap(),
        format!("/admin/users/{obs}?done=updated")
    );
    assert!(!app.is_active(OBSERVER));
    let res = post_on_page(&app, &mut focal, &obs, "active", &[("active", "true")]).await;
    assert_eq!(res.status, 303, "reactivating takes nothing away");
    assert!(app.is_active(OBSERVER));

    // Ending the sessions.
    let token = app.token(OBSERVER, PASSWORD).await;
    let _browser = app.browser_login(OBSERVER, PASSWORD).await;
    let page = app
        .browser_get(&mut focal, &format!("/admin/users/{obs}"))
        .await;
    assert!(page.body.contains("2 working sessions"), "{}", page.body);
    let res = post_on_page(&app, &mut focal, &obs, "sessions/end", &[]).await;
    assert_eq!(res.status, 400);
    app.get_bearer("/api/v1/me", &token)
        .await
        .assert_status(200);
    let confirm = [("confirm", "yes")];
    let res = post_on_page(&app, &mut focal, &obs, "sessions/end", &confirm).await;
    assert_eq!(res.status, 303);
    app.get_bearer("/api/v1/me", &token)
        .await
        .assert_status(401);
    let page = app
        .browser_get(
            &mut focal,
            &format!("/admin/users/{obs}?done=sessions-ended"),
        )
        .await;
    assert!(page
        .body
        .contains("This account is not signed in anywhere."));

    // Resetting two-factor (administrators).
    let res = post_on_page(&app, &mut admin, &coord, "two-factor/reset", &[]).await;
    assert_eq!(res.status, 400);
    assert!(is_two_factor_on(&app, COORD));
    let res = post_on_page(&app, &mut admin, &coord, "two-factor/reset", &confirm).await;
    assert_eq!(res.status, 303);
    assert!(!is_two_factor_on(&app, COORD));

    // Revoking an invitation.
    crate::invitations::invite(&app, &staff.admin, "new@ken.example.org", "KEN", "observer").await;
    let new = app.user_id("new@ken.example.org");
    let res = post_on_page(&app, &mut admin, &new, "invitation/revoke", &[]).await;
    assert_eq!(res.status, 400);
    assert!(app.is_active("new@ken.example.org"));
    let res = post_on_page(&app, &mut admin, &new, "invitation/revoke", &confirm).await;
    assert_eq!(res.status, 303);
    assert!(!app.is_active("new@ken.example.org"));

    // The API: ending sessions is audited like the page's.
    app.token(OBSERVER, PASSWORD).await;
    let path = format!("/api/v1/users/{obs}/sessions");
    let res = app.delete_bearer(&path, &staff.admin).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let audit = app
        .get_bearer("/api/v1/audit?action=user.sessions_end", &staff.admin)
        .await;
    assert_eq!(audit.items().len(), 2);
    for token in [&staff.coordinator, &staff.observer] {
        assert!(matches!(
            app.delete_bearer(&path, token).await.status,
            401 | 403
        ));
    }
}

#[actix_web::test]
async fn the_invite_form_has_no_default_organisation_and_refuses_a_missing_one() {
    let app = spawn_app().await;
    staff(&app).await;
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    let page = app.browser_get(&mut admin, "/admin/users").await;
    let select = page
        .body
        .split("<select id=\"inv-org\"")
        .nth(1)
        .expect("an organisation picker");
    let select = select.split("</select>").next().unwrap();
    assert!(select.contains(" required>"));
    assert!(select
        .trim_start_matches(|c| c != '<')
        .starts_with("<option value=\"\">"));
    assert!(!select.contains("selected"), "no default organisation");

    let before = user_count(&app);
    let fields = [
        ("email", "typed@ken.example.org"),
        ("name", "Typed Person"),
        ("organisation", ""),
        ("role", "focal_point"),
    ];
    let res = app.submit(&mut admin, "/admin/users/invite", &fields).await;
    assert_eq!(res.status, 400);
    assert!(res
        .body
        .contains("Choose the organisation of the person you invite."));
    assert!(res.body.contains("value=\"typed@ken.example.org\""));
    assert!(res.body.contains("value=\"Typed Person\""));
    assert!(res.body.contains("<option value=\"focal_point\" selected>"));
    assert_eq!(user_count(&app), before, "nothing written");
    assert!(app.sent_mail().await.is_empty(), "no invitation mailed");

    // An unknown code: refused in the reader's words, not the API's.
    let fields = [
        ("email", "typed@ken.example.org"),
        ("name", "Typed Person"),
        ("organisation", "ZZZ"),
        ("role", "observer"),
    ];
    let res = app.submit(&mut admin, "/admin/users/invite", &fields).await;
    assert_eq!(res.status, 400);
    assert!(
        res.body.contains("No organisation has this code or name."),
        "{}",
        res.body
    );
    assert_eq!(user_count(&app), before);
}

#[actix_web::test]
async fn the_administration_lists_count_what_their_reader_may_see() {
    let app = spawn_app().await;
    staff(&app).await;
    let mut admin = app.browser_login(ADMIN, PASSWORD).await;
    // Guinea, Equatorial Guinea, Guinea-Bissau, Papua New Guinea.
    let page = app
        .browser_get(&mut admin, "/admin/organisations?q=guinea")
        .await;
    assert!(page.body.contains(">4 organisations</p>"), "{}", page.body);
    let page = app
        .browser_get(&mut admin, "/admin/organisations?q=kenya")
        .await;
    assert!(page.body.contains(">1 organisation</p>"));
    // Five accounts in all; KEN's focal point manages KEN's two.
    let page = app.browser_get(&mut admin, "/admin/users").await;
    assert!(page.body.contains(">5 accounts</p>"), "{}", page.body);
    let mut focal = app.browser_login(FOCAL_KEN, PASSWORD).await;
    let page = app.browser_get(&mut focal, "/admin/users").await;
    assert!(page.body.contains(">2 accounts</p>"), "{}", page.body);
    let page = app
        .browser_get(&mut focal, &format!("/admin/users?q={}", FOCAL_FRA))
        .await;
    assert!(page.body.contains(">0 accounts</p>"), "{}", page.body);
}
