//! The bounds of a message: sizes, recipients and rate. Plain rules, checked before any write.

use crate::error::ErrorCode;

/// Characters, not bytes: what a person can see.
pub const MAX_BODY_CHARS: usize = 20_000;
pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_USER_RECIPIENTS: usize = 50;
pub const MAX_ORGANISATION_RECIPIENTS: usize = 10;
/// Messages (new threads and replies) one person may post per rolling minute, on all
/// instances together: counted in the database.
pub const MAX_MESSAGES_PER_MINUTE: i64 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageProblem {
    SubjectMissing,
    SubjectTooLong,
    SubjectControl,
    BodyMissing,
    BodyTooLong,
    BodyControl,
    NoRecipient,
    TooManyUsers,
    TooManyOrganisations,
}

impl MessageProblem {
    /// The error code of the API.
    pub fn code(self) -> ErrorCode {
        match self {
            MessageProblem::SubjectMissing => ErrorCode::SubjectMissing,
            MessageProblem::SubjectTooLong => ErrorCode::SubjectTooLong,
            MessageProblem::SubjectControl => ErrorCode::SubjectControlCharacters,
            MessageProblem::BodyMissing => ErrorCode::BodyMissing,
            MessageProblem::BodyTooLong => ErrorCode::BodyTooLong,
            MessageProblem::BodyControl => ErrorCode::BodyControlCharacters,
            MessageProblem::NoRecipient => ErrorCode::NoRecipient,
            MessageProblem::TooManyUsers => ErrorCode::TooManyUserRecipients,
            MessageProblem::TooManyOrganisations => ErrorCode::TooManyOrganisationRecipients,
        }
    }

    pub fn message(self) -> String {
        match self {
            MessageProblem::SubjectMissing => "a subject is required".into(),
            MessageProblem::SubjectTooLong => {
                format!("the subject may have at most {MAX_SUBJECT_CHARS} characters")
            }
            MessageProblem::SubjectControl => "the subject contains control characters".into(),
            MessageProblem::BodyMissing => "the message is empty".into(),
            MessageProblem::BodyTooLong => {
                format!("a message may have at most {MAX_BODY_CHARS} characters")
            }
            MessageProblem::BodyControl => {
                "the message contains control characters other than line breaks and tabs".into()
            }
            MessageProblem::NoRecipient => "name at least one person or organisation".into(),
            MessageProblem::TooManyUsers => {
                format!("at most {MAX_USER_RECIPIENTS} people per message")
            }
            MessageProblem::TooManyOrganisations => {
                format!("at most {MAX_ORGANISATION_RECIPIENTS} organisations per message")
            }
        }
    }
}

/// The trimmed subject, or why it is refused.
pub fn check_subject(raw: &str) -> Result<String, MessageProblem> {
    use MessageProblem::*;
    let problems = [SubjectMissing, SubjectTooLong, SubjectControl];
    checked_text(raw, MAX_SUBJECT_CHARS, problems, char::is_control)
}

/// The body with surrounding blank space removed; NUL and other control characters are
/// refused (PostgreSQL cannot store NUL in text), line breaks and tabs kept.
pub fn check_body(raw: &str) -> Result<String, MessageProblem> {
    use MessageProblem::*;
    let refused = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    checked_text(
        raw,
        MAX_BODY_CHARS,
        [BodyMissing, BodyTooLong, BodyControl],
        refused,
    )
}

/// `raw` trimmed, or the first of `[missing, too long, refused character]` that applies.
fn checked_text(
    raw: &str,
    max_chars: usize,
    [missing, too_long, control]: [MessageProblem; 3],
    refused: impl Fn(char) -> bool,
) -> Result<String, MessageProblem> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(missing);
    }
    if text.chars().count() > max_chars {
        return Err(too_long);
    }
    if text.chars().any(refused) {
        return Err(control);
    }
    Ok(text.to_string())
}

pub fn check_recipient_counts(users: usize, organisations: usize) -> Result<(), MessageProblem> {
    if users + organisations == 0 {
        return Err(MessageProblem::NoRecipient);
    }
    if users > MAX_USER_RECIPIENTS {
        return Err(MessageProblem::TooManyUsers);
    }
    if organisations > MAX_ORGANISATION_RECIPIENTS {
        return Err(MessageProblem::TooManyOrganisations);
    }
    Ok(())
}

/// Files per message and bytes per file.
pub const MAX_ATTACHMENTS: usize = 5;
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        assert_eq!(check_subject("  Visit  ").unwrap(), "Visit");
        for (subject, problem) in [
            (" ", MessageProblem::SubjectMissing),
            ("a\0b", MessageProblem::SubjectControl),
            ("a\nb", MessageProblem::SubjectControl),
        ] {
            assert_eq!(check_subject(subject), Err(problem), "{subject:?}");
        }
        let long = "é".repeat(MAX_SUBJECT_CHARS + 1);
        assert_eq!(check_subject(&long), Err(MessageProblem::SubjectTooLong));
        assert!(check_subject(&"é".repeat(MAX_SUBJECT_CHARS)).is_ok());
    }

    #[test]
    fn bodies() {
        assert_eq!(check_body("a\r\n\tb").unwrap(), "a\r\n\tb");
        for (body, problem) in [
            ("a\0b", MessageProblem::BodyControl),
            ("a\u{1b}b", MessageProblem::BodyControl),
            ("\n", MessageProblem::BodyMissing),
        ] {
            assert_eq!(check_body(body), Err(problem), "{body:?}");
        }
        assert!(check_body(&"x".repeat(MAX_BODY_CHARS)).is_ok());
        assert_eq!(
            check_body(&"x".repeat(MAX_BODY_CHARS + 1)),
            Err(MessageProblem::BodyTooLong)
        );
    }

    #[test]
    fn recipients() {
        assert_eq!(
            check_recipient_counts(0, 0),
            Err(MessageProblem::NoRecipient)
        );
        assert!(check_recipient_counts(MAX_USER_RECIPIENTS, MAX_ORGANISATION_RECIPIENTS).is_ok());
        assert_eq!(
            check_recipient_counts(MAX_USER_RECIPIENTS + 1, 0),
            Err(MessageProblem::TooManyUsers)
        );
        assert_eq!(
            check_recipient_counts(1, MAX_ORGANISATION_RECIPIENTS + 1),
            Err(MessageProblem::TooManyOrganisations)
        );
    }
}
