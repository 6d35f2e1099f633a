//! The language switch (signed in or not).

use actix_web::http::header;
use actix_web::{post, HttpResponse};
use serde::Deserialize;

use crate::auth::csrf::CsrfForm;
use crate::auth::extractors::optional_page_user;
use crate::auth::ClientMeta;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::i18n;
use crate::web::common::render::safe_next;

#[derive(Deserialize)]
pub struct LanguageForm {
    csrf_token: String,
    lang: String,
    next: Option<String>,
}
csrf_protected!(LanguageForm, signed_out);

#[post("/language")]
pub async fn change_language(
    client: ClientMeta,
    form: CsrfForm<LanguageForm>,
) -> AppResult<HttpResponse> {
    let form = form.0;
    if !i18n::is_supported(&form.lang) {
        return Err(AppError::invalid(
            ErrorCode::UnsupportedLanguage,
            "this language is not offered",
        ));
    }
    if let Some(user) = optional_page_user(&client.req).await {
        let lang = form.lang.clone();
        client
            .state
            .db(move |conn| Ok(crate::repo::users::set_language(conn, &user.id, &lang)?))
            .await?;
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, safe_next(form.next.as_deref())))
        .cookie(i18n::cookie(&form.lang))
        .finish())
}
