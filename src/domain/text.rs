//! Checks on free text from users: length in characters and no control characters (NUL
//! above all, which PostgreSQL refuses), line breaks and tabs allowed where text is long.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    pub field: &'static str,
    pub message: String,
}

/// A one-line value: trimmed, 1..=max characters, no control characters.
pub fn line(field: &'static str, value: &str, max: usize) -> Result<String, TextProblem> {
    let v = value.trim();
    if v.is_empty() {
        return Err(TextProblem {
            field,
            message: format!("{field} is required"),
        });
    }
    check(field, v, max, false)?;
    Ok(v.to_string())
}

/// A block of text: 0..=max characters, line breaks and tabs allowed.
pub fn block(field: &'static str, value: &str, max: usize) -> Result<String, TextProblem> {
    let v = value.trim();
    check(field, v, max, true)?;
    Ok(v.to_string())
}

fn check(field: &'static str, v: &str, max: usize, multiline: bool) -> Result<(), TextProblem> {
    if v.chars().count() > max {
        return Err(TextProblem {
            field,
            message: format!("{field} must have at most {max} characters"),
        });
    }
    let bad = v
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if bad {
        return Err(TextProblem {
            field,
            message: format!("{field} contains control characters"),
        });
    }
    Ok(())
}

/// Characters that change how the text around them is shown without being seen themselves:
/// bidirectional controls (U+202E turns `gpj.exe` into what reads as `exe.jpg`), zero-width
/// characters and other invisible format characters. File names lose them.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                    // soft hyphen
        | '\u{061C}'                  // Arabic letter mark
        | '\u{115F}' | '\u{1160}'     // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'     // Khmer inherent vowels
        | '\u{180E}'                  // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}'     // zero-width space, joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}'     // embeddings and overrides
        | '\u{2060}'..='\u{2064}'     // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'     // isolates and deprecated format characters
        | '\u{3164}'                  // Hangul filler
        | '\u{FE00}'..='\u{FE0F}'     // variation selectors
        | '\u{FEFF}'                  // zero-width no-break space (BOM)
        | '\u{FFA0}'                  // half-width Hangul filler
        | '\u{FFF9}'..='\u{FFFB}'     // interlinear annotation
    )
}

/// The text without control characters and invisible format characters.
pub fn visible_only(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_blocks() {
        assert_eq!(line("title", "  Hello ", 10).unwrap(), "Hello");
        assert!(line("title", "   ", 10).is_err());
        assert!(line("title", "a\nb", 10).is_err());
        assert!(line("title", "abcdefghijk", 10).is_err());
        assert!(line("title", "ééééé", 5).is_ok());
        assert_eq!(block("body", "a\nb\tc", 10).unwrap(), "a\nb\tc");
        assert!(block("body", "a\u{0}b", 10).is_err());
        assert!(block("body", "", 10).is_ok());
    }

    #[test]
    fn invisible_characters_go() {
        assert_eq!(visible_only("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(
            visible_only("a\u{200B}b\u{200D}c\u{2067}d\u{2069}\u{FEFF}e\u{0}"),
            "abcde"
        );
        assert_eq!(visible_only("تقرير.pdf"), "تقرير.pdf");
        assert_eq!(
            visible_only("Évaluation — 報告.pdf"),
            "Évaluation — 報告.pdf"
        );
    }
}
