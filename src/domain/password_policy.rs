//! What a password must be (DESIGN.md, sign-in rules): 12 to 128 characters, any characters,
//! and not a common password. The common list is zxcvbn's 30,000 most used passwords, built
//! into the binary; a password is refused when it *is* one of them (ignoring case, l33t
//! substitutions and reversal) or when zxcvbn finds it guessable in under a million tries
//! (a common password with a year or a few digits added, keyboard walks, repeats).

use zxcvbn::matching::patterns::MatchPattern;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    TooCommon,
}

impl PasswordProblem {
    pub fn message(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "the password must have at least 12 characters",
            PasswordProblem::TooLong => "the password must have at most 128 characters",
            PasswordProblem::TooCommon => {
                "this password is too common or too easy to guess; choose another"
            }
        }
    }

    /// The translation key of the message, for pages.
    pub fn key(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password-too-short",
            PasswordProblem::TooLong => "password-too-long",
            PasswordProblem::TooCommon => "password-too-common",
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
    } else if is_common(password) {
        Err(PasswordProblem::TooCommon)
    } else {
        Ok(())
    }
}

/// Guessable in fewer tries than this (zxcvbn score 0 or 1) counts as common.
const MIN_GUESSES: u64 = 1_000_000;

fn is_common(password: &str) -> bool {
    let entropy = zxcvbn::zxcvbn(password, &[]);
    if entropy.guesses() < MIN_GUESSES {
        return true;
    }
    let whole = password.chars().count();
    entropy.sequence().iter().any(|m| {
        m.i == 0
            && m.j + 1 == whole
            && matches!(&m.pattern, MatchPattern::Dictionary(d)
                if format!("{:?}", d.dictionary_name) == "Passwords")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(check("short"), Err(PasswordProblem::TooShort));
        assert_eq!(check("ééééééééééé"), Err(PasswordProblem::TooShort));
        assert!(check("correct horse battery").is_ok());
        assert_eq!(check(&"x".repeat(129)), Err(PasswordProblem::TooLong));
    }

    #[test]
    fn common_passwords_are_refused() {
        for p in [
            "qwertyuiopasdfgh",
            "1qaz2wsx3edc",
            "qwerty123456",
            "QWERTY123456",
            "password1234",
            "aaaaaaaaaaaa",
            "123456789012",
            "leavemealone",
            "enolaemevael",
        ] {
            assert_eq!(check(p), Err(PasswordProblem::TooCommon), "{p}");
        }
    }

    #[test]
    fn ordinary_good_passwords_pass() {
        for p in [
            "correct horse battery",
            "Kenya focal point 2026 sheet",
            "ça-ne-se-devine-pas-vite",
            "tK9#vQ2!mZ7$",
            "пароль очень длинный",
        ] {
            assert!(check(p).is_ok(), "{p}");
        }
    }
}
