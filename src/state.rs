//! What every handler can reach.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::access::reports::ReportScope;
use crate::auth::csrf::CsrfKey;
use crate::auth::jwt::JwtKeys;
use crate::auth::password::PasswordHasher;
use crate::config::Settings;
use crate::db::DbPool;
use crate::error::AppResult;
use crate::services::coordination::{MatrixKey, MatrixView, NeedFigures};
use crate::services::needs::NeedLists;
use crate::services::reports::ReportLists;

pub struct AppState {
    pub settings: Arc<Settings>,
    pub pool: DbPool,
    /// Turns at the pool, in the order asked for (`db::Turns`), as many as its connections.
    pub db_turns: crate::db::Turns,
    pub jwt: JwtKeys,
    pub csrf: CsrfKey,
    pub hasher: PasswordHasher,
    pub templates: Arc<tera::Tera>,
    /// The Member State picker of list filters and forms, kept for a minute: it changes only
    /// when an administrator adds or renames a State, and every list page shows it.
    pub state_picker: Cached<StatePicker>,
    /// The organisations' picker of the fields where people type organisations, kept for a
    /// minute likewise.
    pub organisation_picker: Cached<OrganisationPicker>,
    /// The who-does-what-where matrices by scope and filters, each kept for the version of
    /// the coordination data it was computed from (`repo::data_versions`).
    pub matrices: Versioned<MatrixKey, MatrixView>,
    /// The dashboard's needs figures by needs scope, kept likewise.
    pub need_figures: Versioned<ReportScope, NeedFigures>,
    /// The reports lists' pages and counts, kept for the reports' version.
    pub report_lists: ReportLists,
    /// The needs lists' pages and counts, kept for the needs' version.
    pub need_lists: NeedLists,
}

/// A Member State in a picker.
#[derive(Debug, Clone, Serialize)]
pub struct StateOption {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct StatePicker {
    /// The States with their stored (English) names, in the database's order.
    pub states: Vec<StateOption>,
    /// Regional groups, sorted, without repeats.
    pub groups: Vec<String>,
    /// Per language: the States named and sorted in that language (`l10n`).
    localised: HashMap<&'static str, Vec<StateOption>>,
    /// Per language: the States filter's options, written once.
    filter_options: HashMap<&'static str, OptionsHtml>,
}

/// A list of `<option>`s written once, as the template loop wrote them (values and texts
/// escaped as Tera escapes, `crate::html`), and where each value's ` selected` goes.
#[derive(Debug, Default)]
struct OptionsHtml {
    html: String,
    /// The byte offset just after each option's `value="…"`.
    marks: HashMap<String, usize>,
}

impl OptionsHtml {
    fn new<'a>(options: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut written = OptionsHtml::default();
        for (value, text) in options {
            written.html.push_str("<option value=\"");
            crate::html::push_escaped(&mut written.html, value);
            written.html.push('"');
            written.marks.insert(value.to_string(), written.html.len());
            written.html.push('>');
            crate::html::push_escaped(&mut written.html, text);
            written.html.push_str("</option>");
        }
        written
    }

    /// The options with `selected`'s marked (none when it is not among them).
    fn with_selected(&self, selected: &str) -> String {
        match self.marks.get(selected) {
            Some(&at) => {
                let mut html = String::with_capacity(self.html.len() + 9);
                html.push_str(&self.html[..at]);
                html.push_str(" selected");
                html.push_str(&self.html[at..]);
                html
            }
            None => self.html.clone(),
        }
    }
}

impl StatePicker {
    pub fn new(states: Vec<StateOption>, groups: Vec<String>) -> Self {
        let localised: HashMap<&'static str, Vec<StateOption>> = crate::i18n::SUPPORTED
            .iter()
            .map(|lang| {
                let mut named: Vec<StateOption> = states
                    .iter()
                    .map(|s| StateOption {
                        code: s.code.clone(),
                        name: crate::l10n::name(crate::l10n::RefList::State, &s.code, lang)
                            .unwrap_or(&s.name)
                            .to_string(),
                    })
                    .collect();
                crate::l10n::sort_by_name(&mut named, lang, |s| s.name.as_str());
                (*lang, named)
            })
            .collect();
        let filter_options = localised
            .iter()
            .map(|(lang, named)| {
                let options = named.iter().map(|s| (s.code.as_str(), s.name.as_str()));
                (*lang, OptionsHtml::new(options))
            })
            .collect();
        StatePicker {
            states,
            groups,
            localised,
            filter_options,
        }
    }

    /// The States filter's `<option>`s in `lang` (`partials/state_filter.html`), the State
    /// `selected` marked: written once per language rather than by a template loop on every
    /// list page.
    pub fn filter_options(&self, lang: &str, selected: &str) -> String {
        match self.filter_options.get(lang) {
            Some(written) => written.with_selected(selected),
            None => OptionsHtml::new(
                self.states
                    .iter()
                    .map(|s| (s.code.as_str(), s.name.as_str())),
            )
            .with_selected(selected),
        }
    }

    /// The States named in `lang` and sorted as `lang` sorts.
    pub fn states_in(&self, lang: &str) -> &[StateOption] {
        self.localised
            .get(lang)
            .map(Vec::as_slice)
            .unwrap_or(&self.states)
    }
}

/// The organisations' picker (`partials/organisation_datalist.html`): the active
/// organisations, named in each language and sorted as it sorts, their `<option>`s written
/// once per language (a list page that offers it costs no template loop).
pub struct OrganisationPicker {
    options: HashMap<&'static str, OptionsHtml>,
}

impl OrganisationPicker {
    /// From the active organisations' (code, stored name).
    pub fn new(directory: &[(String, String)]) -> Self {
        let options = crate::i18n::SUPPORTED
            .iter()
            .map(|lang| {
                let mut named: Vec<(&str, &str)> = directory
                    .iter()
                    .map(|(code, stored)| {
                        let name = crate::l10n::names::organisation_name(code, lang);
                        (code.as_str(), name.unwrap_or(stored.as_str()))
                    })
                    .collect();
                crate::l10n::sort_by_name(&mut named, lang, |(_, name)| name);
                (*lang, OptionsHtml::new(named.into_iter()))
            })
            .collect();
        OrganisationPicker { options }
    }

    /// The `<option>`s in `lang`, escaped.
    pub fn options(&self, lang: &str) -> &str {
        self.options.get(lang).map_or("", |o| o.html.as_str())
    }
}

/// A value read from the database at most once per `ttl` (per process).
pub struct Cached<T> {
    ttl: Duration,
    slot: RwLock<Option<(Instant, Arc<T>)>>,
}

impl<T> Cached<T> {
    pub fn new(ttl: Duration) -> Self {
        Cached {
            ttl,
            slot: RwLock::new(None),
        }
    }

    pub fn fresh(&self) -> Option<Arc<T>> {
        let slot = self.slot.read().unwrap_or_else(|e| e.into_inner());
        slot.as_ref()
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone())
    }

    pub fn store(&self, value: T) -> Arc<T> {
        let value = Arc::new(value);
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), value.clone()));
        value
    }

    /// Drops the value, so the next reader loads it anew.
    pub fn clear(&self) {
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// Answers kept for the version of the data they were computed from (`repo::data_versions`),
/// per key: an answer is given again only while the database's version is the one it was
/// computed for, so it is never older than the version read (read the version first, then the
/// data). At most `capacity` keys; past that, all are dropped and computed anew.
pub struct Versioned<K, V> {
    capacity: usize,
    entries: Mutex<HashMap<K, (i64, Arc<V>)>>,
}

impl<K: Eq + Hash, V> Versioned<K, V> {
    pub fn new(capacity: usize) -> Self {
        Versioned {
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The answer kept for `key` at `version`, or `compute`'s, kept. With no version (`None`)
    /// nothing is kept.
    pub fn get_or_compute<E>(
        &self,
        key: K,
        version: Option<i64>,
        compute: impl FnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        let Some(version) = version else {
            return compute().map(Arc::new);
        };
        let entries = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((kept, answer)) = entries().get(&key) {
            if *kept == version {
                return Ok(answer.clone());
            }
        }
        // Computed without the lock: two readers may both compute; the first stored stays
        // unless a newer version replaces it.
        let answer = Arc::new(compute()?);
        let mut entries = entries();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            entries.clear();
        }
        match entries.get(&key) {
            Some((kept, _)) if *kept >= version => {}
            _ => {
                entries.insert(key, (version, answer.clone()));
            }
        }
        Ok(answer)
    }
}

impl AppState {
    /// The caller's address, believing `X-Forwarded-For` only from the trusted proxies.
    pub fn client_ip(&self, req: &actix_web::HttpRequest) -> String {
        crate::auth::client_ip::client_ip(req, &self.settings.trusted_proxies)
    }

    /// The organisations' picker, from the cache or the database.
    pub async fn organisation_picker(&self) -> AppResult<Arc<OrganisationPicker>> {
        if let Some(picker) = self.organisation_picker.fresh() {
            return Ok(picker);
        }
        let directory = self
            .db(|conn| Ok(crate::repo::organisations::directory(conn)?))
            .await?;
        Ok(self
            .organisation_picker
            .store(OrganisationPicker::new(&directory)))
    }

    /// An administrator changed an organisation: the pickers load anew.
    pub fn organisations_changed(&self) {
        self.state_picker.clear();
        self.organisation_picker.clear();
    }

    /// The Member State picker, from the cache or the database.
    pub async fn state_picker(&self) -> AppResult<Arc<StatePicker>> {
        if let Some(picker) = self.state_picker.fresh() {
            return Ok(picker);
        }
        let rows = self
            .db(|conn| Ok(crate::repo::organisations::member_states(conn)?))
            .await?;
        let mut groups: Vec<String> = rows.iter().filter_map(|(_, _, g)| g.clone()).collect();
        groups.sort();
        groups.dedup();
        let states = rows
            .into_iter()
            .map(|(code, name, _)| StateOption { code, name })
            .collect();
        Ok(self.state_picker.store(StatePicker::new(states, groups)))
    }
}

#[cfg(test)]
mod tests {
    use super::Versioned;

    fn read(kept: &Versioned<&str, i64>, version: Option<i64>, value: i64) -> (i64, bool) {
        let mut computed = false;
        let answer = kept
            .get_or_compute::<()>("k", version, || {
                computed = true;
                Ok(value)
            })
            .unwrap();
        (*answer, computed)
    }

    #[test]
    fn an_answer_is_kept_for_its_version_only() {
        let kept = Versioned::new(2);
        assert_eq!(read(&kept, Some(1), 10), (10, true));
        assert_eq!(read(&kept, Some(1), 11), (10, false), "kept");
        assert_eq!(read(&kept, Some(2), 12), (12, true), "the data moved");
        // A reader that read the older version computes its own, and leaves the newer kept.
        assert_eq!(read(&kept, Some(1), 13), (13, true));
        assert_eq!(read(&kept, Some(2), 14), (12, false));
        // Without a version nothing is kept.
        assert_eq!(read(&kept, None, 15), (15, true));
        assert_eq!(read(&kept, None, 16), (16, true));
        // Past its capacity it starts again; an error keeps nothing.
        for key in ["a", "b"] {
            kept.get_or_compute::<()>(key, Some(2), || Ok(0)).unwrap();
        }
        assert_eq!(read(&kept, Some(2), 17), (17, true));
        assert!(kept.get_or_compute("e", Some(2), || Err(())).is_err());
        assert_eq!(
            *kept.get_or_compute::<()>("e", Some(2), || Ok(1)).unwrap(),
            1
        );
    }
}
