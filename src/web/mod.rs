//! The HTTP layer, one folder per area (`api.rs` for JSON under `/api/v1`, `pages.rs` for HTML,
//! each area's `mod.rs` registering its routes), `common/` for what the areas share and
//! `system/` for health, assets and the OpenAPI document. Handlers are thin: extract, call a
//! service, render JSON or a page.

/// Marks a form struct with a `csrf_token` field as CSRF-protected (`auth::csrf::CsrfForm`);
/// `signed_out` for the forms a signed-out browser posts (sign-in, password links, language).
macro_rules! csrf_protected {
    ($t:ty) => {
        impl $crate::auth::csrf::CsrfProtected for $t {
            fn csrf_token(&self) -> &str {
                &self.csrf_token
            }
        }
    };
    ($t:ty, signed_out) => {
        impl $crate::auth::csrf::CsrfProtected for $t {
            fn csrf_token(&self) -> &str {
                &self.csrf_token
            }
            const SIGNED_OUT: bool = true;
        }
    };
}

/// An area's two route functions, for its `mod.rs`: `api` (its JSON routes inside `/api/v1`;
/// each handler carries its `#[utoipa::path]`, so each goes into the OpenAPI document) and
/// `pages` (its HTML routes), each registering the handlers in the order given (the first
/// route that matches takes a request: `/documents/new` before `/documents/{id}`).
macro_rules! area_routes {
    (api: [$($api:path),* $(,)?], pages: [$($page:path),* $(,)?] $(,)?) => {
        /// Its JSON routes, inside `/api/v1`, each with its path item of the OpenAPI document.
        pub fn api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
            $(cfg.service($api);)*
        }

        /// Its pages.
        pub fn pages(cfg: &mut actix_web::web::ServiceConfig) {
            $(cfg.service($page);)*
        }
    };
}

pub mod account;
pub mod activities;
pub mod admin;
pub mod auth;
pub mod common;
pub mod dashboard;
pub mod documents;
pub mod messages;
pub mod needs;
pub mod reports;
pub mod system;

use actix_web::web;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;

/// Every route of the application, for `App::configure`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    routes(&mut ApiConfig::new(cfg));
}

/// Every route of the application. The API is one scope (actix does not fall through from one
/// scope to another of the same prefix), into which each area adds its routes. A handler given
/// to `ApiConfig::service` (the API, health) must carry its `#[utoipa::path]`, and its path item
/// goes into the OpenAPI document (`system::openapi`, which collects it from here) under the
/// route's own path and method; the rest (`map`) is left out of the document.
pub fn routes(cfg: &mut ApiConfig) {
    cfg.service(system::health::healthz)
        .service(system::health::readyz)
        .map(|cfg| cfg.service(system::assets::asset))
        .service(
            utoipa_actix_web::scope("/api/v1")
                .configure(auth::api)
                .configure(account::api)
                .configure(reports::api)
                .configure(needs::api)
                .configure(documents::api)
                .configure(messages::api)
                .configure(activities::api)
                .configure(admin::api)
                .service(system::openapi::openapi_json),
        )
        .map(|cfg| {
            cfg.configure(auth::pages)
                .configure(dashboard::pages)
                .service(common::language::change_language)
                .configure(account::pages)
                .configure(reports::pages)
                .configure(needs::pages)
                .configure(documents::pages)
                .configure(messages::pages)
                .configure(activities::pages)
                .configure(admin::pages)
        });
}
