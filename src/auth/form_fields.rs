//! A form read as its raw name/value pairs, for forms with repeated or numbered fields
//! (report sections), still refused without a valid CSRF token (through `CsrfForm`).

use serde::Deserialize;

use super::csrf::CsrfProtected;

#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct FormFields(pub Vec<(String, String)>);

impl FormFields {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").to_string()
    }

    /// Every value of a repeated field (checkboxes, a multiple select), blanks left out.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// The value, or None when absent or blank.
    pub fn optional(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }
}

impl CsrfProtected for FormFields {
    fn csrf_token(&self) -> &str {
        self.get(super::csrf::FIELD).unwrap_or("")
    }
}
