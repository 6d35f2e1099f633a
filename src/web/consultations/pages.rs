//! HTML pages for consultations: list with filters, the coordinators' form, one consultation.

use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::consultations::may_edit_content;
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::PageCaller;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::pagination::PageParams;
use crate::services::consultations::{self, ConsultationQuery};
use crate::services::content::require_editor;
use crate::services::reference;
use crate::web::common::api::Answer;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::render::{non_empty, refused_input, see_other};

use super::forms::{render_form, ConsultationForm};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ConsultationFilterForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    status: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

#[get("/consultations")]
pub async fn list_page(
    caller: PageCaller,
    f: Query<ConsultationFilterForm>,
) -> AppResult<HttpResponse> {
    let f = f.0;
    let year =
        match f.year.trim() {
            "" => None,
            y => Some(y.parse::<i32>().map_err(|_| {
                AppError::invalid(ErrorCode::InvalidQuery, "the year is not a number")
            })?),
        };
    let query = ConsultationQuery {
        member_state: non_empty(&f.member_state),
        programme: non_empty(&f.programme),
        year,
        status: non_empty(&f.status),
        page: PageParams::html(&f.cursor),
    };
    let page = caller
        .db(move |conn, user, _| consultations::list(conn, user, query))
        .await?;
    let picker = caller.state.state_picker().await?;
    let pairs = [
        ("member_state", f.member_state.as_str()),
        ("programme", f.programme.as_str()),
        ("year", f.year.as_str()),
        ("status", f.status.as_str()),
    ];
    let next = page.next_cursor.as_deref();
    let mut ctx = caller.list_context("/consultations", &pairs, next, &page.items, &f);
    ctx.insert("states", &picker.states);
    ctx.insert("programmes", reference::programmes());
    ctx.insert("may_edit", &may_edit_content(&caller.actor));
    caller.render("consultations/list.html", &ctx)
}

#[get("/consultations/new")]
pub async fn new_page(caller: PageCaller) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    render_form(&caller, ConsultationForm::blank(), None).await
}

#[post("/consultations/new")]
pub async fn create_submit(
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    let form = ConsultationForm::from_fields(&fields.0);
    if fields.0.get("add_measure").is_some() {
        return render_form(&caller, form.with_blank_slots(1), None).await;
    }
    let input = form.input();
    let result = caller
        .db(move |conn, user, ip| consultations::create(conn, user, ip, input?))
        .await;
    match refused_input(result)? {
        Ok(view) => Ok(see_other(format!("/consultations/{}", view.id))),
        Err(message) => render_form(&caller, form, Some(message)).await,
    }
}

#[get("/consultations/{id}")]
pub async fn show_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let consultation = caller
        .db(move |conn, user, ip| consultations::read(conn, user, ip, &id))
        .await?;
    let mut ctx = caller.context();
    ctx.insert("c", &consultation);
    ctx.insert("may_edit", &may_edit_content(&caller.actor));
    caller.render("consultations/show.html", &ctx)
}

#[post("/consultations/{id}/publish")]
pub fn publish_submit(caller: PageCaller, id: Path<String>, _form: CsrfForm<CsrfOnly>) -> Answer {
    caller.redirect(move |conn, user, ip| {
        consultations::publish(conn, user, ip, &id)
            .map(|view| format!("/consultations/{}", view.id))
    })
}
