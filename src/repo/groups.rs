//! The Compact's working groups and their member organisations. A group is an audience: the
//! documents and threads addressed to it are resolved through `working_group_members` inside
//! the documents' and threads' own scope queries (`repo::documents`, `repo::messages`), so a
//! member organisation removed here loses access at once.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::lower;
use crate::db::schema::{organisations, working_group_members, working_groups};
use crate::db::DbConnection;
use crate::domain::groups::GroupRole;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = working_groups)]
pub struct WorkingGroup {
    pub code: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

/// A member organisation as a group's page shows it.
#[derive(Debug, Clone, Queryable)]
pub struct MemberRow {
    pub organisation_id: String,
    pub code: String,
    pub name: String,
    pub role: GroupRole,
    pub added_at: NaiveDateTime,
}

/// `SELECT 'group:' || group_code` of the groups organisation `$org_id` belongs to: the
/// audiences that grant its users, as an access list or a thread names them.
macro_rules! audiences_of_organisation {
    ($org_id:expr) => {{
        use $crate::db::schema::working_group_members as wgm;
        let m = diesel::alias!(wgm as audience_members);
        m.filter(m.field(wgm::organisation_id).eq($org_id)).select(
            $crate::repo::cached_sql::static_sql::<diesel::sql_types::Text>("'group:'")
                .concat(m.field(wgm::group_code)),
        )
    }};
}
pub(crate) use audiences_of_organisation;

/// `SELECT group_code` of the groups organisation ids selected by `$org_ids` belong to.
macro_rules! groups_of_organisations {
    ($org_ids:expr) => {{
        use $crate::db::schema::working_group_members as wgm;
        let m = diesel::alias!(wgm as member_groups);
        m.filter(m.field(wgm::organisation_id).eq_any($org_ids))
            .select(m.field(wgm::group_code))
    }};
}
pub(crate) use groups_of_organisations;

/// The group with this code, in any case.
pub fn find(conn: &mut DbConnection, code: &str) -> QueryResult<Option<WorkingGroup>> {
    working_groups::table
        .filter(lower(working_groups::code).eq(code.to_lowercase()))
        .select(WorkingGroup::as_select())
        .first(conn)
        .optional()
}

/// Every group by code, with its number of member organisations (one grouped query).
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<(WorkingGroup, i64)>> {
    let groups: Vec<WorkingGroup> = working_groups::table
        .order(working_groups::code.asc())
        .select(WorkingGroup::as_select())
        .load(conn)?;
    let counts: std::collections::HashMap<String, i64> = working_group_members::table
        .group_by(working_group_members::group_code)
        .select((working_group_members::group_code, count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(groups
        .into_iter()
        .map(|g| {
            let n = counts.get(&g.code).copied().unwrap_or(0);
            (g, n)
        })
        .collect())
}

pub fn insert(conn: &mut DbConnection, group: &WorkingGroup) -> QueryResult<usize> {
    diesel::insert_into(working_groups::table)
        .values(group)
        .execute(conn)
}

pub fn all_codes(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    working_groups::table
        .select(working_groups::code)
        .load(conn)
}

/// A group's members, chair first, then by role and code.
pub fn members(conn: &mut DbConnection, code: &str) -> QueryResult<Vec<MemberRow>> {
    let mut rows: Vec<MemberRow> = working_group_members::table
        .inner_join(organisations::table)
        .filter(working_group_members::group_code.eq(code))
        .select((
            organisations::id,
            organisations::code,
            organisations::name,
            working_group_members::role,
            working_group_members::added_at,
        ))
        .load(conn)?;
    rows.sort_by(|a, b| {
        rank(a.role)
            .cmp(&rank(b.role))
            .then_with(|| a.code.cmp(&b.code))
    });
    Ok(rows)
}

fn rank(role: GroupRole) -> u8 {
    match role {
        GroupRole::Chair => 0,
        GroupRole::ViceChair => 1,
        GroupRole::Member => 2,
        GroupRole::Observer => 3,
    }
}

/// The role of an organisation in a group, if it is a member.
pub fn role_of(
    conn: &mut DbConnection,
    code: &str,
    organisation_id: &str,
) -> QueryResult<Option<GroupRole>> {
    working_group_members::table
        .filter(working_group_members::group_code.eq(code))
        .filter(working_group_members::organisation_id.eq(organisation_id))
        .select(working_group_members::role)
        .first(conn)
        .optional()
}

/// Adds the organisation to the group, or changes its role. Returns the previous role.
pub fn put_member(
    conn: &mut DbConnection,
    code: &str,
    organisation_id: &str,
    role: GroupRole,
    now: NaiveDateTime,
) -> QueryResult<Option<GroupRole>> {
    let before = role_of(conn, code, organisation_id)?;
    match before {
        Some(_) => {
            diesel::update(
                working_group_members::table
                    .filter(working_group_members::group_code.eq(code))
                    .filter(working_group_members::organisation_id.eq(organisation_id)),
            )
            .set(working_group_members::role.eq(role))
            .execute(conn)?;
        }
        None => {
            diesel::insert_into(working_group_members::table)
                .values((
                    working_group_members::group_code.eq(code),
                    working_group_members::organisation_id.eq(organisation_id),
                    working_group_members::role.eq(role),
                    working_group_members::added_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(before)
}

/// Removes the organisation from the group; 0 when it was not a member.
pub fn remove_member(
    conn: &mut DbConnection,
    code: &str,
    organisation_id: &str,
) -> QueryResult<usize> {
    diesel::delete(
        working_group_members::table
            .filter(working_group_members::group_code.eq(code))
            .filter(working_group_members::organisation_id.eq(organisation_id)),
    )
    .execute(conn)
}

/// The groups an organisation belongs to, by code.
pub fn codes_of_organisation(
    conn: &mut DbConnection,
    organisation_id: &str,
) -> QueryResult<Vec<String>> {
    working_group_members::table
        .filter(working_group_members::organisation_id.eq(organisation_id))
        .order(working_group_members::group_code.asc())
        .select(working_group_members::group_code)
        .load(conn)
}

/// The groups a thread is addressed to, by code (asked once the thread is known visible).
pub fn addressed_in_thread(conn: &mut DbConnection, thread_id: &str) -> QueryResult<Vec<String>> {
    use crate::db::schema::thread_participants as tp;
    tp::table
        .filter(tp::thread_id.eq(thread_id))
        .filter(tp::kind.eq(crate::domain::values::ParticipantKind::WorkingGroup))
        .order(tp::participant_id.asc())
        .select(tp::participant_id)
        .load(conn)
}

/// The threads addressed to a group that `user_id` may see, most recent first.
pub fn visible_threads_addressed(
    conn: &mut DbConnection,
    user_id: &str,
    code: &str,
    limit: i64,
) -> QueryResult<Vec<crate::repo::messages::Thread>> {
    use crate::db::schema::{thread_participants as tp, threads};
    use crate::repo::messages::visible_thread_ids;
    let addressed = tp::table
        .filter(tp::kind.eq(crate::domain::values::ParticipantKind::WorkingGroup))
        .filter(tp::participant_id.eq(code.to_string()))
        .select(tp::thread_id);
    threads::table
        .filter(threads::id.eq_any(addressed))
        .filter(threads::id.eq_any(visible_thread_ids!(user_id)))
        .order((threads::last_message_at.desc(), threads::id.desc()))
        .limit(limit)
        .select(crate::repo::messages::Thread::as_select())
        .load(conn)
}
