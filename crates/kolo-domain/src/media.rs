//! Media: the identity of an uploaded image or attached document, and a record's attachments.

use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A document attached to a record (a publication's PDF, a report as a Word file), by the id
/// of the stored file, which belongs to the record's institution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's id (32 hex digits), from `POST /api/v1/files`.
    #[schema(value_type = String)]
    pub file: MediaId,
    /// What readers see as its link; the file's name when empty.
    #[serde(default)]
    pub title: LocalizedText,
}

impl Attachment {
    pub const MAX_TITLE: usize = 300;
}

/// An image's or a file's opaque public id: 32 lower-case hex digits (a random UUID). Ids are never
/// sequential, so they reveal nothing about how many images an institution has.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MediaId(String);

/// The text is not a media id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a media id")]
pub struct NotAMediaId;

impl MediaId {
    pub const LEN: usize = 32;

    /// A fresh random id.
    pub fn random() -> MediaId {
        MediaId(uuid::Uuid::new_v4().simple().to_string())
    }

    pub fn parse(s: &str) -> Result<MediaId, NotAMediaId> {
        let ok = s.len() == Self::LEN
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| MediaId(s.to_owned())).ok_or(NotAMediaId)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MediaId {
    type Error = NotAMediaId;
    fn try_from(s: String) -> Result<Self, NotAMediaId> {
        MediaId::parse(&s)
    }
}

impl From<MediaId> for String {
    fn from(id: MediaId) -> String {
        id.0
    }
}

impl fmt::Display for MediaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_hex_and_parse_back() {
        let a = MediaId::random();
        assert_ne!(a, MediaId::random());
        assert_eq!(MediaId::parse(a.as_str()), Ok(a.clone()));
        for bad in [
            "",
            "a/b",
            "[frob]",
            "ABCDEF0123456789ABCDEF0123456789",
            &a.as_str()[1..],
        ] {
            assert_eq!(MediaId::parse(bad), Err(NotAMediaId), "{bad}");
        }
    }
}
