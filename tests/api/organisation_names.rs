//! Where people type organisations (message recipients, a document's access list, a project's
//! owner and partners, a group's members), a name in any of the six languages does as well as
//! a code, and a name that fits several organisations is refused, the form kept.

use portal::domain::Role;

use crate::helpers::{spawn_app, PASSWORD};

const SENDER: &str = "fp@ken.example.org";
const UNODC: &str = "fp@unodc.example.org";

#[actix_web::test]
async fn a_message_goes_to_an_organisation_typed_by_its_name() {
    let app = spawn_app().await;
    let mut ken = app.browser_of(SENDER, "KEN", Role::FocalPoint).await;
    let mut unodc = app.browser_of(UNODC, "UNODC", Role::FocalPoint).await;
    let form = app.browser_get(&mut ken, "/messages/new").await;
    assert!(form.body.contains("list=\"organisation-names\""));
    assert!(form.body.contains("<option value=\"DEU\">Germany</option>"));

    // A part of a name that fits several organisations: refused, nothing sent, form kept.
    let ambiguous = [
        ("subject", "Joint workshop"),
        ("to_organisations", "guin"),
        ("body", "Dates to agree."),
    ];
    let refused = app.submit(&mut ken, "/messages/new", &ambiguous).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("several organisations"));
    assert!(refused.body.contains("value=\"Joint workshop\""));
    assert!(refused.body.contains("value=\"guin\""));
    let inbox = app.browser_get(&mut unodc, "/messages").await;
    assert!(!inbox.body.contains("Joint workshop"));

    // The name (part of it, in English) of exactly one organisation reaches it.
    let named = [
        ("subject", "Joint workshop"),
        ("to_organisations", "office on drugs and crime"),
        ("body", "Dates to agree."),
    ];
    let sent = app.submit(&mut ken, "/messages/new", &named).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let inbox = app.browser_get(&mut unodc, "/messages").await;
    assert!(inbox.body.contains("Joint workshop"));
}

#[actix_web::test]
async fn a_document_is_shared_with_states_named_in_other_languages() {
    let app = spawn_app().await;
    let mut unodc = app.browser_of(UNODC, "UNODC", Role::FocalPoint).await;
    let token = app.token(UNODC, PASSWORD).await;
    let fields = [
        ("title", "Prosecution guide"),
        ("classification", "restricted"),
    ];
    let file = Some(("guide.pdf", crate::documents::PDF));
    let created = crate::documents::upload(&app, &token, "/api/v1/documents", &fields, file).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let path = format!("/documents/{}", created.field("id"));
    let page = app.browser_get(&mut unodc, &path).await;
    assert!(page.body.contains("<datalist id=\"organisation-names\">"));
    let access = format!("{path}/access");
    let fields = [("access", "Jordanie, Германия"), ("access", "coordinators")];
    let res = app.submit(&mut unodc, &access, &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = app.browser_get(&mut unodc, &path).await;
    let at = page.body.find("id=\"access-orgs\"").unwrap_or(0);
    let field = &page.body[at..(at + 200).min(page.body.len())];
    assert!(
        field.contains("value=\"DEU, JOR\""),
        "the codes are kept: {field}"
    );

    // An ambiguous name changes nothing.
    let fields = [("access", "guin")];
    let res = app.submit(&mut unodc, &access, &fields).await;
    assert_eq!(res.status, 400);
    let page = app.browser_get(&mut unodc, &path).await;
    assert!(page.body.contains("value=\"DEU, JOR\""));
}

#[actix_web::test]
async fn a_project_s_partners_may_be_names() {
    let app = spawn_app().await;
    let mut unodc = app.browser_of(UNODC, "UNODC", Role::FocalPoint).await;
    let form = app.browser_get(&mut unodc, "/projects/new").await;
    assert!(form.body.contains(
        "id=\"partners\" name=\"partners\" maxlength=\"1000\" list=\"organisation-names\""
    ));
    let fields = [
        ("title", "Border management training"),
        ("description", "Training for border officers."),
        ("status", "planned"),
        ("thematic_areas", "Border management and terrorist travel"),
        ("visibility", "platform"),
        ("starts_on", "2027-01-01"),
        ("ends_on", "2027-12-31"),
        ("partners", "Jordania; INTERPOL"),
    ];
    let res = app.submit(&mut unodc, "/projects/new", &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = app
        .browser_get(&mut unodc, res.header("location").as_deref().unwrap())
        .await;
    assert!(page.body.contains("JOR"), "{}", page.body);
    assert!(page.body.contains("INTERPOL"));

    // The list's owner filter reads a name too, in any language, and offers the picker.
    let list = app
        .browser_get(&mut unodc, "/projects?organisation=contre%20la%20drogue")
        .await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("list=\"organisation-names\""));
    assert!(list.body.contains("Border management training"));
    let list = app
        .browser_get(&mut unodc, "/projects?organisation=Jordania")
        .await;
    assert!(!list.body.contains("Border management training"));
    let list = app
        .browser_get(&mut unodc, "/projects?organisation=guin")
        .await;
    assert_eq!(list.status, 400);

    let mut ambiguous = fields;
    ambiguous[7] = ("partners", "guin");
    let res = app.submit(&mut unodc, "/projects/new", &ambiguous).await;
    assert_eq!(res.status, 400);
    assert!(res.body.contains("several organisations"));
    assert!(res.body.contains("value=\"guin\""));
}
