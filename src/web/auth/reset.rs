//! `/password-reset`: ask for a link by e-mail, then choose a new password with it.

use actix_web::http::StatusCode;
use actix_web::web::Query;
use actix_web::{get, post, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::ClientMeta;
use crate::error::AppResult;
use crate::services::auth::password_reset;
use crate::web::auth::pages::{invalid_token, new_password_hash, password_page, PasswordLink};
use crate::web::common::render::{render, see_other};

#[derive(Deserialize)]
pub struct SentQuery {
    sent: Option<String>,
}

#[get("/password-reset")]
pub async fn request_page(client: ClientMeta, q: Query<SentQuery>) -> AppResult<HttpResponse> {
    let mut ctx = client.context();
    ctx.insert("sent", &q.sent.is_some());
    render(&client.state, StatusCode::OK, "password_reset.html", &ctx)
}

#[derive(Deserialize)]
pub struct RequestForm {
    csrf_token: String,
    email: String,
}
csrf_protected!(RequestForm, signed_out);

/// Whatever the address, the browser lands on the same "check your mail" page.
#[post("/password-reset")]
pub async fn request_submit(
    client: ClientMeta,
    form: CsrfForm<RequestForm>,
) -> AppResult<HttpResponse> {
    password_reset::request(&client.state, form.0.email, client.ip).await?;
    Ok(see_other("/password-reset?sent=1"))
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// The reset link's page. The token is in the address: the security headers keep the page
/// out of caches and referrers.
const RESET: PasswordLink = PasswordLink {
    title_key: "reset-title",
    form_action: "/password-reset/confirm",
    again_href: Some("/password-reset"),
};

#[get("/password-reset/confirm")]
pub async fn confirm_form(client: ClientMeta, q: Query<TokenQuery>) -> AppResult<HttpResponse> {
    let token = q.0.token.unwrap_or_default();
    let lookup = token.clone();
    let valid = !token.is_empty()
        && token.len() <= 128
        && client
            .state
            .db(move |conn| password_reset::token_is_usable(conn, &lookup))
            .await?;
    password_page(&client, &RESET, valid.then_some(token.as_str()), None)
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    csrf_token: String,
    token: String,
    password: String,
    password_confirm: String,
}

csrf_protected!(ConfirmForm, signed_out);

#[post("/password-reset/confirm")]
pub async fn confirm_submit(
    client: ClientMeta,
    form: CsrfForm<ConfirmForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    let hash = new_password_hash(&client.state, form.password, &form.password_confirm).await?;
    let hash = match hash {
        Ok(hash) => hash,
        Err(error) => return password_page(&client, &RESET, Some(&form.token), Some(error)),
    };
    let (token, ip) = (form.token, client.ip.clone());
    let confirmed = client
        .state
        .db(move |conn| password_reset::confirm(conn, &token, &hash, &ip))
        .await;
    match invalid_token(confirmed)? {
        Some(()) => Ok(see_other("/login?done=reset")),
        None => password_page(&client, &RESET, None, None),
    }
}
