//! HS256 JSON Web Tokens whose `jti` names a row in `sessions`. A token's audience says where
//! it was issued: the API's bearer tokens and the pages' session cookies are not interchangeable.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "portal";
pub const LEEWAY_SECS: u64 = 5;

/// Where a token was issued and is accepted: the API (`Authorization: Bearer`) or the pages
/// (the session cookie). Each kind has its own `aud` claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Api,
    Page,
    /// The pages' sign-in between the password and the two-factor code: it stands for the
    /// checked password for a few minutes, and opens no session by itself.
    SignInCode,
}

impl TokenKind {
    pub fn audience(self) -> &'static str {
        match self {
            TokenKind::Api => "portal-api",
            TokenKind::Page => "portal-page",
            TokenKind::SignInCode => "portal-sign-in-code",
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub jti: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    api: Validation,
    page: Validation,
    code: Validation,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        let validation = |kind: TokenKind| {
            let mut validation = Validation::new(Algorithm::HS256);
            validation.leeway = LEEWAY_SECS;
            validation.set_issuer(&[ISSUER]);
            validation.set_audience(&[kind.audience()]);
            validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub", "jti"]);
            validation.validate_exp = true;
            validation
        };
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            api: validation(TokenKind::Api),
            page: validation(TokenKind::Page),
            code: validation(TokenKind::SignInCode),
        }
    }

    pub fn issue(
        &self,
        kind: TokenKind,
        user_id: &str,
        session_id: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> String {
        let claims = Claims {
            sub: user_id.to_string(),
            jti: session_id.to_string(),
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            iss: ISSUER.into(),
            aud: kind.audience().into(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 encoding of plain claims cannot fail")
    }

    /// Signature, algorithm, issuer, audience (of `kind`) and expiry; the session row is
    /// checked after.
    pub fn verify(&self, kind: TokenKind, token: &str) -> Option<Claims> {
        if token.len() > 4096 {
            return None;
        }
        let validation = match kind {
            TokenKind::Api => &self.api,
            TokenKind::Page => &self.page,
            TokenKind::SignInCode => &self.code,
        };
        jsonwebtoken::decode::<Claims>(token, &self.decoding, validation)
            .ok()
            .map(|d| d.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_token_passes_only_as_its_kind() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let now = Utc::now();
        let later = now + chrono::Duration::hours(1);
        let api = keys.issue(TokenKind::Api, "u", "s", now, later);
        let page = keys.issue(TokenKind::Page, "u", "s", now, later);
        let code = keys.issue(TokenKind::SignInCode, "u", "s", now, later);
        assert!(keys.verify(TokenKind::SignInCode, &code).is_some());
        assert!(keys.verify(TokenKind::Page, &code).is_none());
        assert!(keys.verify(TokenKind::SignInCode, &page).is_none());
        assert!(keys.verify(TokenKind::Api, &api).is_some());
        assert!(keys.verify(TokenKind::Page, &page).is_some());
        assert!(keys.verify(TokenKind::Page, &api).is_none());
        assert!(keys.verify(TokenKind::Api, &page).is_none());
    }
}
