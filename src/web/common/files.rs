//! Files in and out, documents and message attachments alike: an upload's stored files kept
//! when the change that uses them succeeds and deleted when it fails, and stored bytes sent as
//! a download, one chunk at a time.

use actix_web::http::header;
use actix_web::web::{self, Bytes};
use actix_web::HttpResponse;

use crate::auth::Caller;
use crate::error::AppResult;
use crate::repo::files;
use crate::services::documents::Download;
use crate::services::files::content_disposition;
use crate::state::AppState;
use crate::web::common::api::{Answer, ServiceCall};
use crate::web::common::upload;

impl<K: 'static> Caller<K> {
    /// Runs `f`, the change that takes the uploads `blob_ids` in; they are deleted when it
    /// fails.
    pub async fn keep_uploads<T>(
        &self,
        blob_ids: Vec<String>,
        f: impl ServiceCall<T>,
    ) -> AppResult<T>
    where
        T: Send + 'static,
    {
        let result = self.db(f).await;
        if result.is_err() {
            upload::discard_all(&self.state, blob_ids).await;
        }
        result
    }

    /// Runs `f`, which opens a stored file the caller may read, and sends the file.
    pub fn download(self, f: impl ServiceCall<Download>) -> Answer {
        Box::pin(async move {
            let file = self.db(f).await?;
            Ok(stream_file(self.state, file))
        })
    }
}

/// Sends stored bytes as an attachment, reading one chunk at a time (documents and message
/// attachments alike): never rendered inline, never sniffed, never cached.
fn stream_file(state: web::Data<AppState>, file: Download) -> HttpResponse {
    let Download {
        blob_id,
        filename,
        content_type,
        size,
    } = file;
    let stream = futures_util::stream::unfold(Some(0i32), move |next| {
        let (state, blob_id) = (state.clone(), blob_id.clone());
        async move {
            let seq = next?;
            match state
                .db(move |conn| Ok(files::chunk(conn, &blob_id, seq)?))
                .await
            {
                Ok(Some(data)) => Some((
                    Ok::<Bytes, actix_web::Error>(Bytes::from(data)),
                    Some(seq + 1),
                )),
                Ok(None) => None,
                Err(e) => Some((Err(e.into()), None)),
            }
        }
    });
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, content_disposition(&filename)))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .no_chunking(size.max(0) as u64)
        .streaming(stream)
}
