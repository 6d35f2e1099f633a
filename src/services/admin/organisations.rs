//! Organisations: everyone signed in may list them; administrators create them, rename them,
//! change their kind, deactivate them (their users can no longer sign in: the session check
//! reads `active`) and require two-factor of their users. Every change is audited.

use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::access::admin::{admin_only, AdminTask};
use crate::auth::tokens::new_id;
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::administration::check_organisation_code;
use crate::domain::OrgKind;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::pagination::{self, page_item, Page, PageParams, PageSize};
use crate::repo::models::Organisation;
use crate::repo::organisations;
use crate::services::audit::{self, Event};

/// An organisation as the API shows it.
pub use crate::repo::models::Organisation as OrganisationView;

page_item!(pub type OrganisationPage = Page<OrganisationView>);

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    /// 2 to 12 capital letters or digits; a Member State's ISO 3166 alpha-3 code.
    pub code: String,
    pub name: String,
    pub kind: OrgKind,
    #[serde(default)]
    pub regional_group: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub kind: Option<OrgKind>,
    pub active: Option<bool>,
    pub require_totp: Option<bool>,
}

fn checked_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(AppError::invalid(
            ErrorCode::InvalidName,
            "a name of 1 to 200 characters is required",
        ));
    }
    Ok(name.to_string())
}

/// A list's kind filter: none when blank, else a kind (400 `invalid_kind`).
fn kind_filter(kind: Option<&str>) -> AppResult<Option<OrgKind>> {
    match kind.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(k) => k
            .parse::<OrgKind>()
            .map(Some)
            .map_err(|_| AppError::invalid(ErrorCode::InvalidKind, "unknown organisation kind")),
    }
}

/// How many organisations the list of `kind` and `text` holds (at most 1,001).
pub fn count(conn: &mut DbConnection, kind: Option<&str>, text: &Option<String>) -> AppResult<i64> {
    super::filter_text(text, 200)?;
    Ok(organisations::count_listed(conn, kind_filter(kind)?, text)?)
}

/// Allows up to 500 per page: the reference data alone holds some 200. `text` is searched in
/// codes and names, ignoring case.
pub fn list(
    conn: &mut DbConnection,
    kind: Option<&str>,
    text: Option<String>,
    page: &PageParams,
) -> AppResult<OrganisationPage> {
    super::filter_text(&text, 200)?;
    let limit = page.limit(PageSize {
        default: 500,
        max: 500,
    });
    let kind = kind_filter(kind)?;
    // The cursor is the last code of the page before.
    let after = pagination::decode_seek::<String>(page.cursor())?
        .map(|code| pagination::seek_text(code, 32))
        .transpose()?;
    let rows = organisations::list(conn, kind, &text, after.as_deref(), limit + 1)?;
    Ok(Page::cut(rows, limit, |o| pagination::encode_seek(&o.code)))
}

/// One organisation by its id or its code (any case), for its administration page.
pub fn find(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id_or_code: &str,
) -> AppResult<OrganisationView> {
    admin_only(&user.actor(), AdminTask::Organisations)?;
    match organisations::find(conn, id_or_code)? {
        Some(org) => Ok(org),
        None => organisations::find_by_code(conn, id_or_code)?.ok_or(AppError::NotFound),
    }
}

pub fn create(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    new: NewOrganisation,
) -> AppResult<OrganisationView> {
    admin_only(&user.actor(), AdminTask::Organisations)?;
    let code = new.code.trim().to_uppercase();
    check_organisation_code(&code, new.kind)
        .map_err(|m| AppError::invalid(ErrorCode::InvalidCode, m))?;
    let name = checked_name(&new.name)?;
    let regional_group = match new.regional_group.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(g) if g.chars().count() > 100 || g.chars().any(char::is_control) => {
            return Err(AppError::invalid(
                ErrorCode::InvalidRegionalGroup,
                "a regional group has at most 100 characters",
            ))
        }
        Some(g) => Some(g.to_string()),
    };
    write_transaction(conn, |conn| {
        if organisations::find_by_code(conn, &code)?.is_some() {
            return Err(AppError::Conflict(
                "an organisation with this code already exists".into(),
            ));
        }
        let org = Organisation {
            id: new_id(),
            code: code.clone(),
            name,
            kind: new.kind,
            regional_group,
            active: true,
            require_totp: false,
            created_at: crate::domain::time::now(),
        };
        organisations::insert(conn, &org)?;
        audit::record(
            conn,
            Event::by("organisation.create", user, ip)
                .target("organisation", &org.id)
                .details(json!({
                    "code": org.code, "name": org.name, "kind": org.kind,
                })),
        )?;
        Ok(org)
    })
}

pub fn update(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    id: &str,
    patch: OrganisationPatch,
) -> AppResult<OrganisationView> {
    admin_only(&user.actor(), AdminTask::Organisations)?;
    let name = patch.name.as_deref().map(checked_name).transpose()?;
    write_transaction(conn, |conn| {
        let org = organisations::find(conn, id)?.ok_or(AppError::NotFound)?;
        let kind = patch.kind.unwrap_or(org.kind);
        if kind != org.kind {
            check_organisation_code(&org.code, kind)
                .map_err(|m| AppError::invalid(ErrorCode::InvalidKind, m))?;
        }
        let active = patch.active.unwrap_or(org.active);
        if !active && org.id == user.organisation_id {
            return Err(AppError::invalid(
                ErrorCode::OwnOrganisation,
                "you cannot deactivate your own organisation",
            ));
        }
        let updated = Organisation {
            name: name.unwrap_or_else(|| org.name.clone()),
            kind,
            active,
            require_totp: patch.require_totp.unwrap_or(org.require_totp),
            ..org.clone()
        };
        let mut changes = serde_json::Map::new();
        for (field, before, after) in [
            ("name", json!(org.name), json!(updated.name)),
            ("kind", json!(org.kind), json!(updated.kind)),
            ("active", json!(org.active), json!(updated.active)),
            (
                "require_totp",
                json!(org.require_totp),
                json!(updated.require_totp),
            ),
        ] {
            if before != after {
                changes.insert(field.into(), json!([before, after]));
            }
        }
        if !changes.is_empty() {
            organisations::update(conn, &updated)?;
            audit::record(
                conn,
                Event::by("organisation.update", user, ip)
                    .target("organisation", &org.id)
                    .details(json!({"code": org.code, "changes": changes})),
            )?;
        }
        Ok(updated)
    })
}
