//! What the JSON handlers share: the request's [`Entrant`] is let in and runs one service call
//! on a pooled connection (the blocking pool, never the async workers, one trip for both) and
//! answers what it returns as JSON. A handler that is nothing but that call is a plain `fn`
//! returning the [`Answer`]:
//!
//! ```ignore
//! pub fn get_report(caller: ApiEntrant, id: Path<String>) -> Answer {
//!     caller.ok(move |conn, user, ip| reports::read(conn, user, ip, &id))
//! }
//! ```
//!
//! A handler with more to do (a header, a cache to clear) is `async` and awaits
//! [`Entrant::db`] or [`Caller::db`].

use actix_web::http::header::ContentType;
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::HttpResponse;
use futures_util::future::LocalBoxFuture;
use serde::Serialize;

use crate::auth::caller::Entry;
use crate::auth::{Caller, CurrentUser, Entrant};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};

/// The answer of a JSON handler, still to be awaited (actix awaits it).
pub type Answer = LocalBoxFuture<'static, AppResult<HttpResponse>>;

/// A service call: a pooled connection, the caller's account and the caller's address.
pub trait ServiceCall<T>:
    FnOnce(&mut DbConnection, &CurrentUser, &str) -> AppResult<T> + Send + 'static
{
}

impl<T, F> ServiceCall<T> for F where
    F: FnOnce(&mut DbConnection, &CurrentUser, &str) -> AppResult<T> + Send + 'static
{
}

impl<K: 'static> Caller<K> {
    /// Runs `f` on a pooled connection with the caller's account and address.
    pub async fn db<T: Send + 'static>(&self, f: impl ServiceCall<T>) -> AppResult<T> {
        let (user, ip) = (self.user.clone(), self.ip.clone());
        self.state.db(move |conn| f(conn, &user, &ip)).await
    }
}

impl<K: Entry<Error = AppError>> Entrant<K> {
    /// Lets the caller in and runs `f` in the same trip to the blocking pool
    /// ([`Entrant::db`]), and answers what it returns as JSON with `status`.
    pub fn json<T>(self, status: StatusCode, f: impl ServiceCall<T>) -> Answer
    where
        T: Serialize + Send + 'static,
    {
        Box::pin(async move {
            let (_, answer) = self.db(f).await?;
            Ok(HttpResponse::build(status).json(answer))
        })
    }

    /// [`Entrant::json`] with 200.
    pub fn ok<T: Serialize + Send + 'static>(self, f: impl ServiceCall<T>) -> Answer {
        self.json(StatusCode::OK, f)
    }

    /// [`Entrant::json`] with 201.
    pub fn created<T: Serialize + Send + 'static>(self, f: impl ServiceCall<T>) -> Answer {
        self.json(StatusCode::CREATED, f)
    }

    /// [`Entrant::ok`] for a call that returns JSON already written (a kept answer's,
    /// `services::kept`), answered as it is.
    pub fn ok_json_bytes(self, f: impl ServiceCall<Bytes>) -> Answer {
        Box::pin(async move {
            let (_, json) = self.db(f).await?;
            Ok(HttpResponse::Ok()
                .content_type(ContentType::json())
                .body(json))
        })
    }
}
