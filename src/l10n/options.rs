//! `select_options(…)`: the `<option>`s of a filter's or form's select (`lists::select_field`)
//! written in Rust rather than by a template loop. The loop evaluated a dozen expressions an
//! option (which attribute is the value, is it the chosen one, which way to name it) and was
//! most of the cost of a list page without rows (issue 19); this writes the same HTML.
//!
//! Arguments, as the macro's: `options` (plain values, or objects), `value` (the chosen one),
//! `lang`; `value_attr` and `text_attr` (an object's value and text), `key_prefix` (the text is
//! the message `key_prefix ~ value`), `list` (the text is the value's name in that reference
//! list, `text_attr` or the value when it has none), `with_value` (the value before the text).
//! Values and texts are escaped here.

use std::collections::HashMap;

use tera::Value;

fn str_arg<'a>(args: &'a HashMap<String, Value>, name: &str) -> &'a str {
    args.get(name).and_then(Value::as_str).unwrap_or("")
}

/// A value as `{{ v }}` writes it, before escaping.
fn written(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn select_options(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let lang = super::tera_fns::lang_of(args);
    let (value_attr, text_attr) = (str_arg(args, "value_attr"), str_arg(args, "text_attr"));
    let key_prefix = str_arg(args, "key_prefix");
    let with_value = args
        .get("with_value")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let chosen = args.get("value").unwrap_or(&Value::Null);
    let options = match args.get("options") {
        Some(Value::Array(options)) => options.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => return Err(tera::Error::msg("`select_options`: `options` is a list")),
    };
    // The list the texts are names in (none: the texts are the values or an attribute).
    let names = match str_arg(args, "list") {
        "" => None,
        _ => Some(super::tera_fns::Names::of(args, "select_options")?),
    };
    let mut html = String::with_capacity(options.len() * 64);
    for o in options {
        let v = match value_attr {
            "" => o,
            attr => o.get(attr).unwrap_or(&Value::Null),
        };
        let value = written(v);
        html.push_str("<option value=\"");
        crate::html::push_escaped(&mut html, &value);
        html.push('"');
        if v == chosen {
            html.push_str(" selected");
        }
        html.push('>');
        // The value written before the text (`with_value`), as the loop did by a list's
        // name or an object's text, and the text.
        let (before, text) = match (key_prefix, names) {
            ("", None) => match text_attr {
                "" => (false, value.clone()),
                attr => (with_value, written(o.get(attr).unwrap_or(&Value::Null))),
            },
            ("", Some(names)) => {
                let key = v.as_str().unwrap_or("");
                let fallback = match text_attr {
                    "" => key,
                    attr => o.get(attr).and_then(Value::as_str).unwrap_or(key),
                };
                (
                    with_value,
                    names.name(key, lang).unwrap_or(fallback).to_string(),
                )
            }
            (prefix, _) => (false, crate::i18n::label(lang, &format!("{prefix}{value}"))),
        };
        if before {
            crate::html::push_escaped(&mut html, &value);
            html.push_str(" · ");
        }
        crate::html::push_escaped(&mut html, &text);
        html.push_str("</option>");
    }
    Ok(Value::String(html))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The loop this replaces, as `partials/lists.html` wrote it.
    const LOOP: &str = r#"{% for o in options %}{% if value_attr %}{% set v = o[value_attr] %}{% else %}{% set v = o %}{% endif %}<option value="{{ v }}"{% if v == value %} selected{% endif %}>{% if key_prefix %}{{ t(key=key_prefix ~ v, lang=lang) }}{% elif list %}{% if with_value %}{{ v }} · {% endif %}{% if text_attr %}{{ ref_name(list=list, key=v, lang=lang, default=o[text_attr]) }}{% else %}{{ ref_name(list=list, key=v, lang=lang) }}{% endif %}{% elif text_attr %}{% if with_value %}{{ v }} · {% endif %}{{ o[text_attr] }}{% else %}{{ v }}{% endif %}</option>{% endfor %}"#;

    const CALL: &str = r#"{{ select_options(options=options, value=value, lang=lang, value_attr=value_attr, text_attr=text_attr, key_prefix=key_prefix, with_value=with_value, list=list) | safe }}"#;

    #[test]
    fn the_options_are_those_the_template_loop_wrote() {
        let mut tera = tera::Tera::default();
        crate::i18n::register(&mut tera);
        crate::l10n::register(&mut tera);
        tera.add_raw_templates([("loop.html", LOOP), ("call.html", CALL)])
            .unwrap();
        let cases = [
            json!({"options": ["high", "medium", "low"], "value": "medium", "key_prefix": "priority-"}),
            json!({"options": ["Border security", "Countering the financing of terrorism", "<b>&'\"/"], "value": "<b>&'\"/", "list": "thematic_area"}),
            json!({"options": [{"code": "P1", "name": "First"}, {"code": "X<", "name": "Un & deux"}], "value": "X<", "value_attr": "code", "text_attr": "name", "list": "programme"}),
            json!({"options": [{"code": "UNOCT", "name": "Office"}, {"code": "NEW", "name": "New <org>"}], "value": "", "value_attr": "code", "text_attr": "name", "with_value": true, "list": "organisation"}),
            json!({"options": [{"code": "a/b", "name": "A & B"}], "value": "a/b", "value_attr": "code", "text_attr": "name", "with_value": true}),
            json!({"options": ["Eastern European States", "x'y"], "value": "x'y", "list": "regional_group"}),
            json!({"options": ["plain", "<v>"], "value": "plain"}),
            json!({"options": [], "value": ""}),
        ];
        for lang in crate::i18n::SUPPORTED {
            for case in &cases {
                let mut ctx = tera::Context::new();
                ctx.insert("lang", lang);
                for (name, default) in [
                    ("value_attr", json!("")),
                    ("text_attr", json!("")),
                    ("key_prefix", json!("")),
                    ("list", json!("")),
                    ("with_value", json!(false)),
                ] {
                    ctx.insert(name, case.get(name).unwrap_or(&default));
                }
                ctx.insert("options", &case["options"]);
                ctx.insert("value", &case["value"]);
                let written = tera.render("call.html", &ctx).unwrap();
                assert_eq!(
                    written.matches("<option value=").count(),
                    case["options"].as_array().unwrap().len()
                );
                assert_eq!(
                    written,
                    tera.render("loop.html", &ctx).unwrap(),
                    "{lang} {case}"
                );
            }
        }
    }
}
