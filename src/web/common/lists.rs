//! Pieces every list page shares.

use serde::{Deserialize, Serialize};

use crate::auth::Caller;
use crate::error::AppResult;
use crate::pagination::{Direction, Sort, SortColumn};
use crate::repo::COUNT_BOUND;

use super::rows::Rows;

/// The `sort` and `dir` of a list page's address (flattened into its filter form).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SortFields {
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub dir: String,
}

impl SortFields {
    /// The order asked for: `None` for the list's default; an unknown value is a 400.
    pub fn parse<C: SortColumn>(&self) -> AppResult<Option<Sort<C>>> {
        Sort::parse(&self.sort, &self.dir)
    }

    /// The filters' pairs and then these two: what the next page's link keeps.
    pub fn with<'a>(&'a self, filters: &[(&'static str, &'a str)]) -> Vec<(&'static str, &'a str)> {
        let mut pairs = filters.to_vec();
        pairs.push(("sort", self.sort.as_str()));
        pairs.push(("dir", self.dir.as_str()));
        pairs
    }
}

/// A sortable column's header (`lists::table_start`'s `sorting`): the link that sorts by it,
/// the `aria-sort` it carries when the list is sorted by it and the hint of what the link does.
#[derive(Serialize)]
struct SortHeader {
    href: String,
    aria_sort: &'static str,
    hint: &'static str,
}

/// How many rows a list holds, as its page says it: `count` chooses the plural, `number` is the
/// figure in the reader's language, "1,000+" past the bound.
#[derive(Serialize)]
struct ListCount {
    count: i64,
    number: String,
}

impl<K: 'static> Caller<K> {
    /// A list page's context: its rows (`items`), the filter form's values (`f`) and the link
    /// to the next page at `path`, the filters (`pairs`) kept.
    pub fn list_context(
        &self,
        path: &str,
        pairs: &[(&str, &str)],
        next_cursor: Option<&str>,
        items: &impl Serialize,
        f: &impl Serialize,
    ) -> tera::Context {
        let mut ctx = self.list_page_context(path, pairs, next_cursor, f);
        ctx.insert("items", items);
        ctx
    }

    /// `list_context` for a list whose rows are written in Rust: `rows` (their HTML) and
    /// `row_count`, instead of `items`.
    pub fn rows_context(
        &self,
        path: &str,
        pairs: &[(&str, &str)],
        next_cursor: Option<&str>,
        rows: Rows,
        f: &impl Serialize,
    ) -> tera::Context {
        let mut ctx = self.list_page_context(path, pairs, next_cursor, f);
        ctx.insert("row_count", &rows.count());
        ctx.insert("rows", &rows.into_html());
        ctx
    }

    /// What every list page's context holds besides its rows.
    fn list_page_context(
        &self,
        path: &str,
        pairs: &[(&str, &str)],
        next_cursor: Option<&str>,
        f: &impl Serialize,
    ) -> tera::Context {
        let mut ctx = self.context();
        ctx.insert("next_url", &next_url(path, pairs, next_cursor));
        ctx.insert("f", f);
        ctx
    }

    /// The sortable headers of a list page (`sorting`, by the header's message key): each a
    /// link to `path` keeping the `filters`, sorted by its column, ascending first and flipped
    /// when it is the sorted column; the list's default order marks its column when it has one.
    pub fn insert_sorting<C: SortColumn>(
        &self,
        ctx: &mut tera::Context,
        path: &str,
        filters: &[(&str, &str)],
        sort: Option<Sort<C>>,
        headers: &[(&str, C)],
    ) {
        let current = sort.map(|s| (s.column, s.dir)).or(C::DEFAULT);
        let sorting: std::collections::HashMap<&str, SortHeader> = headers
            .iter()
            .map(|(key, column)| {
                let sorted = current.filter(|(c, _)| c == column).map(|(_, d)| d);
                let next = sorted.map_or(Direction::Asc, Direction::flipped);
                let mut q = url::form_urlencoded::Serializer::for_suffix(filter_query(filters), 0);
                q.append_pair("sort", column.name());
                q.append_pair("dir", next.name());
                let header = SortHeader {
                    href: format!("{path}?{}", q.finish()),
                    aria_sort: match sorted {
                        Some(Direction::Asc) => "ascending",
                        Some(Direction::Desc) => "descending",
                        None => "",
                    },
                    hint: match next {
                        Direction::Asc => "list-sort-ascending",
                        Direction::Desc => "list-sort-descending",
                    },
                };
                (*key, header)
            })
            .collect();
        ctx.insert("sorting", &sorting);
    }

    /// How many rows the list holds (`list_count`, see `lists::list_count`), at most
    /// `COUNT_BOUND - 1` and then "1,000+".
    pub fn insert_count(&self, ctx: &mut tera::Context, count: i64) {
        let most = COUNT_BOUND - 1;
        let shown = crate::l10n::format_number(count.min(most) as f64, self.lang, 0);
        ctx.insert(
            "list_count",
            &ListCount {
                count: count.min(most),
                number: if count > most {
                    format!("{shown}+")
                } else {
                    shown
                },
            },
        );
    }

    /// The States filter of a list page (`partials/state_filter.html`): its options written
    /// once per language (`StatePicker::filter_options`), `selected` marked.
    pub async fn insert_state_filter(
        &self,
        ctx: &mut tera::Context,
        selected: &str,
    ) -> crate::error::AppResult<()> {
        let picker = self.state.state_picker().await?;
        ctx.insert("state_options", &picker.filter_options(self.lang, selected));
        Ok(())
    }

    /// Puts the organisations' picker (`organisation_options`: its `<option>`s in the reader's
    /// language, written once per language) into a page's context, for
    /// `partials/organisation_datalist.html`.
    pub async fn insert_organisation_picker(
        &self,
        ctx: &mut tera::Context,
    ) -> crate::error::AppResult<()> {
        let picker = self.state.organisation_picker().await?;
        ctx.insert("organisation_options", picker.options(self.lang));
        Ok(())
    }
}

/// The filters that are set, as a query string (for a link that keeps them: an export).
pub fn filter_query(pairs: &[(&str, &str)]) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        q.append_pair(k, v);
    }
    q.finish()
}

/// The link to the page after `cursor`, the filters kept.
pub fn next_url(path: &str, pairs: &[(&str, &str)], cursor: Option<&str>) -> Option<String> {
    let cursor = cursor?;
    let mut q = url::form_urlencoded::Serializer::for_suffix(filter_query(pairs), 0);
    q.append_pair("cursor", cursor);
    Some(format!("{path}?{}", q.finish()))
}
