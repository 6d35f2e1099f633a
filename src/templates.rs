//! Page templates, compiled into the binary so `portal` runs from any directory.

pub const TEMPLATES: &[(&str, &str)] = &[
    ("account.html", include_str!("../templates/account.html")),
    ("base.html", include_str!("../templates/base.html")),
    (
        "partials/lists.html",
        include_str!("../templates/partials/lists.html"),
    ),
    (
        "partials/forms.html",
        include_str!("../templates/partials/forms.html"),
    ),
    (
        "partials/state_filter.html",
        include_str!("../templates/partials/state_filter.html"),
    ),
    (
        "partials/organisation_datalist.html",
        include_str!("../templates/partials/organisation_datalist.html"),
    ),
    ("login.html", include_str!("../templates/login.html")),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    (
        "states/index.html",
        include_str!("../templates/states/index.html"),
    ),
    (
        "states/show.html",
        include_str!("../templates/states/show.html"),
    ),
    (
        "set_password.html",
        include_str!("../templates/set_password.html"),
    ),
    ("error.html", include_str!("../templates/error.html")),
    (
        "consultations/list.html",
        include_str!("../templates/consultations/list.html"),
    ),
    (
        "consultations/form.html",
        include_str!("../templates/consultations/form.html"),
    ),
    (
        "consultations/show.html",
        include_str!("../templates/consultations/show.html"),
    ),
    (
        "plans/show.html",
        include_str!("../templates/plans/show.html"),
    ),
    (
        "plans/charts.html",
        include_str!("../templates/plans/charts.html"),
    ),
    (
        "plans/at_risk.html",
        include_str!("../templates/plans/at_risk.html"),
    ),
    (
        "consultations/measure_fields.html",
        include_str!("../templates/consultations/measure_fields.html"),
    ),
    (
        "reports/list.html",
        include_str!("../templates/reports/list.html"),
    ),
    (
        "reports/show.html",
        include_str!("../templates/reports/show.html"),
    ),
    (
        "reports/form.html",
        include_str!("../templates/reports/form.html"),
    ),
    (
        "needs/list.html",
        include_str!("../templates/needs/list.html"),
    ),
    (
        "needs/show.html",
        include_str!("../templates/needs/show.html"),
    ),
    (
        "needs/form.html",
        include_str!("../templates/needs/form.html"),
    ),
    (
        "matches/list.html",
        include_str!("../templates/matches/list.html"),
    ),
    (
        "matches/rows.html",
        include_str!("../templates/matches/rows.html"),
    ),
    (
        "projects/list.html",
        include_str!("../templates/projects/list.html"),
    ),
    (
        "projects/show.html",
        include_str!("../templates/projects/show.html"),
    ),
    (
        "coordination/matrix.html",
        include_str!("../templates/coordination/matrix.html"),
    ),
    (
        "coordination/overlaps.html",
        include_str!("../templates/coordination/overlaps.html"),
    ),
    (
        "coordination/overlap_rows.html",
        include_str!("../templates/coordination/overlap_rows.html"),
    ),
    (
        "projects/form.html",
        include_str!("../templates/projects/form.html"),
    ),
    (
        "documents/list.html",
        include_str!("../templates/documents/list.html"),
    ),
    (
        "documents/form.html",
        include_str!("../templates/documents/form.html"),
    ),
    (
        "documents/show.html",
        include_str!("../templates/documents/show.html"),
    ),
    (
        "documents/access_fields.html",
        include_str!("../templates/documents/access_fields.html"),
    ),
    (
        "messages/inbox.html",
        include_str!("../templates/messages/inbox.html"),
    ),
    (
        "messages/thread.html",
        include_str!("../templates/messages/thread.html"),
    ),
    (
        "messages/compose.html",
        include_str!("../templates/messages/compose.html"),
    ),
    (
        "email/match_proposed/subject.txt",
        include_str!("../templates/email/match_proposed/subject.txt"),
    ),
    (
        "email/match_proposed/body.txt",
        include_str!("../templates/email/match_proposed/body.txt"),
    ),
    (
        "email/match_proposed/body.html",
        include_str!("../templates/email/match_proposed/body.html"),
    ),
    (
        "email/match_answered/subject.txt",
        include_str!("../templates/email/match_answered/subject.txt"),
    ),
    (
        "email/match_answered/body.txt",
        include_str!("../templates/email/match_answered/body.txt"),
    ),
    (
        "email/match_answered/body.html",
        include_str!("../templates/email/match_answered/body.html"),
    ),
    (
        "email/new_message/subject.txt",
        include_str!("../templates/email/new_message/subject.txt"),
    ),
    (
        "email/new_message/body.txt",
        include_str!("../templates/email/new_message/body.txt"),
    ),
    (
        "email/new_message/body.html",
        include_str!("../templates/email/new_message/body.html"),
    ),
    (
        "email/digest/subject.txt",
        include_str!("../templates/email/digest/subject.txt"),
    ),
    (
        "email/digest/body.txt",
        include_str!("../templates/email/digest/body.txt"),
    ),
    (
        "email/digest/body.html",
        include_str!("../templates/email/digest/body.html"),
    ),
    (
        "account/two_factor.html",
        include_str!("../templates/account/two_factor.html"),
    ),
    (
        "password_reset.html",
        include_str!("../templates/password_reset.html"),
    ),
    (
        "email/password_reset/subject.txt",
        include_str!("../templates/email/password_reset/subject.txt"),
    ),
    (
        "email/password_reset/body.txt",
        include_str!("../templates/email/password_reset/body.txt"),
    ),
    (
        "email/password_reset/body.html",
        include_str!("../templates/email/password_reset/body.html"),
    ),
    (
        "email/password_changed/subject.txt",
        include_str!("../templates/email/password_changed/subject.txt"),
    ),
    (
        "email/password_changed/body.txt",
        include_str!("../templates/email/password_changed/body.txt"),
    ),
    (
        "email/password_changed/body.html",
        include_str!("../templates/email/password_changed/body.html"),
    ),
    (
        "email/invitation/subject.txt",
        include_str!("../templates/email/invitation/subject.txt"),
    ),
    (
        "email/invitation/body.txt",
        include_str!("../templates/email/invitation/body.txt"),
    ),
    (
        "email/invitation/body.html",
        include_str!("../templates/email/invitation/body.html"),
    ),
    (
        "admin/index.html",
        include_str!("../templates/admin/index.html"),
    ),
    (
        "admin/users.html",
        include_str!("../templates/admin/users.html"),
    ),
    (
        "admin/organisations.html",
        include_str!("../templates/admin/organisations.html"),
    ),
    (
        "admin/audit.html",
        include_str!("../templates/admin/audit.html"),
    ),
    (
        "admin/audit_verify.html",
        include_str!("../templates/admin/audit_verify.html"),
    ),
    (
        "admin/user.html",
        include_str!("../templates/admin/user.html"),
    ),
    (
        "admin/organisation.html",
        include_str!("../templates/admin/organisation.html"),
    ),
    (
        "account/device.html",
        include_str!("../templates/account/device.html"),
    ),
    (
        "activities/calendar.html",
        include_str!("../templates/activities/calendar.html"),
    ),
    (
        "activities/show.html",
        include_str!("../templates/activities/show.html"),
    ),
    (
        "activities/form.html",
        include_str!("../templates/activities/form.html"),
    ),
    (
        "activities/feed.html",
        include_str!("../templates/activities/feed.html"),
    ),
    (
        "groups/list.html",
        include_str!("../templates/groups/list.html"),
    ),
    (
        "groups/show.html",
        include_str!("../templates/groups/show.html"),
    ),
    (
        "suggestions/reasons.html",
        include_str!("../templates/suggestions/reasons.html"),
    ),
    (
        "suggestions/dismiss.html",
        include_str!("../templates/suggestions/dismiss.html"),
    ),
    (
        "search/index.html",
        include_str!("../templates/search/index.html"),
    ),
    (
        "suggestions/for_need.html",
        include_str!("../templates/suggestions/for_need.html"),
    ),
    (
        "suggestions/for_project.html",
        include_str!("../templates/suggestions/for_project.html"),
    ),
];

pub fn build() -> Result<tera::Tera, tera::Error> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera escapes a text it tests (`{% if text %}` evaluates it as it would print it), so the
    // templates test texts with `| length > 0`: the report page escaped its 7 KB of sections
    // twice, once only to see that there were some.
    tera.set_escape_fn(crate::html::escape);
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    crate::i18n::register(&mut tera);
    // Tera's own `urlencode` comes with its `builtins` feature, which pulls in far more.
    tera.register_filter(
        "urlencode",
        |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
            let text = value
                .as_str()
                .ok_or_else(|| tera::Error::msg("urlencode expects a string"))?;
            Ok(tera::Value::String(
                url::form_urlencoded::byte_serialize(text.as_bytes()).collect(),
            ))
        },
    );
    tera.register_filter("when", when);
    crate::l10n::register(&mut tera);
    Ok(tera)
}

/// An RFC 3339 time as `YYYY-MM-DD HH:MM UTC`, or with `lang` as that language writes it
/// (`l10n::format_time`). Tera's own `date` filter needs features this build leaves out.
fn when(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let raw = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("`when` takes a time string"))?;
    let parsed = chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&chrono::Utc))
        .or_else(|e| {
            chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f")
                .map(|t| t.and_utc())
                .map_err(|_| e)
        })
        .map_err(|e| tera::Error::msg(format!("`when`: {e}")))?;
    Ok(tera::Value::String(
        match args.get("lang").and_then(tera::Value::as_str) {
            Some(lang) => crate::l10n::format_time(parsed, lang),
            None => parsed.format("%Y-%m-%d %H:%M UTC").to_string(),
        },
    ))
}
