//! The closed sets of values the portal stores as text: roles, organisation kinds, consent,
//! visibility, classification and every status. Each is declared with `stored_as_text!`, so
//! its JSON (serde), its form and query text (strum) and its database text (diesel) are the
//! same snake_case name and cannot drift apart.

/// Declares an enum with one snake_case name per variant, used by serde, strum (`FromStr`,
/// `Display`, `&'static str` and `VARIANTS`) and diesel (`Text` on every backend). Reading a
/// stored text that names no variant is a deserialisation error (logged, answered as an
/// internal error), never a panic.
macro_rules! stored_as_text {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident,)+ }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
            strum::EnumString, strum::IntoStaticStr, strum::Display, strum::VariantArray,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text = String::from_sql(bytes)?;
                text.parse().map_err(|_| {
                    // Logged here: diesel's error names the field, not the value.
                    let problem = format!("unknown {} stored: {text:?}", stringify!($name));
                    tracing::error!("{problem}");
                    problem.into()
                })
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                let text: &'static str = self.into();
                text.to_sql(out)
            }
        }
    };
}
pub(crate) use stored_as_text;

stored_as_text! {
    /// Declared from the least to the most trusted, so roles compare by rank.
    #[derive(PartialOrd, Ord)]
    pub enum Role {
        Observer,
        FocalPoint,
        Coordinator,
        Admin,
    }
}

impl Role {
    /// Every role, the most trusted first, as the administration pages list them.
    pub fn highest_first() -> impl Iterator<Item = Role> {
        <Role as strum::VariantArray>::VARIANTS
            .iter()
            .rev()
            .copied()
    }
}

stored_as_text! {
    pub enum OrgKind {
        MemberState,
        CompactEntity,
        CoordinatorOffice,
        Observer,
    }
}

stored_as_text! {
    /// The State's consent for a report section.
    pub enum Consent {
        Published,
        Withheld,
    }
}

stored_as_text! {
    /// Document classification labels (DESIGN.md rule 3).
    pub enum Classification {
        Unrestricted,
        Restricted,
        Confidential,
    }
}

stored_as_text! {
    /// Where a need may be seen, derived from its source and stored on the need so lists
    /// filter on one indexed column.
    pub enum NeedVisibility {
        /// From a draft report: coordinators only.
        Draft,
        /// From a withheld section: coordinators and the concerned State.
        Withheld,
        /// From a published report and section (or no report): also Compact entities.
        Published,
    }
}

impl NeedVisibility {
    /// `report_published` is None when the need has no source report.
    pub fn from_source(report_published: Option<bool>, section_consent: Option<Consent>) -> Self {
        match (report_published, section_consent) {
            (Some(false), _) => NeedVisibility::Draft,
            (_, Some(Consent::Withheld)) => NeedVisibility::Withheld,
            _ => NeedVisibility::Published,
        }
    }
}

stored_as_text! {
    pub enum ReportStatus {
        Draft,
        Published,
    }
}

stored_as_text! {
    pub enum Priority {
        High,
        Medium,
        Low,
    }
}

stored_as_text! {
    pub enum NeedStatus {
        Open,
        Matched,
        InProgress,
        Addressed,
    }
}

stored_as_text! {
    /// What a one-time link (`account_tokens`) is for.
    pub enum TokenPurpose {
        SetPassword,
        Invitation,
        PasswordReset,
    }
}

stored_as_text! {
    /// Each user's choice between a mail per message and a daily digest.
    pub enum MailMode {
        Immediate,
        Digest,
    }
}

stored_as_text! {
    /// Who a thread participant row names: one user, a whole organisation, or a working group
    /// (its code: every active user of its member organisations).
    pub enum ParticipantKind {
        User,
        Organisation,
        WorkingGroup,
    }
}

stored_as_text! {
    /// Where a queued mail is: waiting, held for the digest, folded into one, sent or given up.
    pub enum OutboxStatus {
        Pending,
        Held,
        Digested,
        Sent,
        Failed,
    }
}

stored_as_text! {
    /// How an audited action ended.
    pub enum Outcome {
        Success,
        Failure,
        Denied,
    }
}

stored_as_text! {
    /// Where an assistance project stands (IATI activity status: see `iati_code`).
    pub enum ProjectStatus {
        Planned,
        Active,
        Completed,
        Cancelled,
    }
}

impl ProjectStatus {
    /// The IATI activity status code (1 pipeline, 2 implementation, 3 finalisation,
    /// 5 cancelled).
    pub fn iati_code(self) -> u8 {
        match self {
            ProjectStatus::Planned => 1,
            ProjectStatus::Active => 2,
            ProjectStatus::Completed => 3,
            ProjectStatus::Cancelled => 5,
        }
    }

    /// `planned` → `active` → `completed`, or `cancelled` before completion; staying put is
    /// no change.
    pub fn may_become(self, next: ProjectStatus) -> bool {
        use ProjectStatus::*;
        self == next
            || matches!(
                (self, next),
                (Planned, Active) | (Active, Completed) | (Planned | Active, Cancelled)
            )
    }
}

stored_as_text! {
    /// Who sees an assistance project (DESIGN.md rule 6).
    pub enum ProjectVisibility {
        /// Every signed-in user.
        Platform,
        /// Compact entities and coordinator offices only (not yet announced to States).
        Compact,
    }
}

stored_as_text! {
    /// A match between a need and a project: `proposed` → `accepted` | `declined`, and
    /// `accepted` → `completed`.
    pub enum MatchStatus {
        Proposed,
        Accepted,
        Declined,
        Completed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    /// The stored text, the JSON and the parsed text of every variant are one name.
    fn same_names<T>()
    where
        T: VariantArray + Copy + PartialEq + std::fmt::Debug + std::fmt::Display,
        T: serde::Serialize + std::str::FromStr + Into<&'static str>,
    {
        for v in T::VARIANTS {
            let text: &'static str = (*v).into();
            assert_eq!(serde_json::to_value(v).unwrap(), text);
            assert_eq!(v.to_string(), text);
            assert!(text.parse::<T>().is_ok_and(|p| p == *v), "{text}");
        }
    }

    #[test]
    fn one_name_per_value() {
        let checks: [fn(); 16] = [
            same_names::<Role>,
            same_names::<OrgKind>,
            same_names::<Consent>,
            same_names::<Classification>,
            same_names::<NeedVisibility>,
            same_names::<ReportStatus>,
            same_names::<Priority>,
            same_names::<NeedStatus>,
            same_names::<TokenPurpose>,
            same_names::<MailMode>,
            same_names::<ParticipantKind>,
            same_names::<OutboxStatus>,
            same_names::<Outcome>,
            same_names::<ProjectStatus>,
            same_names::<ProjectVisibility>,
            same_names::<MatchStatus>,
        ];
        checks.iter().for_each(|check| check());
    }

    #[test]
    fn stored_names_are_the_migrations_names() {
        let names = |all: &[&'static str]| all.join(",");
        let of = |v: &[Role]| v.iter().map(|r| <&str>::from(*r)).collect::<Vec<_>>();
        assert_eq!(
            names(&of(&Role::highest_first().collect::<Vec<_>>())),
            "admin,coordinator,focal_point,observer"
        );
        assert_eq!(NeedStatus::InProgress.to_string(), "in_progress");
        assert_eq!(OrgKind::CoordinatorOffice.to_string(), "coordinator_office");
        assert_eq!(TokenPurpose::PasswordReset.to_string(), "password_reset");
        assert!(Role::Admin > Role::Coordinator && Role::FocalPoint > Role::Observer);
        assert!("root".parse::<Role>().is_err());
        assert!("Admin".parse::<Role>().is_err());
    }

    #[test]
    fn project_statuses_follow_iati_and_move_forward_only() {
        use ProjectStatus::*;
        let codes: Vec<u8> = [Planned, Active, Completed, Cancelled]
            .iter()
            .map(|s| s.iati_code())
            .collect();
        assert_eq!(codes, [1, 2, 3, 5]);
        assert!(Planned.may_become(Active) && Active.may_become(Completed));
        assert!(Planned.may_become(Cancelled) && Active.may_become(Cancelled));
        assert!(!Completed.may_become(Active) && !Cancelled.may_become(Planned));
        assert!(!Active.may_become(Planned) && !Completed.may_become(Cancelled));
        assert!(!Planned.may_become(Completed));
    }

    #[test]
    fn unknown_stored_text_is_an_internal_error() {
        use crate::db::DbConnection;
        use crate::error::AppError;
        use diesel::sql_types::Text;
        use diesel::{Connection, IntoSql, RunQueryDsl};
        let mut conn =
            DbConnection::Sqlite(diesel::SqliteConnection::establish(":memory:").unwrap());
        let read = |conn: &mut DbConnection, text: &str| {
            diesel::select(text.to_string().into_sql::<Text>()).get_result::<Role>(conn)
        };
        assert_eq!(read(&mut conn, "focal_point").unwrap(), Role::FocalPoint);
        let err = read(&mut conn, "root").unwrap_err();
        let mut causes = Vec::new();
        let mut cause: Option<&dyn std::error::Error> = Some(&err);
        while let Some(c) = cause {
            causes.push(c.to_string());
            cause = c.source();
        }
        assert!(
            causes.iter().any(|c| c == r#"unknown Role stored: "root""#),
            "{causes:?}"
        );
        let err = AppError::from(err);
        assert!(matches!(err, AppError::Internal(_)));
        assert_eq!(err.public_message(), "an internal error occurred");
        let written: String = diesel::select(Role::Admin.into_sql::<Text>())
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(written, "admin");
    }
}

stored_as_text! {
    /// What kind of activity a calendar entry is (issue 14).
    pub enum ActivityKind {
        Training,
        Workshop,
        AssessmentVisit,
        Consultation,
        Conference,
        Meeting,
        Other,
    }
}

stored_as_text! {
    /// Where an activity is in its life; a cancelled one stays on the calendar as cancelled.
    pub enum ActivityStatus {
        Planned,
        Confirmed,
        Held,
        Cancelled,
    }
}

stored_as_text! {
    /// Who sees an activity (DESIGN.md rule 8).
    pub enum ActivityVisibility {
        /// Every signed-in user.
        Platform,
        /// Compact entities, coordinator offices, coordinators and administrators.
        Compact,
        /// The users of its organising organisations only.
        Organisers,
    }
}
