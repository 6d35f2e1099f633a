//! The dismissal form of the need and project pages (no JavaScript: the post answers with a
//! redirect back to the page it came from).

use actix_web::post;
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::services::suggestions::{self, NewDismissal};
use crate::web::common::api::Answer;
use crate::web::common::render::safe_next;

#[derive(Debug, Deserialize)]
pub struct DismissForm {
    csrf_token: String,
    need_id: String,
    project_id: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}
csrf_protected!(DismissForm);

#[post("/suggestions/dismissals")]
pub fn dismiss_submit(caller: PageCaller, form: CsrfForm<DismissForm>) -> Answer {
    let f = form.0;
    let back = Some(f.back.as_str())
        .filter(|b| !b.is_empty())
        .map_or_else(|| format!("/needs/{}", f.need_id), |b| safe_next(Some(b)));
    let input = NewDismissal {
        need_id: f.need_id,
        project_id: f.project_id,
        reason: f.reason,
    };
    caller.redirect(move |conn, user, ip| {
        suggestions::dismiss(conn, user, ip, input)?;
        Ok(back)
    })
}
