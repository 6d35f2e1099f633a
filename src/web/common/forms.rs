//! Forms every area uses.

use serde::Deserialize;

/// A form that carries nothing but its CSRF token (sign-out, publish, …).
#[derive(Deserialize)]
pub struct CsrfOnly {
    csrf_token: String,
}
csrf_protected!(CsrfOnly);
