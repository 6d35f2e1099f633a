//! The bare stack of issue 19's comparison (not a test): actix-web, one SQLite query for the
//! 50 newest published reports joined to their States, one Tera render of a table of the same
//! shape as `/reports`, and a session cookie checked in memory. No access rules, no audit, no
//! translation: what the portal's `/reports` would cost if it did nothing else.
//! scripts/bench-reports.sh serves it over the same database and reports the ratio.
//!
//!     bare SQLITE_FILE PORT

use actix_web::{get, web, App, HttpRequest, HttpResponse, HttpServer};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use portal::db::schema::{organisations, reports};
use serde::Serialize;

type SqlitePool = Pool<ConnectionManager<SqliteConnection>>;

const COOKIE: &str = "bare-session";
const SESSION: &str = "0123456789abcdef";

const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Visit reports</title>
<link rel="stylesheet" href="/assets/portal.css"></head>
<body><main id="main"><h1>Visit reports</h1>
<div class="table-wrap"><table class="stack-on-phone"><caption>Visit reports</caption>
<thead><tr><th scope="col">Title</th><th scope="col">Member State</th><th scope="col">Visit date</th><th scope="col">Status</th></tr></thead>
<tbody>
{% for r in rows %}<tr><td data-label="Title"><a href="/reports/{{ r.id }}">{{ r.title }}</a></td><td data-label="Member State"><bdi>{{ r.code }}</bdi> {{ r.state }}</td><td data-label="Visit date">{{ r.visit_date }}</td><td data-label="Status"><span class="badge status-{{ r.status }}">{{ r.status }}</span></td></tr>
{% endfor %}</tbody></table></div></main></body></html>"#;

#[derive(Serialize, Queryable)]
struct Row {
    id: String,
    title: String,
    visit_date: NaiveDate,
    status: String,
    code: String,
    state: String,
}

struct Bare {
    pool: SqlitePool,
    tera: tera::Tera,
}

#[get("/reports")]
async fn list(req: HttpRequest, bare: web::Data<Bare>) -> HttpResponse {
    if req.cookie(COOKIE).map(|c| c.value().to_string()).as_deref() != Some(SESSION) {
        return HttpResponse::SeeOther()
            .insert_header(("location", "/login"))
            .finish();
    }
    let pool = bare.pool.clone();
    let rows = web::block(move || {
        let mut conn = pool.get().expect("connection");
        reports::table
            .inner_join(organisations::table)
            .filter(reports::status.eq("published"))
            .order((reports::visit_date.desc(), reports::id.desc()))
            .select((
                reports::id,
                reports::title,
                reports::visit_date,
                reports::status,
                organisations::code,
                organisations::name,
            ))
            .limit(50)
            .load::<Row>(&mut conn)
            .expect("query")
    })
    .await
    .expect("blocking pool");
    let mut ctx = tera::Context::new();
    ctx.insert("rows", &rows);
    let body = bare.tera.render("page", &ctx).expect("render");
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let file = args.get(1).expect("usage: bare SQLITE_FILE PORT").clone();
    let port: u16 = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(18290);
    let pool = Pool::builder()
        .max_size(4)
        .build(ConnectionManager::<SqliteConnection>::new(file))
        .expect("pool");
    let mut tera = tera::Tera::default();
    tera.add_raw_template("page", PAGE).expect("template");
    let bare = web::Data::new(Bare { pool, tera });
    actix_web::rt::System::new().block_on(
        HttpServer::new(move || App::new().app_data(bare.clone()).service(list))
            .bind(("127.0.0.1", port))?
            .run(),
    )
}
