//! E-mail to registrants: through SMTP when `smtp_url` is configured, otherwise as RFC 5322
//! `.eml` files in an outbox folder. Both paths send the same lettre `Message` (the outbox file
//! is its `formatted()` bytes), so what the outbox holds is exactly what SMTP would carry. Outbox
//! files appear whole (written aside, then renamed), named by time, so a reader never sees half
//! a message.
//!
//! Sending never decides a registration: callers commit first, then send, and a failure is
//! logged and told on the page.

use crate::AppState;
use crate::i18n::Tr;
use crate::pages::events::span;
use kolo_domain::Event;
use kolo_domain::registration::RegistrationStatus;
use kolo_store::repo::registrations::Registration;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// The sender when `mail_from` is not configured.
pub const DEFAULT_FROM: &str = "Kolo <kolo@localhost>";

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("smtp_url: {0}")]
    SmtpUrl(#[source] lettre::transport::smtp::Error),
    #[error("mail_from `{0}` is not an e-mail address")]
    From(String),
    #[error("`{0}` is not an address lettre accepts")]
    To(String),
    #[error("building the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing to the outbox: {0}")]
    Outbox(#[from] std::io::Error),
}

#[derive(Clone, Debug)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

/// Where messages go, and whom they come from.
#[derive(Clone, Debug)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    /// SMTP (`smtp://host:25`, `smtps://user:pass@host`, `smtp://host?tls=required`) when
    /// `smtp_url` is given, else `.eml` files in `outbox` (which must exist).
    pub fn new(smtp_url: Option<&str>, from: &str, outbox: PathBuf) -> Result<Mailer, MailError> {
        let from = from
            .parse::<Mailbox>()
            .map_err(|_| MailError::From(from.to_owned()))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(MailError::SmtpUrl)?
                    // Within the request's own 30-second limit.
                    .timeout(Some(Duration::from_secs(15)))
                    .build(),
            ),
            None => Transport::Outbox(outbox),
        };
        Ok(Mailer { transport, from })
    }

    /// The sender's address (`kolo@example.org`), also who answers for the repository.
    pub fn from_address(&self) -> String {
        self.from.email.to_string()
    }

    /// A plain-text message, as both transports send it.
    pub fn message(&self, to: &str, subject: &str, body: String) -> Result<Message, MailError> {
        let to = to
            .parse::<Mailbox>()
            .map_err(|_| MailError::To(to.to_owned()))?;
        // A random id at the sender's domain (RFC 5322 3.6.4), like the links' secrets.
        let id = format!("<{}@{}>", kolo_store::new_token(), self.from.email.domain());
        Ok(Message::builder()
            .message_id(Some(id))
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)?)
    }

    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        match &self.transport {
            Transport::Smtp(t) => t.send(message).await.map(drop)?,
            Transport::Outbox(dir) => {
                let name = format!(
                    "{}-{}",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ"),
                    kolo_store::new_token()
                );
                let aside = dir.join(format!(".{name}.tmp"));
                tokio::fs::write(&aside, message.formatted()).await?;
                tokio::fs::rename(&aside, dir.join(format!("{name}.eml"))).await?;
            }
        }
        Ok(())
    }
}

/// Why a registrant is written to.
#[derive(Clone, Debug)]
pub enum Notice {
    /// They just registered (or registered again); carries the link to their registration.
    Registered { link: String },
    /// A place freed up and they moved from the waiting list.
    Promoted,
    /// An organiser approved or declined them.
    Moderated,
}

/// Subject and body in the registrant's language.
pub fn compose(event: &Event, registration: &Registration, notice: &Notice) -> (String, String) {
    let person = &registration.registrant;
    let tr = Tr::new(person.lang);
    let title = event
        .title
        .resolve(person.lang)
        .map(|v| v.text.to_owned())
        .unwrap_or_default();
    let with_event = |id: &str| tr.args(id, &[("event", title.clone().into())]);
    let subject = with_event(match notice {
        Notice::Registered { .. } => "mail-subject-registered",
        Notice::Promoted => "mail-subject-promoted",
        Notice::Moderated => "mail-subject-moderated",
    });
    let mut body = vec![
        tr.args("mail-greeting", &[("name", person.name.clone().into())]),
        with_event(&format!("mail-status-{}", registration.status.code())),
        tr.args(
            "mail-when",
            &[("date", span(event.starts_at, event.ends_at).into())],
        ),
    ];
    match notice {
        Notice::Registered { link } => {
            body.push(tr.args("mail-link", &[("link", link.clone().into())]));
            body.push(tr.t("mail-not-you"));
        }
        Notice::Promoted | Notice::Moderated
            if registration.status != RegistrationStatus::Declined =>
        {
            body.push(tr.t("mail-link-earlier"));
        }
        Notice::Promoted | Notice::Moderated => {}
    }
    (subject, body.join("\n\n") + "\n")
}

/// Writes to a registrant after their change was committed. Returns whether the message went
/// out; a failure is logged, never undoes anything.
pub async fn tell(
    state: &AppState,
    event: &Event,
    registration: &Registration,
    notice: Notice,
) -> bool {
    let (subject, body) = compose(event, registration, &notice);
    let sent = match state
        .config
        .mailer
        .message(&registration.registrant.email, &subject, body)
    {
        Ok(message) => state.config.mailer.send(message).await,
        Err(e) => Err(e),
    };
    match sent {
        Ok(()) => true,
        Err(e) => {
            tracing::error!(error = %e, registration = registration.id, "e-mail not sent");
            metrics::counter!("kolo_mail_failures_total").increment(1);
            false
        }
    }
}

/// Tells everyone who moved up from the waiting list, in the background: a capacity change
/// can promote many people, and the organiser's request need not wait for every message.
pub fn tell_promoted(state: &AppState, event: &Event, promoted: Vec<Registration>) {
    if promoted.is_empty() {
        return;
    }
    let (state, event) = (state.clone(), event.clone());
    tokio::spawn(async move {
        for r in &promoted {
            tell(&state, &event, r, Notice::Promoted).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use kolo_domain::registration::Registrant;
    use kolo_domain::{AttendanceMode, UiLang};

    fn event() -> Event {
        serde_json::from_value(serde_json::json!({
            "slug": "forum", "kind": "forum", "attendance": "offline", "original_lang": "ru",
            "title": {"ru": "Форум библиотек", "en": "Library forum"}, "time_zone": "Europe/Moscow",
            "starts_at": "2030-04-16T10:00:00", "ends_at": "2030-04-17T18:00:00",
        }))
        .unwrap()
    }

    fn registration(status: RegistrationStatus, lang: UiLang) -> Registration {
        let at = "2030-03-01T10:00:00".parse().unwrap();
        Registration {
            id: 7,
            event_id: 1,
            status,
            registrant: Registrant {
                name: "Анна Петренко".into(),
                email: "anna@example.org".into(),
                organisation: String::new(),
                position: String::new(),
                region: String::new(),
                attendance: AttendanceMode::Offline,
                answers: Default::default(),
                consent: true,
                lang,
            },
            consent_at: at,
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn messages_are_in_the_registrant_language_with_the_link() {
        let link = "https://kolo.example.org/registrations/abc".to_owned();
        let r = registration(RegistrationStatus::Waitlisted, UiLang::Ru);
        let (subject, body) = compose(&event(), &r, &Notice::Registered { link: link.clone() });
        assert!(subject.contains("Форум библиотек"), "{subject}");
        assert!(body.contains("Анна Петренко"), "{body}");
        assert!(body.contains(&link), "{body}");
        assert!(body.contains("16.04.2030"), "{body}");
        let en = registration(RegistrationStatus::Confirmed, UiLang::En);
        let (subject, _) = compose(&event(), &en, &Notice::Promoted);
        assert!(subject.contains("Library forum"), "{subject}");
    }

    #[test]
    fn the_outbox_message_is_what_smtp_would_send() {
        let mailer = Mailer::new(
            None,
            "Kolo <noreply@kolo.example.org>",
            std::env::temp_dir(),
        )
        .unwrap();
        let r = registration(RegistrationStatus::Confirmed, UiLang::Uk);
        let (subject, body) = compose(&event(), &r, &Notice::Moderated);
        let text = String::from_utf8(
            mailer
                .message("anna@example.org", &subject, body)
                .unwrap()
                .formatted(),
        )
        .unwrap();
        assert!(
            text.contains("From: Kolo <noreply@kolo.example.org>"),
            "{text}"
        );
        assert!(text.contains("To: anna@example.org"), "{text}");
        let id = text
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .unwrap();
        assert!(
            id.starts_with('<') && id.ends_with("@kolo.example.org>"),
            "{text}"
        );
        assert!(
            text.contains("Content-Type: text/plain; charset=utf-8"),
            "{text}"
        );
        // Non-ASCII subjects are RFC 2047 encoded words.
        assert!(text.contains("Subject: =?utf-8?"), "{text}");
        assert!(mailer.message("not an address", "s", "b".into()).is_err());
        assert!(Mailer::new(Some("ftp://nowhere"), "a@b.org", std::env::temp_dir()).is_err());
        assert!(Mailer::new(None, "not an address", std::env::temp_dir()).is_err());
    }
}
