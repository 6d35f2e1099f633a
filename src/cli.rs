//! The `portal` command line.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand};

use crate::auth::password;
use crate::config::Settings;
use crate::db;
use crate::domain::Role;
use crate::services::admin::account_creation::{self, NewAccount};
use crate::services::audit;
use crate::startup::{prepare_database, seal_two_factor_secrets, Application};

#[derive(Parser)]
#[command(
    name = "portal",
    version,
    about = "Counter-terrorism coordination portal"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run pending migrations, then serve HTML and the JSON API.
    Serve,
    /// Create (or reuse) a demo database with demo accounts, print them, then serve.
    Demo,
    /// Run pending migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Write a consistent copy of the database (a SQLite file, from either backend) to a new file.
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup into an empty database (or, with --force, replace everything).
    Restore {
        #[arg(long)]
        from: PathBuf,
        /// Replace the rows of a database that is not empty.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; exit 0 when intact, non-zero naming the first broken entry.
    Verify {
        /// An anchor printed earlier by `portal audit anchor` (ID:HASH): that entry must
        /// still be there, unchanged.
        #[arg(long)]
        anchor: Option<String>,
    },
    /// Print the newest entry's id and hash (ID:HASH), to keep outside the database.
    Anchor {
        /// Also write the anchor to this file (replacing it).
        #[arg(long, env = "PORTAL_AUDIT_ANCHOR_FILE")]
        file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; prints a one-time set-password link unless --password-stdin is given.
    Create(CreateUser),
}

#[derive(Args)]
pub struct CreateUser {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// Organisation code: ISO alpha-3 for a Member State (KEN), acronym for an entity (UNODC).
    #[arg(long)]
    pub org: String,
    #[arg(long, value_parser = PossibleValuesParser::new(Role::highest_first().map(<&str>::from)))]
    pub role: String,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
}

pub type CliResult = Result<(), Box<dyn std::error::Error>>;

pub async fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Serve => serve(Settings::from_env("portal.db")?).await,
        Command::Demo => crate::demo::run().await,
        Command::Migrate => {
            let settings = Settings::from_env("portal.db")?;
            let pool = db::build_pool(&settings.database_url, 1)?;
            prepare_database(&pool)?;
            seal_two_factor_secrets(&pool, &settings.totp_keys)?;
            println!("migrations applied on {}", settings.database_url.redacted());
            Ok(())
        }
        Command::User {
            command: UserCommand::Create(args),
        } => create_user(args),
        Command::Audit {
            command: AuditCommand::Verify { anchor },
        } => verify_audit(anchor.as_deref()),
        Command::Audit {
            command: AuditCommand::Anchor { file },
        } => anchor_audit(file),
        Command::Backup { to } => backup(&to),
        Command::Restore { from, force } => restore(&from, force),
    }
}

pub async fn serve(settings: Settings) -> CliResult {
    let url = settings.database_url.redacted();
    let app = Application::build(settings).await?;
    tracing::info!(port = app.port(), database = %url, "portal listening");
    app.run_until_stopped().await?;
    Ok(())
}

fn create_user(args: CreateUser) -> CliResult {
    let settings = Settings::from_env("portal.db")?;
    let pool = db::build_pool(&settings.database_url, 1)?;
    prepare_database(&pool)?;
    let role = args.role.parse::<Role>().map_err(|_| "unknown role")?;
    let password_hash = if args.password_stdin {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            eprintln!("password (then Enter):");
        }
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        let password = line.trim_end_matches(['\n', '\r']).to_string();
        account_creation::check_password_policy(&password).map_err(|e| e.public_message())?;
        Some(password::hash_blocking(&password)?)
    } else {
        None
    };
    let mut conn = pool.get()?;
    let user_id = account_creation::create_user(
        &mut conn,
        NewAccount {
            email: args.email.clone(),
            name: args.name,
            organisation_code: args.org,
            role,
            password_hash,
        },
    )
    .map_err(|e| e.public_message())?;
    if args.password_stdin {
        println!("created {} ({})", args.email, role);
    } else {
        let token = account_creation::issue_set_password_token(&mut conn, &user_id)
            .map_err(|e| e.public_message())?;
        println!(
            "created {} ({}); this link sets the password once, within {} hours:",
            args.email,
            role,
            account_creation::SET_PASSWORD_LINK_HOURS
        );
        println!("{}/set-password?token={}", settings.public_url, token);
    }
    Ok(())
}

/// A connection to the configured database, migrated.
fn prepared() -> Result<db::PooledConn, Box<dyn std::error::Error>> {
    let settings = Settings::from_env("portal.db")?;
    let pool = db::build_pool(&settings.database_url, 1)?;
    prepare_database(&pool)?;
    Ok(pool.get()?)
}

fn verify_audit(anchor: Option<&str>) -> CliResult {
    let anchor = anchor.map(audit::Anchor::parse).transpose()?;
    let mut conn = prepared()?;
    let entries = match audit::verify(&mut conn)? {
        audit::Verification::Intact { entries } => entries,
        audit::Verification::Broken { seq, reason } => {
            return Err(format!("audit trail broken at entry {seq}: {reason}").into())
        }
    };
    if let Some(anchor) = anchor {
        audit::check_anchor(&mut conn, &anchor)?
            .map_err(|problem| format!("audit trail {problem}"))?;
        println!(
            "audit trail intact: {entries} entries, anchor {} present",
            anchor.seq
        );
    } else {
        println!("audit trail intact: {entries} entries");
    }
    Ok(())
}

fn anchor_audit(file: Option<PathBuf>) -> CliResult {
    let mut conn = prepared()?;
    let anchor = audit::anchor(&mut conn)?.ok_or("the audit trail is empty")?;
    if let Some(file) = file {
        std::fs::write(&file, format!("{anchor}\n"))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    println!("{anchor}");
    Ok(())
}

fn backup(to: &Path) -> CliResult {
    let mut conn = prepared()?;
    let done = crate::services::backup::backup(&mut conn, to)?;
    println!(
        "backup written to {}: schema {}, {} rows, sha256 {}",
        to.display(),
        done.schema_version,
        done.rows,
        done.sha256
    );
    Ok(())
}

fn restore(from: &Path, force: bool) -> CliResult {
    let mut conn = prepared()?;
    let done = crate::services::backup::restore(&mut conn, from, force)?;
    match audit::verify(&mut conn)? {
        audit::Verification::Intact { entries } => println!(
            "restored {} rows from {} (schema {}, sha256 {}); audit trail intact: {entries} entries",
            done.rows,
            from.display(),
            done.schema_version,
            done.sha256
        ),
        audit::Verification::Broken { seq, reason } => {
            return Err(format!(
                "restored, but the audit trail is broken at entry {seq}: {reason}"
            )
            .into())
        }
    }
    Ok(())
}
