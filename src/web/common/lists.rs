//! Pieces every list page shares.

use serde::Serialize;

use crate::auth::Caller;

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
        let mut ctx = self.context();
        ctx.insert("next_url", &next_url(path, pairs, next_cursor));
        ctx.insert("items", items);
        ctx.insert("f", f);
        ctx
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

    /// Puts the organisations' picker (`organisation_choices`: code and name in the reader's
    /// language) into a form's context, for `forms::organisation_datalist`.
    pub async fn insert_organisation_picker(
        &self,
        ctx: &mut tera::Context,
    ) -> crate::error::AppResult<()> {
        let dir = self.state.db(super::organisations::directory).await?;
        ctx.insert(
            "organisation_choices",
            &super::organisations::choices(dir, self.lang),
        );
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
