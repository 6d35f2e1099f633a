//! Device cookies, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a
//! client that has signed in to an account before holds a signed cookie naming that account,
//! and passes the throttles that guard the account against everyone else. Its own failures
//! count against its cookie only (see `services::auth`).
//!
//! Value: `<user id>.<nonce>.<HMAC-SHA256 of both, hex>` under a key derived from the JWT
//! secret. The nonce (256 random bits, new on every sign-in) is what a lockout is recorded
//! against; the user id binds the cookie to one account.

use actix_web::cookie::Cookie;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const COOKIE: &str = "__Host-portal_device";
/// A device stays known for a year after its last sign-in.
pub const LIFETIME_DAYS: i64 = 365;
/// Longer values are not ours.
const MAX_LEN: usize = 256;

#[derive(Clone)]
pub struct DeviceKey(Vec<u8>);

/// A device cookie whose signature checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub user_id: String,
    pub nonce: String,
}

impl DeviceKey {
    pub fn derive(jwt_secret: &[u8]) -> Self {
        DeviceKey(super::tokens::derive_key(
            jwt_secret,
            b"portal device key v1",
        ))
    }

    fn mac(&self, user_id: &str, nonce: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"device|");
        mac.update(user_id.as_bytes());
        mac.update(b"|");
        mac.update(nonce.as_bytes());
        mac
    }

    /// A new cookie value for this account, with a fresh nonce.
    pub fn issue(&self, user_id: &str) -> String {
        let nonce = super::tokens::random_token();
        let signature = hex::encode(self.mac(user_id, &nonce).finalize().into_bytes());
        format!("{user_id}.{nonce}.{signature}")
    }

    /// The device a cookie value names, if this key signed it (constant-time check).
    pub fn verify(&self, value: &str) -> Option<Device> {
        if value.len() > MAX_LEN {
            return None;
        }
        let mut parts = value.rsplitn(3, '.');
        let (signature, nonce, user_id) = (parts.next()?, parts.next()?, parts.next()?);
        if user_id.is_empty() || nonce.is_empty() {
            return None;
        }
        let signature = hex::decode(signature).ok()?;
        self.mac(user_id, nonce).verify_slice(&signature).ok()?;
        Some(Device {
            user_id: user_id.to_string(),
            nonce: nonce.to_string(),
        })
    }
}

/// The `Set-Cookie` for a value from `issue`.
pub fn cookie(value: String) -> Cookie<'static> {
    let max_age = actix_web::cookie::time::Duration::days(LIFETIME_DAYS);
    crate::auth::extractors::strict_cookie(COOKIE, value, max_age)
}

/// The device cookie the request carries, unchecked.
pub fn presented(req: &actix_web::HttpRequest) -> Option<String> {
    req.cookie(COOKIE).map(|c| c.value().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_verify_only_as_issued() {
        let (key, other) = crate::auth::test_keys(DeviceKey::derive);
        let value = key.issue("user-a");
        let device = key.verify(&value).expect("valid");
        assert_eq!(device.user_id, "user-a");
        assert!(!device.nonce.is_empty());
        assert_ne!(
            key.verify(&key.issue("user-a")).unwrap().nonce,
            device.nonce
        );

        assert_eq!(other.verify(&value), None);
        // Another account's name on this nonce and signature.
        assert_eq!(key.verify(&value.replacen("user-a", "user-b", 1)), None);
        // Another nonce under this signature.
        let (_, signature) = value.rsplit_once('.').unwrap();
        assert_eq!(key.verify(&format!("user-a.AAAA.{signature}")), None);
        // A flipped signature character, a truncated one, garbage.
        let mut flipped = value.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == '0' { '1' } else { '0' });
        assert_eq!(key.verify(&flipped), None);
        assert_eq!(key.verify(&value[..value.len() - 2]), None);
        for junk in ["", ".", "..", "a.b", "a.b.zz", ".n.00", "u..00"] {
            assert_eq!(key.verify(junk), None, "{junk}");
        }
        assert_eq!(key.verify(&"a".repeat(1000)), None);
    }
}
