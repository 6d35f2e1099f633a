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
        use Consent::{Published as Consented, Withheld as Refused};
        use NeedVisibility::*;
        let cases = [
            (Some(false), Some(Consented), Draft),
            (Some(false), Some(Refused), Draft),
            (Some(true), Some(Refused), Withheld),
            (Some(true), Some(Consented), Published),
            (Some(true), None, Published),
            (None, None, Published),
        ];
        for (published, consent, expected) in cases {
            let got = NeedVisibility::from_source(published, consent);
            assert_eq!(got, expected, "{published:?} {consent:?}");
        }
    }
}
