//! The signed-in user's own account: password, two-factor, sessions.

pub mod api;
pub mod pages;
