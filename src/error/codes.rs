//! Every error code a client reads in `{"error":{"code"}}`, in one enum (as Lemmy's
//! `LemmyErrorType`). The codes are part of the interface: they serialise as the snake_case
//! strings below and are never renamed. Each has its meaning in every language under the
//! Fluent key `error-<code>`, which the HTML error page shows.

use serde::Serialize;
use utoipa::ToSchema;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    // By status, when nothing more precise is known.
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    Internal,
    Unavailable,
    // The request's shape.
    InvalidJson,
    InvalidQuery,
    InvalidCursor,
    InvalidField,
    InvalidFilter,
    InvalidFormat,
    InvalidDate,
    InvalidYear,
    EmptyChange,
    // Signing in, links and passwords.
    Csrf,
    InvalidCredentials,
    InvalidToken,
    WrongPassword,
    WeakPassword,
    TotpRequired,
    InvalidTotp,
    TotpUnavailable,
    TotpSetupRequired,
    NoSetup,
    InvalidCode,
    UnsupportedLanguage,
    // Administration.
    InvalidEmail,
    InvalidRole,
    InvalidKind,
    InvalidName,
    InvalidRegionalGroup,
    InvalidMailMode,
    UnknownOrganisation,
    AmbiguousName,
    InactiveOrganisation,
    OwnOrganisation,
    // Reports, needs and documents.
    UnknownMemberState,
    UnknownProgramme,
    UnknownThematicArea,
    UnknownReport,
    UnknownSection,
    UnknownNeed,
    // Files.
    MissingFile,
    NoFile,
    EmptyFile,
    TooManyFiles,
    UnsupportedFile,
    // Messages.
    UnknownRecipient,
    NoRecipient,
    TooManyUserRecipients,
    TooManyOrganisationRecipients,
    SubjectMissing,
    SubjectTooLong,
    SubjectControlCharacters,
    BodyMissing,
    BodyTooLong,
    BodyControlCharacters,
    // Projects.
    UnknownCurrency,
    InvalidBudget,
    InvalidPeriod,
    UnknownContact,
    UnknownRegion,
    // Working groups.
    UnknownWorkingGroup,
    InvalidGroupCode,
    // Consultations and plans.
    UnknownMeasure,
    InvalidValue,
    // Search.
    QueryTooShort,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The Fluent key of what the code means to a reader (`error-invalid_token`).
    pub fn message_key(self) -> String {
        format!("error-{}", self.as_str())
    }

    /// The code of an API response that carries none of its own (a framework error).
    pub fn of_status(status: u16) -> Self {
        match status {
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            413 => ErrorCode::PayloadTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            s if s >= 500 => ErrorCode::Internal,
            _ => ErrorCode::BadRequest,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    /// The strings clients read today, byte for byte: a renamed variant must not change one.
    #[test]
    fn codes_are_the_strings_of_the_interface() {
        let wire: Vec<&str> = ErrorCode::iter().map(ErrorCode::as_str).collect();
        assert_eq!(
            wire,
            [
                "bad_request",
                "unauthenticated",
                "forbidden",
                "not_found",
                "method_not_allowed",
                "conflict",
                "payload_too_large",
                "unsupported_media_type",
                "too_many_requests",
                "internal",
                "unavailable",
                "invalid_json",
                "invalid_query",
                "invalid_cursor",
                "invalid_field",
                "invalid_filter",
                "invalid_format",
                "invalid_date",
                "invalid_year",
                "empty_change",
                "csrf",
                "invalid_credentials",
                "invalid_token",
                "wrong_password",
                "weak_password",
                "totp_required",
                "invalid_totp",
                "totp_unavailable",
                "totp_setup_required",
                "no_setup",
                "invalid_code",
                "unsupported_language",
                "invalid_email",
                "invalid_role",
                "invalid_kind",
                "invalid_name",
                "invalid_regional_group",
                "invalid_mail_mode",
                "unknown_organisation",
                "ambiguous_name",
                "inactive_organisation",
                "own_organisation",
                "unknown_member_state",
                "unknown_programme",
                "unknown_thematic_area",
                "unknown_report",
                "unknown_section",
                "unknown_need",
                "missing_file",
                "no_file",
                "empty_file",
                "too_many_files",
                "unsupported_file",
                "unknown_recipient",
                "no_recipient",
                "too_many_user_recipients",
                "too_many_organisation_recipients",
                "subject_missing",
                "subject_too_long",
                "subject_control_characters",
                "body_missing",
                "body_too_long",
                "body_control_characters",
                "unknown_currency",
                "invalid_budget",
                "invalid_period",
                "unknown_contact",
                "unknown_region",
                "unknown_working_group",
                "invalid_group_code",
                "unknown_measure",
                "invalid_value",
                "query_too_short",
            ]
        );
        for code in ErrorCode::iter() {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.as_str(), "serde and strum disagree on {code:?}");
        }
    }

    /// Every code has its meaning in every language, written for that language (no fallback
    /// to English).
    #[test]
    fn every_code_is_translated() {
        for lang in crate::i18n::SUPPORTED {
            let id = lang.parse().unwrap();
            for code in ErrorCode::iter() {
                let key = code.message_key();
                let text = crate::i18n::LOCALES.lookup_single_language::<&str>(&id, &key, None);
                assert!(text.is_ok(), "{key} missing in {lang}");
            }
        }
    }
}
