//! Outgoing mail: composing from templates, the transports, and the outbox worker.

pub mod compose;
pub mod transport;
pub mod worker;
