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
        pub fn api(cfg: &mut impl $crate::web::Routes) {
            $(cfg.route($api);)*
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
pub mod consultations;
pub mod coordination;
pub mod dashboard;
pub mod documents;
pub mod groups;
pub mod matches;
pub mod messages;
pub mod needs;
pub mod plans;
pub mod projects;
pub mod reports;
pub mod search;
pub mod states;
pub mod suggestions;
pub mod system;

use actix_web::dev::HttpServiceFactory;
use actix_web::web;
use utoipa_actix_web::service_config::ServiceConfig as ApiConfig;
use utoipa_actix_web::OpenApiFactory;

/// Where the documented routes (health and the API) go: the server's configuration, or the
/// OpenAPI collector (`utoipa-actix-web`, which computes each handler's path item as it is
/// registered). The server builds its `App` once per worker, so it registers them without
/// computing the document, which `system::openapi` builds once from [`routes`].
pub trait Routes {
    fn route<F: HttpServiceFactory + OpenApiFactory + 'static>(&mut self, factory: F);
}

impl Routes for web::ServiceConfig {
    fn route<F: HttpServiceFactory + OpenApiFactory + 'static>(&mut self, factory: F) {
        self.service(factory);
    }
}

impl Routes for ApiConfig<'_> {
    fn route<F: HttpServiceFactory + OpenApiFactory + 'static>(&mut self, factory: F) {
        self.service(factory);
    }
}

/// The JSON routes inside `/api/v1`: each area adds its own (actix does not fall through from
/// one scope to another of the same prefix, so they share one scope).
fn api(cfg: &mut impl Routes) {
    auth::api(cfg);
    account::api(cfg);
    reports::api(cfg);
    needs::api(cfg);
    projects::api(cfg);
    matches::api(cfg);
    documents::api(cfg);
    messages::api(cfg);
    activities::api(cfg);
    groups::api(cfg);
    consultations::api(cfg);
    plans::api(cfg);
    admin::api(cfg);
    coordination::api(cfg);
    suggestions::api(cfg);
    search::api(cfg);
    cfg.route(system::openapi::openapi_json);
}

/// Health checks.
fn health(cfg: &mut impl Routes) {
    cfg.route(system::health::healthz);
    cfg.route(system::health::readyz);
}

/// Every route of the application, for the server: health, assets, the API, then the pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    health(cfg);
    cfg.service(system::metrics::metrics);
    cfg.service(system::assets::asset)
        .service(web::scope("/api/v1").configure(api))
        .configure(auth::pages)
        .configure(dashboard::pages)
        .service(common::language::change_language)
        .configure(account::pages)
        .configure(reports::pages)
        .configure(needs::pages)
        .configure(projects::pages)
        .configure(matches::pages)
        .configure(documents::pages)
        .configure(messages::pages)
        .configure(activities::pages)
        .configure(groups::pages)
        .configure(consultations::pages)
        .configure(plans::pages)
        .configure(coordination::pages)
        .configure(suggestions::pages)
        .configure(states::pages)
        .configure(search::pages)
        .configure(admin::pages);
}

/// The documented routes (health and the API), for the OpenAPI document: each handler given
/// here carries its `#[utoipa::path]`, and its path item goes in under its own path and
/// method; pages and assets are left out.
pub fn routes(cfg: &mut ApiConfig) {
    health(cfg);
    cfg.service(utoipa_actix_web::scope("/api/v1").configure(|c| api(c)));
}
