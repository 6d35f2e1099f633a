//! What report and need use cases share: the caller's scope, input checks, cursors.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{NaiveDate, NaiveDateTime};

use crate::auth::CurrentUser;
use crate::db::DbConnection;
use crate::domain::policy::{ReportScope, Viewer};
use crate::domain::text::{self, TextProblem};
use crate::domain::OrgKind;
use crate::error::{AppError, AppResult};
use crate::repo::models::Organisation;
use crate::repo::organisations;

pub fn viewer(user: &CurrentUser) -> Viewer<'_> {
    Viewer {
        role: user.role,
        org_kind: user.organisation_kind,
        org_id: &user.organisation_id,
    }
}

pub fn scope(user: &CurrentUser) -> ReportScope {
    ReportScope::for_viewer(viewer(user))
}

/// Coordinators and administrators only (DESIGN.md roles).
pub fn require_editor(user: &CurrentUser) -> AppResult<()> {
    if crate::domain::policy::may_edit_content(user.role) {
        Ok(())
    } else {
        Err(AppError::forbidden("only coordinators may do this"))
    }
}

impl From<TextProblem> for AppError {
    fn from(p: TextProblem) -> Self {
        AppError::invalid("invalid_field", p.message)
    }
}

pub fn line(field: &'static str, value: &str, max: usize) -> AppResult<String> {
    Ok(text::line(field, value, max)?)
}

pub fn block(field: &'static str, value: &str, max: usize) -> AppResult<String> {
    Ok(text::block(field, value, max)?)
}

/// A Member State by its ISO alpha-3 code; anything else is a 400.
pub fn member_state(conn: &mut DbConnection, code: &str) -> AppResult<Organisation> {
    let code = code.trim().to_uppercase();
    match organisations::find_by_code(conn, &code)? {
        Some(org) if org.kind == OrgKind::MemberState.as_str() => Ok(org),
        _ => Err(AppError::invalid(
            "unknown_member_state",
            format!("`{code}` is not a Member State code"),
        )),
    }
}

/// The organisation id of a State code used as a list filter; an unknown code matches nothing.
pub fn state_filter(conn: &mut DbConnection, code: Option<&str>) -> AppResult<Option<String>> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => Ok(Some(
            organisations::find_by_code(conn, &code.to_uppercase())?
                .map(|o| o.id)
                .unwrap_or_else(|| "-".into()),
        )),
    }
}

pub fn page_limit(requested: Option<i64>) -> i64 {
    requested.unwrap_or(50).clamp(1, 100)
}

fn encode_cursor(key: &str, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{key}|{id}"))
}

/// The 400 of a cursor the server did not give.
pub fn invalid_cursor() -> AppError {
    AppError::invalid("invalid_cursor", "the cursor is not one this server gave")
}

/// What every cursor the server gives looks like (URL-safe, no padding); the OpenAPI document
/// declares it.
pub const CURSOR_PATTERN: &str = "^[A-Za-z0-9_-]*$";
pub const CURSOR_MAX_LENGTH: usize = 512;

/// Every list's cursor is opaque and looks the same from outside: URL-safe characters, at most
/// 512 of them. Anything else is refused before it is decoded.
pub fn check_cursor_shape(cursor: &str) -> AppResult<()> {
    let shaped = cursor.len() <= CURSOR_MAX_LENGTH
        && cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if shaped {
        Ok(())
    } else {
        Err(invalid_cursor())
    }
}

/// Cursor times stay within what both backends store (PostgreSQL refuses years past 294276
/// and before 4713 BC); a cursor outside years 1 to 9999 was not given by this server.
pub fn cursor_time(micros: i64) -> AppResult<NaiveDateTime> {
    use chrono::Datelike;
    chrono::DateTime::from_timestamp_micros(micros)
        .map(|t| t.naive_utc())
        .filter(|t| (1..=9999).contains(&t.year()))
        .ok_or_else(invalid_cursor)
}

fn decode_cursor(cursor: &str) -> AppResult<(String, String)> {
    let bad = invalid_cursor;
    check_cursor_shape(cursor)?;
    let raw = URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (key, id) = text.split_once('|').ok_or_else(bad)?;
    if id.is_empty() || id.len() > 64 || id.chars().any(char::is_control) {
        return Err(bad());
    }
    Ok((key.to_string(), id.to_string()))
}

pub fn date_cursor(date: NaiveDate, id: &str) -> String {
    encode_cursor(&date.to_string(), id)
}

pub fn parse_date_cursor(cursor: Option<&str>) -> AppResult<Option<(NaiveDate, String)>> {
    let Some(cursor) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let (key, id) = decode_cursor(cursor)?;
    let date: NaiveDate = key.parse().map_err(|_| invalid_cursor())?;
    if !(1..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(invalid_cursor());
    }
    Ok(Some((date, id)))
}

pub fn time_cursor(at: NaiveDateTime, id: &str) -> String {
    encode_cursor(&at.and_utc().timestamp_micros().to_string(), id)
}

pub fn parse_time_cursor(cursor: Option<&str>) -> AppResult<Option<(NaiveDateTime, String)>> {
    let Some(cursor) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let (key, id) = decode_cursor(cursor)?;
    let micros: i64 = key.parse().map_err(|_| invalid_cursor())?;
    Ok(Some((cursor_time(micros)?, id)))
}

/// Times are stored with microseconds (PostgreSQL's precision) so cursors round-trip.
pub fn now_micros() -> NaiveDateTime {
    use chrono::Timelike;
    let now = chrono::Utc::now().naive_utc();
    now.with_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let c = date_cursor(d, "abc");
        assert_eq!(
            parse_date_cursor(Some(&c)).unwrap(),
            Some((d, "abc".into()))
        );
        let t = now_micros();
        let c = time_cursor(t, "xyz");
        assert_eq!(
            parse_time_cursor(Some(&c)).unwrap(),
            Some((t, "xyz".into()))
        );
        assert!(parse_date_cursor(Some("!!!")).is_err());
        assert!(parse_time_cursor(Some(&date_cursor(d, "x"))).is_err());
        assert_eq!(parse_date_cursor(None).unwrap(), None);
    }
}
