//! The values the access rules (`crate::access`) work on: a need's visibility, a section's
//! consent, a document's classification and the audiences of an access list.

/// Where a need may be seen, derived from its source and stored on the need so lists filter
/// on one indexed column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedVisibility {
    /// From a draft report: coordinators only.
    Draft,
    /// From a withheld section: coordinators and the concerned State.
    Withheld,
    /// From a published report and section (or no report): also Compact entities.
    Published,
}

impl NeedVisibility {
    pub fn as_str(self) -> &'static str {
        match self {
            NeedVisibility::Draft => "draft",
            NeedVisibility::Withheld => "withheld",
            NeedVisibility::Published => "published",
        }
    }

    /// `report_published` is None when the need has no source report.
    pub fn from_source(report_published: Option<bool>, section_consent: Option<Consent>) -> Self {
        match (report_published, section_consent) {
            (Some(false), _) => NeedVisibility::Draft,
            (_, Some(Consent::Withheld)) => NeedVisibility::Withheld,
            _ => NeedVisibility::Published,
        }
    }
}

/// The State's consent for a report section.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    Published,
    Withheld,
}

impl Consent {
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Published => "published",
            Consent::Withheld => "withheld",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "published" => Some(Consent::Published),
            "withheld" => Some(Consent::Withheld),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn need_visibility_follows_the_source() {
        use NeedVisibility::*;
        assert_eq!(
            NeedVisibility::from_source(Some(false), Some(Consent::Published)),
            Draft
        );
        assert_eq!(
            NeedVisibility::from_source(Some(false), Some(Consent::Withheld)),
            Draft
        );
        assert_eq!(
            NeedVisibility::from_source(Some(true), Some(Consent::Withheld)),
            Withheld
        );
        assert_eq!(
            NeedVisibility::from_source(Some(true), Some(Consent::Published)),
            Published
        );
        assert_eq!(NeedVisibility::from_source(Some(true), None), Published);
        assert_eq!(NeedVisibility::from_source(None, None), Published);
    }
}

/// Document classification labels (DESIGN.md rule 3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    Unrestricted,
    Restricted,
    Confidential,
}

impl Classification {
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Unrestricted => "unrestricted",
            Classification::Restricted => "restricted",
            Classification::Confidential => "confidential",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Classification::Unrestricted,
            Classification::Restricted,
            Classification::Confidential,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// Audience names an access list may hold besides organisations.
pub const AUDIENCES: [&str; 3] = ["all_compact_entities", "all_member_states", "coordinators"];
