//! Two-factor secrets at rest: XChaCha20-Poly1305 under a key kept outside the database
//! (`PORTAL_TOTP_KEY`, or the file `totp_key` in the data directory). A stored secret reads
//! `v1:<key id>:<base64 of nonce ‖ ciphertext>`, sealed with the account id as associated data,
//! so a value copied to another account does not open. The key id is a fingerprint of the key:
//! after a rotation, values sealed under one of `PORTAL_TOTP_PREVIOUS_KEYS` still open and are
//! sealed again under the current key at the next start.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;
const VERSION: &str = "v1";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the two-factor secret is stored in clear")]
    Plain,
    #[error("the two-factor secret is sealed under key {0}, which this server does not have")]
    UnknownKey(String),
    #[error("the two-factor secret does not decrypt (altered, or another account's)")]
    Corrupt,
}

#[derive(Clone)]
struct Key {
    id: String,
    cipher: XChaCha20Poly1305,
}

impl Key {
    fn new(bytes: &[u8; KEY_BYTES]) -> Key {
        let mut hasher = Sha256::new();
        hasher.update(b"portal totp key id\0");
        hasher.update(bytes);
        Key {
            id: hex::encode(&hasher.finalize()[..6]),
            cipher: XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(bytes)),
        }
    }
}

/// The current key (which seals) and any previous ones (which only open).
#[derive(Clone)]
pub struct TotpKeys {
    current: Key,
    previous: Vec<Key>,
}

/// Shows key ids only, never key material.
impl std::fmt::Debug for TotpKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpKeys")
            .field("current", &self.current.id)
            .field(
                "previous",
                &self.previous.iter().map(|k| &k.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// A key written as 64 hexadecimal digits (`openssl rand -hex 32`).
pub fn parse_key(text: &str) -> Result<[u8; KEY_BYTES], String> {
    let bytes = hex::decode(text.trim())
        .map_err(|_| "must be 64 hexadecimal digits (openssl rand -hex 32)".to_string())?;
    bytes
        .try_into()
        .map_err(|_| "must be 64 hexadecimal digits (openssl rand -hex 32)".to_string())
}

pub fn random_key() -> [u8; KEY_BYTES] {
    let mut bytes = [0u8; KEY_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

impl TotpKeys {
    pub fn new(current: &[u8; KEY_BYTES], previous: &[[u8; KEY_BYTES]]) -> TotpKeys {
        let current = Key::new(current);
        let previous = previous
            .iter()
            .map(Key::new)
            .filter(|k| k.id != current.id)
            .collect();
        TotpKeys { current, previous }
    }

    /// A fresh random key (tests).
    pub fn random() -> TotpKeys {
        TotpKeys::new(&random_key(), &[])
    }

    pub fn current_id(&self) -> &str {
        &self.current.id
    }

    /// What every value sealed under the current key starts with.
    pub fn current_prefix(&self) -> String {
        format!("{VERSION}:{}:", self.current.id)
    }

    pub fn seal(&self, user_id: &str, secret: &str) -> String {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .current
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: secret.as_bytes(),
                    aad: user_id.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any message of this size");
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sealed);
        format!("{}{}", self.current_prefix(), STANDARD.encode(blob))
    }

    pub fn open(&self, user_id: &str, stored: &str) -> Result<String, SealError> {
        let Some(rest) = stored
            .strip_prefix(VERSION)
            .and_then(|r| r.strip_prefix(':'))
        else {
            return Err(SealError::Plain);
        };
        let (id, body) = rest.split_once(':').ok_or(SealError::Corrupt)?;
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id == id)
            .ok_or_else(|| SealError::UnknownKey(id.to_string()))?;
        let blob = STANDARD.decode(body).map_err(|_| SealError::Corrupt)?;
        if blob.len() < NONCE_BYTES {
            return Err(SealError::Corrupt);
        }
        let (nonce, sealed) = blob.split_at(NONCE_BYTES);
        let plain = key
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: user_id.as_bytes(),
                },
            )
            .map_err(|_| SealError::Corrupt)?;
        String::from_utf8(plain).map_err(|_| SealError::Corrupt)
    }

    /// The value to store instead of `stored`, if it is not sealed under the current key yet:
    /// a secret in clear is sealed, one under a previous key sealed again.
    pub fn reseal(&self, user_id: &str, stored: &str) -> Result<Option<String>, SealError> {
        if stored.starts_with(&self.current_prefix()) {
            return Ok(None);
        }
        let plain = match self.open(user_id, stored) {
            Ok(plain) => plain,
            Err(SealError::Plain) => stored.to_string(),
            Err(e) => return Err(e),
        };
        Ok(Some(self.seal(user_id, &plain)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    #[test]
    fn seals_and_opens_for_the_same_account_only() {
        let keys = TotpKeys::random();
        let sealed = keys.seal("user-a", SECRET);
        assert!(sealed.starts_with(&format!("v1:{}:", keys.current_id())));
        assert!(!sealed.contains(SECRET));
        assert_ne!(sealed, keys.seal("user-a", SECRET), "a new nonce each time");
        assert_eq!(keys.open("user-a", &sealed).unwrap(), SECRET);
        assert_eq!(keys.open("user-b", &sealed), Err(SealError::Corrupt));
        let mut altered = sealed.clone();
        altered.pop();
        altered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(keys.open("user-a", &altered).is_err());
        assert_eq!(keys.open("user-a", SECRET), Err(SealError::Plain));
    }

    #[test]
    fn another_key_does_not_open_and_previous_keys_do() {
        let (old, new) = (random_key(), random_key());
        let sealed = TotpKeys::new(&old, &[]).seal("u", SECRET);
        let other = TotpKeys::new(&new, &[]);
        assert!(matches!(
            other.open("u", &sealed),
            Err(SealError::UnknownKey(_))
        ));
        let rotated = TotpKeys::new(&new, &[old]);
        assert_eq!(rotated.open("u", &sealed).unwrap(), SECRET);
        let resealed = rotated.reseal("u", &sealed).unwrap().unwrap();
        assert!(resealed.starts_with(&rotated.current_prefix()));
        assert_eq!(other.open("u", &resealed).unwrap(), SECRET);
        assert_eq!(rotated.reseal("u", &resealed).unwrap(), None);
        let from_plain = rotated.reseal("u", SECRET).unwrap().unwrap();
        assert_eq!(rotated.open("u", &from_plain).unwrap(), SECRET);
    }

    #[test]
    fn keys_parse_and_never_print() {
        assert!(parse_key("00").is_err());
        assert!(parse_key(&"g".repeat(64)).is_err());
        let key = parse_key(&"ab".repeat(32)).unwrap();
        let shown = format!("{:?}", TotpKeys::new(&key, &[key]));
        assert!(!shown.contains("abab"), "{shown}");
        assert!(!shown.contains("171"), "{shown}");
    }
}
