//! Signing in and out, invitations and password links.

pub mod api;
pub mod pages;
pub mod reset;
