//! HTML pages for visit reports: list with filters, report page, coordinator forms.

use actix_web::web::{Path, Query};
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::reports::may_edit_content;
use crate::auth::csrf::CsrfForm;
use crate::auth::form_fields::FormFields;
use crate::auth::{PageCaller, PageEntrant};
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::l10n::{self, RefList};
use crate::pagination::PageParams;
use crate::services::content::require_editor;
use crate::services::needs::{self, NeedQuery};
use crate::services::reference;
use crate::services::reports::{self, NewReport, ReportPatch, ReportQuery, ReportSort};
use crate::web::common::api::Answer;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::lists::SortFields;
use crate::web::common::render::{non_empty, refused_input, see_other};
use crate::web::common::rows::{Label, Rows};
use crate::web::needs::rows::NeedLabels;

use super::forms::{render_form, ReportForm, SectionForm};
use super::sections::{needs_html, sections_html};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ReportFilterForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    regional_group: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default, skip_serializing)]
    cursor: String,
    #[serde(flatten)]
    order: SortFields,
}

/// The reports list's sortable headers.
const SORTABLE: [(&str, ReportSort); 3] = [
    ("field-title", ReportSort::Title),
    ("field-visit-date", ReportSort::VisitDate),
    ("field-status", ReportSort::Status),
];

#[get("/reports")]
pub async fn list_page(
    entrant: PageEntrant,
    f: Query<ReportFilterForm>,
) -> actix_web::Result<HttpResponse> {
    let f = f.0;
    let year =
        match f.year.trim() {
            "" => None,
            y => Some(y.parse::<i32>().map_err(|_| {
                AppError::invalid(ErrorCode::InvalidQuery, "the year is not a number")
            })?),
        };
    let query = ReportQuery {
        member_state: non_empty(&f.member_state),
        regional_group: non_empty(&f.regional_group),
        year,
        programme: non_empty(&f.programme),
        text: non_empty(&f.q),
        status: non_empty(&f.status),
        sort: f.order.parse()?,
        page: PageParams::html(&f.cursor),
    };
    let sort = query.sort;
    let state = entrant.state.clone();
    let (caller, (page, count)) = entrant
        .db(move |conn, user, _| {
            let kept = &state.report_lists;
            let count = reports::count(conn, user, query.clone(), kept)?;
            Ok((reports::kept_page(conn, user, query, kept)?, count))
        })
        .await?;
    let page = &page.page;
    let picker = caller.state.state_picker().await?;
    let pairs = [
        ("member_state", f.member_state.as_str()),
        ("regional_group", f.regional_group.as_str()),
        ("year", f.year.as_str()),
        ("programme", f.programme.as_str()),
        ("status", f.status.as_str()),
        ("q", f.q.as_str()),
    ];
    let next = page.next_cursor.as_deref();
    let may_edit = may_edit_content(&caller.actor);
    let labels = ReportLabels::new(caller.lang, may_edit);
    let mut rows = Rows::new(page.items.len());
    for r in &page.items {
        ReportRow::new(r, caller.lang).write(&mut rows, &labels);
    }
    let mut ctx = caller.rows_context("/reports", &f.order.with(&pairs), next, rows, &f);
    caller.insert_count(&mut ctx, count);
    caller.insert_sorting(&mut ctx, "/reports", &pairs, sort, &SORTABLE);
    ctx.insert(
        "state_options",
        &picker.filter_options(caller.lang, &f.member_state),
    );
    ctx.insert("groups", &picker.groups);
    ctx.insert("programmes", reference::programmes());
    ctx.insert("may_edit", &may_edit);
    Ok(caller.render("reports/list.html", &ctx)?)
}

/// The list's column names and status words in the reader's language, and whether it shows
/// the status column (to those who may edit reports).
struct ReportLabels {
    title: Label,
    state: Label,
    date: Label,
    programme: Label,
    /// The status column's name, and its two words (draft, published).
    status: Option<[Label; 3]>,
}

impl ReportLabels {
    fn new(lang: &str, may_edit: bool) -> Self {
        ReportLabels {
            title: Label::new(lang, "field-title"),
            state: Label::new(lang, "field-member-state"),
            date: Label::new(lang, "field-visit-date"),
            programme: Label::new(lang, "field-programme"),
            status: may_edit.then(|| {
                ["field-status", "status-draft", "status-published"].map(|k| Label::new(lang, k))
            }),
        }
    }
}

/// A report as the list's row shows it, its State, programme and date in the reader's
/// language (`web::common::rows`).
struct ReportRow<'a> {
    id: &'a str,
    title: &'a str,
    member_state: &'a str,
    state_name: &'a str,
    visit_date: String,
    programme_name: Option<&'a str>,
    status: &'a str,
}

impl<'a> ReportRow<'a> {
    fn new(r: &'a reports::ReportListItem, lang: &str) -> Self {
        ReportRow {
            id: &r.id,
            title: &r.title,
            member_state: &r.member_state,
            state_name: l10n::name(RefList::State, &r.member_state, lang)
                .unwrap_or(&r.member_state_name),
            visit_date: l10n::format_date(r.visit_date, lang),
            programme_name: r
                .programme
                .as_deref()
                .map(|p| l10n::name(RefList::Programme, p, lang).unwrap_or(p)),
            status: &r.status,
        }
    }

    fn write(&self, rows: &mut Rows, l: &ReportLabels) {
        rows.row()
            .cell(&l.title)
            .link("/reports/", self.id, self.title)
            .end_cell()
            .cell(&l.state)
            .state(self.state_name, self.member_state)
            .end_cell()
            .cell(&l.date)
            .text(&self.visit_date)
            .end_cell()
            .cell(&l.programme)
            .text(self.programme_name.unwrap_or("—"))
            .end_cell();
        if let Some([column, draft, published]) = &l.status {
            rows.cell(column)
                .tag("<span class=\"badge status-")
                .text(self.status)
                .tag("\">")
                .label(if self.status == "draft" {
                    draft
                } else {
                    published
                })
                .tag("</span>")
                .end_cell();
        }
        rows.end_row();
    }
}

#[derive(Serialize)]
struct VersionRow {
    version: i32,
    editor: String,
    at: String,
    changes: String,
}

#[get("/reports/{id}")]
pub async fn show_page(entrant: PageEntrant, id: Path<String>) -> actix_web::Result<HttpResponse> {
    let state = entrant.state.clone();
    let (caller, (mut report, need_items, versions, readers)) = entrant
        .db(move |conn, user, ip| {
            let report = reports::read(conn, user, ip, &id)?;
            let query = NeedQuery {
                report_id: Some(report.id.clone()),
                page: PageParams::new(None, Some(100)),
                ..Default::default()
            };
            let need_items = needs::kept_page(conn, user, query, &state.need_lists)?;
            let (versions, readers) = if may_edit_content(&user.actor()) {
                (
                    reports::versions(conn, user, &report.id)?,
                    reports::readers(conn, user, &report.id)?,
                )
            } else {
                (Vec::new(), Vec::new())
            };
            Ok((report, need_items, versions, readers))
        })
        .await?;
    let may_edit = may_edit_content(&caller.actor);
    let sections = std::mem::take(&mut report.sections);
    let mut ctx = caller.context();
    ctx.insert("report", &report);
    ctx.insert(
        "sections_html",
        &sections_html(&report.id, &sections, caller.lang, may_edit),
    );
    let labels = NeedLabels::new(caller.lang);
    ctx.insert(
        "needs_html",
        &needs_html(&labels.rows(&need_items.page.items), caller.lang),
    );
    let versions: Vec<VersionRow> = versions
        .into_iter()
        .map(|(v, editor)| VersionRow {
            version: v.version,
            editor,
            at: crate::l10n::format_time(v.edited_at.and_utc(), caller.lang),
            changes: serde_json::from_str::<Vec<String>>(&v.changes)
                .unwrap_or_default()
                .join(", "),
        })
        .collect();
    ctx.insert("versions", &versions);
    let readers: Vec<serde_json::Value> = readers
        .into_iter()
        .map(|r| serde_json::json!({"actor_email": r.actor_email, "ip": r.ip, "at": r.at.format("%Y-%m-%d %H:%M:%S").to_string()}))
        .collect();
    ctx.insert("readers", &readers);
    ctx.insert("may_edit", &may_edit);
    Ok(caller.render("reports/show.html", &ctx)?)
}

#[get("/reports/new")]
pub async fn new_page(caller: PageCaller) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    render_form(
        &caller,
        None,
        ReportForm::default().with_blank_slots(),
        None,
    )
    .await
}

#[post("/reports/new")]
pub async fn create_submit(
    caller: PageCaller,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    let form = ReportForm::from_fields(&fields.0);
    let input = form.visit_date().and_then(|visit_date| {
        Ok(NewReport {
            member_state: form.member_state.clone(),
            title: form.title.clone(),
            visit_date,
            summary: form.summary.clone(),
            programme: non_empty(&form.programme),
            sections: form.section_inputs()?,
        })
    });
    let result = caller
        .db(move |conn, user, ip| reports::create(conn, user, ip, input?))
        .await;
    match refused_input(result, caller.lang)? {
        Ok(view) => Ok(see_other(format!("/reports/{}", view.id))),
        Err(message) => render_form(&caller, None, form, Some(message)).await,
    }
}

#[get("/reports/{id}/edit")]
pub async fn edit_page(caller: PageCaller, id: Path<String>) -> AppResult<HttpResponse> {
    require_editor(&caller.user)?;
    let report = caller
        .db(move |conn, user, ip| reports::read(conn, user, ip, &id))
        .await?;
    let form = ReportForm {
        member_state: report.member_state.clone(),
        title: report.title.clone(),
        visit_date: report.visit_date.to_string(),
        programme: report.programme.clone().unwrap_or_default(),
        summary: report.summary.clone(),
        sections: report
            .sections
            .iter()
            .map(|s| SectionForm {
                id: s.id.clone(),
                heading: s.heading.clone(),
                body: s.body.clone(),
                consent: s.consent.to_string(),
            })
            .collect(),
    };
    render_form(&caller, Some(&report.id), form.with_blank_slots(), None).await
}

#[post("/reports/{id}/edit")]
pub async fn edit_submit(
    caller: PageCaller,
    id: Path<String>,
    fields: CsrfForm<FormFields>,
) -> AppResult<HttpResponse> {
    let form = ReportForm::from_fields(&fields.0);
    let patch = form.visit_date().and_then(|visit_date| {
        Ok(ReportPatch {
            title: Some(form.title.clone()),
            visit_date: Some(visit_date),
            summary: Some(form.summary.clone()),
            programme: Some(form.programme.clone()),
            sections: Some(form.section_inputs()?),
        })
    });
    let report_id = id.clone();
    let result = caller
        .db(move |conn, user, ip| reports::update(conn, user, ip, &report_id, patch?))
        .await;
    // An edit that crossed another one is refused (409) and shown on the form too.
    let result = result.map_err(|e| match e {
        AppError::Conflict(message) => AppError::bad_request(message),
        other => other,
    });
    match refused_input(result, caller.lang)? {
        Ok(view) => Ok(see_other(format!("/reports/{}", view.id))),
        Err(message) => render_form(&caller, Some(&id), form, Some(message)).await,
    }
}

#[post("/reports/{id}/publish")]
pub fn publish_submit(caller: PageCaller, id: Path<String>, _form: CsrfForm<CsrfOnly>) -> Answer {
    caller.redirect(move |conn, user, ip| {
        reports::publish(conn, user, ip, &id).map(|view| format!("/reports/{}", view.id))
    })
}
