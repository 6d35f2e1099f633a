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
}
