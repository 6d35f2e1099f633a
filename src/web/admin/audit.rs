//! The audit trail pages: search, export, chain check.

use actix_web::web::Query;
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::AdminCaller;
use crate::error::AppResult;
use crate::pagination::PageParams;
use crate::services::admin::audit_search::{self, AuditQuery};
use crate::services::audit::{self, Verification};
use crate::web::common::csv::csv_response;
use crate::web::common::forms::CsrfOnly;
use crate::web::common::lists::filter_query;
use crate::web::common::render::non_empty;

use super::pages::form_problem;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AuditFilterForm {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

impl AuditFilterForm {
    fn query(&self) -> AuditQuery {
        AuditQuery {
            actor: non_empty(&self.actor),
            action: non_empty(&self.action),
            target: non_empty(&self.target),
            from: non_empty(&self.from),
            to: non_empty(&self.to),
            page: PageParams::html(&self.cursor),
        }
    }

    fn pairs(&self) -> [(&str, &str); 5] {
        [
            ("actor", self.actor.as_str()),
            ("action", self.action.as_str()),
            ("target", self.target.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
        ]
    }
}

#[derive(Serialize)]
struct AuditRow {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    /// The action in the reader's words (its code when it has none yet).
    action_label: String,
    target: String,
    /// The target as the link shows it: its kind in words and the start of its id.
    target_label: String,
    /// Where the target can be seen: its page, or the audit entries about it.
    target_url: Option<String>,
    ip: String,
    outcome: String,
    outcome_label: String,
    details: String,
}

/// A value's message (`prefix` and the value, dots as dashes), or the value itself.
fn word_for(lang: &str, prefix: &str, value: &str) -> String {
    let key = format!("{prefix}{}", value.replace('.', "-"));
    crate::i18n::try_text(lang, &key).unwrap_or_else(|| value.to_string())
}

/// The page of an audit entry's target: reports, needs and documents have their own; accounts,
/// organisations and sessions are followed through the entries about them.
fn audit_target_url(target_type: &str, target_id: &str) -> String {
    let id = url::form_urlencoded::byte_serialize(target_id.as_bytes()).collect::<String>();
    match target_type {
        "report" => format!("/reports/{id}"),
        "need" => format!("/needs/{id}"),
        "document" => format!("/documents/{id}"),
        "user" => format!("/admin/users/{id}"),
        "organisation" => format!("/admin/organisations/{id}"),
        other => {
            let target = format!("{other}:{target_id}");
            format!(
                "/admin/audit?target={}",
                url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
            )
        }
    }
}

#[get("/admin/audit")]
pub async fn audit_page(caller: AdminCaller, f: Query<AuditFilterForm>) -> AppResult<HttpResponse> {
    let query = f.query();
    let result = caller
        .db(move |conn, user, _| audit_search::search(conn, user, query))
        .await;
    let (page, problem) = match form_problem(result, caller.lang)? {
        Ok(page) => (Some(page), None),
        Err(problem) => (None, Some(problem)),
    };
    let next = page.as_ref().and_then(|p| p.next_cursor.clone());
    let rows: Vec<AuditRow> = page
        .map(|p| p.items)
        .unwrap_or_default()
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            actor: e.actor_email.unwrap_or_default(),
            action_label: word_for(caller.lang, "audit-action-", &e.action),
            outcome_label: word_for(caller.lang, "audit-outcome-", &e.outcome),
            action: e.action,
            target_url: match (&e.target_type, &e.target_id) {
                (Some(t), Some(id)) => Some(audit_target_url(t, id)),
                _ => None,
            },
            target_label: match (&e.target_type, &e.target_id) {
                (Some(t), Some(id)) => format!(
                    "{} {}",
                    word_for(caller.lang, "audit-target-", t),
                    id.chars().take(8).collect::<String>()
                ),
                _ => String::new(),
            },
            target: match (e.target_type, e.target_id) {
                (Some(t), Some(id)) => format!("{t}:{id}"),
                (Some(t), None) => t,
                _ => String::new(),
            },
            ip: e.ip.unwrap_or_default(),
            outcome: e.outcome,
            details: e
                .details
                .map(|d| d.to_string().chars().take(300).collect())
                .unwrap_or_default(),
        })
        .collect();
    let pairs = f.pairs();
    let mut ctx = caller.list_context("/admin/audit", &pairs, next.as_deref(), &rows, &f.0);
    let export = format!("/admin/audit/export?{}", filter_query(&pairs));
    ctx.insert("export_url", &export);
    caller.render_refused("admin/audit.html", ctx, problem)
}

#[get("/admin/audit/export")]
pub async fn audit_export(
    caller: AdminCaller,
    f: Query<AuditFilterForm>,
) -> AppResult<HttpResponse> {
    let query = f.query();
    let csv = caller
        .db(move |conn, user, ip| audit_search::export_csv(conn, user, ip, query))
        .await?;
    Ok(csv_response("audit.csv", csv))
}

#[get("/admin/audit/verify")]
pub async fn audit_verify_page(caller: AdminCaller) -> AppResult<HttpResponse> {
    caller.render("admin/audit_verify.html", &caller.context())
}

#[post("/admin/audit/verify")]
pub async fn audit_verify_submit(
    caller: AdminCaller,
    _form: CsrfForm<CsrfOnly>,
) -> AppResult<HttpResponse> {
    let outcome = caller.db(|conn, _, _| Ok(audit::verify(conn)?)).await?;
    let mut ctx = caller.context();
    match outcome {
        Verification::Intact { entries } => {
            ctx.insert("intact", &true);
            ctx.insert("entries", &entries);
        }
        Verification::Broken { seq, reason } => {
            ctx.insert("intact", &false);
            ctx.insert("broken_seq", &seq);
            ctx.insert("reason", &reason);
        }
    }
    ctx.insert("checked", &true);
    caller.render("admin/audit_verify.html", &ctx)
}
