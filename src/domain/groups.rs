//! The Compact's working groups: their members' roles and the audience name a document's access
//! list or a thread gives a group.

use super::values::stored_as_text;

stored_as_text! {
    /// What an organisation is in a working group. Every role reads what is addressed to the
    /// group; the chair's focal points manage its membership with the coordinators.
    pub enum GroupRole {
        Member,
        Chair,
        ViceChair,
        Observer,
    }
}

/// The prefix of a working group's audience on an access list: `group:CODE`.
pub const AUDIENCE_PREFIX: &str = "group:";

/// The group code an access-list entry names, when it names one (`group:BMLE` → `BMLE`).
pub fn audience_code(entry: &str) -> Option<&str> {
    let (prefix, code) = entry.split_at_checked(AUDIENCE_PREFIX.len())?;
    prefix.eq_ignore_ascii_case(AUDIENCE_PREFIX).then_some(code)
}

/// The access-list entry of a group code.
pub fn audience(code: &str) -> String {
    format!("{AUDIENCE_PREFIX}{code}")
}

/// A new group's code: 2 to 20 letters, digits or dashes, as the reference codes are.
pub fn valid_code(code: &str) -> bool {
    (2..=20).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audience_names() {
        assert_eq!(audience_code("group:BMLE"), Some("BMLE"));
        assert_eq!(audience_code("GROUP:pcve"), Some("pcve"));
        assert_eq!(audience_code("KEN"), None);
        assert_eq!(audience_code("grou"), None);
        assert_eq!(audience("HR-ROL"), "group:HR-ROL");
        assert!(valid_code("CJLR-CFT"));
        assert!(!valid_code("a"));
        assert!(!valid_code("with space"));
    }
}
