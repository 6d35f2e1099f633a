//! `/account`: the signed-in user's password, sessions and two-factor set-up.

use actix_web::http::StatusCode;
use actix_web::web::{Path, Query};
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::CurrentUser;
use crate::auth::{PageCaller, PageCallerSettingUp};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::two_factor as two_factor_repo;
use crate::services::account::two_factor;
use crate::services::account::{self, PasswordChange};
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{page_context, see_other};

#[derive(Deserialize)]
pub struct Notice {
    done: Option<String>,
}

#[derive(Serialize)]
struct Row {
    id: String,
    created: String,
    last_seen: String,
    ip: String,
    device: crate::domain::devices::Device,
    current: bool,
}

/// The account page, with a `notice` after a change, or again with `error` (400) when refused.
async fn render_page(
    caller: &PageCaller,
    notice: Option<&str>,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let list = account::sessions(&caller.state, &caller.user).await?;
    let rows: Vec<Row> = list
        .items
        .into_iter()
        .map(|s| Row {
            id: s.id,
            created: crate::l10n::format_time(s.created_at.naive().and_utc(), caller.lang),
            last_seen: crate::l10n::format_time(s.last_seen_at.naive().and_utc(), caller.lang),
            ip: s.ip.unwrap_or_default(),
            device: crate::domain::devices::device_of(s.user_agent.as_deref()),
            current: s.current,
        })
        .collect();
    let mut ctx = caller.context();
    ctx.insert("sessions", &rows);
    ctx.insert("notice", &notice);
    caller.render_form("account.html", ctx, error)
}

#[get("/account")]
pub async fn account_page(caller: PageCaller, q: Query<Notice>) -> AppResult<HttpResponse> {
    let notice = match q.done.as_deref() {
        Some("password") => Some("account-password-changed"),
        Some("session") => Some("account-session-ended"),
        _ => None,
    };
    render_page(&caller, notice, None).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf_token: String,
    current_password: String,
    new_password: String,
    new_password_confirm: String,
}

csrf_protected!(PasswordForm);

#[post("/account/password")]
pub async fn password_submit(
    caller: PageCaller,
    form: CsrfForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    if form.new_password != form.new_password_confirm {
        let message = crate::i18n::text(caller.lang, "set-password-mismatch");
        return render_page(&caller, None, Some(message)).await;
    }
    let change = PasswordChange {
        current_password: form.current_password,
        new_password: form.new_password,
    };
    let new_password = change.new_password.clone();
    let (state, ip) = (&caller.state, caller.ip.clone());
    match account::change_password(state, &caller.user, ip, change).await {
        Ok(()) => Ok(see_other("/account?done=password")),
        Err(AppError::BadRequest { code, .. }) => {
            // Refused: say which rule in the reader's language (the check runs again only on
            // this path, off the workers).
            let problem = web::block(move || crate::domain::password_policy::check(&new_password))
                .await?
                .err();
            let key = match (code, problem) {
                (ErrorCode::WeakPassword, Some(p)) => p.key(),
                _ => "account-wrong-password",
            };
            let message = crate::i18n::text(caller.lang, key);
            render_page(&caller, None, Some(message)).await
        }
        Err(other) => Err(other),
    }
}

#[post("/account/sessions/{id}/end")]
pub async fn end_session_submit(
    caller: PageCaller,
    id: Path<String>,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    account::end_session(&caller.state, &caller.user, caller.ip, id.into_inner()).await?;
    Ok(see_other("/account?done=session"))
}

/// `/account/two-factor`: set-up (QR code, secret, confirmation by a code) or its status.
/// Accounts that must set up two-factor are sent here by every other page.
#[get("/account/two-factor")]
pub async fn two_factor_page(caller: PageCallerSettingUp) -> AppResult<HttpResponse> {
    render_two_factor(&caller, StatusCode::OK, None).await
}

async fn render_two_factor(
    caller: &PageCallerSettingUp,
    status: StatusCode,
    error: Option<&str>,
) -> AppResult<HttpResponse> {
    let (user, settings) = (&caller.user, &caller.state.settings);
    let mut ctx = caller.context();
    ctx.insert("required", &user.must_set_up_two_factor());
    ctx.insert("error", &error);
    if user.two_factor {
        let (since, left) = caller
            .db(move |conn, user, _| {
                let since = two_factor_repo::state(conn, &user.id)?.enabled_at;
                let left = two_factor_repo::unused_recovery_codes(conn, &user.id)?;
                Ok((since, left))
            })
            .await?;
        ctx.insert("enabled", &true);
        ctx.insert(
            "enabled_since",
            &since
                .map(|s| s.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
        ctx.insert("recovery_left", &left);
    } else {
        let issuer = two_factor::issuer(&settings.public_url);
        let keys = settings.totp_keys.clone();
        let start = caller
            .db(move |conn, user, _| {
                two_factor::start_setup(conn, &keys, &user.id, &user.email, &issuer)
            })
            .await?;
        ctx.insert("enabled", &false);
        ctx.insert("qr_svg", &two_factor::qr_svg(&start.otpauth_uri)?);
        // Shown in groups of four, as authenticator apps accept it and people read it.
        let grouped: Vec<String> = start
            .secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        ctx.insert("secret", &grouped.join(" "));
    }
    caller.render_status(status, "account/two_factor.html", &ctx)
}

#[derive(Deserialize)]
pub struct TwoFactorForm {
    csrf_token: String,
    code: String,
}

csrf_protected!(TwoFactorForm);

#[post("/account/two-factor")]
pub async fn two_factor_submit(
    caller: PageCallerSettingUp,
    form: CsrfForm<TwoFactorForm>,
) -> AppResult<HttpResponse> {
    let (keys, code) = (caller.state.settings.totp_keys.clone(), form.0.code);
    let confirmed = caller
        .db(move |conn, user, ip| {
            two_factor::confirm_setup(conn, &keys, &user.id, &user.email, ip, &code)
        })
        .await;
    match confirmed {
        Ok(codes) => {
            let user = CurrentUser {
                two_factor: true,
                ..caller.user.clone()
            };
            let mut ctx = page_context(&caller.req, &caller.state, Some(&user));
            ctx.insert("recovery_codes", &codes.recovery_codes);
            caller.render("account/two_factor.html", &ctx)
        }
        Err(AppError::BadRequest { .. }) => {
            render_two_factor(&caller, StatusCode::BAD_REQUEST, Some("tf-wrong-code")).await
        }
        Err(AppError::Conflict(_)) => Ok(see_other("/account/two-factor")),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct RecoveryCodesForm {
    csrf_token: String,
    proof: String,
}

csrf_protected!(RecoveryCodesForm);

/// New recovery codes (two-factor on), shown once; the old ones stop working at once.
#[post("/account/two-factor/recovery-codes")]
pub async fn recovery_codes_submit(
    caller: PageCallerSettingUp,
    form: CsrfForm<RecoveryCodesForm>,
) -> AppResult<HttpResponse> {
    let (state, ip) = (&caller.state, caller.ip.clone());
    let made = account::recovery_codes::regenerate(state, &caller.user, ip, form.0.proof).await;
    match made {
        Ok(codes) => {
            let mut ctx = caller.context();
            ctx.insert("recovery_codes", &codes.recovery_codes);
            ctx.insert("regenerated", &true);
            caller.render("account/two_factor.html", &ctx)
        }
        Err(AppError::BadRequest { .. }) => {
            let wrong = Some("tf-regenerate-wrong");
            render_two_factor(&caller, StatusCode::BAD_REQUEST, wrong).await
        }
        Err(other) => Err(other),
    }
}
