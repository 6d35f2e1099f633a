//! The values the access rules (`crate::access`) work on: a need's visibility, a section's
//! consent, a document's classification and the audiences of an access list.

pub use super::values::{Classification, Consent, NeedVisibility};

/// Audience names an access list may hold besides organisations.
pub const AUDIENCES: [&str; 3] = ["all_compact_entities", "all_member_states", "coordinators"];

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
