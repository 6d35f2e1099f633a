//! Escaping text into HTML: the one rule for every page, whether Tera or Rust writes it.
//!
//! The same six characters as Tera's own `escape_html` (`& < > " ' /`, with the same
//! entities), so a fragment written in Rust reads exactly as the template wrote it. Tera's
//! copies the text one character at a time into a new string; this copies the runs between
//! those characters whole, into the page being written. Tera uses it too (`templates::build`).

/// Appends `text` to `out`, escaped.
pub fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len());
    let mut start = 0;
    while let Some(i) = next_escaped(bytes, start) {
        // Each of those is one ASCII byte, so `start..i` lies on character boundaries.
        out.push_str(&text[start..i]);
        out.push_str(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => "&#x2F;",
        });
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is zero (exact for "any", which is all this asks).
fn any_zero(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether any of the eight bytes in `word` is one to escape. `&` and `'` differ in the lowest
/// bit only and `<` and `>` in the second, so four comparisons test all six.
fn any_escaped(word: u64) -> bool {
    any_zero(word ^ (ONES * u64::from(b'"')))
        || any_zero((word | ONES) ^ (ONES * u64::from(b'\'')))
        || any_zero(word ^ (ONES * u64::from(b'/')))
        || any_zero((word | (ONES * 2)) ^ (ONES * u64::from(b'>')))
}

/// Where the next byte to escape is, at `from` or after: eight bytes at a time past the runs of
/// plain text (most of a page's text), then byte by byte in the word that holds one.
fn next_escaped(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if any_escaped(word) {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | b'/'))
        .map(|offset| at + offset)
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
        // Every character to escape, and others, at every place in and across eight-byte words.
        let alphabet = [
            "a", " ", "&", "<", ">", "\"", "'", "/", "=", "?", "%", ".", "é", "中", "😀",
        ];
        for len in 0..24 {
            for seed in 0..alphabet.len() * 7 {
                let text: String = (0..len)
                    .map(|i| alphabet[(seed * 31 + i * i * 7 + i * seed) % alphabet.len()])
                    .collect();
                assert_eq!(escape(&text), tera::escape_html(&text), "{text}");
            }
        }
        let mut page = String::from("<p>");
        push_escaped(&mut page, "1 < 2");
        assert_eq!(page, "<p>1 &lt; 2");
    }
}
