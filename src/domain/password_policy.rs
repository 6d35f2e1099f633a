//! What a password must be (DESIGN.md, sign-in rules).

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
}

impl PasswordProblem {
    pub fn message(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "the password must have at least 12 characters",
            PasswordProblem::TooLong => "the password must have at most 128 characters",
        }
    }
}

/// Length is counted in characters, not bytes, so any script counts fairly.
pub fn check(password: &str) -> Result<(), PasswordProblem> {
    let n = password.chars().count();
    if n < MIN_CHARS {
        Err(PasswordProblem::TooShort)
    } else if n > MAX_CHARS {
        Err(PasswordProblem::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(check("short"), Err(PasswordProblem::TooShort));
        assert_eq!(check("ééééééééééé"), Err(PasswordProblem::TooShort));
        assert!(check("correct horse battery").is_ok());
        assert!(check(&"x".repeat(128)).is_ok());
        assert_eq!(check(&"x".repeat(129)), Err(PasswordProblem::TooLong));
    }
}
