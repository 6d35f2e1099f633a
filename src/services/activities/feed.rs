//! Personal calendar feeds: a secret URL a calendar application reads without signing in. The
//! secret (256 random bits) is shown once and kept hashed; renewing replaces it, revoking
//! deletes it, and a deactivated account's feed answers 404. It reads only activities, in the
//! owner's scope as it is at each fetch, and is rate limited per feed.

use chrono::Duration;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ics, types::ActivityQuery, views::views};
use crate::access::activities::ActivityScope;
use crate::access::Actor;
use crate::auth::tokens::{random_token, token_hash};
use crate::auth::CurrentUser;
use crate::db::{write_transaction, DbConnection};
use crate::domain::time::{now, UtcTime};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::repo::{activities as repo, calendar_feeds};
use crate::services::audit::{self, Event};

/// At most one fetch of a feed in this many seconds (calendar clients poll every few minutes
/// to hours).
const MIN_SECONDS_BETWEEN_FETCHES: i64 = 5;
/// A feed holds what ended at most this many days ago and everything after.
const DAYS_BACK: i64 = 365;
/// At most this many activities in a feed.
const FEED_CAP: i64 = 2000;

/// The list filters a feed may keep (blank or absent: no filter); checked when saved like a
/// list's filters, so a feed never holds an unknown kind, programme, State or group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedFilters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// An organising organisation's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_group: Option<String>,
}

impl FeedFilters {
    fn query(&self) -> ActivityQuery {
        ActivityQuery {
            member_state: self.member_state.clone(),
            region: self.region.clone(),
            programme: self.programme.clone(),
            kind: self.kind.clone(),
            organisation: self.organisation.clone(),
            working_group: self.working_group.clone(),
            ..Default::default()
        }
    }

    /// The filters as saved: blank ones dropped, codes as stored; a 400 for any unknown value.
    fn checked(self, conn: &mut DbConnection) -> AppResult<FeedFilters> {
        let blank = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let mut f = FeedFilters {
            member_state: blank(self.member_state),
            region: blank(self.region),
            programme: blank(self.programme),
            kind: blank(self.kind),
            organisation: blank(self.organisation),
            working_group: blank(self.working_group),
        };
        let values = [
            &f.member_state,
            &f.region,
            &f.programme,
            &f.kind,
            &f.organisation,
            &f.working_group,
        ];
        let odd = |v: &&Option<String>| {
            v.as_deref()
                .is_some_and(|s| s.len() > 100 || s.chars().any(char::is_control))
        };
        if values.iter().any(odd) {
            return Err(AppError::invalid(
                ErrorCode::InvalidFilter,
                "a filter is one short line",
            ));
        }
        super::window(&f.query())?;
        if let Some(code) = &f.member_state {
            f.member_state = Some(crate::services::content::member_state(conn, code)?.code);
        }
        if let Some(code) = &f.organisation {
            let unknown = || {
                AppError::invalid(
                    ErrorCode::UnknownOrganisation,
                    format!("`{code}` is not an organisation code"),
                )
            };
            if code.len() > 40 || code.chars().any(char::is_control) {
                return Err(unknown());
            }
            let org = crate::repo::organisations::find_by_code(conn, code)?;
            f.organisation = Some(org.ok_or_else(unknown)?.code);
        }
        f.working_group = super::fields::working_group(conn, f.working_group.as_deref())?;
        Ok(f)
    }
}

/// A new feed's secret, shown once (the handler makes it a URL).
pub struct NewFeed {
    pub token: String,
}

/// Whether the caller has a feed, and since when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedStatus {
    pub active: bool,
    pub created_at: Option<UtcTime>,
    pub last_fetched_at: Option<UtcTime>,
    /// The filters saved into it.
    pub filters: Option<FeedFilters>,
}

/// The path of a feed's URL.
pub fn feed_path(token: &str) -> String {
    format!("/calendar/feed/{token}.ics")
}

/// Turns the caller's feed on with these filters, or renews it (the old URL answers 404 from
/// now on).
pub fn turn_on(
    conn: &mut DbConnection,
    user: &CurrentUser,
    ip: &str,
    filters: FeedFilters,
) -> AppResult<NewFeed> {
    let token = random_token();
    let filters = filters.checked(conn)?;
    let saved = serde_json::to_string(&filters).map_err(AppError::internal)?;
    write_transaction(conn, |conn| {
        let renewed = calendar_feeds::revoke(conn, &user.id)? > 0;
        calendar_feeds::replace(conn, &user.id, &token_hash(&token), &saved, now())?;
        let action = if renewed {
            "calendar_feed.renew"
        } else {
            "calendar_feed.create"
        };
        let event = Event::by(action, user, ip).target("user", &user.id);
        audit::record(conn, event.details(serde_json::json!({"filters": filters})))?;
        Ok::<_, AppError>(())
    })?;
    Ok(NewFeed { token })
}

/// Revokes the caller's feed; a 404 when there is none.
pub fn revoke(conn: &mut DbConnection, user: &CurrentUser, ip: &str) -> AppResult<()> {
    write_transaction(conn, |conn| {
        if calendar_feeds::revoke(conn, &user.id)? == 0 {
            return Err(AppError::NotFound);
        }
        let event = Event::by("calendar_feed.revoke", user, ip).target("user", &user.id);
        audit::record(conn, event)?;
        Ok(())
    })
}

pub fn status(conn: &mut DbConnection, user: &CurrentUser) -> AppResult<FeedStatus> {
    let row = calendar_feeds::status(conn, &user.id)?;
    Ok(match row {
        Some((created, fetched, filters)) => FeedStatus {
            active: true,
            created_at: Some(created.into()),
            last_fetched_at: fetched.map(Into::into),
            filters: Some(serde_json::from_str(&filters).unwrap_or_default()),
        },
        None => FeedStatus {
            active: false,
            created_at: None,
            last_fetched_at: None,
            filters: None,
        },
    })
}

/// Whether `token` has the shape `random_token` gives (43 URL-safe characters): anything else
/// names no feed and never reaches the database.
fn token_shape(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The feed whose secret is `token`, as iCalendar text: the activities its owner may see now.
/// Unknown, revoked and renewed secrets and deactivated owners are all 404.
pub fn read(conn: &mut DbConnection, token: &str, base_url: &str) -> AppResult<String> {
    if !token_shape(token) {
        return Err(AppError::NotFound);
    }
    let (user, org, last_fetched, filters) =
        calendar_feeds::owner(conn, &token_hash(token))?.ok_or(AppError::NotFound)?;
    let now = now();
    if let Some(last) = last_fetched {
        let free_at = last + Duration::seconds(MIN_SECONDS_BETWEEN_FETCHES);
        if free_at > now {
            return Err(AppError::TooManyRequests {
                retry_after_secs: (free_at - now).num_seconds().max(1) as u64,
            });
        }
    }
    calendar_feeds::touch(conn, &user.id, now)?;
    let actor = Actor {
        id: user.id.clone(),
        role: user.role,
        organisation_id: org.id.clone(),
        organisation_kind: org.kind,
        organisation_code: org.code.clone(),
    };
    let scope = ActivityScope::for_actor(&actor);
    let from = now.date() - Duration::days(DAYS_BACK);
    // Saved filters were checked when saved; one that no longer reads is no filter.
    let filters: FeedFilters = serde_json::from_str(&filters).unwrap_or_default();
    let rows = repo::list(
        conn,
        &scope,
        &filters.query(),
        (Some(from), None),
        None,
        FEED_CAP,
    )?;
    let items = views(conn, rows)?;
    Ok(ics::calendar(
        &format!("Coordination portal · {}", user.name),
        base_url,
        &items,
    ))
}

/// One activity the caller may see, as a calendar file of one event.
pub fn single_event(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: &str,
    base_url: &str,
) -> AppResult<String> {
    let detail = super::read(conn, user, id)?;
    let title = detail.activity.title.clone();
    Ok(ics::calendar(&title, base_url, &[detail.activity]))
}
