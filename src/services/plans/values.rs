//! A measure's values as given in JSON: a number for `unit` and `percentage` measures (a
//! percentage from 0 to 100), text for `qualitative` ones. Stored as a number (for charts and
//! the IATI export) beside its text.

use crate::domain::plans::MeasureKind;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::content::line;

/// A checked value: the number (numeric measures) and the text shown.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedValue {
    pub number: Option<f64>,
    pub text: String,
}

fn invalid(field: &str, message: &str) -> AppError {
    AppError::invalid(ErrorCode::InvalidValue, format!("{field}: {message}"))
}

/// `value` as `kind` takes it; anything else ("N/A" for a number, a number for text) is a 400.
pub fn check_value(
    kind: MeasureKind,
    field: &'static str,
    value: &serde_json::Value,
) -> AppResult<CheckedValue> {
    if kind.is_numeric() {
        let number = value
            .as_f64()
            .filter(|n| n.is_finite())
            .ok_or_else(|| invalid(field, "a number is required for this measure"))?;
        if kind == MeasureKind::Percentage && !(0.0..=100.0).contains(&number) {
            return Err(invalid(field, "a percentage is from 0 to 100"));
        }
        Ok(CheckedValue {
            number: Some(number),
            text: format_number(number),
        })
    } else {
        let text = value
            .as_str()
            .ok_or_else(|| invalid(field, "text is required for a qualitative measure"))?;
        let text = line(field, text, 300)?;
        if text.is_empty() {
            return Err(invalid(field, "text is required for a qualitative measure"));
        }
        Ok(CheckedValue { number: None, text })
    }
}

/// A number as people write it: no trailing `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The stored value back as JSON: the number (a whole number without `.0`), or the text.
pub fn as_json(number: Option<f64>, text: &str) -> serde_json::Value {
    match number {
        Some(n) if n.fract() == 0.0 && n.abs() < 9e15 => serde_json::json!(n as i64),
        Some(n) => serde_json::json!(n),
        None => serde_json::Value::String(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_by_kind() {
        let unit = |v| check_value(MeasureKind::Unit, "value", &v);
        assert_eq!(unit(json!(12)).unwrap().number, Some(12.0));
        assert!(unit(json!("N/A")).is_err());
        assert!(unit(json!("12")).is_err());
        assert!(unit(json!(null)).is_err());
        let pct = |v| check_value(MeasureKind::Percentage, "value", &v);
        assert!(pct(json!(100)).is_ok() && pct(json!(100.5)).is_err());
        let q = |v| check_value(MeasureKind::Qualitative, "value", &v);
        assert_eq!(q(json!(" Adopted ")).unwrap().text, "Adopted");
        assert!(q(json!(3)).is_err() && q(json!("  ")).is_err());
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(40.0), "40");
    }
}
