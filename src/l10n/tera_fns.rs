//! The template side: `{{ n | number(lang=lang) }}`, `{{ bytes | filesize(lang=lang) }}`,
//! `{{ day | date_in(lang=lang) }}` (a `YYYY-MM-DD` date or an RFC 3339 time's day) and
//! `{{ ref_name(list="programme", key=p.code, lang=lang) }}`.

use std::collections::HashMap;

use tera::{Tera, Value};

pub(super) fn lang_of(args: &HashMap<String, Value>) -> &str {
    args.get("lang").and_then(Value::as_str).unwrap_or("en")
}

fn number(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let lang = lang_of(args);
    let max_fraction = args
        .get("decimals")
        .and_then(Value::as_u64)
        .unwrap_or(2)
        .min(6) as u8;
    let n = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    Ok(match n {
        Some(n) => Value::String(super::format_number(n, lang, max_fraction)),
        // Not a number (a qualitative value): shown as it is.
        None => value.clone(),
    })
}

fn filesize(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let bytes = value
        .as_u64()
        .ok_or_else(|| tera::Error::msg("`filesize` takes a number of bytes"))?;
    Ok(Value::String(super::format_file_size(bytes, lang_of(args))))
}

fn date_in(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let Some(raw) = value.as_str() else {
        // An absent date (null) stays absent.
        return Ok(value.clone());
    };
    let day = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(raw)
                .ok()
                .map(|t| t.with_timezone(&chrono::Utc).date_naive())
        })
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.date())
        });
    Ok(match day {
        Some(day) => Value::String(super::format_date(day, lang_of(args))),
        None => value.clone(),
    })
}

/// A list the templates name keys in (`list="…"`): the organisations, or a reference list.
#[derive(Clone, Copy)]
pub(super) enum Names {
    Organisation,
    Reference(super::RefList),
}

impl Names {
    /// The list `args` names (`list`); `what` is the caller, for the error.
    pub(super) fn of(args: &HashMap<String, Value>, what: &str) -> tera::Result<Self> {
        let list = args
            .get("list")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg(format!("`{what}` needs `list`")))?;
        match list {
            "organisation" => Ok(Names::Organisation),
            _ => list
                .parse()
                .map(Names::Reference)
                .map_err(|_| tera::Error::msg(format!("`{what}`: no list {list}"))),
        }
    }

    /// `key`'s name in `lang`, if the list names it.
    pub(super) fn name(self, key: &str, lang: &str) -> Option<&'static str> {
        match self {
            Names::Organisation => super::names::organisation_name(key, lang),
            Names::Reference(list) => super::name(list, key, lang),
        }
    }
}

fn ref_name(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let names = Names::of(args, "ref_name")?;
    let key = args.get("key").and_then(Value::as_str).unwrap_or("");
    let fallback = args.get("default").and_then(Value::as_str).unwrap_or(key);
    let found = names.name(key, lang_of(args));
    Ok(Value::String(found.unwrap_or(fallback).to_string()))
}

/// `{{ keys | ref_names(list="thematic_area", lang=lang) }}`: a list of keys as their names in
/// `list` (a key without one as it is), for `join`.
fn ref_names(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let names = Names::of(args, "ref_names")?;
    let lang = lang_of(args);
    let keys = value
        .as_array()
        .ok_or_else(|| tera::Error::msg("`ref_names` names a list of keys"))?;
    Ok(Value::Array(
        keys.iter()
            .map(|k| match k.as_str() {
                Some(key) => Value::String(names.name(key, lang).unwrap_or(key).to_string()),
                None => k.clone(),
            })
            .collect(),
    ))
}

pub fn register(tera: &mut Tera) {
    tera.register_filter("number", number);
    tera.register_filter("filesize", filesize);
    tera.register_filter("date_in", date_in);
    tera.register_function("ref_name", ref_name);
    tera.register_filter("ref_names", ref_names);
    tera.register_function("select_options", super::options::select_options);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_write_in_the_language() {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template(
            "t",
            "{{ n | number(lang=lang) }}|{{ d | date_in(lang=lang) }}|{{ ref_name(list=\"state\", key=\"EGY\", lang=lang) }}|{{ ref_name(list=\"organisation\", key=\"NEW\", lang=lang, default=\"New\") }}|{{ [\"EGY\", \"XYZ\"] | ref_names(list=\"state\", lang=lang) | join(sep=\"; \") }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("n", &1234.5);
        ctx.insert("d", "2026-12-03");
        ctx.insert("lang", "es");
        assert_eq!(
            tera.render("t", &ctx).unwrap(),
            "1234,5|3 dic 2026|Egipto|New|Egipto; XYZ"
        );
    }
}
