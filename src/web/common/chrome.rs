//! The parts of `base.html` that every page repeats: the navigation's links and the language
//! menu's options, written here rather than by template loops on every request. A list page
//! cost about 2.6 M instructions with no row at all (issue 19); the loops over thirteen areas
//! (twice: the phone menu and the bar) and six languages were a large part of it.
//!
//! Everything written here is escaped here (`crate::html`), as Tera escapes.

use std::sync::OnceLock;

use serde::Serialize;

use crate::i18n;
use crate::web::common::render::NavArea;

/// The navigation of a signed-in page, as HTML (`base.html` writes it `| safe`).
#[derive(Debug, Serialize)]
pub struct NavHtml {
    /// The phone menu's `<li>`s.
    pub phone: String,
    /// The bar's `<li>`s up to the messages link's label, and the rest: the template puts
    /// the unread badge between them, as a messaging page learns its count after the
    /// context is made.
    pub bar_head: String,
    pub bar_tail: String,
}

/// The links of `areas` in `lang`, the one at `current_path` marked `aria-current="page"`.
pub fn nav_html(areas: &[NavArea], lang: &str, current_path: &str) -> NavHtml {
    let mut nav = NavHtml {
        phone: String::with_capacity(1024),
        bar_head: String::with_capacity(1024),
        bar_tail: String::with_capacity(512),
    };
    let mut past_messages = false;
    for area in areas {
        let mut link = String::with_capacity(64);
        link.push_str("<li><a href=\"");
        crate::html::push_escaped(&mut link, area.href);
        link.push('"');
        if area.href == current_path {
            link.push_str(" aria-current=\"page\"");
        }
        link.push('>');
        link.push_str(&label(lang, area.label_key));
        nav.phone.push_str(&link);
        nav.phone.push_str("</a></li>");
        if past_messages {
            nav.bar_tail.push_str(&link);
            nav.bar_tail.push_str("</a></li>");
        } else if area.href == "/messages" {
            nav.bar_head.push_str(&link);
            nav.bar_tail.push_str("</a></li>");
            past_messages = true;
        } else {
            nav.bar_head.push_str(&link);
            nav.bar_head.push_str("</a></li>");
        }
    }
    nav
}

/// The message `key` in `lang`, escaped.
fn label(lang: &str, key: &str) -> String {
    super::rows::Label::new(lang, key).into_string()
}

/// The language menu's `<option>`s, each language named in itself, `lang` selected.
pub fn language_options(lang: &str) -> &'static str {
    static WRITTEN: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    let written = WRITTEN.get_or_init(|| {
        i18n::SUPPORTED
            .iter()
            .map(|selected| {
                let options: String = i18n::NATIVE_NAMES
                    .iter()
                    .map(|(code, name)| {
                        format!(
                            "<option value=\"{code}\" lang=\"{code}\" dir=\"{dir}\"{sel}>{name}</option>",
                            dir = if i18n::is_rtl(code) { "rtl" } else { "ltr" },
                            sel = if code == selected { " selected" } else { "" },
                            name = crate::html::escape(name),
                        )
                    })
                    .collect();
                (*selected, options)
            })
            .collect()
    });
    written
        .iter()
        .find(|(l, _)| *l == lang)
        .or_else(|| written.iter().find(|(l, _)| *l == "en"))
        .map_or("", |(_, options)| options.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(href: &'static str, label_key: &'static str) -> NavArea {
        NavArea {
            href,
            label_key,
            description_key: None,
        }
    }

    #[test]
    fn the_current_area_is_marked_and_the_bar_is_cut_after_the_messages_label() {
        let areas = [
            area("/", "nav-dashboard"),
            area("/messages", "nav-messages"),
            area("/needs", "nav-needs"),
        ];
        let nav = nav_html(&areas, "fr", "/needs");
        assert!(nav.bar_head.ends_with(&format!(
            "<a href=\"&#x2F;messages\">{}",
            label("fr", "nav-messages")
        )));
        assert!(nav.bar_tail.starts_with("</a></li><li>"));
        assert!(nav
            .bar_tail
            .contains("<a href=\"&#x2F;needs\" aria-current=\"page\">"));
        assert_eq!(nav.phone.matches("aria-current").count(), 1);
        assert_eq!(
            format!("{}{}", nav.bar_head, nav.bar_tail),
            nav.phone,
            "the bar without its badge is the phone menu's list"
        );
    }

    #[test]
    fn the_language_menu_selects_the_readers_language_only() {
        let options = language_options("ar");
        assert_eq!(options.matches(" selected").count(), 1);
        assert!(options.contains("<option value=\"ar\" lang=\"ar\" dir=\"rtl\" selected>"));
        assert_eq!(options.matches("<option ").count(), i18n::SUPPORTED.len());
    }
}
