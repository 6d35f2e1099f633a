//! The accounts the tests sign in with: added with the tests' password, found by e-mail, and
//! signed in through the API or the form.

use diesel::prelude::*;
use portal::db::schema::users;
use portal::domain::Role;

use crate::helpers::{spawn_app, Browser, Page, TestApp, PASSWORD};

/// A focal point of Kenya, and a colleague of hers.
pub const ANA: &str = "ana@ken.example.org";
pub const BO: &str = "bo@ken.example.org";

impl TestApp {
    /// An account that signs in with [`PASSWORD`] (with two-factor on for administrators and
    /// coordinators, see `create_user`); returns its id.
    pub fn add_user(&self, email: &str, org: &str, role: Role) -> String {
        self.create_user(email, org, role, Some(PASSWORD))
    }

    /// A new account, signed in through the form.
    pub async fn browser_of(&self, email: &str, org: &str, role: Role) -> Browser {
        self.add_user(email, org, role);
        self.browser_login(email, PASSWORD).await
    }

    /// The account's id and whether it is active.
    fn account(&self, email: &str) -> (String, bool) {
        users::table
            .filter(users::email.eq(email))
            .select((users::id, users::active))
            .first(&mut self.conn())
            .unwrap_or_else(|e| panic!("no account {email}: {e}"))
    }

    pub fn user_id(&self, email: &str) -> String {
        self.account(email).0
    }

    pub fn is_active(&self, email: &str) -> bool {
        self.account(email).1
    }

    pub fn user_count(&self) -> i64 {
        users::table.count().get_result(&mut self.conn()).unwrap()
    }
}

/// Now, in seconds since the epoch (for two-factor codes).
pub fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

/// An app with one account: Ana, a focal point of Kenya.
pub async fn app_with_ana() -> TestApp {
    let app = spawn_app().await;
    app.add_user(ANA, "KEN", Role::FocalPoint);
    app
}

/// An app with Ana signed in through the form.
pub async fn ana_signed_in() -> (TestApp, Browser) {
    let app = app_with_ana().await;
    let browser = app.browser_login(ANA, PASSWORD).await;
    (app, browser)
}

/// An app with Ana, and a browser that has opened the sign-in page.
pub async fn ana_at_the_login_page() -> (TestApp, Browser, Page) {
    let app = app_with_ana().await;
    let mut browser = Browser::default();
    let login = app.browser_get(&mut browser, "/login").await;
    (app, browser, login)
}
