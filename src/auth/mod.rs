//! Sign-in machinery: password hashing, tokens, sessions, CSRF and the extractors that
//! handlers use to learn who is calling.

pub mod caller;
pub mod client_ip;
pub mod csrf;
pub mod device;
pub mod extractors;
pub mod form_fields;
pub mod jwt;
pub mod password;
pub mod tokens;
pub mod totp_keys;

pub use caller::{
    AdminCaller, ApiCaller, ApiCallerSettingUp, ApiEntrant, ApiEntrantSettingUp, Caller,
    ClientMeta, Entrant, PageCaller, PageCallerSettingUp, PageEntrant,
};
pub use extractors::{totp_setup_required, CurrentUser};

/// A key and another from a different secret, for the tests of the keyed cookies and tokens.
#[cfg(test)]
pub(crate) fn test_keys<K>(derive: fn(&[u8]) -> K) -> (K, K) {
    (
        derive(b"0123456789abcdef0123456789abcdef"),
        derive(b"another secret of enough length!!"),
    )
}
