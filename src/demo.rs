//! `portal demo`: a demo database with one account per role, printed with fresh passwords.

use crate::auth::totp_keys::TotpKeys;
use crate::auth::{password, tokens};
use crate::cli::CliResult;
use crate::config::Settings;
use crate::db;
use crate::domain::time::now;
use crate::domain::Role;
use crate::repo::two_factor as two_factor_repo;
use crate::repo::users;
use crate::services::account::two_factor;
use crate::services::admin::account_creation::{self, NewAccount};
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

/// A demo account as printed: its password, and its two-factor key where the role needs one.
pub struct DemoLogin {
    pub account: &'static DemoAccount,
    pub password: String,
    pub totp_secret: Option<String>,
}

/// Creates missing demo accounts and gives every demo account a new password; administrators
/// and coordinators (who must use two-factor) also get a new two-factor key.
pub fn seed(
    conn: &mut db::DbConnection,
    keys: &TotpKeys,
) -> Result<Vec<DemoLogin>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for account in DEMO_ACCOUNTS {
        let password = format!("demo-{}", &tokens::random_token()[..16]);
        let hash = password::hash_blocking(&password)?;
        let now = now();
        let user_id = match users::find_by_email(conn, account.email)? {
            Some((user, _)) => {
                users::set_password_hash(conn, &user.id, &hash, now)?;
                user.id
            }
            None => account_creation::create_user(
                conn,
                NewAccount {
                    email: account.email.into(),
                    name: account.name.into(),
                    organisation_code: account.org.into(),
                    role: account.role,
                    password_hash: Some(hash),
                },
            )
            .map_err(|e| e.operator_message())?,
        };
        let totp_secret = if crate::access::account::two_factor_required(account.role, false) {
            let secret = two_factor::new_secret();
            two_factor_repo::clear(conn, &user_id, now)?;
            two_factor::enable_with_secret(conn, keys, &user_id, &secret)
                .map_err(|e| e.operator_message())?;
            Some(secret)
        } else {
            None
        };
        out.push(DemoLogin {
            account,
            password,
            totp_secret,
        });
    }
    let (user, org) = users::find_by_email(conn, "coordinator@demo.example.org")?
        .ok_or("demo coordinator missing")?;
    let coordinator = crate::auth::CurrentUser::from_rows(String::new(), user, org, false)
        .map_err(|e| e.operator_message())?;
    crate::demo_content::seed(conn, &coordinator).map_err(|e| e.operator_message())?;
    crate::demo_projects::seed(conn, &coordinator).map_err(|e| e.operator_message())?;
    crate::demo_matches::seed(conn, &coordinator).map_err(|e| e.operator_message())?;
    crate::demo_coordination::seed(conn, &coordinator).map_err(|e| e.operator_message())?;
    crate::demo_suggestions::seed(conn, &coordinator).map_err(|e| e.operator_message())?;
    let (user, org) = users::find_by_email(conn, "focal.unodc@demo.example.org")?
        .ok_or("demo focal point missing")?;
    let unodc = crate::auth::CurrentUser::from_rows(String::new(), user, org, false)
        .map_err(|e| e.operator_message())?;
    crate::demo_content::seed_documents(conn, &unodc).map_err(|e| e.operator_message())?;
    crate::demo_activities::seed(conn, &coordinator).map_err(|e| e.operator_message())?;
    crate::demo_groups::seed(conn, &unodc).map_err(|e| e.operator_message())?;
    crate::demo_plans::seed(conn, &coordinator).map_err(|e| e.operator_message())?;
    Ok(out)
}

pub async fn run() -> CliResult {
    let settings = Settings::from_env("demo.db")?;
    let pool = db::build_pool(&settings.database_url, 2)?;
    prepare_database(&pool)?;
    let accounts = {
        let mut conn = pool.get()?;
        seed(&mut conn, &settings.totp_keys)?
    };
    drop(pool);
    println!();
    println!(
        "Demo portal on {} ({})",
        settings.public_url,
        settings.database_url.redacted()
    );
    println!("Demo accounts (passwords and two-factor keys are new on every start):");
    for login in &accounts {
        println!(
            "  {:<12} {:<7} {:<32} {}",
            login.account.role, login.account.org, login.account.email, login.password
        );
        if let Some(secret) = &login.totp_secret {
            println!("{:<24}two-factor key {secret}", "");
        }
    }
    println!(
        "Administrators and coordinators sign in with a code: add the key to an authenticator \
         app, or run `oathtool --totp -b KEY`."
    );
    println!();
    crate::cli::serve(settings).await
}
