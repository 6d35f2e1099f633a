//! The `portal` command line.

use std::io::{BufRead, IsTerminal};

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand};

use crate::auth::password;
use crate::config::Settings;
use crate::db;
use crate::domain::Role;
use crate::services::admin::account_creation::{self, NewAccount};
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
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; exit 0 when intact, non-zero naming the first broken entry.
    Verify,
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
            command: AuditCommand::Verify,
        } => verify_audit(),
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

fn verify_audit() -> CliResult {
    let settings = Settings::from_env("portal.db")?;
    let pool = db::build_pool(&settings.database_url, 1)?;
    prepare_database(&pool)?;
    let mut conn = pool.get()?;
    match crate::services::audit::verify(&mut conn)? {
        crate::services::audit::Verification::Intact { entries } => {
            println!("audit trail intact: {entries} entries");
            Ok(())
        }
        crate::services::audit::Verification::Broken { seq, reason } => {
            Err(format!("audit trail broken at entry {seq}: {reason}").into())
        }
    }
}
