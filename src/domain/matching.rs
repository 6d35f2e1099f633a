//! Pure rules of matches between needs and projects: the moves a match makes, and how a need
//! follows its matches (`open` → `matched` → `in_progress` → `addressed`, never back).

use strum::VariantArray;

use super::values::{MatchStatus, NeedStatus, ProjectStatus};

impl MatchStatus {
    /// The only moves a match makes; anything else (staying put included) is a conflict.
    pub fn may_become(self, next: MatchStatus) -> bool {
        use MatchStatus::*;
        matches!(
            (self, next),
            (Proposed, Accepted) | (Proposed, Declined) | (Accepted, Completed)
        )
    }

    /// Whether the match covers its need (the need is not "uncovered").
    pub fn covers(self) -> bool {
        matches!(self, MatchStatus::Accepted | MatchStatus::Completed)
    }
}

impl NeedStatus {
    /// The later of the two statuses (`open` → `matched` → `in_progress` → `addressed`): a need
    /// that follows its matches never goes back.
    pub fn at_least(self, other: NeedStatus) -> NeedStatus {
        let rank = |s: NeedStatus| {
            <NeedStatus as VariantArray>::VARIANTS
                .iter()
                .position(|v| *v == s)
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

/// What the need becomes when one of its matches moves to `to`, given its project's status:
/// accepted makes it `matched` (`in_progress` when the project is `active`), completed makes it
/// `addressed`. `None` when it stays as it is.
pub fn need_follows(
    need: NeedStatus,
    to: MatchStatus,
    project: ProjectStatus,
) -> Option<NeedStatus> {
    let target = match (to, project) {
        (MatchStatus::Accepted, ProjectStatus::Active) => NeedStatus::InProgress,
        (MatchStatus::Accepted, _) => NeedStatus::Matched,
        (MatchStatus::Completed, _) => NeedStatus::Addressed,
        _ => return None,
    };
    Some(need.at_least(target)).filter(|next| *next != need)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_moves_and_need_ranks() {
        use MatchStatus::*;
        assert!(Proposed.may_become(Accepted) && Proposed.may_become(Declined));
        assert!(Accepted.may_become(Completed));
        assert!(!Declined.may_become(Accepted) && !Proposed.may_become(Completed));
        assert!(!Accepted.may_become(Accepted) && !Completed.may_become(Proposed));
        assert_eq!(
            NeedStatus::Matched.at_least(NeedStatus::Open),
            NeedStatus::Matched
        );
        assert_eq!(
            NeedStatus::Matched.at_least(NeedStatus::Addressed),
            NeedStatus::Addressed
        );
    }

    #[test]
    fn the_need_follows_and_never_goes_back() {
        use NeedStatus::*;
        let follows = |need, to, project| need_follows(need, to, project);
        assert_eq!(
            follows(Open, MatchStatus::Accepted, ProjectStatus::Planned),
            Some(Matched)
        );
        assert_eq!(
            follows(Open, MatchStatus::Accepted, ProjectStatus::Active),
            Some(InProgress)
        );
        assert_eq!(
            follows(Matched, MatchStatus::Accepted, ProjectStatus::Planned),
            None
        );
        assert_eq!(
            follows(Addressed, MatchStatus::Accepted, ProjectStatus::Active),
            None
        );
        assert_eq!(
            follows(Open, MatchStatus::Declined, ProjectStatus::Active),
            None
        );
        assert_eq!(
            follows(InProgress, MatchStatus::Completed, ProjectStatus::Active),
            Some(Addressed)
        );
    }
}
