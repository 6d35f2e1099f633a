//! HTML pages for technical-assistance needs: list with filters and CSV export, need page
//! with comments, coordinator forms.

use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::reports::may_edit_content;
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::{PageCaller, PageEntrant};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::services::content::require_editor;
use crate::services::matches;
use crate::services::needs::{
    self, NeedPatch, NeedQuery, NeedSort, NeedStatus, NewComment, NewNeed, Priority,
};
use crate::services::reference;
use crate::services::spreadsheet::Reader;
use crate::services::suggestions;
use crate::web::common::api::Answer;
use crate::web::common::csv::csv_response;
use crate::web::common::lists::{filter_query, SortFields};
use crate::web::common::render::{non_empty, refused_input, see_other};
use crate::web::common::rows::Rows;

use super::rows::{NeedColumns, NeedLabels};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct NeedFilterForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    thematic_area: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    /// `true` when the "uncovered only" box is ticked.
    #[serde(default)]
    uncovered: String,
    #[serde(default, skip_serializing)]
    cursor: String,
    #[serde(flatten)]
    order: SortFields,
}

/// The needs list's sortable headers.
const SORTABLE: [(&str, NeedSort); 3] = [
    ("field-title", NeedSort::Title),
    ("field-priority", NeedSort::Priority),
    ("field-status", NeedSort::Status),
];

impl NeedFilterForm {
    fn query(&self) -> AppResult<NeedQuery> {
        Ok(NeedQuery {
            member_state: non_empty(&self.member_state),
            region: non_empty(&self.region),
            thematic_area: non_empty(&self.thematic_area),
            priority: non_empty(&self.priority),
            status: non_empty(&self.status),
            report_id: None,
            text: non_empty(&self.q),
            uncovered: self.uncovered == "true",
            sort: self.order.parse()?,
            page: PageParams::html(&self.cursor),
        })
    }

    fn pairs(&self) -> [(&'static str, &str); 7] {
        [
            ("member_state", self.member_state.as_str()),
            ("region", self.region.as_str()),
            ("thematic_area", self.thematic_area.as_str()),
            ("priority", self.priority.as_str()),
            ("status", self.status.as_str()),
            ("q", self.q.as_str()),
            ("uncovered", self.uncovered.as_str()),
        ]
    }
}

#[get("/needs")]
pub async fn list_page(
    entrant: PageEntrant,
    f: Query<NeedFilterForm>,
) -> actix_web::Result<HttpResponse> {
    let query = f.query()?;
    let (f, sort) = (f.0, query.sort);
    let state = entrant.state.clone();
    let (caller, (page, count)) = entrant
        .db(move |conn, user, _| {
            let kept = &state.need_lists;
            let count = needs::count(conn, user, &query, kept)?;
            Ok((needs::kept_page(conn, user, query, kept)?, count))
        })
        .await?;
    let page = &page.page;
    let (pairs, next) = (f.pairs(), page.next_cursor.as_deref());
    let labels = NeedLabels::new(caller.lang);
    let columns = NeedColumns::new(caller.lang);
    let mut rows = Rows::new(page.items.len());
    for need in labels.rows(&page.items) {
        need.write(&mut rows, &columns);
    }
    let mut ctx = caller.rows_context("/needs", &f.order.with(&pairs), next, rows, &f);
    caller.insert_count(&mut ctx, count);
    caller.insert_sorting(&mut ctx, "/needs", &pairs, sort, &SORTABLE);
    ctx.insert("filter_query", &filter_query(&pairs));
    caller
        .insert_state_filter(&mut ctx, &f.member_state)
        .await?;
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("regions", reference::regions());
    ctx.insert("may_edit", &may_edit_content(&caller.actor));
    Ok(caller.render("needs/list.html", &ctx)?)
}

#[get("/needs/export.csv")]
pub async fn export(caller: PageCaller, f: Query<NeedFilterForm>) -> AppResult<HttpResponse> {
    let mut query = f.query()?;
    query.page.cursor = None;
    let lang = caller.lang;
    let csv = caller
        .db(move |conn, user, ip| needs::export_csv(conn, user, ip, query, Reader::Person(lang)))
        .await?;
    Ok(csv_response("needs.csv", csv))
}

#[get("/needs/{id}")]
pub async fn show_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    let (detail, match_items, suggested) = caller
        .db(move |conn, user, ip| {
            let detail = needs::read(conn, user, ip, &id)?;
            let match_items = matches::of(conn, user, Some(&detail.need.id), None)?;
            let suggested = suggestions::for_need(conn, user, &detail.need.id)?;
            Ok((detail, match_items, suggested))
        })
        .await?;
    let mut ctx = caller.context();
    ctx.insert(
        "priority_key",
        &format!("priority-{}", detail.need.priority),
    );
    ctx.insert("status_key", &format!("need-status-{}", detail.need.status));
    ctx.insert("need", &detail.need);
    ctx.insert("comments", &detail.comments);
    ctx.insert("may_comment", &detail.may_comment);
    ctx.insert("match_items", &match_items);
    ctx.insert("suggestion_items", &suggested.items);
    ctx.insert("back", &format!("/needs/{}", detail.need.id));
    ctx.insert("may_edit", &may_edit_content(&caller.actor));
    caller.render("needs/show.html", &ctx)
}

#[derive(Deserialize)]
pub struct CommentForm {
    csrf_token: String,
    body: String,
}

csrf_protected!(CommentForm);

#[post("/needs/{id}/comments")]
pub fn comment_submit(caller: PageCaller, id: Path<String>, form: CsrfForm<CommentForm>) -> Answer {
    let comment = NewComment { body: form.0.body };
    caller.redirect(move |conn, user, ip| {
        needs::comment(conn, user, ip, &id, comment)?;
        Ok(format!("/needs/{id}"))
    })
}

fn parse_field<T: std::str::FromStr>(fields: &FormFields, name: &str) -> AppResult<Option<T>> {
    let value = fields.optional(name).map(|s| s.parse::<T>()).transpose();
    value.map_err(|_| AppError::invalid(ErrorCode::InvalidField, format!("unknown {name}")))
}

#[post("/needs/{id}/edit")]
pub async fn edit_submit(
    caller: PageCaller,
    id: Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let patch = NeedPatch {
        status: parse_field::<NeedStatus>(&fields.0, "status")?,
        priority: parse_field::<Priority>(&fields.0, "priority")?,
        ..Default::default()
    };
    caller
        .redirect(move |conn, user, ip| {
            needs::update(conn, user, ip, &id, patch)?;
            Ok(format!("/needs/{id}"))
        })
        .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct NeedFormValues {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    thematic_area: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    report_id: String,
    #[serde(default)]
    section_id: String,
}

/// The need form, again with `error` (400) when refused.
async fn render_form(
    caller: &PageCaller,
    form: &NeedFormValues,
    error: Option<String>,
) -> AppResult<HttpResponse> {
    let mut ctx = caller.context();
    ctx.insert("form", form);
    ctx.insert(
        "states",
        caller.state.state_picker().await?.states_in(caller.lang),
    );
    ctx.insert("areas", reference::thematic_areas());
    caller.render_form("needs/form.html", ctx, error)
}

#[get("/needs/new")]
pub async fn new_page(caller: PageCaller, q: Query<NeedFormValues>) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    let mut form = q.0;
    if let Some(report_id) = non_empty(&form.report_id) {
        // Prefill the State from the source report, read through the same policy.
        let report = caller
            .db(move |conn, user, ip| crate::services::reports::read(conn, user, ip, &report_id))
            .await?;
        form.member_state = report.member_state;
    }
    if form.priority.is_empty() {
        form.priority = "medium".into();
    }
    render_form(&caller, &form, None).await
}

#[post("/needs/new")]
pub async fn create_submit(
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let fields = fields.0;
    let form = NeedFormValues {
        member_state: fields.text("member_state"),
        title: fields.text("title"),
        description: fields.text("description"),
        thematic_area: fields.text("thematic_area"),
        priority: fields.text("priority"),
        report_id: fields.text("report_id"),
        section_id: fields.text("section_id"),
    };
    let input = form
        .priority
        .parse::<Priority>()
        .map_err(|_| AppError::invalid(ErrorCode::InvalidField, "unknown priority"))
        .map(|priority| NewNeed {
            member_state: form.member_state.clone(),
            title: form.title.clone(),
            description: form.description.clone(),
            thematic_area: form.thematic_area.clone(),
            priority,
            report_id: non_empty(&form.report_id),
            section_id: non_empty(&form.section_id),
        });
    let result = caller
        .db(move |conn, user, ip| needs::create(conn, user, ip, input?))
        .await;
    match refused_input(result, caller.lang)? {
        Ok(view) => Ok(see_other(format!("/needs/{}", view.id))),
        Err(message) => render_form(&caller, &form, Some(message)).await,
    }
}
