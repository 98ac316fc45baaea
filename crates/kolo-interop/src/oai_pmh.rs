//! The OAI-PMH 2.0 protocol as pure code: a request's arguments parsed into a [`Request`] (or
//! the protocol error the specification names for them), resumption tokens, and the response
//! envelope around records another writer rendered (LIDO, `oai_dc`).
//!
//! - Identifiers are `oai:{host}:object:{id}`; sets are `institution:{slug}` and, below it,
//!   `institution:{slug}:collection:{key}`.
//! - Datestamps have seconds granularity (`YYYY-MM-DDThh:mm:ssZ`); `from` and `until` may also be
//!   days (`until=2024-07-16` includes that whole day), but not one of each.
//! - Resumption tokens are stateless, so they survive a restart and any number of servers: they
//!   carry the verb, format, set, bounds and the (datestamp, id) of the last record sent, and an
//!   HMAC-SHA256 over all of it with the server's key, so a changed token is refused
//!   (`badResumptionToken`) rather than trusted. Lists are ordered by (datestamp, id); a page
//!   continues after the token's position, so a harvest sees each record once even while records
//!   are added (a record changed mid-harvest moves to the end and is sent again, as it should).

use crate::xml::XmlWriter;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use kolo_domain::Slug;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::fmt;

pub const NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/";
const SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";

/// The formats every record is disseminated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MetadataFormat {
    OaiDc,
    Lido,
}

impl MetadataFormat {
    pub const ALL: [MetadataFormat; 2] = [MetadataFormat::OaiDc, MetadataFormat::Lido];

    pub fn prefix(self) -> &'static str {
        match self {
            MetadataFormat::OaiDc => "oai_dc",
            MetadataFormat::Lido => "lido",
        }
    }

    pub fn from_prefix(prefix: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.prefix() == prefix)
    }

    fn schema(self) -> &'static str {
        match self {
            MetadataFormat::OaiDc => crate::dublin_core::SCHEMA,
            MetadataFormat::Lido => crate::lido::SCHEMA_1_1,
        }
    }

    fn namespace(self) -> &'static str {
        match self {
            MetadataFormat::OaiDc => crate::dublin_core::NAMESPACE,
            MetadataFormat::Lido => crate::lido::NAMESPACE,
        }
    }
}

/// A set: an institution, or one of its collections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetSpec {
    Institution(Slug),
    Collection { institution: Slug, collection: Slug },
}

impl SetSpec {
    /// Our scheme only: `None` for any other set spec.
    pub fn parse(raw: &str) -> Option<SetSpec> {
        let slug = |s: &str| Slug::parse("set", s).ok();
        match raw.split(':').collect::<Vec<_>>().as_slice() {
            ["institution", i] => Some(SetSpec::Institution(slug(i)?)),
            ["institution", i, "collection", c] => Some(SetSpec::Collection {
                institution: slug(i)?,
                collection: slug(c)?,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for SetSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetSpec::Institution(i) => write!(f, "institution:{i}"),
            SetSpec::Collection {
                institution,
                collection,
            } => write!(f, "institution:{institution}:collection:{collection}"),
        }
    }
}

/// The OAI identifier of object `id` in the repository at `host`.
pub fn identifier(host: &str, id: &str) -> String {
    format!("oai:{host}:object:{id}")
}

/// The object id of an OAI identifier of this repository, if it is one.
pub fn object_id<'a>(host: &str, identifier: &'a str) -> Option<&'a str> {
    identifier
        .strip_prefix("oai:")?
        .strip_prefix(host)?
        .strip_prefix(":object:")
        .filter(|id| !id.is_empty())
}

/// The error codes of OAI-PMH 2.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadArgument,
    BadResumptionToken,
    BadVerb,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoMetadataFormats,
    NoRecordsMatch,
    NoSetHierarchy,
}

impl ErrorCode {
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::BadArgument => "badArgument",
            ErrorCode::BadResumptionToken => "badResumptionToken",
            ErrorCode::BadVerb => "badVerb",
            ErrorCode::CannotDisseminateFormat => "cannotDisseminateFormat",
            ErrorCode::IdDoesNotExist => "idDoesNotExist",
            ErrorCode::NoMetadataFormats => "noMetadataFormats",
            ErrorCode::NoRecordsMatch => "noRecordsMatch",
            ErrorCode::NoSetHierarchy => "noSetHierarchy",
        }
    }
}

/// A protocol error, with the request arguments the response echoes (none for `badVerb` and
/// `badArgument`, as the specification wants).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", code.code())]
pub struct OaiError {
    pub code: ErrorCode,
    pub message: String,
    echo: Vec<(&'static str, String)>,
}

impl OaiError {
    fn bare(code: ErrorCode, message: impl Into<String>) -> Self {
        OaiError {
            code,
            message: message.into(),
            echo: Vec::new(),
        }
    }

    /// An error found while answering a valid request (`idDoesNotExist`, `noRecordsMatch`).
    pub fn for_request(request: &Request, code: ErrorCode, message: impl Into<String>) -> Self {
        OaiError {
            code,
            message: message.into(),
            echo: request.echo.clone(),
        }
    }
}

/// Where a list stopped: the last record sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub datestamp: DateTime<Utc>,
    pub id: String,
}

/// A ListIdentifiers or ListRecords request: which records, and where to go on from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRequest {
    pub format: MetadataFormat,
    pub set: Option<SetSpec>,
    /// Inclusive bounds on the datestamp.
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Records come after this one (from a resumption token).
    pub after: Option<Position>,
    /// How many records earlier pages sent.
    pub cursor: u64,
    records: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verb {
    Identify,
    ListMetadataFormats {
        identifier: Option<String>,
    },
    ListSets,
    ListIdentifiers(ListRequest),
    ListRecords(ListRequest),
    GetRecord {
        identifier: String,
        format: MetadataFormat,
    },
}

/// A valid request, with the arguments its response echoes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub verb: Verb,
    echo: Vec<(&'static str, String)>,
}

/// The key resumption tokens are signed with: the server's secret, the same across restarts.
pub struct TokenKey(Vec<u8>);

impl TokenKey {
    pub fn new(secret: &[u8]) -> Self {
        TokenKey(secret.to_vec())
    }

    fn mac(&self, payload: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key");
        mac.update(payload);
        mac
    }
}

#[derive(Serialize, Deserialize)]
struct TokenData {
    records: bool,
    format: MetadataFormat,
    set: Option<String>,
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    after: Position,
    cursor: u64,
}

fn encode_token(key: &TokenKey, data: &TokenData) -> String {
    let payload = serde_json::to_vec(data).expect("token data serialise");
    let tag = key.mac(&payload).finalize().into_bytes();
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(&payload),
        URL_SAFE_NO_PAD.encode(tag)
    )
}

fn decode_token(key: &TokenKey, token: &str) -> Option<TokenData> {
    let (payload, tag) = token.split_once('.')?;
    let payload = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
    key.mac(&payload).verify_slice(&tag).ok()?;
    serde_json::from_slice(&payload).ok()
}

/// The `<resumptionToken>` of a page: `token` is `None` on the last page of a list that had
/// more than one (an empty element saying the list is complete).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumptionToken {
    pub token: Option<String>,
    pub complete_list_size: Option<u64>,
    pub cursor: u64,
}

impl ListRequest {
    /// This page of `rows` and its resumption token. `rows` are what the store found for this
    /// request in (datestamp, id) order after [`ListRequest::after`], at most `page_size + 1`
    /// of them: one more than fits says there is another page.
    pub fn page<T>(
        &self,
        key: &TokenKey,
        mut rows: Vec<T>,
        page_size: usize,
        complete_list_size: Option<u64>,
        position: impl Fn(&T) -> Position,
    ) -> (Vec<T>, Option<ResumptionToken>) {
        let more = rows.len() > page_size;
        rows.truncate(page_size);
        let token = match rows.last() {
            Some(last) if more => Some(encode_token(
                key,
                &TokenData {
                    records: self.records,
                    format: self.format,
                    set: self.set.as_ref().map(ToString::to_string),
                    from: self.from,
                    until: self.until,
                    after: position(last),
                    cursor: self.cursor + rows.len() as u64,
                },
            )),
            _ => None,
        };
        let resumption = (token.is_some() || self.cursor > 0).then_some(ResumptionToken {
            token,
            complete_list_size,
            cursor: self.cursor,
        });
        (rows, resumption)
    }
}

const ARGUMENTS: [&str; 7] = [
    "verb",
    "identifier",
    "metadataPrefix",
    "from",
    "until",
    "set",
    "resumptionToken",
];

fn pattern_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c)
}

/// A `from`/`until` value: the instant it starts or (for `until`) ends, and whether it was a day.
fn parse_bound(raw: &str, end: bool) -> Option<(DateTime<Utc>, bool)> {
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        && raw.len() == 10
    {
        let start = day.and_time(NaiveTime::MIN).and_utc();
        let instant = if end {
            start + TimeDelta::days(1) - TimeDelta::seconds(1)
        } else {
            start
        };
        return Some((instant, true));
    }
    let instant = DateTime::parse_from_rfc3339(raw).ok()?;
    (raw.len() == 20 && raw.ends_with('Z')).then(|| (instant.with_timezone(&Utc), false))
}

impl Request {
    /// Parses a request's arguments (query string or form, in order, repeated ones kept).
    pub fn parse(args: &[(String, String)], key: &TokenKey) -> Result<Request, OaiError> {
        use ErrorCode::*;
        let bad = |m: String| OaiError::bare(BadArgument, m);
        for (i, (name, _)) in args.iter().enumerate() {
            if args[..i].iter().any(|(n, _)| n == name) {
                return Err(if name == "verb" {
                    OaiError::bare(BadVerb, "the verb argument is repeated")
                } else {
                    bad(format!("the argument {name} is repeated"))
                });
            }
        }
        let get = |name: &str| {
            args.iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let Some(verb) = get("verb") else {
            return Err(OaiError::bare(BadVerb, "the verb argument is missing"));
        };
        let allowed: &[&str] = match verb {
            "Identify" => &[],
            "ListMetadataFormats" => &["identifier"],
            "ListSets" => &["resumptionToken"],
            "ListIdentifiers" | "ListRecords" => {
                &["metadataPrefix", "from", "until", "set", "resumptionToken"]
            }
            "GetRecord" => &["identifier", "metadataPrefix"],
            other => {
                return Err(OaiError::bare(
                    BadVerb,
                    format!("{other:?} is not an OAI-PMH verb"),
                ));
            }
        };
        for (name, _) in args {
            if name != "verb" && !allowed.contains(&name.as_str()) {
                return Err(bad(format!("{verb} does not take the argument {name}")));
            }
        }
        if get("resumptionToken").is_some() && args.len() > 2 {
            return Err(bad(
                "resumptionToken is an exclusive argument: no other but the verb".into(),
            ));
        }
        // Echoed only once each value is known to fit the response schema's type.
        let mut echo: Vec<(&'static str, String)> = vec![("verb", verb.to_owned())];
        for name in ARGUMENTS.into_iter().skip(1) {
            if let Some(value) = get(name) {
                let fits = match name {
                    "identifier" => {
                        !value.is_empty()
                            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
                    }
                    "metadataPrefix" => !value.is_empty() && value.chars().all(pattern_char),
                    "set" => value
                        .split(':')
                        .all(|part| !part.is_empty() && part.chars().all(pattern_char)),
                    "from" | "until" => parse_bound(value, name == "until").is_some(),
                    _ => true,
                };
                if !fits {
                    return Err(bad(format!("{name} {value:?} is not a legal value")));
                }
                echo.push((name, value.to_owned()));
            }
        }
        let with_echo = |code: ErrorCode, message: String| OaiError {
            code,
            message,
            echo: echo.clone(),
        };
        let format = |required: bool| -> Result<Option<MetadataFormat>, OaiError> {
            match get("metadataPrefix") {
                None if required => Err(bad(format!("{verb} needs metadataPrefix"))),
                None => Ok(None),
                Some(prefix) => MetadataFormat::from_prefix(prefix)
                    .map(Some)
                    .ok_or_else(|| {
                        with_echo(
                            CannotDisseminateFormat,
                            format!("records are available as oai_dc and lido, not {prefix}"),
                        )
                    }),
            }
        };
        let verb = match verb {
            "Identify" => Verb::Identify,
            "ListMetadataFormats" => Verb::ListMetadataFormats {
                identifier: get("identifier").map(str::to_owned),
            },
            "ListSets" => {
                if get("resumptionToken").is_some() {
                    return Err(with_echo(
                        BadResumptionToken,
                        "every set is listed at once; this repository issues no ListSets tokens"
                            .into(),
                    ));
                }
                Verb::ListSets
            }
            "GetRecord" => {
                let Some(identifier) = get("identifier") else {
                    return Err(bad("GetRecord needs identifier".into()));
                };
                Verb::GetRecord {
                    identifier: identifier.to_owned(),
                    format: format(true)?.expect("required"),
                }
            }
            list => {
                let records = list == "ListRecords";
                let request = match get("resumptionToken") {
                    Some(token) => {
                        let data = decode_token(key, token)
                            .filter(|d| d.records == records)
                            .ok_or_else(|| {
                                with_echo(
                                    BadResumptionToken,
                                    "the resumption token is not one this repository issued \
                                     for this verb"
                                        .into(),
                                )
                            })?;
                        ListRequest {
                            format: data.format,
                            set: data.set.as_deref().and_then(SetSpec::parse),
                            from: data.from,
                            until: data.until,
                            after: Some(data.after),
                            cursor: data.cursor,
                            records,
                        }
                    }
                    None => {
                        let format = format(true)?.expect("required");
                        let from = get("from").and_then(|f| parse_bound(f, false));
                        let until = get("until").and_then(|u| parse_bound(u, true));
                        if let (Some((f, f_day)), Some((u, u_day))) = (from, until) {
                            if f_day != u_day {
                                return Err(bad(
                                    "from and until must have the same granularity".into()
                                ));
                            }
                            if f > u {
                                return Err(bad("from is later than until".into()));
                            }
                        }
                        let set = match get("set") {
                            None => None,
                            Some(raw) => Some(SetSpec::parse(raw).ok_or_else(|| {
                                with_echo(NoRecordsMatch, format!("there is no set {raw}"))
                            })?),
                        };
                        ListRequest {
                            format,
                            set,
                            from: from.map(|(t, _)| t),
                            until: until.map(|(t, _)| t),
                            after: None,
                            cursor: 0,
                            records,
                        }
                    }
                };
                if records {
                    Verb::ListRecords(request)
                } else {
                    Verb::ListIdentifiers(request)
                }
            }
        };
        Ok(Request { verb, echo })
    }
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/// What every response says about itself.
#[derive(Debug, Clone, Copy)]
pub struct Envelope<'a> {
    pub base_url: &'a str,
    pub response_date: DateTime<Utc>,
}

/// The repository, for Identify (deleted records are kept persistently; seconds granularity).
#[derive(Debug, Clone)]
pub struct RepositoryInfo {
    pub name: String,
    pub admin_emails: Vec<String>,
    pub earliest_datestamp: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Header {
    pub identifier: String,
    pub datestamp: DateTime<Utc>,
    pub sets: Vec<SetSpec>,
    pub deleted: bool,
}

/// A record: its header and, unless deleted, its metadata as an element rendered by
/// [`crate::lido::write`] or [`crate::dublin_core::write`].
#[derive(Debug, Clone)]
pub struct Record {
    pub header: Header,
    pub metadata: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SetInfo {
    pub spec: SetSpec,
    pub name: String,
}

#[derive(Debug, Clone)]
pub enum Response {
    Identify(RepositoryInfo),
    ListMetadataFormats,
    ListSets(Vec<SetInfo>),
    GetRecord(Record),
    ListIdentifiers(Vec<Header>, Option<ResumptionToken>),
    ListRecords(Vec<Record>, Option<ResumptionToken>),
}

fn utc(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn open_envelope(env: &Envelope, echo: &[(&'static str, String)]) -> XmlWriter {
    let mut w = XmlWriter::document();
    let location = format!("{NAMESPACE} {SCHEMA}");
    w.open(
        "OAI-PMH",
        &[
            ("xmlns", Some(NAMESPACE)),
            (
                "xmlns:xsi",
                Some("http://www.w3.org/2001/XMLSchema-instance"),
            ),
            ("xsi:schemaLocation", Some(&location)),
        ],
    );
    w.leaf("responseDate", &[], &utc(env.response_date));
    let attrs: Vec<(&str, Option<&str>)> =
        echo.iter().map(|(k, v)| (*k, Some(v.as_str()))).collect();
    w.leaf("request", &attrs, env.base_url);
    w
}

/// An error response.
pub fn write_error(env: &Envelope, error: &OaiError) -> String {
    let mut w = open_envelope(env, &error.echo);
    w.leaf(
        "error",
        &[("code", Some(error.code.code()))],
        &error.message,
    );
    w.close("OAI-PMH");
    w.finish()
}

fn write_header(w: &mut XmlWriter, header: &Header) {
    w.open("header", &[("status", header.deleted.then_some("deleted"))]);
    w.leaf("identifier", &[], &header.identifier);
    w.leaf("datestamp", &[], &utc(header.datestamp));
    for set in &header.sets {
        w.leaf("setSpec", &[], &set.to_string());
    }
    w.close("header");
}

fn write_record(w: &mut XmlWriter, record: &Record) {
    w.open("record", &[]);
    write_header(w, &record.header);
    if let Some(metadata) = record
        .metadata
        .as_deref()
        .filter(|_| !record.header.deleted)
    {
        w.open("metadata", &[]);
        w.fragment(metadata);
        w.close("metadata");
    }
    w.close("record");
}

fn write_token(w: &mut XmlWriter, token: &Option<ResumptionToken>) {
    if let Some(t) = token {
        let size = t.complete_list_size.map(|s| s.to_string());
        let cursor = t.cursor.to_string();
        w.leaf(
            "resumptionToken",
            &[
                ("completeListSize", size.as_deref()),
                ("cursor", Some(&cursor)),
            ],
            t.token.as_deref().unwrap_or_default(),
        );
    }
}

/// The response to `request`.
pub fn write_response(env: &Envelope, request: &Request, response: &Response) -> String {
    let mut w = open_envelope(env, &request.echo);
    match response {
        Response::Identify(info) => {
            w.open("Identify", &[]);
            w.leaf("repositoryName", &[], &info.name);
            w.leaf("baseURL", &[], env.base_url);
            w.leaf("protocolVersion", &[], "2.0");
            for email in &info.admin_emails {
                w.leaf("adminEmail", &[], email);
            }
            w.leaf("earliestDatestamp", &[], &utc(info.earliest_datestamp));
            w.leaf("deletedRecord", &[], "persistent");
            w.leaf("granularity", &[], "YYYY-MM-DDThh:mm:ssZ");
            w.close("Identify");
        }
        Response::ListMetadataFormats => {
            w.open("ListMetadataFormats", &[]);
            for format in MetadataFormat::ALL {
                w.open("metadataFormat", &[]);
                w.leaf("metadataPrefix", &[], format.prefix());
                w.leaf("schema", &[], format.schema());
                w.leaf("metadataNamespace", &[], format.namespace());
                w.close("metadataFormat");
            }
            w.close("ListMetadataFormats");
        }
        Response::ListSets(sets) => {
            w.open("ListSets", &[]);
            for set in sets {
                w.open("set", &[]);
                w.leaf("setSpec", &[], &set.spec.to_string());
                w.leaf("setName", &[], &set.name);
                w.close("set");
            }
            w.close("ListSets");
        }
        Response::GetRecord(record) => {
            w.open("GetRecord", &[]);
            write_record(&mut w, record);
            w.close("GetRecord");
        }
        Response::ListIdentifiers(headers, token) => {
            w.open("ListIdentifiers", &[]);
            for header in headers {
                write_header(&mut w, header);
            }
            write_token(&mut w, token);
            w.close("ListIdentifiers");
        }
        Response::ListRecords(records, token) => {
            w.open("ListRecords", &[]);
            for record in records {
                write_record(&mut w, record);
            }
            write_token(&mut w, token);
            w.close("ListRecords");
        }
    }
    w.close("OAI-PMH");
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(raw: &[(&str, &str)]) -> Vec<(String, String)> {
        raw.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn key() -> TokenKey {
        TokenKey::new(b"test key")
    }

    fn parse(raw: &[(&str, &str)]) -> Result<Request, OaiError> {
        Request::parse(&args(raw), &key())
    }

    fn code(raw: &[(&str, &str)]) -> &'static str {
        parse(raw).unwrap_err().code.code()
    }

    #[test]
    fn every_protocol_error_of_the_arguments_is_named() {
        for (raw, expected) in [
            (&[][..], "badVerb"),
            (&[("verb", "Frobnicate")], "badVerb"),
            (&[("verb", "Identify"), ("verb", "Identify")], "badVerb"),
            (&[("verb", "Identify"), ("set", "x")], "badArgument"),
            (&[("verb", "ListRecords")], "badArgument"),
            (
                &[
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("metadataPrefix", "lido"),
                ],
                "badArgument",
            ),
            (
                &[
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("from", "2024-01-01"),
                    ("until", "2024-02-01T00:00:00Z"),
                ],
                "badArgument",
            ),
            (
                &[
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("from", "2024-02-01"),
                    ("until", "2024-01-01"),
                ],
                "badArgument",
            ),
            (
                &[
                    ("verb", "ListIdentifiers"),
                    ("metadataPrefix", "lido"),
                    ("from", "2024-13-01"),
                ],
                "badArgument",
            ),
            (
                &[
                    ("verb", "ListIdentifiers"),
                    ("metadataPrefix", "lido"),
                    ("from", "2024-01-01T00:00:00+02:00"),
                ],
                "badArgument",
            ),
            (
                &[
                    ("verb", "ListRecords"),
                    ("resumptionToken", "x"),
                    ("metadataPrefix", "lido"),
                ],
                "badArgument",
            ),
            (
                &[("verb", "GetRecord"), ("metadataPrefix", "lido")],
                "badArgument",
            ),
            (
                &[
                    ("verb", "GetRecord"),
                    ("identifier", "oai:x:object:1"),
                    ("metadataPrefix", "marc21"),
                ],
                "cannotDisseminateFormat",
            ),
            (
                &[("verb", "ListRecords"), ("resumptionToken", "forged")],
                "badResumptionToken",
            ),
            (
                &[("verb", "ListSets"), ("resumptionToken", "x")],
                "badResumptionToken",
            ),
            (
                &[
                    ("verb", "ListRecords"),
                    ("metadataPrefix", "lido"),
                    ("set", "objekttyp:Notgeld"),
                ],
                "noRecordsMatch",
            ),
        ] {
            assert_eq!(code(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn bounds_of_either_granularity_include_their_ends() {
        let request = parse(&[
            ("verb", "ListRecords"),
            ("metadataPrefix", "oai_dc"),
            ("from", "2024-07-01"),
            ("until", "2024-07-16"),
            ("set", "institution:novopskov-museum:collection:ethnography"),
        ])
        .unwrap();
        let Verb::ListRecords(list) = request.verb else {
            panic!("{request:?}")
        };
        assert_eq!(utc(list.from.unwrap()), "2024-07-01T00:00:00Z");
        assert_eq!(utc(list.until.unwrap()), "2024-07-16T23:59:59Z");
        assert_eq!(
            list.set.unwrap().to_string(),
            "institution:novopskov-museum:collection:ethnography"
        );
        let seconds = parse(&[
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "lido"),
            ("until", "2024-07-16T12:30:00Z"),
        ])
        .unwrap();
        let Verb::ListIdentifiers(list) = seconds.verb else {
            panic!()
        };
        assert_eq!(utc(list.until.unwrap()), "2024-07-16T12:30:00Z");
    }

    #[test]
    fn tokens_carry_the_list_on_and_refuse_tampering_and_other_keys() {
        let Verb::ListRecords(first) = parse(&[
            ("verb", "ListRecords"),
            ("metadataPrefix", "lido"),
            ("set", "institution:kenom"),
        ])
        .unwrap()
        .verb
        else {
            panic!()
        };
        let at = |i: i64| Position {
            datestamp: DateTime::from_timestamp(1_700_000_000 + i, 0).unwrap(),
            id: i.to_string(),
        };
        let (page, token) = first.page(&key(), vec![1, 2, 3], 2, Some(3), |i| at(*i));
        assert_eq!(page, [1, 2]);
        let token = token.unwrap();
        assert_eq!((token.cursor, token.complete_list_size), (0, Some(3)));
        let value = token.token.unwrap();
        let Verb::ListRecords(second) =
            parse(&[("verb", "ListRecords"), ("resumptionToken", &value)])
                .unwrap()
                .verb
        else {
            panic!()
        };
        assert_eq!(second.after, Some(at(2)));
        assert_eq!((second.cursor, second.format), (2, MetadataFormat::Lido));
        assert_eq!(second.set, first.set);
        let (page, last) = second.page(&key(), vec![3], 2, Some(3), |i| at(*i));
        assert_eq!(page, [3]);
        assert_eq!(
            last,
            Some(ResumptionToken {
                token: None,
                complete_list_size: Some(3),
                cursor: 2
            })
        );
        // A one-page list has no token at all.
        assert_eq!(first.page(&key(), vec![1], 2, None, |i| at(*i)).1, None);

        let mut forged = value.clone();
        forged.replace_range(0..1, if value.starts_with('e') { "f" } else { "e" });
        for (verb, token, key) in [
            ("ListRecords", forged.as_str(), self::key()),
            ("ListIdentifiers", value.as_str(), self::key()),
            (
                "ListRecords",
                value.as_str(),
                TokenKey::new(b"another server"),
            ),
        ] {
            let e = Request::parse(&args(&[("verb", verb), ("resumptionToken", token)]), &key)
                .unwrap_err();
            assert_eq!(e.code, ErrorCode::BadResumptionToken, "{verb}");
            assert_eq!(e.echo.len(), 2, "the token request is echoed");
        }
    }

    #[test]
    fn identifiers_and_sets_follow_the_scheme() {
        let id = identifier("kolo.example.org", "42");
        assert_eq!(id, "oai:kolo.example.org:object:42");
        assert_eq!(object_id("kolo.example.org", &id), Some("42"));
        assert_eq!(object_id("other.org", &id), None);
        assert_eq!(
            object_id("kolo.example.org", "oai:kolo.example.org:object:"),
            None
        );
        assert_eq!(SetSpec::parse("institution:Bad"), None);
        assert_eq!(SetSpec::parse("institution:a:collection"), None);
    }
}
