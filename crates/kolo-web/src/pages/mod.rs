//! Server-rendered pages. Every page works without JavaScript and carries `<html lang>`,
//! `hreflang` alternates, Open Graph tags, JSON-LD and links to its machine-readable forms.

mod collections;
pub(crate) mod events;
pub(crate) mod exhibitions;
mod feeds;
mod outcomes;
pub mod posts;
pub(crate) mod projects;
mod public;
mod search;
mod sharing;
mod sitemap;
mod staff;

use crate::auth::{SignedIn, Viewer};
use crate::i18n::{LANG_COOKIE, PageLang, Tr};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use kolo_domain::{InstitutionKind, LocalizedText, NetworkKind, UiLang};

pub use public::public_routes;
pub use search::routes as search_routes;
pub use staff::{
    attachment_upload_routes, image_upload_routes, registration_routes, staff_routes,
    staff_upload_routes as upload_routes,
};

/// A link to another representation of the page (JSON, Atom, iCal...).
#[derive(Clone, Debug)]
pub struct Alternate {
    pub mime: &'static str,
    pub href: String,
    pub title: String,
}

/// What every page knows about its request: language, address, viewer.
#[derive(Clone, Debug)]
pub struct PageCtx {
    pub tr: Tr,
    pub lang: UiLang,
    pub lang_from_query: bool,
    /// Path of this page, without the query.
    pub path: String,
    /// The query minus `lang`, to carry filters across language switches.
    pub query: Vec<(String, String)>,
    pub viewer: Option<SignedIn>,
    pub public_url: String,
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let PageLang { lang, from_query } = PageLang::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|e| match e {});
        let Viewer(viewer) = Viewer::from_request_parts(parts, state).await?;
        let query = url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .filter(|(k, _)| k != "lang")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(PageCtx {
            tr: Tr::new(lang),
            lang,
            lang_from_query: from_query,
            path: parts.uri.path().to_owned(),
            query,
            viewer,
            public_url: state
                .config
                .public_url
                .as_str()
                .trim_end_matches('/')
                .to_owned(),
        })
    }
}

/// A multilingual value chosen for the page, with the `lang` attribute it needs, if any.
pub struct Shown<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
}

impl Shown<'_> {
    /// ` lang="kk-Latn"` when the value is not in the page's language. Tags are validated
    /// BCP 47 (letters, digits, hyphens), so the attribute needs no escaping.
    pub fn lang_attr(&self) -> String {
        self.lang
            .map(|l| format!(" lang=\"{l}\""))
            .unwrap_or_default()
    }

    /// The text split into paragraphs at blank lines.
    pub fn paragraphs(&self) -> Vec<&str> {
        self.text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    }
}

impl PageCtx {
    pub fn pick<'a>(&self, text: &'a LocalizedText) -> Shown<'a> {
        match text.resolve(self.lang) {
            Some(v) => Shown {
                text: v.text,
                lang: v.foreign.then_some(v.lang.as_str()),
            },
            None => Shown {
                text: "",
                lang: None,
            },
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.public_url, path)
    }

    /// This page in another language: the same path and filters, with `lang` set.
    pub fn lang_href(&self, lang: &UiLang) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.extend_pairs(self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        q.append_pair("lang", lang.code());
        format!("{}?{}", self.path, q.finish())
    }

    /// Where oEmbed consumers ask about this page.
    pub fn oembed_href(&self) -> String {
        let page = self.absolute(&self.path);
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.append_pair("url", &page).append_pair("format", "json");
        self.absolute(&format!("/oembed?{}", q.finish()))
    }

    /// Plain links to share this page.
    pub fn share_links(&self, title: &str) -> Vec<sharing::ShareLink> {
        sharing::share_links(&self.tr, &self.absolute(&self.path), title)
    }

    pub fn langs(&self) -> &'static [UiLang] {
        &UiLang::ALL
    }

    pub fn csrf(&self) -> &str {
        self.viewer.as_ref().map(|v| v.csrf.as_str()).unwrap_or("")
    }

    pub fn signed_in(&self) -> bool {
        self.viewer.is_some()
    }

    pub fn is_platform_admin(&self) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|v| v.principal.platform_admin)
    }

    pub fn can_edit_institution(&self, id: &i64) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|v| v.principal.can_edit_institution(*id))
    }

    pub fn can_edit_network(&self, id: &i64) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|v| v.principal.can_edit_network(*id))
    }

    pub fn kind_name(&self, kind: &InstitutionKind) -> String {
        self.tr.t(&format!("kind-{}", kind.code()))
    }

    pub fn network_kind_name(&self, kind: &NetworkKind) -> String {
        self.tr.t(&format!("network-kind-{}", kind.code()))
    }

    /// A country's name in the page language; the ISO code for countries we have no name for.
    pub fn country_name(&self, code: &str) -> String {
        let id = format!("country-{code}");
        if self.tr.has_own(&id) {
            self.tr.t(&id)
        } else {
            code.to_owned()
        }
    }
}

/// Links between the pages of a long list (`templates/pagination.html`).
#[derive(Clone, Debug)]
pub struct Pager {
    pub pages: i64,
    pub status: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `href(n)` is the address of page `n`.
    pub fn new(tr: &Tr, page: i64, pages: i64, href: impl Fn(i64) -> String) -> Pager {
        Pager {
            pages,
            status: tr.args(
                "pagination-status",
                &[("page", page.into()), ("pages", pages.into())],
            ),
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
        }
    }
}

/// The parts of `<head>` that differ per page.
#[derive(Clone, Debug, Default)]
pub struct Head {
    pub title: String,
    pub description: String,
    pub og_type: &'static str,
    pub alternates: Vec<Alternate>,
    /// Serialised JSON-LD, already safe for a `<script>` element.
    pub jsonld: Option<String>,
    /// The picture link previews (Open Graph, Twitter cards) show.
    pub image: Option<PreviewImage>,
    /// A record's own page: it gets the share menu and an oEmbed discovery link.
    pub shareable: bool,
}

/// An absolute picture address for link previews, and its text alternative.
#[derive(Clone, Debug)]
pub struct PreviewImage {
    pub url: String,
    pub alt: String,
}

impl Head {
    pub fn new(title: impl Into<String>) -> Self {
        Head {
            title: title.into(),
            og_type: "website",
            ..Default::default()
        }
    }

    pub fn describe(mut self, text: &str) -> Self {
        let mut d: String = text.chars().take(200).collect();
        if d.len() < text.len() {
            d.push('…');
        }
        self.description = d;
        self
    }

    /// Link previews show this picture (`url` absolute).
    pub fn image(mut self, url: Option<String>, alt: &str) -> Self {
        self.image = url.map(|url| PreviewImage {
            url,
            alt: alt.to_owned(),
        });
        self
    }

    /// A record's page: offered for sharing and embedding.
    pub fn shareable(mut self) -> Self {
        self.shareable = true;
        self
    }

    pub fn alternate(mut self, mime: &'static str, href: String, title: String) -> Self {
        self.alternates.push(Alternate { mime, href, title });
        self
    }

    pub fn jsonld(mut self, value: &serde_json::Value) -> Self {
        // Markup characters as JSON escapes: the same data, but nothing in it can end the
        // script element or look like a tag.
        self.jsonld = Some(
            value
                .to_string()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026"),
        );
        self
    }
}

/// (slug, name, selected) for a network filter's `<select>`.
pub fn network_choices<'a>(
    ctx: &PageCtx,
    networks: impl IntoIterator<Item = &'a kolo_store::Record<kolo_domain::Network>>,
    selected: Option<&str>,
) -> Vec<(String, String, bool)> {
    networks
        .into_iter()
        .map(|n| {
            let slug = n.value.slug.to_string();
            let chosen = Some(slug.as_str()) == selected;
            (slug, ctx.pick(&n.value.name).text.to_owned(), chosen)
        })
        .collect()
}

/// Renders a template into a response, remembering a language chosen by `?lang=`.
pub fn render<T: Template + HasCtx>(page: &T) -> Result<Response, AppError> {
    let html = page.render()?;
    let mut res = Html(html).into_response();
    let ctx = page.ctx();
    if ctx.lang_from_query {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            ctx.lang.code()
        );
        res.headers_mut().insert(
            axum::http::header::SET_COOKIE,
            cookie.parse().expect("ASCII cookie"),
        );
    }
    Ok(res)
}

pub trait HasCtx {
    fn ctx(&self) -> &PageCtx;
}

macro_rules! page_template {
    ($name:ident, $path:literal { $($field:ident : $ty:ty),* $(,)? }) => {
        #[derive(askama::Template)]
        #[template(path = $path)]
        pub struct $name {
            pub ctx: $crate::pages::PageCtx,
            pub head: $crate::pages::Head,
            $(pub $field: $ty,)*
        }
        impl $crate::pages::HasCtx for $name {
            fn ctx(&self) -> &$crate::pages::PageCtx {
                &self.ctx
            }
        }
    };
}
pub(crate) use page_template;

page_template!(LoginPageTemplate, "login.html" { csrf_token: String, next: String, email: String, message: String });

pub type LoginPage = LoginPageTemplate;

impl LoginPageTemplate {
    pub fn new(
        ctx: PageCtx,
        csrf_token: String,
        next: String,
        email: String,
        message: String,
    ) -> Self {
        let head = Head::new(ctx.t("login-title"));
        LoginPageTemplate {
            ctx,
            head,
            csrf_token,
            next,
            email,
            message,
        }
    }
}

#[derive(askama::Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub tr: Tr,
    pub lang: UiLang,
    pub status: u16,
    pub message: String,
    pub detail: String,
}

impl ErrorPage {
    pub fn html(tr: Tr, status: u16, message: String, detail: String) -> String {
        let page = ErrorPage {
            tr,
            lang: tr.lang,
            status,
            message,
            detail,
        };
        page.render().unwrap_or_else(|_| format!("Error {status}"))
    }
}
