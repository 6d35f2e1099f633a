//! The calls that choose a password: a mailed or printed link's token through the API or its
//! page, the reset confirmation, and the signed-in user's own change, by API and by form.

use serde_json::json;

use crate::helpers::{Browser, Page, TestApp};

/// Sets a password with a set-password (invitation) link's token, through the API.
pub async fn accept_link(app: &TestApp, token: &str, password: &str) -> Page {
    let body = json!({"token": token, "password": password});
    app.post_json("/api/v1/auth/accept-invitation", &body).await
}

/// Sets a new password with a reset link's token, through the API.
pub async fn confirm_reset(app: &TestApp, token: &str, password: &str) -> Page {
    let body = json!({"token": token, "password": password});
    app.post_json("/api/v1/auth/password-reset/confirm", &body)
        .await
}

/// The signed-in user changes their own password through the API.
pub async fn change_password(app: &TestApp, bearer: &str, current: &str, new: &str) -> Page {
    let body = json!({"current_password": current, "new_password": new});
    app.post_json_bearer("/api/v1/account/password", bearer, &body)
        .await
}

/// Posts the set-password page's form, with the token of the page the browser is on.
pub async fn set_password_form(
    app: &TestApp,
    browser: &mut Browser,
    token: &str,
    password: &str,
    confirm: &str,
) -> Page {
    let fields = [
        ("token", token),
        ("password", password),
        ("password_confirm", confirm),
    ];
    app.submit(browser, "/set-password", &fields).await
}

/// Posts the account page's password form, with the token of the page the browser is on.
pub async fn change_password_form(
    app: &TestApp,
    browser: &mut Browser,
    current: &str,
    new: &str,
    confirm: &str,
) -> Page {
    let fields = [
        ("current_password", current),
        ("new_password", new),
        ("new_password_confirm", confirm),
    ];
    app.submit(browser, "/account/password", &fields).await
}
