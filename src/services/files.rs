//! What may be stored and how it is named: the type comes from the content's magic bytes
//! (the `infer` crate), never from the name or the client's Content-Type; names are kept for
//! display only, cleaned. `store_bytes` keeps bytes already in memory the way an upload does.

use crate::auth::tokens::new_id;
use crate::db::DbConnection;
use crate::domain::time::now;
use crate::error::ErrorCode;
use crate::error::{AppError, AppResult};
use crate::repo::files;
use crate::services::documents::StoredUpload;

/// Bytes of the file's start that decide its type.
pub const SNIFF_BYTES: usize = 8 * 1024;
/// Stored chunk size: memory per transfer stays about this.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// (MIME type, accepted file-name extensions)
const ACCEPTED: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("application/msword", &["doc"]),
    ("application/vnd.ms-excel", &["xls"]),
    ("application/vnd.ms-powerpoint", &["ppt"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &["xlsx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &["pptx"],
    ),
    ("application/vnd.oasis.opendocument.text", &["odt"]),
    ("application/vnd.oasis.opendocument.spreadsheet", &["ods"]),
    ("application/vnd.oasis.opendocument.presentation", &["odp"]),
    ("image/png", &["png"]),
    ("image/jpeg", &["jpg", "jpeg"]),
    ("image/gif", &["gif"]),
    ("image/webp", &["webp"]),
    ("image/tiff", &["tif", "tiff"]),
    ("text/plain", &["txt", "text", "md"]),
    ("text/csv", &["csv"]),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeProblem {
    NotAccepted(String),
    Mismatch { detected: String, extension: String },
}

impl TypeProblem {
    pub fn message(&self) -> String {
        match self {
            TypeProblem::NotAccepted(kind) => format!(
                "this kind of file ({kind}) is not accepted; upload PDF, office documents, images, plain text or CSV"
            ),
            TypeProblem::Mismatch { detected, extension } => {
                format!("the file is named .{extension} but its content is {detected}; rename it or upload the right file")
            }
        }
    }
}

fn extension(name: &str) -> Option<String> {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 10)
}

/// Text that a browser could run or render as a page is refused even when it is valid text.
fn looks_like_markup(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    [
        "<!doctype",
        "<html",
        "<svg",
        "<script",
        "<?xml",
        "<body",
        "<iframe",
        "<head",
    ]
    .iter()
    .any(|m| t.contains(m))
}

fn is_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        // A multi-byte character cut by the sniffing window is still text.
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    }
}

/// Decides the stored type from the first bytes and checks the name's extension agrees.
pub fn decide_type(head: &[u8], filename: &str) -> Result<&'static str, TypeProblem> {
    let ext = extension(filename);
    let detected: &'static str = match infer::get(head) {
        Some(kind) => match ACCEPTED.iter().find(|(mime, _)| *mime == kind.mime_type()) {
            Some((mime, _)) => mime,
            None => return Err(TypeProblem::NotAccepted(kind.mime_type().to_string())),
        },
        None if is_text(head) => {
            if looks_like_markup(head) {
                return Err(TypeProblem::NotAccepted("HTML, SVG or XML markup".into()));
            }
            if ext.as_deref() == Some("csv") {
                "text/csv"
            } else {
                "text/plain"
            }
        }
        None => {
            return Err(TypeProblem::NotAccepted(
                "an unrecognised binary format".into(),
            ))
        }
    };
    if let Some(ext) = ext {
        let allowed = ACCEPTED
            .iter()
            .find(|(mime, _)| *mime == detected)
            .map(|(_, exts)| *exts)
            .unwrap_or(&[]);
        if !allowed.contains(&ext.as_str()) {
            return Err(TypeProblem::Mismatch {
                detected: detected.to_string(),
                extension: ext,
            });
        }
    }
    Ok(detected)
}

/// A display name: no path parts, no control characters, no bidirectional controls or
/// zero-width characters (which can disguise an extension), at most 200 characters (the
/// extension kept).
pub fn clean_filename(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned = crate::domain::text::visible_only(last);
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    let cleaned = if cleaned.is_empty() {
        "file".to_string()
    } else {
        cleaned
    };
    if cleaned.chars().count() <= 200 {
        return cleaned;
    }
    match extension(&cleaned) {
        Some(ext) => {
            let stem: String = cleaned.chars().take(200 - ext.len() - 1).collect();
            format!("{stem}.{ext}")
        }
        None => cleaned.chars().take(200).collect(),
    }
}

/// `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266).
/// The name is cleaned again, so a name stored before the cleaning rules were what they are
/// is served without its hidden characters too.
pub fn content_disposition(filename: &str) -> String {
    let filename = &clean_filename(filename);
    let fallback: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = url::form_urlencoded::byte_serialize(filename.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// Stores bytes already in memory (demo data, imports) the way an upload would.
pub fn store_bytes(
    conn: &mut DbConnection,
    filename: &str,
    bytes: &[u8],
) -> AppResult<StoredUpload> {
    use sha2::{Digest, Sha256};
    let filename = clean_filename(filename);
    let content_type = decide_type(&bytes[..bytes.len().min(SNIFF_BYTES)], &filename)
        .map_err(|p| AppError::invalid(ErrorCode::UnsupportedFile, p.message()))?;
    if bytes.is_empty() {
        return Err(AppError::invalid(ErrorCode::EmptyFile, "the file is empty"));
    }
    let blob_id = new_id();
    files::create(
        conn,
        &files::FileBlob {
            id: blob_id.clone(),
            sha256: String::new(),
            size_bytes: 0,
            content_type: content_type.into(),
            complete: false,
            created_at: now(),
        },
    )?;
    for (seq, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
        files::append_chunk(conn, &blob_id, seq as i32, chunk)?;
    }
    Ok(StoredUpload {
        blob_id,
        filename,
        content_type: content_type.into(),
        size: bytes.len() as i64,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_content() {
        assert_eq!(
            decide_type(b"%PDF-1.7\n...", "report.pdf"),
            Ok("application/pdf")
        );
        assert_eq!(
            decide_type(b"%PDF-1.7\n...", "report"),
            Ok("application/pdf")
        );
        assert_eq!(
            decide_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.png"),
            Ok("image/png")
        );
        assert_eq!(decide_type(b"a,b\n1,2\n", "data.csv"), Ok("text/csv"));
        assert_eq!(
            decide_type("Notes — réunion\n".as_bytes(), "notes.txt"),
            Ok("text/plain")
        );
        let refused: [(&[u8], &str); 4] = [
            (b"<!DOCTYPE html><html><script>", "report.pdf"),
            (b"<svg xmlns='http://www.w3.org/2000/svg'>", "a.txt"),
            (b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff", "setup.pdf"),
            (b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", "a.txt"),
        ];
        for (bytes, name) in refused {
            assert!(matches!(
                decide_type(bytes, name),
                Err(TypeProblem::NotAccepted(_))
            ));
        }
        assert!(matches!(
            decide_type(b"%PDF-1.7", "report.docx"),
            Err(TypeProblem::Mismatch { .. })
        ));
        // A character cut at the end of the sniffing window is still text.
        assert_eq!(decide_type(&"é".as_bytes()[..1], "a.txt"), Ok("text/plain"));
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("..\\..\\x"), "x");
        assert_eq!(clean_filename("a\u{0}b\r\n.pdf"), "ab.pdf");
        assert_eq!(clean_filename(".."), "file");
        assert_eq!(clean_filename(""), "file");
        assert_eq!(clean_filename(".bashrc"), "bashrc");
        assert_eq!(clean_filename("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(clean_filename("\u{200B}\u{2066}.pdf"), "pdf");
        let long = format!("{}.pdf", "x".repeat(500));
        let cleaned = clean_filename(&long);
        assert_eq!(cleaned.chars().count(), 200);
        assert!(cleaned.ends_with(".pdf"));
    }

    #[test]
    fn served_names_lose_hidden_characters() {
        let d = content_disposition("report\u{202E}fdp.exe");
        assert!(!d.contains("%E2%80%AE"), "{d}");
        assert!(d.contains("filename=\"reportfdp.exe\""), "{d}");
    }

    #[test]
    fn disposition_is_attachment_with_both_names() {
        let d = content_disposition("Rapport d'évaluation \"final\".pdf");
        assert!(
            d.starts_with("attachment; filename=\"Rapport d'_valuation _final_.pdf\""),
            "{d}"
        );
        assert!(
            d.contains("filename*=UTF-8''Rapport%20d%27%C3%A9valuation%20%22final%22.pdf"),
            "{d}"
        );
    }
}
