//! `portal demo`: a demo database with one account per role, printed with fresh passwords.

use crate::auth::{password, tokens};
use crate::cli::CliResult;
use crate::config::Settings;
use crate::db;
use crate::domain::Role;
use crate::repo::users;
use crate::services::accounts::{self, NewAccount};
use crate::startup::prepare_database;

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub org: &'static str,
    pub role: Role,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@demo.example.org",
        name: "Ada Admin",
        org: "UNOCT",
        role: Role::Admin,
    },
    DemoAccount {
        email: "coordinator@demo.example.org",
        name: "Camille Coordinator",
        org: "CTED",
        role: Role::Coordinator,
    },
    DemoAccount {
        email: "focal.ken@demo.example.org",
        name: "Wanjiru Kamau",
        org: "KEN",
        role: Role::FocalPoint,
    },
    DemoAccount {
        email: "focal.unodc@demo.example.org",
        name: "Luis Ortega",
        org: "UNODC",
        role: Role::FocalPoint,
    },
    DemoAccount {
        email: "observer@demo.example.org",
        name: "Olga Observer",
        org: "IPU",
        role: Role::Observer,
    },
];

/// Creates missing demo accounts and gives every demo account a new password.
pub fn seed(
    conn: &mut db::DbConnection,
) -> Result<Vec<(&'static DemoAccount, String)>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for account in DEMO_ACCOUNTS {
        let password = format!("demo-{}", &tokens::random_token()[..16]);
        let hash = password::hash_blocking(&password)?;
        match users::find_by_email(conn, account.email)? {
            Some((user, _)) => {
                users::set_password_hash(conn, &user.id, &hash, chrono::Utc::now().naive_utc())?;
            }
            None => {
                accounts::create_user(
                    conn,
                    NewAccount {
                        email: account.email.into(),
                        name: account.name.into(),
                        organisation_code: account.org.into(),
                        role: account.role,
                        password_hash: Some(hash),
                    },
                )
                .map_err(|e| e.public_message())?;
            }
        }
        out.push((account, password));
    }
    let (user, org) = users::find_by_email(conn, "coordinator@demo.example.org")?
        .ok_or("demo coordinator missing")?;
    let coordinator = crate::auth::CurrentUser::from_rows(String::new(), user, org)
        .map_err(|e| e.public_message())?;
    crate::demo_content::seed(conn, &coordinator).map_err(|e| e.public_message())?;
    let (user, org) = users::find_by_email(conn, "focal.unodc@demo.example.org")?
        .ok_or("demo focal point missing")?;
    let unodc = crate::auth::CurrentUser::from_rows(String::new(), user, org)
        .map_err(|e| e.public_message())?;
    crate::demo_content::seed_documents(conn, &unodc).map_err(|e| e.public_message())?;
    Ok(out)
}

pub async fn run() -> CliResult {
    let settings = Settings::from_env("demo.db")?;
    let pool = db::build_pool(&settings.database_url, 2)?;
    prepare_database(&pool)?;
    let accounts = {
        let mut conn = pool.get()?;
        seed(&mut conn)?
    };
    drop(pool);
    println!();
    println!(
        "Demo portal on {} ({})",
        settings.public_url,
        settings.database_url.redacted()
    );
    println!("Demo accounts (passwords are new on every start):");
    for (account, password) in &accounts {
        println!(
            "  {:<12} {:<7} {:<32} {}",
            account.role.as_str(),
            account.org,
            account.email,
            password
        );
    }
    println!();
    crate::cli::serve(settings).await
}
