//! Assistance projects and their States, regions, thematic areas, partners and versions.
//! Every read takes a `ProjectScope` and filters in SQL, so a `compact` project is never loaded
//! for a reader who may not see it.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::row_writes;
use crate::access::projects::ProjectScope;
use crate::db::schema::{
    organisations, project_areas, project_partners, project_regions, project_states,
    project_versions, projects, users,
};
use crate::db::DbConnection;
use crate::domain::values::{OrgKind, ProjectStatus, ProjectVisibility};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = projects)]
#[diesel(treat_none_as_null = true)]
pub struct Project {
    pub id: String,
    pub owner_org_id: String,
    pub title: String,
    pub description: String,
    pub programme: Option<String>,
    pub status: ProjectStatus,
    pub visibility: ProjectVisibility,
    /// No State and no region: the project is offered to every State.
    pub is_global: bool,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub budget_cents: Option<i64>,
    pub currency: Option<String>,
    pub contact_user_id: Option<String>,
    pub version: i32,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = project_versions)]
pub struct ProjectVersion {
    pub id: String,
    pub project_id: String,
    pub version: i32,
    pub edited_by: String,
    pub edited_at: NaiveDateTime,
    pub changes: String,
    pub previous: String,
}

/// A Member State a list is filtered for: projects for it, for its regional group, or global.
#[derive(Debug, Clone)]
pub struct ForState {
    pub id: String,
    pub code: String,
    pub regional_group: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    pub state: Option<ForState>,
    pub thematic_area: Option<String>,
    pub owner_org_id: Option<String>,
    pub programme: Option<String>,
    pub status: Option<ProjectStatus>,
    /// Searched in the project's title and description.
    pub text: Option<String>,
}

/// What a project's children rows name, by project id.
#[derive(Debug, Default)]
pub struct Children {
    /// (code, name, regional group) of each State.
    pub states: HashMap<String, Vec<(String, String, Option<String>)>>,
    pub regions: HashMap<String, Vec<String>>,
    pub areas: HashMap<String, Vec<String>>,
    /// Organisation codes.
    pub partners: HashMap<String, Vec<String>>,
    /// Owner organisation id → (code, name).
    pub owners: HashMap<String, (String, String)>,
    /// Contact user id → (name, e-mail).
    pub contacts: HashMap<String, (String, String)>,
}

/// Narrows a boxed projects query to what the scope grants.
macro_rules! scoped {
    ($q:ident, $scope:expr) => {
        $crate::repo::projects::scoped!($q, $scope, projects::visibility, projects::owner_org_id)
    };
    ($q:ident, $scope:expr, $visibility:expr, $owner:expr) => {
        if let ProjectScope::PlatformOrOwn(org_id) = $scope {
            $q = $q.filter(
                $visibility
                    .eq(ProjectVisibility::Platform)
                    .or($owner.eq(org_id.clone())),
            );
        }
    };
}

pub(crate) use scoped;

mod list;
pub use list::{count, list, sort_value, ProjectKeyset, ProjectSort};

/// The project if the scope grants it; `None` for denied and missing alike.
pub fn find_visible(
    conn: &mut DbConnection,
    scope: &ProjectScope,
    id: &str,
) -> QueryResult<Option<Project>> {
    let mut q = projects::table
        .filter(projects::id.eq(id.to_string()))
        .select(Project::as_select())
        .into_boxed();
    scoped!(q, scope);
    q.first(conn).optional()
}

/// The children of these projects, their owners and contacts: six queries whatever the count.
pub fn children(conn: &mut DbConnection, rows: &[Project]) -> QueryResult<Children> {
    let mut out = Children::default();
    // An empty page asks nothing (each `IN` list below is prepared anew: 150 k instructions).
    if rows.is_empty() {
        return Ok(out);
    }
    let ids: Vec<&str> = rows.iter().map(|p| p.id.as_str()).collect();
    let states: Vec<(String, String, String, Option<String>)> = project_states::table
        .inner_join(organisations::table.on(organisations::id.eq(project_states::state_id)))
        .filter(project_states::project_id.eq_any(&ids))
        .order(organisations::code.asc())
        .select((
            project_states::project_id,
            organisations::code,
            organisations::name,
            organisations::regional_group,
        ))
        .load(conn)?;
    for (project, code, name, group) in states {
        out.states
            .entry(project)
            .or_default()
            .push((code, name, group));
    }
    let regions: Vec<(String, String)> = project_regions::table
        .filter(project_regions::project_id.eq_any(&ids))
        .order(project_regions::region.asc())
        .load(conn)?;
    group_into(&mut out.regions, regions);
    let areas: Vec<(String, String)> = project_areas::table
        .filter(project_areas::project_id.eq_any(&ids))
        .order(project_areas::thematic_area.asc())
        .load(conn)?;
    group_into(&mut out.areas, areas);
    let partners: Vec<(String, String)> = project_partners::table
        .inner_join(organisations::table.on(organisations::id.eq(project_partners::partner_org_id)))
        .filter(project_partners::project_id.eq_any(&ids))
        .order(organisations::code.asc())
        .select((project_partners::project_id, organisations::code))
        .load(conn)?;
    group_into(&mut out.partners, partners);
    let owner_ids: Vec<&str> = rows.iter().map(|p| p.owner_org_id.as_str()).collect();
    out.owners = organisations::table
        .filter(organisations::id.eq_any(&owner_ids))
        .select((
            organisations::id,
            (organisations::code, organisations::name),
        ))
        .load::<(String, (String, String))>(conn)?
        .into_iter()
        .collect();
    let contact_ids: Vec<&str> = rows
        .iter()
        .filter_map(|p| p.contact_user_id.as_deref())
        .collect();
    if !contact_ids.is_empty() {
        out.contacts = users::table
            .filter(users::id.eq_any(&contact_ids))
            .select((users::id, (users::name, users::email)))
            .load::<(String, (String, String))>(conn)?
            .into_iter()
            .collect();
    }
    Ok(out)
}

fn group_into(map: &mut HashMap<String, Vec<String>>, rows: Vec<(String, String)>) {
    for (project, value) in rows {
        map.entry(project).or_default().push(value);
    }
}

/// What a project names, by id (States, partners) or value (regions, areas).
pub struct ChildRows<'a> {
    pub state_ids: &'a [String],
    pub regions: &'a [String],
    pub areas: &'a [String],
    pub partner_ids: &'a [String],
}

/// Replaces the children of a project with `rows`.
pub fn replace_children(
    conn: &mut DbConnection,
    project_id: &str,
    rows: &ChildRows,
) -> QueryResult<()> {
    let pid = project_id.to_string();
    diesel::delete(project_states::table.filter(project_states::project_id.eq(&pid)))
        .execute(conn)?;
    diesel::delete(project_regions::table.filter(project_regions::project_id.eq(&pid)))
        .execute(conn)?;
    diesel::delete(project_areas::table.filter(project_areas::project_id.eq(&pid)))
        .execute(conn)?;
    diesel::delete(project_partners::table.filter(project_partners::project_id.eq(&pid)))
        .execute(conn)?;
    let states: Vec<_> = rows
        .state_ids
        .iter()
        .map(|s| {
            (
                project_states::project_id.eq(&pid),
                project_states::state_id.eq(s),
            )
        })
        .collect();
    let regions: Vec<_> = rows
        .regions
        .iter()
        .map(|r| {
            (
                project_regions::project_id.eq(&pid),
                project_regions::region.eq(r),
            )
        })
        .collect();
    let areas: Vec<_> = rows
        .areas
        .iter()
        .map(|a| {
            (
                project_areas::project_id.eq(&pid),
                project_areas::thematic_area.eq(a),
            )
        })
        .collect();
    let partners: Vec<_> = rows
        .partner_ids
        .iter()
        .map(|p| {
            (
                project_partners::project_id.eq(&pid),
                project_partners::partner_org_id.eq(p),
            )
        })
        .collect();
    for row in states {
        diesel::insert_into(project_states::table)
            .values(row)
            .execute(conn)?;
    }
    for row in regions {
        diesel::insert_into(project_regions::table)
            .values(row)
            .execute(conn)?;
    }
    for row in areas {
        diesel::insert_into(project_areas::table)
            .values(row)
            .execute(conn)?;
    }
    for row in partners {
        diesel::insert_into(project_partners::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

row_writes! {
    insert insert: Project => projects::table;
    update update: Project => projects::table;
    insert insert_version: ProjectVersion => project_versions::table;
}

/// Versions with the editor's name, newest first.
pub fn versions(
    conn: &mut DbConnection,
    project_id: &str,
) -> QueryResult<Vec<(ProjectVersion, String)>> {
    project_versions::table
        .inner_join(users::table.on(users::id.eq(project_versions::edited_by)))
        .filter(project_versions::project_id.eq(project_id))
        .order(project_versions::version.desc())
        .select((ProjectVersion::as_select(), users::name))
        .load(conn)
}

/// The UN regional groups of the Member States (what a project's regions may name).
pub fn regional_groups(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    organisations::table
        .filter(organisations::kind.eq(OrgKind::MemberState))
        .filter(organisations::regional_group.is_not_null())
        .select(organisations::regional_group.assume_not_null())
        .distinct()
        .order(organisations::regional_group.asc())
        .load(conn)
}
