//! New recovery codes on the two-factor page and in the API: proven with the password or a
//! current code (not a recovery code), audited (refusals too), the old codes dead at once and
//! the new ones shown once.

use portal::domain::Role;
use portal::services::account::two_factor;
use serde_json::json;

use crate::helpers::{TestApp, PASSWORD};
use crate::people::now;
use crate::two_factor::{raw_login, set_up};

const ANA: &str = "ana@ken.example.org";
const PATH: &str = "/api/v1/account/totp/recovery-codes";

fn codes_of(page: &crate::helpers::Page) -> Vec<String> {
    page.json()["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

async fn ana_with_two_factor(app: &TestApp) -> (String, String, Vec<String>) {
    app.add_user(ANA, "KEN", Role::FocalPoint);
    let token = app.token(ANA, PASSWORD).await;
    let (secret, codes) = set_up(app, &token).await;
    (token, secret, codes)
}

#[actix_web::test]
async fn new_recovery_codes_need_the_password_or_a_code_and_the_old_ones_die() {
    let app = crate::helpers::spawn_app().await;
    let (token, secret, old) = ana_with_two_factor(&app).await;

    // Refused: a wrong password, a recovery code, both or neither, unknown fields.
    for body in [
        json!({"password": "not my password at all"}),
        json!({"code": "000000"}),
        json!({"code": old[0]}),
        json!({"password": PASSWORD, "code": "123456"}),
        json!({}),
        json!({"password": PASSWORD, "extra": 1}),
    ] {
        let res = app.post_json_bearer(PATH, &token, &body).await;
        assert_eq!(res.status, 400, "{body}: {}", res.body);
    }
    assert_eq!(
        raw_login(&app, ANA, Some(&old[0])).await.status,
        200,
        "nothing changed"
    );

    let res = app
        .post_json_bearer(PATH, &token, &json!({"password": PASSWORD}))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let new = codes_of(&res);
    assert_eq!(new.len(), 10);
    assert!(new.iter().all(|c| !old.contains(c)));
    assert_eq!(
        raw_login(&app, ANA, Some(&old[1])).await.status,
        401,
        "old codes die"
    );
    assert_eq!(raw_login(&app, ANA, Some(&new[0])).await.status, 200);

    // With a current code (the next step: set-up used this one); that code is then spent.
    let code = two_factor::code_at(&secret, now() + 30).unwrap();
    let res = app
        .post_json_bearer(PATH, &token, &json!({"code": code}))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let newer = codes_of(&res);
    assert_eq!(raw_login(&app, ANA, Some(&new[1])).await.status, 401);
    let res = app
        .post_json_bearer(PATH, &token, &json!({"code": code}))
        .await;
    assert_eq!(res.status, 400, "a code works once");

    let admin = {
        app.add_user("root@unoct.example.org", "UNOCT", Role::Admin);
        let code = app.current_code("root@unoct.example.org").unwrap();
        let body = json!({"email": "root@unoct.example.org", "password": PASSWORD, "totp": code});
        app.post_json("/api/v1/auth/login", &body)
            .await
            .field("token")
    };
    let audit = app
        .get_bearer("/api/v1/audit?action=account.recovery_codes", &admin)
        .await;
    let outcomes = audit.item_fields("outcome");
    assert_eq!(outcomes.iter().filter(|o| *o == "success").count(), 2);
    assert!(
        outcomes.iter().filter(|o| *o == "failure").count() >= 4,
        "{outcomes:?}"
    );
    assert!(raw_login(&app, ANA, Some(&newer[0])).await.status == 200);
}

#[actix_web::test]
async fn the_two_factor_page_makes_new_codes_and_shows_them_once() {
    let app = crate::helpers::spawn_app().await;
    let (_, _, old) = ana_with_two_factor(&app).await;
    let mut browser = app.browser_login(ANA, PASSWORD).await;
    let page = app.browser_get(&mut browser, "/account/two-factor").await;
    let page = page.assert_status(200);
    assert!(page
        .body
        .contains("action=\"/account/two-factor/recovery-codes\""));
    let path = "/account/two-factor/recovery-codes";
    let res = app
        .submit(&mut browser, path, &[("proof", "wrong password here")])
        .await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("Nothing was changed"), "{}", res.body);
    let res = app.submit(&mut browser, path, &[("proof", PASSWORD)]).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains("the earlier ones no longer work"));
    assert_eq!(res.body.matches("<li><code>").count(), 10);
    assert_eq!(raw_login(&app, ANA, Some(&old[2])).await.status, 401);
    let page = app.browser_get(&mut browser, "/account/two-factor").await;
    assert!(!page.body.contains("<li><code>"), "shown once");
    assert!(page.body.contains("Unused recovery codes: 10."));

    // Without two-factor there is nothing to renew.
    app.add_user("bo@ken.example.org", "KEN", Role::FocalPoint);
    let token = app.token("bo@ken.example.org", PASSWORD).await;
    let res = app
        .post_json_bearer(PATH, &token, &json!({"password": PASSWORD}))
        .await;
    assert_eq!(res.status, 400);
    assert_eq!(res.error_code(), "no_setup");
}
