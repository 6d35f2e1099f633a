//! Reads a `multipart/form-data` body into text fields and files, with bounds checked while
//! reading (a file past the limit is refused before it is all in memory).

use actix_multipart::Multipart;
use futures_util::StreamExt;

use crate::domain::messaging::{MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES};
use crate::error::AppError;
use crate::services::attachments::Upload;

/// Text fields are short (a CSRF token, a message body).
const MAX_TEXT_FIELD: usize = 128 * 1024;
const MAX_FIELDS: usize = 16;

#[derive(Default)]
pub struct FormWithFiles {
    pub text: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl FormWithFiles {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.text
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn unreadable() -> AppError {
    AppError::bad_request("the multipart body could not be read")
}

/// Reads text fields and the files of the field named `file_field`.
pub async fn read(mut payload: Multipart, file_field: &str) -> Result<FormWithFiles, AppError> {
    let mut form = FormWithFiles::default();
    let mut fields = 0;
    while let Some(item) = payload.next().await {
        let mut field = item.map_err(|_| unreadable())?;
        fields += 1;
        if fields > MAX_FIELDS {
            return Err(AppError::bad_request("too many form fields"));
        }
        let name = field.name().unwrap_or("").to_string();
        let filename = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_string);
        let is_file = name == file_field && filename.is_some();
        let limit = if is_file {
            MAX_ATTACHMENT_BYTES
        } else {
            MAX_TEXT_FIELD
        };
        let content_type = field.content_type().map(|m| m.to_string());
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| unreadable())?;
            if bytes.len() + chunk.len() > limit {
                return Err(AppError::PayloadTooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        if is_file {
            // A browser sends an empty, nameless part when no file was chosen.
            let filename = filename.unwrap_or_default();
            if filename.is_empty() && bytes.is_empty() {
                continue;
            }
            if form.files.len() == MAX_ATTACHMENTS {
                return Err(AppError::invalid(
                    "too_many_files",
                    format!("at most {MAX_ATTACHMENTS} files per message"),
                ));
            }
            form.files.push(Upload {
                filename,
                content_type,
                content: bytes,
            });
        } else {
            let text = String::from_utf8(bytes)
                .map_err(|_| AppError::bad_request("a form field is not UTF-8 text"))?;
            form.text.push((name, text));
        }
    }
    Ok(form)
}
