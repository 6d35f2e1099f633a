//! Two-factor secrets sealed under the current key, once, at start.

use crate::auth::totp_keys::{SealError, TotpKeys};
use crate::db::DbConnection;
use crate::repo::two_factor;

/// Seals every two-factor secret not yet sealed under the current key: those stored in clear
/// (before encryption existed) and those under a previous key (after a rotation). Runs at each
/// start; once done it finds nothing. Each row is replaced only if it did not change meanwhile.
/// Values under a key this server does not have are left as they are, and counted.
pub fn seal_stored_secrets(
    conn: &mut DbConnection,
    keys: &TotpKeys,
) -> diesel::QueryResult<SealReport> {
    let mut report = SealReport::default();
    for row in two_factor::secrets_not_under(conn, &keys.current_prefix())? {
        for (column, stored) in [
            (two_factor::SecretColumn::Active, &row.secret),
            (two_factor::SecretColumn::Pending, &row.pending_secret),
        ] {
            let Some(stored) = stored else { continue };
            match keys.reseal(&row.id, stored) {
                Ok(Some(sealed)) => {
                    report.sealed +=
                        two_factor::replace_secret(conn, &row.id, column, stored, &sealed)?;
                }
                Ok(None) => {}
                Err(SealError::Plain) => unreachable!("reseal seals a secret in clear"),
                Err(e) => {
                    tracing::error!(user = %row.id, "{e}");
                    report.unreadable += 1;
                }
            }
        }
    }
    if report.sealed > 0 {
        tracing::info!(
            sealed = report.sealed,
            key = %keys.current_id(),
            "two-factor secrets sealed under the current key"
        );
    }
    if report.unreadable > 0 {
        tracing::error!(
            unreadable = report.unreadable,
            key = %keys.current_id(),
            "two-factor secrets sealed under a key this server does not have: those accounts \
             cannot sign in with a code (set PORTAL_TOTP_PREVIOUS_KEYS, or reset their two-factor)"
        );
    }
    Ok(report)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SealReport {
    pub sealed: usize,
    pub unreadable: usize,
}
