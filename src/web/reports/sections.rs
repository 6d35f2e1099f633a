//! A report page's sections and needs, written in Rust rather than by the template's loops
//! (issue 19: a dozen sections and a score of needs were most of the page's variable
//! look-ups, each a JSON pointer built and walked). Same markup as the loops wrote; text only
//! through `Rows::text`, escaped as Tera escapes.

use crate::domain::policy::Consent;
use crate::services::reports::SectionView;
use crate::web::common::rows::{Label, Rows};
use crate::web::needs::rows::NeedRow;

/// The sections, each with its consent badge when withheld and, for editors, the link that
/// drafts a need from it.
pub fn sections_html(
    report_id: &str,
    sections: &[SectionView],
    lang: &str,
    may_edit: bool,
) -> String {
    let withheld = Label::new(lang, "consent-withheld");
    let add_need = Label::new(lang, "need-add-from-section");
    let mut out = Rows::new(sections.len() * 2);
    for s in sections {
        let is_withheld = s.consent == Consent::Withheld;
        out.tag("\n<section class=\"report-section");
        if is_withheld {
            out.tag(" withheld");
        }
        out.tag("\" aria-labelledby=\"sec-")
            .text(&s.id)
            .tag("\">\n  <h3 id=\"sec-")
            .text(&s.id)
            .tag("\">")
            .text(&s.heading);
        if is_withheld {
            out.tag(" <span class=\"badge status-withheld\">")
                .label(&withheld)
                .tag("</span>");
        }
        out.tag("</h3>\n  <div class=\"prose\">")
            .text(&s.body)
            .tag("</div>");
        if may_edit {
            out.tag("\n  <p><a href=\"/needs/new?report_id=")
                .text(report_id)
                .tag("&amp;section_id=")
                .text(&s.id)
                .tag("\">")
                .label(&add_need)
                .tag("</a></p>");
        }
        out.tag("\n</section>");
    }
    out.into_html()
}

/// The report's needs as list items: title, area, priority, and the "restricted" badge.
pub fn needs_html(needs: &[NeedRow<'_>], lang: &str) -> String {
    let restricted = Label::new(lang, "restricted");
    let mut out = Rows::new(needs.len());
    for n in needs {
        n.write_item(&mut out, &restricted);
    }
    out.into_html()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_escaped_and_marked_as_the_template_marked_them() {
        let section = |id: &str, heading: &str, consent| SectionView {
            id: id.into(),
            position: 1,
            heading: heading.into(),
            body: "<b>body</b>".into(),
            consent,
        };
        let sections = [
            section("s1", "Border <control>", Consent::Published),
            section("s\"2", "Financing", Consent::Withheld),
        ];
        let html = sections_html("r&1", &sections, "en", true);
        assert!(html.contains(
            "<section class=\"report-section\" aria-labelledby=\"sec-s1\">\n  \
             <h3 id=\"sec-s1\">Border &lt;control&gt;</h3>\n  \
             <div class=\"prose\">&lt;b&gt;body&lt;&#x2F;b&gt;</div>\n  \
             <p><a href=\"/needs/new?report_id=r&amp;1&amp;section_id=s1\">"
        ));
        assert!(html.contains(
            "<section class=\"report-section withheld\" aria-labelledby=\"sec-s&quot;2\">"
        ));
        assert!(html.contains("Financing <span class=\"badge status-withheld\">"));
        let read_only = sections_html("r1", &sections, "en", false);
        assert!(!read_only.contains("/needs/new"));
    }
}
