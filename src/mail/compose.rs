//! Turns an outbox row into a MIME message: subject, text and HTML bodies from
//! `templates/email/<template>/`, in the recipient's language, with a Message-ID that stays the
//! same on every attempt so a repeated delivery is recognisable.

use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

use crate::repo::outbox::OutboxRow;

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("template: {0}")]
    Template(#[from] tera::Error),
    #[error("address: {0}")]
    Address(#[from] lettre::address::AddressError),
    #[error("message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("payload: {0}")]
    Payload(#[from] serde_json::Error),
}

pub struct Composer<'a> {
    pub templates: &'a tera::Tera,
    pub from: &'a str,
    pub public_url: &'a str,
}

impl Composer<'_> {
    /// The host part of Message-IDs: the portal's public host name.
    fn id_domain(&self) -> String {
        url::Url::parse(self.public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "portal.invalid".into())
    }

    pub fn message_id(&self, row: &OutboxRow) -> String {
        format!("<outbox.{}@{}>", row.id, self.id_domain())
    }

    pub fn compose(&self, row: &OutboxRow) -> Result<Message, ComposeError> {
        let payload: serde_json::Value = serde_json::from_str(&row.payload)?;
        let mut ctx = tera::Context::new();
        ctx.insert("lang", &row.language);
        ctx.insert("public_url", self.public_url);
        if let Some(obj) = payload.as_object() {
            for (k, v) in obj {
                ctx.insert(k.as_str(), v);
            }
        }
        let render = |part: &str| {
            self.templates
                .render(&format!("email/{}/{part}", row.template), &ctx)
        };
        let subject: String = render("subject.txt")?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let text = render("body.txt")?;
        let html = render("body.html")?;
        let message = Message::builder()
            .from(self.from.parse::<Mailbox>()?)
            .to(Mailbox::new(None, row.to_address.parse()?))
            .subject(subject)
            .message_id(Some(self.message_id(row)))
            .multipart(MultiPart::alternative_plain_html(text, html))?;
        Ok(message)
    }
}
