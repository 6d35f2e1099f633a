//! Account administration pages: the searchable list (one row and one link per account) and
//! the invite form. Each account's page and its changes are in `account.rs`.

use actix_web::http::StatusCode;
use actix_web::web::Query;
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::auth::PageCaller;
use crate::domain::Role;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::PageParams;
use crate::repo::organisations;
use crate::services::admin::account_management::{self, AccountQuery};
use crate::services::admin::invitations::{self, NewInvitation};
use crate::web::common::render::{non_empty, see_other};

use super::pages::form_problem;
use crate::access::admin::{self as rules, account_managers_only};

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct UserFilterForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    organisation: String,
    #[serde(default, skip_serializing)]
    cursor: String,
    #[serde(default, skip_serializing)]
    done: String,
}

/// The accounts list, again with `problem` (its status and message) and the typed invitation
/// when an invitation was refused.
async fn users_page(
    caller: &PageCaller,
    f: UserFilterForm,
    invite: Option<InviteForm>,
    problem: Option<(StatusCode, String)>,
) -> AppResult<HttpResponse> {
    let me = &caller.actor;
    account_managers_only(me)?;
    let query = AccountQuery {
        text: non_empty(&f.q),
        organisation: non_empty(&f.organisation),
        page: PageParams::html(&f.cursor),
    };
    let is_admin = me.is_admin();
    let (page, orgs, count) = caller
        .db(move |conn, user, _| {
            let count = account_management::count(conn, user, &query)?;
            let page = account_management::list(conn, user, query)?;
            let orgs = if is_admin {
                organisations::choices(conn)?
            } else {
                Vec::new()
            };
            Ok((page, orgs, count))
        })
        .await?;
    // The roles the invite form offers: those the rules let this user grant.
    let grantable: Vec<Role> = rules::grantable_roles(me).into_iter().collect();
    let notice = (f.done == "invited").then_some("admin-notice-invited");
    let pairs = [("q", f.q.as_str()), ("organisation", &f.organisation)];
    let next = page.next_cursor.as_deref();
    let mut ctx = caller.list_context("/admin/users", &pairs, next, &page.items, &f);
    caller.insert_count(&mut ctx, count);
    ctx.insert("is_admin", &is_admin);
    let orgs: Vec<serde_json::Value> = orgs
        .into_iter()
        .map(|(_, code, name)| serde_json::json!({"code": code, "name": name}))
        .collect();
    ctx.insert("orgs", &orgs);
    ctx.insert("grantable", &grantable);
    ctx.insert("notice", &notice);
    let invite = invite.unwrap_or_else(|| InviteForm {
        role: Role::Observer.to_string(),
        language: caller.lang.to_string(),
        ..InviteForm::default()
    });
    ctx.insert("invite", &invite);
    caller.render_refused("admin/users.html", ctx, problem)
}

#[get("/admin/users")]
pub async fn users_list_page(
    caller: PageCaller,
    f: Query<UserFilterForm>,
) -> AppResult<HttpResponse> {
    users_page(&caller, f.0, None, None).await
}

/// The invite form: the organisation has no default (an administrator chooses one; a focal
/// point's is their own).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct InviteForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    language: String,
}
csrf_protected!(InviteForm);

#[post("/admin/users/invite")]
pub async fn invite_submit(
    caller: PageCaller,
    form: CsrfForm<InviteForm>,
) -> AppResult<HttpResponse> {
    account_managers_only(&caller.actor)?;
    let form = form.0;
    if form.organisation.trim().is_empty() {
        let message = crate::i18n::text(caller.lang, "admin-invite-org-missing");
        let problem = Some((StatusCode::BAD_REQUEST, message));
        return users_page(&caller, UserFilterForm::default(), Some(form), problem).await;
    }
    let (email, name) = (form.email.clone(), form.name.clone());
    let language = Some(form.language.clone()).filter(|l| !l.is_empty());
    let (organisation, role) = (
        form.organisation.trim().to_string(),
        form.role.parse::<Role>(),
    );
    let invited = caller
        .db(move |conn, actor, ip| {
            let role =
                role.map_err(|_| AppError::invalid(ErrorCode::InvalidRole, "unknown role"))?;
            let invitation = NewInvitation {
                email,
                name,
                organisation,
                role,
                language,
            };
            invitations::invite(conn, actor, ip, invitation)
        })
        .await;
    match form_problem(invited, caller.lang)? {
        Ok(_) => Ok(see_other("/admin/users?done=invited")),
        Err(problem) => {
            let f = UserFilterForm::default();
            users_page(&caller, f, Some(form), Some(problem)).await
        }
    }
}
