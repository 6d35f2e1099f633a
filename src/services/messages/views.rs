//! What the API and the pages show of threads: plain serialisable views.

use crate::domain::time::UtcTime;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadSummary {
    pub id: String,
    pub subject: String,
    pub restricted: bool,
    pub created_at: UtcTime,
    pub last_message_at: UtcTime,
    /// Messages by others this user has not read yet.
    pub unread: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InboxPage {
    pub items: Vec<ThreadSummary>,
    pub next_cursor: Option<String>,
    /// Unread messages in all of the user's threads.
    pub unread_total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReceiptView {
    pub user_id: String,
    pub name: String,
    pub read_at: UtcTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    pub id: String,
    pub author: PersonView,
    pub body: String,
    pub created_at: UtcTime,
    /// Participants other than the author who have opened the thread since it was posted.
    pub read_by: Vec<ReceiptView>,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentView {
    pub id: String,
    pub filename: String,
    pub size_bytes: i64,
    /// As declared by the uploader; downloads are always `application/octet-stream`.
    pub content_type: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadDetail {
    pub id: String,
    pub subject: String,
    pub restricted: bool,
    pub created_at: UtcTime,
    pub users: Vec<PersonView>,
    pub organisations: Vec<OrganisationView>,
    /// The working groups it is addressed to (codes).
    pub working_groups: Vec<String>,
    pub messages: Vec<MessageView>,
}
