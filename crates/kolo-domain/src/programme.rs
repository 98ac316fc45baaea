//! Programme versions: what changed between two published programmes. The changelog is computed
//! from the snapshots, never typed, so it cannot disagree with them.

use crate::event::{ProgrammeItem, coded_enum};
use crate::text::LocalizedText;
use crate::validation::{FieldError, ValidationErrors};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// A part of a programme item that can change between versions (`links`: broadcast,
    /// recording and materials).
    ItemPart {
        Time = "time",
        Duration = "duration",
        Hall = "hall",
        Track = "track",
        Title = "title",
        Kind = "kind",
        Description = "description",
        Persons = "persons",
        Links = "links",
        Language = "language",
    }
);

/// An item named in a changelog: its guid and title (as in the version that has it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ItemRef {
    pub guid: String,
    pub title: LocalizedText,
}

/// An item both versions have, and which of its parts differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ItemChange {
    pub guid: String,
    /// The title in the newer version.
    pub title: LocalizedText,
    pub parts: Vec<ItemPart>,
}

/// What a version changed against the one before it (items matched by guid).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProgrammeChanges {
    /// In the newer version's order.
    pub added: Vec<ItemRef>,
    /// In the older version's order.
    pub removed: Vec<ItemRef>,
    /// In the newer version's order.
    pub changed: Vec<ItemChange>,
}

impl ProgrammeChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The parts in which two items (the same guid) differ, in `ItemPart::ALL` order.
pub fn changed_parts(before: &ProgrammeItem, after: &ProgrammeItem) -> Vec<ItemPart> {
    // Destructured, so that a new field of `ProgrammeItem` cannot be left out of the changelog.
    let ProgrammeItem {
        guid: _,
        kind,
        title,
        description,
        starts_at,
        duration_minutes,
        hall,
        track,
        persons,
        broadcast_url,
        recording_url,
        materials,
        language,
    } = after;
    ItemPart::ALL
        .iter()
        .copied()
        .filter(|part| match part {
            ItemPart::Time => before.starts_at != *starts_at,
            ItemPart::Duration => before.duration_minutes != *duration_minutes,
            ItemPart::Hall => before.hall != *hall,
            ItemPart::Track => before.track != *track,
            ItemPart::Title => before.title != *title,
            ItemPart::Kind => before.kind != *kind,
            ItemPart::Description => before.description != *description,
            ItemPart::Persons => before.persons != *persons,
            ItemPart::Links => {
                before.broadcast_url != *broadcast_url
                    || before.recording_url != *recording_url
                    || before.materials != *materials
            }
            ItemPart::Language => before.language != *language,
        })
        .collect()
}

/// What turns programme `before` into `after`.
pub fn programme_changes(before: &[ProgrammeItem], after: &[ProgrammeItem]) -> ProgrammeChanges {
    let find = |list: &[ProgrammeItem], guid: &str| list.iter().position(|i| i.guid == guid);
    let mut changes = ProgrammeChanges::default();
    for item in after {
        match find(before, &item.guid) {
            None => changes.added.push(ItemRef {
                guid: item.guid.clone(),
                title: item.title.clone(),
            }),
            Some(i) => {
                let parts = changed_parts(&before[i], item);
                if !parts.is_empty() {
                    changes.changed.push(ItemChange {
                        guid: item.guid.clone(),
                        title: item.title.clone(),
                        parts,
                    });
                }
            }
        }
    }
    changes.removed = before
        .iter()
        .filter(|i| find(after, &i.guid).is_none())
        .map(|i| ItemRef {
            guid: i.guid.clone(),
            title: i.title.clone(),
        })
        .collect();
    changes
}

/// The longest version name ("1.0", "final", "after the rehearsal").
pub const MAX_VERSION_NAME: usize = 60;

/// A version name, trimmed: required, one line, at most `MAX_VERSION_NAME` characters.
pub fn version_name(raw: &str) -> Result<String, ValidationErrors> {
    let name = raw.trim();
    let error = if name.is_empty() {
        FieldError::new("name", "required")
    } else if name.chars().count() > MAX_VERSION_NAME {
        FieldError::new("name", "too-long").with_limit(MAX_VERSION_NAME)
    } else if name.chars().any(char::is_control) {
        FieldError::new("name", "one-line")
    } else {
        return Ok(name.to_owned());
    };
    Err(error.into_errors())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{ExternalLink, ItemKind, ItemPerson, PersonRole};
    use crate::validation::Slug;

    fn item(guid: &str) -> ProgrammeItem {
        ProgrammeItem {
            guid: guid.into(),
            kind: ItemKind::Session,
            title: LocalizedText::new().with("ru", guid),
            description: LocalizedText::new(),
            starts_at: "2022-03-17T10:00:00".parse().unwrap(),
            duration_minutes: 60,
            hall: None,
            track: LocalizedText::new(),
            persons: vec![],
            broadcast_url: None,
            recording_url: None,
            materials: vec![],
            language: None,
        }
    }

    #[test]
    fn each_part_is_noticed_on_its_own() {
        type Edit = fn(&mut ProgrammeItem);
        let table: &[(Edit, &[ItemPart])] = &[
            (
                |i| i.starts_at = "2022-03-17T11:00:00".parse().unwrap(),
                &[ItemPart::Time],
            ),
            (|i| i.duration_minutes = 90, &[ItemPart::Duration]),
            (
                |i| i.hall = Some(Slug::parse("hall", "main").unwrap()),
                &[ItemPart::Hall],
            ),
            (
                |i| i.track = LocalizedText::new().with("ru", "Трек №1"),
                &[ItemPart::Track],
            ),
            (
                |i| i.title = LocalizedText::new().with("en", "Opening"),
                &[ItemPart::Title],
            ),
            (|i| i.kind = ItemKind::Talk, &[ItemPart::Kind]),
            (
                |i| i.description = LocalizedText::new().with("ru", "Текст"),
                &[ItemPart::Description],
            ),
            (
                |i| {
                    i.persons.push(ItemPerson {
                        name: LocalizedText::new().with("ru", "Иванова"),
                        role: PersonRole::Speaker,
                        affiliation: LocalizedText::new(),
                    })
                },
                &[ItemPart::Persons],
            ),
            (
                |i| i.recording_url = Some("https://example.org/r".parse().unwrap()),
                &[ItemPart::Links],
            ),
            (
                |i| {
                    i.materials.push(ExternalLink {
                        label: LocalizedText::new().with("ru", "Слайды"),
                        url: "https://example.org/s".parse().unwrap(),
                    })
                },
                &[ItemPart::Links],
            ),
            (
                |i| i.language = Some("kk-Cyrl".parse().unwrap()),
                &[ItemPart::Language],
            ),
            (
                |i| {
                    i.starts_at = "2022-03-17T12:00:00".parse().unwrap();
                    i.hall = Some(Slug::parse("hall", "small").unwrap());
                    i.title = LocalizedText::new().with("ru", "Новое");
                },
                &[ItemPart::Time, ItemPart::Hall, ItemPart::Title],
            ),
            (|_| {}, &[]),
        ];
        for (n, (edit, expected)) in table.iter().enumerate() {
            let before = item("a");
            let mut after = before.clone();
            edit(&mut after);
            assert_eq!(changed_parts(&before, &after), *expected, "row {n}");
        }
    }

    #[test]
    fn items_are_matched_by_guid() {
        let guids = |refs: &[ItemRef]| refs.iter().map(|r| r.guid.clone()).collect::<Vec<_>>();
        type Guids = &'static [&'static str];
        let table: &[(Guids, Guids, Guids, Guids)] = &[
            // before, after, added, removed
            (&[], &["a", "b"], &["a", "b"], &[]),
            (&["a", "b"], &[], &[], &["a", "b"]),
            (&["a", "b", "c"], &["c", "d", "a"], &["d"], &["b"]),
            (&["a"], &["a"], &[], &[]),
        ];
        for (before, after, added, removed) in table {
            let before: Vec<_> = before.iter().map(|g| item(g)).collect();
            let after: Vec<_> = after.iter().map(|g| item(g)).collect();
            let c = programme_changes(&before, &after);
            assert_eq!(guids(&c.added), *added, "{before:?} -> {after:?}");
            assert_eq!(guids(&c.removed), *removed, "{before:?} -> {after:?}");
            assert!(c.changed.is_empty());
            assert_eq!(c.is_empty(), added.is_empty() && removed.is_empty());
        }
    }

    #[test]
    fn a_moved_item_is_changed_not_removed_and_added() {
        let before = vec![item("a"), item("b")];
        let mut after = before.clone();
        after[1].duration_minutes = 30;
        after[1].title = LocalizedText::new().with("ru", "Короче");
        let c = programme_changes(&before, &after);
        assert_eq!(
            c.changed,
            [ItemChange {
                guid: "b".into(),
                title: LocalizedText::new().with("ru", "Короче"),
                parts: vec![ItemPart::Duration, ItemPart::Title],
            }]
        );
        assert!(c.added.is_empty() && c.removed.is_empty());
    }

    #[test]
    fn version_names_are_checked() {
        let table: &[(&str, Result<&str, &str>)] = &[
            ("1.0", Ok("1.0")),
            ("  final ", Ok("final")),
            ("", Err("required")),
            ("   ", Err("required")),
            ("a\nb", Err("one-line")),
            (&"x".repeat(61), Err("too-long")),
        ];
        for (raw, expected) in table {
            let got = version_name(raw).map_err(|e| e.errors[0].reason.clone());
            assert_eq!(
                got.as_deref().map_err(String::as_str),
                expected.as_ref().copied().map_err(|e| *e),
                "{raw:?}"
            );
        }
    }
}
