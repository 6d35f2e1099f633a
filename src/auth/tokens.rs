//! Random secrets for links (set-password, invitations, resets) and ids.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Tokens are stored hashed so a database reader cannot use them.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A key of its own for one use (`label`), derived from the server secret with HMAC-SHA256, so
/// the CSRF and device-cookie keys never equal the JWT key or each other.
pub fn derive_key(secret: &[u8], label: &[u8]) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(label);
    mac.finalize().into_bytes().to_vec()
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Whether `id` has the shape of an id [`new_id`] makes. Anything else names nothing, and
/// never reaches the database (for PostgreSQL: no NUL in a text parameter).
pub fn is_id(id: &str) -> bool {
    uuid::Uuid::parse_str(id).is_ok()
}

/// [`is_id`] as the answer to a path or body naming a thing by id: anything that is no id
/// names nothing (404, as a missing thing), and never reaches a query. The one check of the
/// id routes of projects, matches, activities, threads and overlaps.
pub fn require_id(id: &str) -> crate::error::AppResult<&str> {
    if is_id(id) {
        Ok(id)
    } else {
        Err(crate::error::AppError::NotFound)
    }
}
