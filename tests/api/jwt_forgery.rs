//! Tokens that must not pass: each would let someone in if the checks were loose.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, Utc};
use portal::domain::Role;
use serde_json::{json, Value};

use crate::helpers::{TestApp, PASSWORD};
use crate::people::{app_with_ana, ANA};

fn parts(token: &str) -> (Value, Value, String) {
    let mut it = token.split('.');
    let header =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(it.next().unwrap()).unwrap()).unwrap();
    let claims =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(it.next().unwrap()).unwrap()).unwrap();
    (header, claims, it.next().unwrap().to_string())
}

fn encode(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

fn sign(secret: &[u8], claims: &Value) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .unwrap()
}

async fn refused(app: &TestApp, token: &str) {
    let page = app.get_bearer("/api/v1/me", token).await;
    assert_eq!(page.status, 401, "token accepted: {token}");
    assert_eq!(page.json()["error"]["code"], "unauthenticated");
}

#[actix_web::test]
async fn forged_tokens_are_refused() {
    let app = app_with_ana().await;
    app.add_user("boss@unoct.example.org", "UNOCT", Role::Admin);
    let token = app.token(ANA, PASSWORD).await;
    let admin_token = app.token("boss@unoct.example.org", PASSWORD).await;
    assert_eq!(app.get_bearer("/api/v1/me", &token).await.status, 200);
    let (header, claims, sig) = parts(&token);
    let secret = app.settings.jwt_secret().to_vec();

    // alg=none, no signature.
    let none = format!(
        "{}.{}.",
        encode(&json!({"alg": "none", "typ": "JWT"})),
        encode(&claims)
    );
    refused(&app, &none).await;

    // Signed with another key.
    refused(
        &app,
        &sign(b"another secret that is long enough!!", &claims),
    )
    .await;

    // Claims changed after signing (another user's id), signature kept.
    let (_, admin_claims, _) = parts(&admin_token);
    let mut tampered = claims.clone();
    tampered["sub"] = admin_claims["sub"].clone();
    refused(
        &app,
        &format!("{}.{}.{}", encode(&header), encode(&tampered), sig),
    )
    .await;

    // Validly signed, but naming another user's session (sub/jti mismatch).
    let mut swapped = claims.clone();
    swapped["sub"] = admin_claims["sub"].clone();
    refused(&app, &sign(&secret, &swapped)).await;

    // Expired beyond the leeway.
    let mut expired = claims.clone();
    expired["exp"] = json!((Utc::now() - Duration::seconds(60)).timestamp());
    refused(&app, &sign(&secret, &expired)).await;

    // Wrong audience, wrong issuer, missing jti.
    let mut aud = claims.clone();
    aud["aud"] = json!("someone-else");
    refused(&app, &sign(&secret, &aud)).await;
    let mut iss = claims.clone();
    iss["iss"] = json!("evil");
    refused(&app, &sign(&secret, &iss)).await;
    let mut no_jti = claims.clone();
    no_jti.as_object_mut().unwrap().remove("jti");
    refused(&app, &sign(&secret, &no_jti)).await;

    // A session id that was never issued.
    let mut unknown = claims.clone();
    unknown["jti"] = json!(uuid::Uuid::new_v4().to_string());
    refused(&app, &sign(&secret, &unknown)).await;

    // HS512 with the right key: only HS256 is accepted.
    let hs512 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(&secret),
    )
    .unwrap();
    refused(&app, &hs512).await;

    // Garbage and empty.
    refused(&app, "not-a-token").await;
    refused(&app, "").await;
    refused(&app, &"a".repeat(10_000)).await;

    // The same claims signed properly still work: the refusals above were for the forgery.
    assert_eq!(
        app.get_bearer("/api/v1/me", &sign(&secret, &claims))
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn a_token_past_the_idle_limit_is_refused() {
    use diesel::prelude::*;
    use portal::db::schema::sessions;
    let app = app_with_ana().await;
    let token = app.token(ANA, PASSWORD).await;
    let old = (Utc::now() - Duration::minutes(31)).naive_utc();
    diesel::update(sessions::table)
        .set(sessions::last_seen_at.eq(old))
        .execute(&mut app.conn())
        .unwrap();
    refused(&app, &token).await;
}
