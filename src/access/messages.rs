//! Messaging.

use super::Actor;
use crate::domain::Role;
use crate::error::{AppError, AppResult};

/// Observers read their threads and send nothing.
pub fn may_post(actor: &Actor) -> AppResult<()> {
    if actor.role == Role::Observer {
        return Err(AppError::forbidden(
            "observer accounts cannot send messages",
        ));
    }
    Ok(())
}
