//! Escaping text into HTML: the one rule for every page, whether Tera or Rust writes it.
//!
//! The same six characters as Tera's own `escape_html` (`& < > " ' /`, with the same
//! entities), so a fragment written in Rust reads exactly as the template wrote it. Tera's
//! copies the text one character at a time into a new string; this copies the runs between
//! those characters whole, into the page being written. Tera uses it too (`templates::build`).

/// Appends `text` to `out`, escaped.
pub fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            b'/' => "&#x2F;",
            _ => continue,
        };
        // Each of those is one ASCII byte, so `start..i` lies on character boundaries.
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// `text`, escaped (Tera's escape function).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_tera_does() {
        for text in [
            "",
            "plain",
            "<script>alert('x')</script>",
            "a & b \"c\" / d",
            "Côte d’Ivoire — 中文 العربية <b>",
            "&&&",
            "'",
            "ends with /",
        ] {
            assert_eq!(escape(text), tera::escape_html(text), "{text}");
        }
        let mut page = String::from("<p>");
        push_escaped(&mut page, "1 < 2");
        assert_eq!(page, "<p>1 &lt; 2");
    }
}
