//! Plain types and rules: no actix; diesel only as the text mapping of `values`.

pub mod activities;
pub mod administration;
pub mod charts;
pub mod devices;
pub mod groups;
pub mod iati;
pub mod ical;
pub mod matching;
pub mod messaging;
pub mod password_policy;
pub mod plans;
pub mod policy;
pub mod search;
pub mod suggestions;
pub mod text;
pub mod time;
pub mod values;
pub mod xml;

pub use values::{OrgKind, Role};

/// An e-mail address as typed, checked for shape; compared case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, &'static str> {
        let s = raw.trim();
        if s.is_empty() || s.len() > 254 {
            return Err("an e-mail address of at most 254 characters is required");
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err("the e-mail address needs an @");
        };
        let bad = |c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == '"';
        if local.is_empty()
            || domain.len() < 3
            || !domain.contains('.')
            || s.chars().any(bad)
            || s.matches('@').count() != 1
        {
            return Err("this is not a valid e-mail address");
        }
        Ok(Email(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn lowered(&self) -> String {
        self.0.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(Email::parse("Ana.Diaz@unodc.org").is_ok());
        assert_eq!(Email::parse(" A@B.org ").unwrap().lowered(), "a@b.org");
        for bad in [
            "",
            "no-at",
            "a@b",
            "a b@c.org",
            "@x.org",
            "a@b@c.org",
            "<a@b.org>",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
