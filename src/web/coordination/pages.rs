//! `/coordination`: the matrix of Member States by thematic area (an accessible table that
//! scrolls in its own box on a phone), and `/coordination/overlaps`, the list of possible
//! overlaps with the form that marks one coordinated. No JavaScript.

use actix_web::http::StatusCode;
use actix_web::web::Query;
use actix_web::{get, post, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::access::coordination::may_mark_coordinated;
use crate::auth::csrf::CsrfForm;
use crate::auth::{PageCaller, PageEntrant};
use crate::error::AppResult;
use crate::l10n::RefList;
use crate::pagination::PageParams;
use crate::services::coordination::{self, MatrixQuery, NewOverlapNote, OverlapQuery, OverlapView};
use crate::services::reference;
use crate::web::common::lists::filter_query;
use crate::web::common::render::{non_empty, refused_input, safe_next, see_other};

fn encoded(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct MatrixForm {
    #[serde(default)]
    region: String,
    #[serde(default)]
    programme: String,
    #[serde(default)]
    thematic_area: String,
}

#[derive(Serialize)]
struct CellLine {
    /// The cell's filters as a query string, for its links.
    link: String,
    open: i64,
    uncovered: i64,
    projects: i64,
    organisations: i64,
    overlaps: i64,
}

#[derive(Serialize)]
struct RowLine {
    code: String,
    name: String,
    cells: Vec<CellLine>,
}

#[get("/coordination")]
pub async fn matrix_page(
    entrant: PageEntrant,
    f: Query<MatrixForm>,
) -> actix_web::Result<HttpResponse> {
    let f = f.into_inner();
    let query = MatrixQuery {
        region: non_empty(&f.region),
        programme: non_empty(&f.programme),
        thematic_area: non_empty(&f.thematic_area),
    };
    let state = entrant.state.clone();
    let (caller, (view, overlaps)) = entrant
        .db(move |conn, user, _| {
            Ok((
                coordination::matrix(conn, user, query, &state.matrices)?,
                coordination::overlap_counts(conn, user)?,
            ))
        })
        .await?;
    let (matrix, names) = (&view.matrix, &view.names);
    let columns: Vec<(String, String)> = matrix
        .rows
        .first()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| (c.thematic_area.to_string(), encoded(c.thematic_area)))
                .collect()
        })
        .unwrap_or_default();
    let lang = caller.lang;
    let mut rows: Vec<RowLine> = matrix
        .rows
        .iter()
        .map(|r| RowLine {
            name: crate::l10n::name(RefList::State, &r.member_state, lang)
                .map(str::to_string)
                .or_else(|| names.get(&r.member_state).cloned())
                .unwrap_or_default(),
            cells: r
                .cells
                .iter()
                .map(|c| CellLine {
                    link: format!(
                        "member_state={}&thematic_area={}",
                        r.member_state,
                        encoded(c.thematic_area)
                    ),
                    overlaps: overlaps
                        .get(&(r.member_state.clone(), c.thematic_area.to_string()))
                        .copied()
                        .unwrap_or(0),
                    open: c.open_needs,
                    uncovered: c.uncovered_needs,
                    projects: c.projects,
                    organisations: c.organisations,
                })
                .collect(),
            code: r.member_state.clone(),
        })
        .collect();
    // The rows in the reader's alphabetical order.
    crate::l10n::sort_by_name(&mut rows, lang, |r| &r.name);
    let mut ctx = caller.context();
    ctx.insert("f", &f);
    ctx.insert("columns", &columns);
    ctx.insert("rows", &rows);
    ctx.insert("regions", reference::regions());
    ctx.insert("programmes", reference::programmes());
    ctx.insert("areas", reference::thematic_areas());
    Ok(caller.render("coordination/matrix.html", &ctx)?)
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OverlapForm {
    #[serde(default)]
    member_state: String,
    #[serde(default)]
    thematic_area: String,
    /// `true`: also the pairs already coordinated.
    #[serde(default)]
    include_coordinated: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

impl OverlapForm {
    fn pairs(&self) -> [(&'static str, &str); 3] {
        [
            ("member_state", self.member_state.as_str()),
            ("thematic_area", self.thematic_area.as_str()),
            ("include_coordinated", self.include_coordinated.as_str()),
        ]
    }
}

/// An overlap as a page shows it: with whether the reader may mark it coordinated.
#[derive(Serialize)]
pub struct OverlapLine {
    #[serde(flatten)]
    pub overlap: OverlapView,
    pub may_mark: bool,
}

/// What the reader may do with each overlap.
pub fn overlap_lines(caller: &PageCaller, items: Vec<OverlapView>) -> Vec<OverlapLine> {
    items
        .into_iter()
        .map(|o| OverlapLine {
            may_mark: o.coordinated.is_none()
                && may_mark_coordinated(
                    &caller.actor,
                    &o.project_a.owner_id,
                    &o.project_b.owner_id,
                ),
            overlap: o,
        })
        .collect()
}

/// The overlaps list, again with the refusal of a mark and the note entered.
async fn overlaps_list(
    caller: &PageCaller,
    f: OverlapForm,
    refused: Option<(String, NewOverlapNote)>,
) -> AppResult<HttpResponse> {
    let query = OverlapQuery {
        member_state: non_empty(&f.member_state),
        thematic_area: non_empty(&f.thematic_area),
        project: None,
        include_coordinated: f.include_coordinated == "true",
        page: PageParams::html(&f.cursor),
    };
    let page = caller
        .db(move |conn, user, _| coordination::list_overlaps(conn, user, query))
        .await?;
    let next = page.next_cursor.clone();
    let lines = overlap_lines(caller, page.items);
    let pairs = f.pairs();
    let mut ctx = caller.list_context(
        "/coordination/overlaps",
        &pairs,
        next.as_deref(),
        &lines,
        &f,
    );
    ctx.insert("filter_query", &filter_query(&pairs));
    caller
        .insert_state_filter(&mut ctx, &f.member_state)
        .await?;
    ctx.insert("areas", reference::thematic_areas());
    ctx.insert("back", "/coordination/overlaps");
    ctx.insert("entered", &None::<NewOverlapNote>);
    let problem = refused.map(|(message, entered)| {
        ctx.insert("entered", &entered);
        (StatusCode::BAD_REQUEST, message)
    });
    caller.render_refused("coordination/overlaps.html", ctx, problem)
}

#[get("/coordination/overlaps")]
pub async fn overlaps_page(caller: PageCaller, f: Query<OverlapForm>) -> AppResult<HttpResponse> {
    overlaps_list(&caller, f.into_inner(), None).await
}

#[derive(Debug, Deserialize)]
pub struct MarkForm {
    csrf_token: String,
    project_a: String,
    project_b: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    back: String,
}
csrf_protected!(MarkForm);

/// Marks a pair coordinated, then back to the page the form was on; a refused note shows the
/// overlaps list again with the reason and the note entered.
#[post("/coordination/overlaps")]
pub async fn mark_submit(caller: PageCaller, form: CsrfForm<MarkForm>) -> AppResult<HttpResponse> {
    let f = form.0;
    let back = Some(f.back.as_str())
        .filter(|b| !b.is_empty())
        .map_or("/coordination/overlaps".into(), |b| safe_next(Some(b)));
    let input = NewOverlapNote {
        project_a: f.project_a,
        project_b: f.project_b,
        note: f.note,
    };
    let entered = input.clone();
    let result = caller
        .db(move |conn, user, ip| coordination::mark_coordinated(conn, user, ip, input))
        .await;
    match refused_input(result, caller.lang)? {
        Ok(_) => Ok(see_other(back)),
        Err(message) => {
            let f = OverlapForm {
                include_coordinated: "true".into(),
                ..OverlapForm::default()
            };
            overlaps_list(&caller, f, Some((message, entered))).await
        }
    }
}
