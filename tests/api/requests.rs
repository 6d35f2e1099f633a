//! Requests as the tests spell them: one bearer call for every method, form posts that carry
//! the CSRF token of the page the browser is on, and the checks that follow an answer.

use awc::http::{header, Method};
use serde_json::Value;

use crate::helpers::{into_page, Browser, Page, TestApp};

impl TestApp {
    /// One API call with a bearer token and, when given, a JSON body.
    pub async fn bearer(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> Page {
        let req = self
            .client
            .request(method, self.url(path))
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
        let res = match body {
            Some(body) => req.send_json(body).await,
            None => req.send().await,
        };
        into_page(res.expect("request")).await
    }

    /// A bearer GET that must answer 200 (the path and body show when it does not).
    pub async fn get_ok(&self, path: &str, token: &str) -> Page {
        let page = self.get_bearer(path, token).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        page
    }

    pub async fn patch_bearer(&self, path: &str, token: &str, body: &Value) -> Page {
        self.bearer(Method::PATCH, path, token, Some(body)).await
    }

    pub async fn put_bearer(&self, path: &str, token: &str, body: &Value) -> Page {
        self.bearer(Method::PUT, path, token, Some(body)).await
    }

    pub async fn delete_bearer(&self, path: &str, token: &str) -> Page {
        self.bearer(Method::DELETE, path, token, None).await
    }

    /// Asserts what a bearer GET answers, one row per case: (path, token, status).
    pub async fn assert_get_statuses<P: AsRef<str>, T: AsRef<str>>(
        &self,
        rows: impl IntoIterator<Item = (P, T, u16)>,
    ) {
        for (path, token, status) in rows {
            let page = self.get_bearer(path.as_ref(), token.as_ref()).await;
            assert_eq!(page.status, status, "{}: {}", path.as_ref(), page.body);
        }
    }

    /// Asserts what the browser gets at each path, one row per case: (path, status).
    pub async fn assert_page_statuses<P: AsRef<str>>(
        &self,
        browser: &mut Browser,
        rows: impl IntoIterator<Item = (P, u16)>,
    ) {
        for (path, status) in rows {
            let page = self.browser_get(browser, path.as_ref()).await;
            assert_eq!(page.status, status, "{}: {}", path.as_ref(), page.body);
        }
    }

    /// Posts a form as the page the browser is on would: with the CSRF token that page carried.
    pub async fn submit(&self, browser: &mut Browser, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = browser
            .form_token
            .clone()
            .expect("the browser is on a page with a form");
        self.post_with_token(browser, &token, path, fields).await
    }

    /// Opens `page`, then posts `fields` to `path` with the CSRF token it carried.
    pub async fn submit_from(
        &self,
        browser: &mut Browser,
        page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        self.browser_get(browser, page).await;
        self.submit(browser, path, fields).await
    }
}

impl Page {
    /// Asserts the status, showing the body when it differs, and gives the page on.
    #[track_caller]
    pub fn assert_status(self, status: u16) -> Page {
        assert_eq!(self.status, status, "{}", self.body);
        self
    }

    /// The items of a list answer (`{"items": [...]}`).
    pub fn items(&self) -> Vec<Value> {
        self.json()["items"]
            .as_array()
            .unwrap_or_else(|| panic!("not a list: {}", self.body))
            .clone()
    }

    /// The `key` of every item of a list answer, as text.
    pub fn item_fields(&self, key: &str) -> Vec<String> {
        let items = self.items();
        items.iter().map(|i| text(&i[key])).collect()
    }

    /// The `id` of every item of a list answer.
    pub fn ids(&self) -> Vec<String> {
        self.item_fields("id")
    }

    /// A text field of the JSON answer.
    pub fn field(&self, key: &str) -> String {
        text(&self.json()[key])
    }

    /// The `error.code` of a JSON error answer ("" when there is none, or no JSON).
    pub fn error_code(&self) -> String {
        let json: Value = serde_json::from_str(&self.body).unwrap_or_default();
        json["error"]["code"].as_str().unwrap_or("").to_string()
    }
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
        .to_string()
}
