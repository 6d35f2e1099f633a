//! Plain types and rules: no actix, no diesel.

pub mod administration;
pub mod messaging;
pub mod password_policy;
pub mod policy;
pub mod text;
pub mod time;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Observer,
    FocalPoint,
    Coordinator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Coordinator,
        Role::FocalPoint,
        Role::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::FocalPoint => "focal_point",
            Role::Observer => "observer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    MemberState,
    CompactEntity,
    CoordinatorOffice,
    Observer,
}

impl OrgKind {
    pub const ALL: [OrgKind; 4] = [
        OrgKind::MemberState,
        OrgKind::CompactEntity,
        OrgKind::CoordinatorOffice,
        OrgKind::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::MemberState => "member_state",
            OrgKind::CompactEntity => "compact_entity",
            OrgKind::CoordinatorOffice => "coordinator_office",
            OrgKind::Observer => "observer",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

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

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(Role::Admin > Role::Coordinator && Role::FocalPoint > Role::Observer);
        assert_eq!(Role::parse("root"), None);
    }
}
