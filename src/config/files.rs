//! The data directory and the secrets kept in it: owner-only, generated once.

use std::fs;
use std::io::Write;
use std::path::Path;

use rand::RngCore;
use secrecy::SecretSlice;

use super::{ConfigError, Vars};
use crate::auth::totp_keys::{self, TotpKeys};

pub(super) fn ensure_dir(path: &Path) -> Result<(), ConfigError> {
    secure_dir(path).map_err(|source| ConfigError::DataDir {
        path: path.to_path_buf(),
        source,
    })
}

/// Creates a directory readable by the owner only (0700), or tightens an existing one that
/// others may read or enter (with a warning): the data directory holds the SQLite database,
/// the JWT secret and mail files carrying one-time links.
pub fn secure_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    tightened(path, builder.create(path))
}

/// What `created` says; after a success (on unix) the path is tightened as well.
fn tightened(path: &Path, created: std::io::Result<()>) -> std::io::Result<()> {
    created?;
    #[cfg(unix)]
    tighten(path);
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Takes group and other permissions away from an existing path, with a warning; when that is
/// not allowed (someone else owns it) the warning says so and the portal goes on.
#[cfg(unix)]
pub(super) fn tighten(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = fs::metadata(path) else {
        return;
    };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return;
    }
    let wanted = mode & 0o700;
    match fs::set_permissions(path, fs::Permissions::from_mode(wanted)) {
        Ok(()) => tracing::warn!(
            path = %path.display(),
            "mode was {mode:o}, readable by others; set to {wanted:o}"
        ),
        Err(e) => tracing::warn!(
            path = %path.display(),
            "mode is {mode:o}, readable by others, and cannot be changed: {e}"
        ),
    }
}

/// Creates a file readable by the owner only (0600) if it does not exist; tightens an existing
/// one that others may read (with a warning).
pub fn secure_file(path: &Path) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    tightened(path, options.open(path).map(|_| ()))
}

/// [`secure_file`] for a file that SQLite may hold open in this process: an existing file is
/// tightened by its path, never opened. Closing any descriptor of a file drops every POSIX lock
/// the process holds on it, SQLite's included: opening a database file one of the process's
/// connections has open would take that connection's locks away, and another process could
/// then take itself for the file's only user and remove a write-ahead log still being written.
pub fn secure_shared_file(path: &Path) -> std::io::Result<()> {
    if !path.exists() {
        return secure_file(path);
    }
    #[cfg(unix)]
    tighten(path);
    Ok(())
}

/// The JWT secret is made once and kept, readable by the owner only.
pub(super) fn load_or_create_secret(path: &Path) -> Result<SecretSlice<u8>, ConfigError> {
    let io_err = |source| ConfigError::DataDir {
        path: path.to_path_buf(),
        source,
    };
    if let Ok(existing) = fs::read_to_string(path) {
        let trimmed = existing.trim();
        if trimmed.len() >= 32 {
            return Ok(trimmed.as_bytes().to_vec().into());
        }
    }
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io_err)?;
    file.write_all(secret.as_bytes()).map_err(io_err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(io_err)?;
    }
    Ok(secret.into_bytes().into())
}

/// The two-factor key: PORTAL_TOTP_KEY, else the file `totp_key` in the data directory (made
/// once); PORTAL_TOTP_PREVIOUS_KEYS (comma-separated) still open values sealed before a rotation.
pub(super) fn totp_keys_from_vars<F: Fn(&str) -> Option<String>>(
    vars: &Vars<F>,
    data_dir: &Path,
) -> Result<TotpKeys, ConfigError> {
    let invalid = |name, message| ConfigError::Invalid { name, message };
    let current = match vars.get("PORTAL_TOTP_KEY") {
        Some(text) => totp_keys::parse_key(&text).map_err(|m| invalid("PORTAL_TOTP_KEY", m))?,
        None => load_or_create_totp_key(&data_dir.join("totp_key"))?,
    };
    let previous = vars
        .get("PORTAL_TOTP_PREVIOUS_KEYS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| totp_keys::parse_key(s).map_err(|m| invalid("PORTAL_TOTP_PREVIOUS_KEYS", m)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(TotpKeys::new(&current, &previous))
}

/// The two-factor key file is made once, readable by the owner only, and never replaced: a
/// new key would leave every stored secret unreadable, so a damaged file stops the start.
pub(super) fn load_or_create_totp_key(
    path: &Path,
) -> Result<[u8; totp_keys::KEY_BYTES], ConfigError> {
    let io_err = |source| ConfigError::DataDir {
        path: path.to_path_buf(),
        source,
    };
    let read = |text: &str| {
        totp_keys::parse_key(text).map_err(|m| ConfigError::Invalid {
            name: "PORTAL_TOTP_KEY",
            message: format!("the key file {}: {m}", path.display()),
        })
    };
    match fs::read_to_string(path) {
        Ok(existing) => return read(&existing),
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_err(e)),
        Err(_) => {}
    }
    let key = totp_keys::random_key();
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(hex::encode(key).as_bytes())
                .map_err(io_err)?;
            file.sync_all().map_err(io_err)?;
            Ok(key)
        }
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            read(&fs::read_to_string(path).map_err(io_err)?)
        }
        Err(e) => Err(io_err(e)),
    }
}
