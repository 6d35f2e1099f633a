//! The common context of every page and the rendering of pages and error pages.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::access::admin::{account_scope, AccountScope};
use crate::auth::csrf;
use crate::auth::{Caller, ClientMeta, CurrentUser};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::i18n;
use crate::state::AppState;
use crate::web::common::api::{Answer, ServiceCall};
use crate::web::common::chrome;

/// Every value of a closed set (a `stored_as_text!` enum) with its label in `lang`, the
/// message `{prefix}{value}`: a page of many rows looks each label up once, not once a row.
pub fn labels<E>(lang: &str, prefix: &str) -> std::collections::BTreeMap<&'static str, String>
where
    E: strum::VariantArray + Copy + Into<&'static str>,
{
    E::VARIANTS
        .iter()
        .map(|v| {
            let value: &'static str = (*v).into();
            (value, i18n::text(lang, &format!("{prefix}{value}")))
        })
        .collect()
}

#[derive(Serialize)]
pub struct NavArea {
    pub href: &'static str,
    pub label_key: &'static str,
    pub description_key: Option<&'static str>,
}

/// The areas of the portal, in navigation order. An area is listed once it exists: nothing
/// announces what is not built yet.
/// Administrators also see the administration; focal points their organisation's accounts.
pub fn navigation(user: Option<&CurrentUser>) -> Vec<NavArea> {
    let area = |href, label_key, description_key| NavArea {
        href,
        label_key,
        description_key,
    };
    let mut areas = vec![
        area("/", "nav-dashboard", None),
        area("/reports", "nav-reports", Some("area-reports")),
        area("/needs", "nav-needs", Some("area-needs")),
        area("/projects", "nav-projects", Some("area-projects")),
        area("/matches", "nav-matches", Some("area-matches")),
        area("/documents", "nav-documents", Some("area-documents")),
        area("/messages", "nav-messages", Some("area-messages")),
        area("/calendar", "nav-calendar", Some("area-calendar")),
        area("/groups", "nav-groups", Some("area-groups")),
        area(
            "/consultations",
            "nav-consultations",
            Some("area-consultations"),
        ),
        area(
            "/coordination",
            "nav-coordination",
            Some("area-coordination"),
        ),
    ];
    // A Member State's users go to their own State's page; everyone else to the index.
    match user.map(|u| crate::access::dashboard::own_state(&u.actor()).is_some()) {
        Some(true) => areas.push(area(
            "/states/mine",
            "nav-own-state",
            Some("area-own-state"),
        )),
        _ => areas.push(area("/states", "nav-states", Some("area-states"))),
    }
    match user.map(|u| account_scope(&u.actor())) {
        Some(Some(AccountScope::All)) => areas.push(area("/admin", "nav-admin", None)),
        Some(Some(AccountScope::Organisation(_))) => {
            areas.push(area("/admin/users", "nav-org-accounts", None))
        }
        _ => {}
    }
    areas
}

/// Language, CSRF token, current path, user and navigation: what `base.html` needs.
pub fn page_context(
    req: &HttpRequest,
    state: &AppState,
    user: Option<&CurrentUser>,
) -> tera::Context {
    let lang = i18n::request_language(req, user.and_then(|u| u.language.as_deref()));
    let mut ctx = tera::Context::new();
    ctx.insert("lang", lang);
    // Pages rendered without the user (error pages) still get the session's token when the
    // browser has a session cookie, as forms posted with that cookie are checked against it.
    let session_id = match user {
        Some(u) => Some(u.session_id.clone()),
        None => csrf::cookie_session_id(req, state),
    };
    ctx.insert(
        "csrf_token",
        &csrf::form_token(req, &state.csrf, session_id.as_deref()),
    );
    ctx.insert("current_path", req.path());
    ctx.insert("user", &user);
    ctx.insert("language_options", chrome::language_options(lang));
    if user.is_some() {
        let areas = navigation(user);
        ctx.insert("nav", &chrome::nav_html(&areas, lang, req.path()));
    }
    // Pages that know it replace this with the user's unread message count.
    ctx.insert("unread_count", &0);
    ctx
}

impl<K: 'static> Caller<K> {
    /// Runs `f`, a form's change, and goes (303) to the location it returns.
    pub fn redirect(self, f: impl ServiceCall<String>) -> Answer {
        Box::pin(async move { Ok(see_other(self.db(f).await?)) })
    }

    /// [`page_context`] of the caller's page.
    pub fn context(&self) -> tera::Context {
        page_context(&self.req, &self.state, Some(&self.user))
    }

    /// Renders `template` with `ctx` (200).
    pub fn render(&self, template: &str, ctx: &tera::Context) -> AppResult<HttpResponse> {
        render(&self.state, StatusCode::OK, template, ctx)
    }

    /// Renders `template` with `ctx` and `status` (a form shown again with its error: 400).
    pub fn render_status(
        &self,
        status: StatusCode,
        template: &str,
        ctx: &tera::Context,
    ) -> AppResult<HttpResponse> {
        render(&self.state, status, template, ctx)
    }

    /// A page with a form: 200, or again with the refusal of its post (`problem`: the status
    /// and the message shown as `error`).
    pub fn render_refused(
        &self,
        template: &str,
        mut ctx: tera::Context,
        problem: Option<(StatusCode, String)>,
    ) -> AppResult<HttpResponse> {
        let (status, error) = match problem {
            Some((status, message)) => (status, Some(message)),
            None => (StatusCode::OK, None),
        };
        ctx.insert("error", &error);
        self.render_status(status, template, &ctx)
    }

    /// A form page: 200, or 400 with `error` when its post was refused.
    pub fn render_form(
        &self,
        template: &str,
        ctx: tera::Context,
        error: Option<String>,
    ) -> AppResult<HttpResponse> {
        let problem = error.map(|message| (StatusCode::BAD_REQUEST, message));
        self.render_refused(template, ctx, problem)
    }
}

/// A form post's result with a refusal of its input (400) taken out: what its error code
/// means, in the reader's language, to show on the form again (the service's own words are
/// for the API and the logs). Any other error stays an error (its page).
pub fn refused_input<T>(result: AppResult<T>, lang: &str) -> AppResult<Result<T, String>> {
    match result {
        Ok(done) => Ok(Ok(done)),
        Err(err @ AppError::BadRequest { .. }) => {
            Ok(Err(i18n::text(lang, &err.code().message_key())))
        }
        Err(other) => Err(other),
    }
}

impl ClientMeta {
    /// [`page_context`] of a signed-out visitor's page (rendered by [`render`]).
    pub fn context(&self) -> tera::Context {
        page_context(&self.req, &self.state, None)
    }
}

pub fn render(
    state: &AppState,
    status: StatusCode,
    template: &str,
    ctx: &tera::Context,
) -> AppResult<HttpResponse> {
    let body = state.templates.render(template, ctx)?;
    Ok(HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .body(body))
}

/// The message key of the HTML error page: what its code means, or, for a framework error
/// that has no code, what its status means.
pub fn error_message_key(status: StatusCode, code: Option<ErrorCode>) -> String {
    let code = code.unwrap_or(match status.as_u16() {
        403 => ErrorCode::Forbidden,
        404 | 405 => ErrorCode::NotFound,
        413 => ErrorCode::PayloadTooLarge,
        429 => ErrorCode::TooManyRequests,
        503 => ErrorCode::Unavailable,
        s if s >= 500 => ErrorCode::Internal,
        _ => ErrorCode::BadRequest,
    });
    code.message_key()
}

/// A 303 to `location` (after a form post).
pub fn see_other(location: impl Into<String>) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.into()))
        .finish()
}

/// A form or query value, or None when it is blank.
pub fn non_empty(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Only local paths are followed after sign-in or a language change (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.contains(['\r', '\n']) =>
        {
            n.to_string()
        }
        _ => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/reports?x=1")), "/reports?x=1");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
