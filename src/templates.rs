//! Page templates, compiled into the binary so `portal` runs from any directory.

pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("login.html", include_str!("../templates/login.html")),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    (
        "set_password.html",
        include_str!("../templates/set_password.html"),
    ),
    ("error.html", include_str!("../templates/error.html")),
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
];

pub fn build() -> Result<tera::Tera, tera::Error> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    crate::i18n::register(&mut tera);
    Ok(tera)
}
