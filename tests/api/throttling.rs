//! Sign-in throttling after OWASP's device-cookie scheme: untrusted clients are locked per
//! (account, address), per account and per address; a client holding a device cookie for the
//! account passes those locks and meets only its own device's lock.

use awc::http::header;
use portal::auth::device::{self, DeviceKey};
use portal::domain::Role;
use portal::services::auth::{
    MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ACCOUNT_AND_IP, MAX_FAILURES_PER_DEVICE,
    MAX_FAILURES_PER_IP,
};
use serde_json::json;

use crate::helpers::{into_page, spawn_app_with, Browser, Page, TestApp, PASSWORD};
use crate::people::{app_with_ana, ANA, BO};

const WRONG: &str = "wrong password!!";

/// One API sign-in: `forwarded_for` counts only behind a trusted proxy; `device` is sent as
/// the device cookie's value.
async fn attempt(
    app: &TestApp,
    email: &str,
    password: &str,
    forwarded_for: Option<&str>,
    device: Option<&str>,
) -> Page {
    let mut req = app.client.post(app.url("/api/v1/auth/login"));
    if let Some(ip) = forwarded_for {
        req = req.insert_header(("x-forwarded-for", ip));
    }
    if let Some(value) = device {
        req = req.insert_header((header::COOKIE, format!("{}={value}", device::COOKIE)));
    }
    into_page(
        req.send_json(&json!({"email": email, "password": password}))
            .await
            .unwrap(),
    )
    .await
}

async fn login_from(
    app: &TestApp,
    email: &str,
    password: &str,
    forwarded_for: Option<&str>,
) -> (u16, Option<String>) {
    let page = attempt(app, email, password, forwarded_for, None).await;
    (page.status, page.header("retry-after"))
}

/// Signs in from `address` and returns the device cookie the answer set.
async fn device_cookie(app: &TestApp, email: &str, address: &str, device: Option<&str>) -> String {
    let page = attempt(app, email, PASSWORD, Some(address), device).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.cookie_value(device::COOKIE).expect("a device cookie")
}

/// An app behind a proxy at 127.0.0.1, so tests choose each attempt's address.
async fn behind_proxy() -> TestApp {
    spawn_app_with(|s| s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await
}

/// Wrong passwords on `email` from as many addresses as it takes to lock the account for
/// untrusted clients (one failure per address, so no address lock is involved).
async fn attack_from_many_addresses(app: &TestApp, email: &str) {
    for i in 0..MAX_FAILURES_PER_ACCOUNT {
        let page = attempt(app, email, WRONG, Some(&format!("198.51.100.{i}")), None).await;
        assert_eq!(page.status, 401, "attempt {i}: {}", page.body);
    }
}

fn assert_throttled(page: &Page, what: &str) {
    assert_eq!(page.status, 429, "{what}: {}", page.body);
    let secs: u64 = page
        .header("retry-after")
        .unwrap_or_else(|| panic!("{what}: Retry-After"))
        .parse()
        .unwrap();
    assert!(secs > 0 && secs <= 15 * 60, "{what}: {secs}");
}

#[actix_web::test]
async fn repeated_failures_on_one_account_get_429_with_retry_after() {
    let app = app_with_ana().await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT_AND_IP {
        assert_eq!(login_from(&app, ANA, "wrong password!!", None).await.0, 401);
    }
    // Even the right password is refused while the account is throttled.
    let (status, retry) = login_from(&app, "ANA@ken.example.org", PASSWORD, None).await;
    assert_eq!(status, 429);
    let secs: u64 = retry.expect("Retry-After").parse().unwrap();
    assert!(secs > 0 && secs <= 15 * 60, "{secs}");
    // Another account from the same address is not affected yet.
    app.add_user(BO, "KEN", Role::FocalPoint);
    assert_eq!(login_from(&app, BO, PASSWORD, None).await.0, 200);
}

/// What a wrong password from `ip` gets: status, error code, whether Retry-After came.
async fn answer(app: &TestApp, email: &str, ip: &str) -> (u16, Option<String>, bool) {
    let page = attempt(app, email, WRONG, Some(ip), None).await;
    let code = page.json()["error"]["code"].as_str().map(str::to_string);
    (page.status, code, page.header("retry-after").is_some())
}

#[actix_web::test]
async fn unknown_accounts_are_throttled_like_known_ones() {
    let app = behind_proxy().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    // The same attack on a known and on an unknown address: failures from one address until
    // its lock, then from others until the account-wide lock, then a fresh address.
    let mut answers = Vec::new();
    for (email, net) in [(ANA, 1), ("ghost@ken.example.org", 2)] {
        let mut seen = Vec::new();
        for _ in 0..=MAX_FAILURES_PER_ACCOUNT_AND_IP {
            seen.push(answer(&app, email, &format!("192.0.{net}.1")).await);
        }
        for i in 0..MAX_FAILURES_PER_ACCOUNT {
            seen.push(answer(&app, email, &format!("192.0.{net}.{}", 10 + i)).await);
        }
        seen.push(answer(&app, email, &format!("192.0.{net}.200")).await);
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1]);
    let statuses: Vec<u16> = answers[0].iter().map(|a| a.0).collect();
    let per_pair = MAX_FAILURES_PER_ACCOUNT_AND_IP as usize;
    let more = (MAX_FAILURES_PER_ACCOUNT - MAX_FAILURES_PER_ACCOUNT_AND_IP) as usize;
    let mut expected = vec![401; per_pair];
    expected.push(429);
    expected.extend(vec![401; more]);
    expected.extend(vec![429; statuses.len() - expected.len()]);
    assert_eq!(statuses, expected);
    assert!(answers[0]
        .iter()
        .all(|(status, _, retry)| (*status == 429) == *retry));
}

#[actix_web::test]
async fn many_failures_from_one_address_get_429_and_x_forwarded_for_is_ignored() {
    let app = app_with_ana().await;
    for i in 0..MAX_FAILURES_PER_IP {
        // A different account each time, and a spoofed X-Forwarded-For: neither helps.
        let (status, _) = login_from(
            &app,
            &format!("user{i}@example.org"),
            "wrong password!!",
            Some(&format!("10.0.0.{i}")),
        )
        .await;
        assert_eq!(status, 401);
    }
    let (status, retry) = login_from(&app, ANA, PASSWORD, Some("10.9.9.9")).await;
    assert_eq!(status, 429);
    assert!(retry.is_some());
}

#[actix_web::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts() {
    let app = spawn_app_with(|s| s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    for i in 0..MAX_FAILURES_PER_IP {
        let (status, _) = login_from(
            &app,
            &format!("user{i}@example.org"),
            "wrong password!!",
            Some("203.0.113.7"),
        )
        .await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        login_from(&app, ANA, PASSWORD, Some("203.0.113.7")).await.0,
        429
    );
    // Another client behind the same proxy is not locked out.
    assert_eq!(
        login_from(&app, ANA, PASSWORD, Some("198.51.100.4"))
            .await
            .0,
        200
    );
}

#[actix_web::test]
async fn twenty_concurrent_sign_ins_all_complete() {
    let app = app_with_ana().await;
    let attempts = (0..20).map(|_| app.login_api(ANA, PASSWORD));
    let health = app.get("/healthz");
    let (results, health) =
        futures_util::future::join(futures_util::future::join_all(attempts), health).await;
    assert!(results.iter().all(|p| p.status == 200));
    assert_eq!(health.status, 200);
}

#[actix_web::test]
async fn twenty_failures_on_one_account_do_not_block_another_account_behind_the_same_address() {
    let app = behind_proxy().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    app.add_user(BO, "KEN", Role::FocalPoint);
    let office = Some("203.0.113.7");
    for i in 0..20 {
        let (status, _) = login_from(&app, ANA, WRONG, office).await;
        let expected = if i < MAX_FAILURES_PER_ACCOUNT_AND_IP {
            401
        } else {
            429
        };
        assert_eq!(status, expected, "attempt {i}");
    }
    // Ana's account stays locked for untrusted clients at this address …
    let page = attempt(&app, ANA, PASSWORD, office, None).await;
    assert_throttled(&page, "ana from the office");
    // … but Bo, behind the same address, signs in.
    let bo_device = device_cookie(&app, BO, "203.0.113.7", None).await;

    // Until the address itself reaches its limit: only failures that were not throttled count.
    for i in MAX_FAILURES_PER_ACCOUNT_AND_IP..MAX_FAILURES_PER_IP {
        let (status, _) = login_from(&app, &format!("nobody{i}@example.org"), WRONG, office).await;
        assert_eq!(status, 401, "attempt {i}");
    }
    let page = attempt(&app, BO, PASSWORD, office, None).await;
    assert_throttled(&page, "bo without his device cookie");
    // Bo's device cookie passes the address lock.
    let page = attempt(&app, BO, PASSWORD, office, Some(&bo_device)).await;
    assert_eq!(page.status, 200, "{}", page.body);
}

#[actix_web::test]
async fn the_owner_with_a_device_cookie_signs_in_during_an_attack() {
    let app = behind_proxy().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    let home = "192.0.2.10";
    let ana_device = device_cookie(&app, ANA, home, None).await;

    attack_from_many_addresses(&app, ANA).await;
    // The attacker stays throttled, the right password notwithstanding, from a new address
    // and from the owner's own.
    for ip in ["198.51.100.200", home] {
        let page = attempt(&app, ANA, PASSWORD, Some(ip), None).await;
        assert_throttled(&page, ip);
    }
    // The owner's device passes, and gets a fresh cookie.
    let renewed = device_cookie(&app, ANA, home, Some(&ana_device)).await;
    assert_ne!(renewed, ana_device);
    let page = attempt(&app, ANA, PASSWORD, Some(home), Some(&renewed)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // Its successes do not reset the attacker's count.
    let page = attempt(&app, ANA, PASSWORD, Some("198.51.100.201"), None).await;
    assert_throttled(&page, "the attacker after the owner signed in");
    // A wrong password with the device cookie is an ordinary failure for the device.
    let page = attempt(&app, ANA, WRONG, Some(home), Some(&renewed)).await;
    assert_eq!(page.status, 401, "{}", page.body);
}

#[actix_web::test]
async fn the_api_and_the_sign_in_page_set_the_device_cookie() {
    let app = app_with_ana().await;
    let api = attempt(&app, ANA, PASSWORD, None, None).await;
    assert_eq!(api.status, 200, "{}", api.body);
    let mut browser = Browser::default();
    let form = app.browser_get(&mut browser, "/login").await;
    let page = app
        .browser_post(
            &mut browser,
            "/login",
            &[
                ("csrf_token", &form.csrf_field()),
                ("email", ANA),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let values: Vec<String> = [&api, &page]
        .into_iter()
        .map(|p| {
            let set_cookie = p.cookie(device::COOKIE).expect("a device cookie");
            for attribute in [
                "HttpOnly",
                "Secure",
                "SameSite=Strict",
                "Path=/",
                "Max-Age=31536000",
            ] {
                assert!(set_cookie.contains(attribute), "{set_cookie}");
            }
            assert!(!set_cookie.contains("Domain"), "{set_cookie}");
            p.cookie_value(device::COOKIE).unwrap()
        })
        .collect();
    assert_ne!(values[0], values[1]);
    // A failed sign-in sets none.
    let failed = attempt(&app, ANA, WRONG, None, None).await;
    assert_eq!(failed.status, 401);
    assert_eq!(failed.cookie(device::COOKIE), None);
}

#[actix_web::test]
async fn the_sign_in_page_lets_a_known_browser_through_an_attack() {
    let app = behind_proxy().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    let ana_device = device_cookie(&app, ANA, "127.0.0.1", None).await;
    attack_from_many_addresses(&app, ANA).await;

    let page_login = |device: Option<String>| {
        let app = &app;
        async move {
            let mut browser = Browser::default();
            let form = app.browser_get(&mut browser, "/login").await;
            let mut cookies = browser.cookie_header();
            if let Some(value) = device {
                cookies = format!("{cookies}; {}={value}", device::COOKIE);
            }
            let req = app
                .client
                .post(app.url("/login"))
                .insert_header((header::COOKIE, cookies));
            let csrf = form.csrf_field();
            let fields = [
                ("csrf_token", csrf.as_str()),
                ("email", ANA),
                ("password", PASSWORD),
            ];
            into_page(req.send_form(&fields).await.unwrap()).await
        }
    };
    let stranger = page_login(None).await;
    assert_throttled(&stranger, "a browser without the cookie");
    let known = page_login(Some(ana_device)).await;
    assert_eq!(known.status, 303, "{}", known.body);
    assert!(known.cookie(device::COOKIE).is_some());
}

#[actix_web::test]
async fn another_accounts_or_a_forged_device_cookie_does_not_help() {
    let app = behind_proxy().await;
    let ana_id = app.add_user(ANA, "KEN", Role::FocalPoint);
    app.add_user(BO, "KEN", Role::FocalPoint);
    let ana_device = device_cookie(&app, ANA, "192.0.2.10", None).await;
    let bo_device = device_cookie(&app, BO, "192.0.2.11", None).await;
    assert!(
        ana_device.starts_with(&format!("{ana_id}.")),
        "{ana_device}"
    );
    attack_from_many_addresses(&app, ANA).await;

    let (_, bo_rest) = bo_device.split_once('.').unwrap();
    let (ana_unsigned, ana_signature) = ana_device.rsplit_once('.').unwrap();
    let flipped = format!(
        "{ana_unsigned}.{}{}",
        if ana_signature.starts_with('0') {
            '1'
        } else {
            '0'
        },
        &ana_signature[1..]
    );
    let (_, ana_nonce_and_signature) = ana_device.split_once('.').unwrap();
    let forged = [
        ("bo's cookie", bo_device.clone()),
        ("bo's nonce under ana's id", format!("{ana_id}.{bo_rest}")),
        ("ana's cookie with a flipped signature", flipped),
        (
            "ana's cookie without a signature",
            format!("{ana_unsigned}."),
        ),
        (
            "ana's nonce and signature under another id",
            format!("x{ana_id}.{ana_nonce_and_signature}"),
        ),
        (
            "signed with another key",
            DeviceKey::derive(b"not the server's secret at all!!").issue(&ana_id),
        ),
        ("garbage", "garbage".to_string()),
    ];
    for (what, value) in &forged {
        let page = attempt(&app, ANA, PASSWORD, Some("192.0.2.99"), Some(value)).await;
        assert_throttled(&page, what);
    }
    // The real one still works: the lock was what refused them.
    let page = attempt(&app, ANA, PASSWORD, Some("192.0.2.99"), Some(&ana_device)).await;
    assert_eq!(page.status, 200, "{}", page.body);
}

#[actix_web::test]
async fn failures_with_a_device_cookie_lock_out_that_device_only() {
    let app = behind_proxy().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    let home = Some("192.0.2.10");
    let laptop = device_cookie(&app, ANA, "192.0.2.10", None).await;
    let phone = device_cookie(&app, ANA, "192.0.2.10", None).await;
    for i in 0..MAX_FAILURES_PER_DEVICE {
        let page = attempt(&app, ANA, WRONG, home, Some(&laptop)).await;
        assert_eq!(page.status, 401, "attempt {i}: {}", page.body);
    }
    let page = attempt(&app, ANA, PASSWORD, home, Some(&laptop)).await;
    assert_throttled(&page, "the laptop");
    // The other device, and a client without a cookie at the same address, are not locked:
    // the laptop's failures counted against the laptop alone.
    let page = attempt(&app, ANA, PASSWORD, home, Some(&phone)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (status, _) = login_from(&app, ANA, PASSWORD, home).await;
    assert_eq!(status, 200);
    // Their sign-ins do not unlock the laptop.
    let page = attempt(&app, ANA, PASSWORD, home, Some(&laptop)).await;
    assert_throttled(&page, "the laptop after the others signed in");
}

#[actix_web::test]
async fn wrong_two_factor_codes_with_a_device_cookie_lock_that_device_and_are_audited() {
    use diesel::prelude::*;
    use portal::db::schema::audit_log;

    let app = behind_proxy().await;
    let coord = "cora@unoct.example.org";
    app.add_user(coord, "UNOCT", Role::Coordinator);
    let sign_in = |device: Option<String>, totp: String| {
        let app = &app;
        async move {
            let mut req = app
                .client
                .post(app.url("/api/v1/auth/login"))
                .insert_header(("x-forwarded-for", "192.0.2.10"));
            if let Some(value) = device {
                req = req.insert_header((header::COOKIE, format!("{}={value}", device::COOKIE)));
            }
            let body = json!({"email": coord, "password": PASSWORD, "totp": totp});
            into_page(req.send_json(&body).await.unwrap()).await
        }
    };
    let first = sign_in(None, app.current_code(coord).unwrap()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let cookie = first.cookie_value(device::COOKIE).unwrap();
    for i in 0..MAX_FAILURES_PER_DEVICE {
        let page = sign_in(Some(cookie.clone()), "000000".into()).await;
        assert_eq!(page.status, 401, "attempt {i}: {}", page.body);
    }
    let page = sign_in(Some(cookie.clone()), app.current_code(coord).unwrap()).await;
    assert_throttled(&page, "the device after wrong codes");
    // The same address without that cookie is not locked.
    let page = sign_in(None, app.current_code(coord).unwrap()).await;
    assert_eq!(page.status, 200, "{}", page.body);

    let denied: Vec<(Option<String>, Option<String>)> = audit_log::table
        .filter(audit_log::action.eq("auth.login"))
        .filter(audit_log::outcome.eq("denied"))
        .select((audit_log::actor_email, audit_log::details))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(denied.len(), 1, "{denied:?}");
    assert_eq!(denied[0].0.as_deref(), Some(coord));
    let details: serde_json::Value = serde_json::from_str(denied[0].1.as_deref().unwrap()).unwrap();
    assert_eq!(details["throttled"], "device");
}
