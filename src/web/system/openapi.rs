//! The OpenAPI 3 document, collected from the route registrations (`crate::web::routes`): each
//! API handler is registered together with its `#[utoipa::path]` annotation.

use std::sync::OnceLock;

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::{get, App, HttpResponse};
use utoipa::openapi::header::Header;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Response};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::pagination::{CURSOR_MAX_LENGTH, CURSOR_PATTERN};

#[derive(OpenApi)]
#[openapi(
    info(title = "Counter-terrorism coordination portal API", version = "1"),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail)),
    tags(
        (name = "auth", description = "Sign-in, sessions and the current user"),
        (name = "reports", description = "Country-assessment visit reports"),
        (name = "needs", description = "Technical-assistance needs"),
        (name = "projects", description = "Assistance projects offered by entities, coordinators and donor States"),
        (name = "matches", description = "Needs matched with projects: proposed, accepted or declined, completed"),
        (name = "suggestions", description = "Projects suggested for a need and needs for a project, with their score and reasons; dismissals"),
        (name = "documents", description = "Documents shared with chosen organisations"),
        (name = "activities", description = "The shared activity calendar and its clash warnings"),
        (name = "consultations", description = "Capacity consultations, each creating a State's implementation plan"),
        (name = "plans", description = "Implementation plans: measures, statuses, progress reported and validated"),
        (name = "messages", description = "Restricted message threads between people and organisations"),
        (name = "administration", description = "Accounts, invitations, organisations and the audit log")
    )
)]
struct ApiDoc;

/// The document: `ApiDoc`'s title, tags and shared schemas, the path item of every handler the
/// routes register through `ApiConfig::service` (`crate::web::routes`, under the route's own
/// path and method, with the schemas it uses), then the bearer scheme and the common responses.
fn build() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::web::routes)
        .split_for_parts();
    BearerAuth.modify(&mut doc);
    CommonResponses.modify(&mut doc);
    doc
}

/// Built once, on first use.
fn api_doc() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(build)
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Error answers many operations share, declared once (`components.responses`) and referenced
/// from every operation where they can occur, instead of restated on each handler. A status an
/// operation documents itself keeps its own, more precise description.
struct CommonResponses;

/// Operations open to an account that has still to set up two-factor: they never answer
/// 403 `totp_setup_required`.
const SETTING_UP: [&str; 3] = ["logout", "start_totp", "confirm_totp"];
/// Operations that do not touch the database.
const NO_DATABASE: [&str; 2] = ["openapi_json", "healthz"];

const COMMON: [(&str, &str, &str); 6] = [
    (
        "400",
        "BadRequest",
        "invalid input: a malformed query string (`invalid_query`), JSON body (`invalid_json`, \
         `unsupported_media_type`), cursor (`invalid_cursor`) or field",
    ),
    (
        "401",
        "Unauthenticated",
        "no valid bearer token: missing, malformed, expired or revoked (`unauthenticated`)",
    ),
    (
        "403",
        "Forbidden",
        "the caller's role or organisation may not do this (`forbidden`), or the account must \
         set up two-factor first (`totp_setup_required`)",
    ),
    (
        "404",
        "NotFound",
        "no such resource, or not one the caller may see (`not_found`)",
    ),
    (
        "413",
        "PayloadTooLarge",
        "the request body is larger than allowed (`payload_too_large`)",
    ),
    (
        "503",
        "Unavailable",
        "the database cannot be reached or is saturated; retry later (`unavailable`)",
    ),
];

fn error_response(description: &str) -> Response {
    let mut response = Response::new(description);
    response.content.insert(
        "application/json".into(),
        Content::new(Some(Ref::from_schema_name("ErrorBody"))),
    );
    response
}

fn integer_header(description: &str) -> Header {
    let mut header = Header::new(ObjectBuilder::new().schema_type(Type::Integer));
    header.description = Some(description.into());
    header
}

/// The opaque cursors of the lists: whatever `next_cursor` said, nothing else.
fn cursor_schema() -> RefOr<utoipa::openapi::schema::Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(CURSOR_PATTERN))
        .max_length(Some(CURSOR_MAX_LENGTH))
        .description(Some(
            "opaque: the `next_cursor` of the previous page, as given; any other value is \
             refused with 400 `invalid_cursor`",
        ))
        .into()
}

fn add_common(operation: &mut Operation) {
    let id = operation.operation_id.clone().unwrap_or_default();
    let params = operation.parameters.as_deref().unwrap_or_default();
    let has_query = params.iter().any(|p| p.parameter_in == ParameterIn::Query);
    let has_path = params.iter().any(|p| p.parameter_in == ParameterIn::Path);
    let has_body = operation.request_body.is_some();
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let applies = |status: &str| match status {
        "400" => has_query || has_body,
        "401" => secured,
        "403" => secured && !SETTING_UP.contains(&id.as_str()),
        "404" => has_path,
        "413" => has_body,
        "503" => !NO_DATABASE.contains(&id.as_str()),
        _ => false,
    };
    for (status, name, _) in COMMON {
        if applies(status) {
            operation
                .responses
                .responses
                .entry(status.into())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
        }
    }
    for (status, response) in operation.responses.responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        match status.as_str() {
            "401" => {
                response.headers.insert(
                    "WWW-Authenticate".into(),
                    Header::new(ObjectBuilder::new().schema_type(Type::String)),
                );
            }
            "429" => {
                response.headers.insert(
                    "Retry-After".into(),
                    integer_header("seconds to wait before trying again"),
                );
            }
            _ => {}
        }
    }
    for param in operation.parameters.iter_mut().flatten() {
        if param.name == "cursor" && param.parameter_in == ParameterIn::Query {
            param.schema = Some(RefOr::Ref(Ref::from_schema_name("Cursor")));
        }
    }
}

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.schemas.insert("Cursor".into(), cursor_schema());
        for (status, name, description) in COMMON {
            let mut response = error_response(description);
            if status == "401" {
                response.headers.insert(
                    "WWW-Authenticate".into(),
                    Header::new(ObjectBuilder::new().schema_type(Type::String)),
                );
            }
            components.responses.insert(name.into(), RefOr::T(response));
        }
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                add_common(operation);
            }
        }
    }
}

struct Route {
    def: ResourceDef,
    /// No `{parameter}` in the path.
    literal: bool,
    methods: Vec<Method>,
}

/// The methods the document gives each API path, for the `Allow` header of a 405.
fn routes() -> &'static [Route] {
    static ROUTES: OnceLock<Vec<Route>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        api_doc()
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    (Method::GET, item.get.is_some()),
                    (Method::POST, item.post.is_some()),
                    (Method::PUT, item.put.is_some()),
                    (Method::PATCH, item.patch.is_some()),
                    (Method::DELETE, item.delete.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, present)| present.then_some(m))
                .collect();
                Route {
                    def: ResourceDef::new(path.as_str()),
                    literal: !path.contains('{'),
                    methods,
                }
            })
            .collect()
    })
}

/// The methods a documented path answers, or `None` for a path the API does not have. A
/// literal path (`/needs/export`) is its own resource, whatever a pattern beside it
/// (`/needs/{id}`) would also match.
pub fn allowed_methods(path: &str) -> Option<Vec<Method>> {
    let matching: Vec<&Route> = routes().iter().filter(|r| r.def.is_match(path)).collect();
    let literal = matching.iter().any(|r| r.literal);
    let mut allowed: Vec<Method> = Vec::new();
    for route in matching {
        if literal && !route.literal {
            continue;
        }
        for m in &route.methods {
            if !allowed.contains(m) {
                allowed.push(m.clone());
            }
        }
    }
    (!allowed.is_empty()).then_some(allowed)
}

pub fn document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        api_doc()
            .to_json()
            .expect("the OpenAPI document serialises")
    })
}

/// This document.
#[utoipa::path(tag = "meta", responses((status = 200, description = "OpenAPI 3 document")))]
#[get("/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(document())
}
