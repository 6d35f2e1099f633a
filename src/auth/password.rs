//! Argon2id hashing, off the async workers and bounded in how many run at once.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// OWASP's first Argon2id configuration: 19 MiB, two passes, one lane.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const LANES: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None)
        .expect("static Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_blocking(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify_blocking(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    limit: usize,
    /// Verified against when the account does not exist, so both cases cost the same.
    dummy_hash: Arc<String>,
}

impl PasswordHasher {
    pub fn new(concurrency: usize) -> Self {
        let dummy = hash_blocking(&uuid::Uuid::new_v4().to_string())
            .expect("hashing a random string succeeds");
        PasswordHasher {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            limit: concurrency.max(1),
            dummy_hash: Arc::new(dummy),
        }
    }

    /// Hash computations running now (for the metrics).
    pub fn in_flight(&self) -> usize {
        self.limit.saturating_sub(self.permits.available_permits())
    }

    pub async fn hash(&self, password: String) -> AppResult<String> {
        let _permit = self.permits.acquire().await.map_err(AppError::internal)?;
        actix_web::web::block(move || hash_blocking(&password))
            .await?
            .map_err(AppError::internal)
    }

    /// A new password: checked against the policy (the common-password check costs a few
    /// milliseconds) and hashed, both off the async workers. The inner error says what is
    /// wrong with it.
    pub async fn hash_new(
        &self,
        password: String,
    ) -> AppResult<Result<String, crate::domain::password_policy::PasswordProblem>> {
        let _permit = self.permits.acquire().await.map_err(AppError::internal)?;
        actix_web::web::block(
            move || match crate::domain::password_policy::check(&password) {
                Err(problem) => Ok(Err(problem)),
                Ok(()) => hash_blocking(&password).map(Ok),
            },
        )
        .await?
        .map_err(AppError::internal)
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is none, so an
    /// unknown account and a wrong password take the same time.
    pub async fn verify(&self, password: String, stored: Option<String>) -> AppResult<bool> {
        let _permit = self.permits.acquire().await.map_err(AppError::internal)?;
        let (phc, real) = match stored {
            Some(h) => (h, true),
            None => ((*self.dummy_hash).clone(), false),
        };
        let ok = actix_web::web::block(move || verify_blocking(&password, &phc)).await?;
        Ok(ok && real)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_chosen_cost() {
        let h = hash_blocking("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_blocking("correct horse battery staple", &h));
        assert!(!verify_blocking("wrong horse battery staple", &h));
        assert!(!verify_blocking("x", "not a hash"));
    }
}
