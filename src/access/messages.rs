//! Messaging.

use super::{allowed_or, Actor};
use crate::domain::Role;
use crate::error::AppResult;

/// Observers read their threads and send nothing.
pub fn may_post(actor: &Actor) -> AppResult<()> {
    allowed_or(
        actor.role != Role::Observer,
        "observer accounts cannot send messages",
    )
}
