//! The rows of the busiest lists' tables (reports, needs), written here rather than by a
//! template loop. Tera looks up every `row.field` through the context's JSON on each row, and
//! that loop cost more than the list's query (issue 19: 40 % of a 50-row `/needs`). The page
//! around the table stays in its template, which writes these rows `| safe`.
//!
//! Safe by construction: text goes in only through [`Rows::text`], escaped as Tera escapes
//! (`crate::html`); markup only through [`Rows::tag`], which takes string literals of the
//! code (`&'static str`), never data; column labels only as [`Label`]s, escaped once when made.

use crate::html::push_escaped;
use crate::i18n;

/// A message in the reader's language, escaped once for the many rows that print it.
#[derive(Debug, Clone)]
pub struct Label(String);

impl Label {
    pub fn new(lang: &str, key: &str) -> Self {
        Label(crate::html::escape(&i18n::label(lang, key)))
    }

    /// The escaped text.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Table rows being written, and how many.
#[derive(Debug)]
pub struct Rows(String, usize);

impl Rows {
    /// Room for `count` rows of a usual size.
    pub fn new(count: usize) -> Self {
        Rows(String::with_capacity(count * 600 + 16), 0)
    }

    /// Opens a row.
    pub fn row(&mut self) -> &mut Self {
        self.1 += 1;
        self.tag("\n  <tr>")
    }

    /// Closes a row.
    pub fn end_row(&mut self) -> &mut Self {
        self.tag("\n  </tr>")
    }

    /// Opens a cell named by its column (`data-label`: the phone layout shows it before the
    /// value).
    pub fn cell(&mut self, column: &Label) -> &mut Self {
        self.tag("\n    <td data-label=\"").label(column).tag("\">")
    }

    /// Closes a cell.
    pub fn end_cell(&mut self) -> &mut Self {
        self.tag("</td>")
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        push_escaped(&mut self.0, text);
        self
    }

    /// A label, as escaped when made.
    pub fn label(&mut self, label: &Label) -> &mut Self {
        self.0.push_str(&label.0);
        self
    }

    /// Markup of the code itself.
    pub fn tag(&mut self, markup: &'static str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// `<a href="{path}{id}">{text}</a>`, the id and the text escaped.
    pub fn link(&mut self, path: &'static str, id: &str, text: &str) -> &mut Self {
        self.tag("<a href=\"")
            .tag(path)
            .text(id)
            .tag("\">")
            .text(text)
            .tag("</a>")
    }

    /// A State's name and its code: `Kenya <bdi class="code">KEN</bdi>`.
    pub fn state(&mut self, name: &str, code: &str) -> &mut Self {
        self.text(name)
            .tag(" <bdi class=\"code\">")
            .text(code)
            .tag("</bdi>")
    }

    /// The rows written.
    pub fn count(&self) -> usize {
        self.1
    }

    pub fn into_html(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_ids_are_escaped_and_labels_kept_as_escaped() {
        let label = Label::new("en", "field-title");
        let mut rows = Rows::new(1);
        rows.row()
            .cell(&label)
            .link("/reports/", "a\"b", "<script>alert('x')</script>")
            .end_cell()
            .cell(&label)
            .state("Côte d'Ivoire", "CIV")
            .end_cell()
            .end_row();
        assert_eq!(rows.count(), 1);
        assert_eq!(
            rows.into_html(),
            "\n  <tr>\n    <td data-label=\"Title\"><a href=\"/reports/a&quot;b\">\
             &lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2F;script&gt;</a></td>\
             \n    <td data-label=\"Title\">Côte d&#x27;Ivoire <bdi class=\"code\">CIV</bdi></td>\
             \n  </tr>"
        );
    }
}
