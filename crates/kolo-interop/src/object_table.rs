//! Museum objects from tables: CSV and JSON Lines, columns mapped to fields by a mapping file,
//! one [`ImportedObject`] or [`RowError`] per row (so an importer can go all-or-nothing or carry
//! on past bad rows).
//!
//! A mapping file is TOML, each field path naming its column:
//!
//! ```toml
//! delimiter = ";"                 # CSV only; default ","
//! separator = "|"                 # between the items of a list cell; default ";"
//! inventory_number = "Інв. №"
//! title.uk = "Назва"
//! dating.text.uk = "Датування"
//! dating.earliest = "Від"
//! materials_text.uk = "Матеріал"
//! materials.uk = "Матеріали"      # labels: terms keyed by their transliteration
//! techniques = "Техніки (ключі)"  # term keys
//! dimensions.height.cm = "Висота, см"
//! events.acquisition.actors_text.uk = "Надходження"
//! events.find.place.uk = "Місце знахідки"
//! [separators]
//! materials = ","
//! ```
//!
//! Field paths: `inventory_number` (required), `collection`, `state`, `rights`, `links`;
//! `{title, description, inscription, object_type_text, materials_text, dimensions_text,
//! provenance, credit_line}.{lang}`; `object_type`, `materials`, `techniques`, `cultures` as term
//! keys, or `.{lang}` for labels; `dating.{text.{lang}, earliest, latest, period[.{lang}]}`;
//! `dimensions.{kind}.{unit}` (a number in that unit); `events.{kind}.{actors[.{lang}],
//! actors_text.{lang}, place[.{lang}], place_text.{lang}, dating.text.{lang}, dating.earliest,
//! dating.latest, note.{lang}}`. Without a mapping file the CSV header (or each JSON line's keys,
//! nested objects joined with `.`) must name these paths itself.

use crate::objects::{ImportedObject, TermSet, term_key};
use kolo_domain::collection::{
    Dating, Dimension, DimensionKind, InventoryNumber, MuseumObject, ObjectEvent, ObjectEventKind,
    PublicationState, Rights, Unit,
};
use kolo_domain::event::ExternalLink;
use kolo_domain::lang::LangTag;
use kolo_domain::vocabulary::{Term, VocabularyKind};
use kolo_domain::{FieldError, LocalizedText, Slug};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{BufRead, Read};
use url::Url;

/// A mapping file or header that cannot be used: nothing was read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct MappingError {
    pub message: String,
}

fn mapping_error(message: impl Into<String>) -> MappingError {
    MappingError {
        message: message.into(),
    }
}

/// What is wrong with one cell (or the row, when `column` is none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub column: Option<String>,
    pub field: String,
    pub reason: String,
}

/// A row that does not make an object: its number (1-based, data rows only), the line it
/// starts on, and every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RowError {
    pub row: usize,
    pub line: u64,
    pub problems: Vec<Problem>,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {} (line {}): ", self.row, self.line)?;
        let parts: Vec<String> = self
            .problems
            .iter()
            .map(|p| match &p.column {
                Some(c) => format!("column {c:?} ({}): {}", p.field, p.reason),
                None => format!("{}: {}", p.field, p.reason),
            })
            .collect();
        f.write_str(&parts.join("; "))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextField {
    Title,
    Description,
    Inscription,
    ObjectTypeText,
    MaterialsText,
    DimensionsText,
    Provenance,
    CreditLine,
    DatingText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventField {
    Actors,
    ActorsText,
    Place,
    PlaceText,
    DatingText,
    Earliest,
    Latest,
    Note,
}

/// Where a column's values go.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    InventoryNumber,
    Collection,
    State,
    Rights,
    Links,
    Text(TextField, LangTag),
    /// Term keys, or labels in a language.
    Terms(VocabularyKind, Option<LangTag>),
    Earliest,
    Latest,
    Dimension(DimensionKind, Unit),
    Event(ObjectEventKind, EventField, Option<LangTag>),
}

fn parse_target(path: &str) -> Option<Target> {
    let parts: Vec<&str> = path.split('.').collect();
    let lang = |s: &str| s.parse::<LangTag>().ok();
    use Target as T;
    use TextField as F;
    let text_field = |name: &str| match name {
        "title" => Some(F::Title),
        "description" => Some(F::Description),
        "inscription" => Some(F::Inscription),
        "object_type_text" => Some(F::ObjectTypeText),
        "materials_text" => Some(F::MaterialsText),
        "dimensions_text" => Some(F::DimensionsText),
        "provenance" => Some(F::Provenance),
        "credit_line" => Some(F::CreditLine),
        _ => None,
    };
    let vocabulary = |name: &str| match name {
        "object_type" => Some(VocabularyKind::ObjectType),
        "materials" => Some(VocabularyKind::Material),
        "techniques" => Some(VocabularyKind::Technique),
        "cultures" => Some(VocabularyKind::Culture),
        _ => None,
    };
    Some(match parts.as_slice() {
        ["inventory_number"] => T::InventoryNumber,
        ["collection"] => T::Collection,
        ["state"] => T::State,
        ["rights"] => T::Rights,
        ["links"] => T::Links,
        ["dating", "text", l] => T::Text(F::DatingText, lang(l)?),
        ["dating", "earliest"] => T::Earliest,
        ["dating", "latest"] => T::Latest,
        ["dating", "period"] => T::Terms(VocabularyKind::Period, None),
        ["dating", "period", l] => T::Terms(VocabularyKind::Period, Some(lang(l)?)),
        ["dimensions", kind, unit] => {
            T::Dimension(DimensionKind::from_code(kind)?, Unit::from_code(unit)?)
        }
        ["events", kind, rest @ ..] => {
            let kind = ObjectEventKind::from_code(kind)?;
            let (field, l) = match rest {
                ["actors"] => (EventField::Actors, None),
                ["actors", l] => (EventField::Actors, Some(lang(l)?)),
                ["actors_text", l] => (EventField::ActorsText, Some(lang(l)?)),
                ["place"] => (EventField::Place, None),
                ["place", l] => (EventField::Place, Some(lang(l)?)),
                ["place_text", l] => (EventField::PlaceText, Some(lang(l)?)),
                ["dating", "text", l] => (EventField::DatingText, Some(lang(l)?)),
                ["dating", "earliest"] => (EventField::Earliest, None),
                ["dating", "latest"] => (EventField::Latest, None),
                ["note", l] => (EventField::Note, Some(lang(l)?)),
                _ => return None,
            };
            T::Event(kind, field, l)
        }
        [name] => T::Terms(vocabulary(name)?, None),
        [name, l] => match text_field(name) {
            Some(field) => T::Text(field, lang(l)?),
            None => T::Terms(vocabulary(name)?, Some(lang(l)?)),
        },
        _ => return None,
    })
}

/// Which column feeds which field, and how list cells are split.
#[derive(Debug, Clone)]
pub struct Mapping {
    columns: Vec<(String, Target, String)>,
    delimiter: u8,
    separator: String,
    separators: BTreeMap<String, String>,
}

impl Mapping {
    /// Reads a mapping file (see the module doc).
    pub fn parse(toml_text: &str) -> Result<Mapping, MappingError> {
        let table: toml::Table =
            toml::from_str(toml_text).map_err(|e| mapping_error(format!("mapping file: {e}")))?;
        let mut mapping = Mapping::new(Vec::new());
        let mut pairs = Vec::new();
        for (key, value) in &table {
            match (key.as_str(), value) {
                ("delimiter", toml::Value::String(d)) if d.len() == 1 => {
                    mapping.delimiter = d.as_bytes()[0];
                }
                ("separator", toml::Value::String(s)) if !s.is_empty() => {
                    mapping.separator = s.clone();
                }
                ("separators", toml::Value::Table(t)) => {
                    for (field, sep) in t {
                        let sep = sep.as_str().filter(|s| !s.is_empty()).ok_or_else(|| {
                            mapping_error(format!("separators.{field}: not a separator"))
                        })?;
                        mapping.separators.insert(field.clone(), sep.to_owned());
                    }
                }
                ("delimiter" | "separator", _) => {
                    return Err(mapping_error(format!(
                        "{key}: a single character is expected"
                    )));
                }
                _ => flatten(key, value, &mut pairs)?,
            }
        }
        for (path, column) in pairs {
            let target = parse_target(&path)
                .ok_or_else(|| mapping_error(format!("{path}: not a field Kolo knows")))?;
            mapping.columns.push((path, target, column));
        }
        mapping.require_inventory_number()?;
        Ok(mapping)
    }

    fn new(columns: Vec<(String, Target, String)>) -> Mapping {
        Mapping {
            columns,
            delimiter: b',',
            separator: ";".into(),
            separators: BTreeMap::new(),
        }
    }

    /// The mapping of a header that names Kolo's field paths itself.
    pub fn from_header(header: &[String]) -> Result<Mapping, MappingError> {
        let columns = header
            .iter()
            .map(|name| {
                parse_target(name.trim())
                    .map(|t| (name.trim().to_owned(), t, name.clone()))
                    .ok_or_else(|| {
                        mapping_error(format!(
                            "column {name:?} is not a field Kolo knows; give a mapping file"
                        ))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mapping = Mapping::new(columns);
        mapping.require_inventory_number()?;
        Ok(mapping)
    }

    fn require_inventory_number(&self) -> Result<(), MappingError> {
        if self
            .columns
            .iter()
            .any(|(_, t, _)| *t == Target::InventoryNumber)
        {
            Ok(())
        } else {
            Err(mapping_error("no column is mapped to inventory_number"))
        }
    }

    fn separator(&self, path: &str) -> &str {
        let field = path.split('.').next().unwrap_or_default();
        self.separators
            .get(path)
            .or_else(|| self.separators.get(field))
            .unwrap_or(&self.separator)
    }
}

fn flatten(
    prefix: &str,
    value: &toml::Value,
    out: &mut Vec<(String, String)>,
) -> Result<(), MappingError> {
    match value {
        toml::Value::String(column) => out.push((prefix.to_owned(), column.clone())),
        toml::Value::Table(t) => {
            for (k, v) in t {
                flatten(&format!("{prefix}.{k}"), v, out)?;
            }
        }
        _ => {
            return Err(mapping_error(format!(
                "{prefix}: a column name (a string) is expected"
            )));
        }
    }
    Ok(())
}

/// A cell's value: text (lists split by the separator), or a JSON array.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    List(Vec<String>),
}

/// One row, by column name.
type Row = Vec<(String, Cell)>;

/// Reads CSV (a header line, then one object a row). `mapping` none: the header names the
/// fields. Header problems fail at once; each row then gives an object or its errors.
pub fn read_csv<'a, R: Read + 'a>(
    reader: R,
    mapping: Option<&Mapping>,
    institution: &'a Slug,
) -> Result<impl Iterator<Item = Result<ImportedObject, RowError>> + 'a, MappingError> {
    let delimiter = mapping.map_or(b',', |m| m.delimiter);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(reader);
    let header: Vec<String> = csv
        .headers()
        .map_err(|e| mapping_error(format!("the header: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mapping = match mapping {
        Some(m) => {
            for (path, _, column) in &m.columns {
                if !header.contains(column) {
                    return Err(mapping_error(format!(
                        "{path}: the column {column:?} is not in the header"
                    )));
                }
            }
            m.clone()
        }
        None => Mapping::from_header(&header)?,
    };
    Ok(csv.into_records().enumerate().map(move |(i, record)| {
        let row = i + 1;
        let record = record.map_err(|e| RowError {
            row,
            line: e.position().map_or(0, |p| p.line()),
            problems: vec![Problem {
                column: None,
                field: "row".into(),
                reason: format!("malformed-csv: {e}"),
            }],
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let cells: Row = header
            .iter()
            .cloned()
            .zip(record.iter().map(|v| Cell::Text(v.to_owned())))
            .collect();
        map_row(&mapping, &cells, institution).map_err(|problems| RowError {
            row,
            line,
            problems,
        })
    }))
}

/// Reads JSON Lines (one object a line; blank lines skipped). `mapping` none: each line's keys
/// (nested objects joined with `.`) name the fields.
pub fn read_jsonl<'a, R: BufRead + 'a>(
    reader: R,
    mapping: Option<&'a Mapping>,
    institution: &'a Slug,
) -> impl Iterator<Item = Result<ImportedObject, RowError>> + 'a {
    let mut row = 0;
    reader.lines().enumerate().filter_map(move |(i, line)| {
        let line_no = i as u64 + 1;
        let fail = |row, reason: String| RowError {
            row,
            line: line_no,
            problems: vec![Problem {
                column: None,
                field: "row".into(),
                reason,
            }],
        };
        let text = match line {
            Ok(text) if text.trim().is_empty() => return None,
            Ok(text) => text,
            Err(e) => {
                row += 1;
                return Some(Err(fail(row, format!("unreadable: {e}"))));
            }
        };
        row += 1;
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => return Some(Err(fail(row, format!("malformed-json: {e}")))),
        };
        let serde_json::Value::Object(map) = value else {
            return Some(Err(fail(row, "not a JSON object".into())));
        };
        let mut cells = Row::new();
        flatten_json("", &serde_json::Value::Object(map), &mut cells);
        let result = match mapping {
            Some(m) => map_row(m, &cells, institution),
            None => Mapping::from_header(&cells.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>())
                .map_err(|e| {
                    vec![Problem {
                        column: None,
                        field: "row".into(),
                        reason: e.message,
                    }]
                })
                .and_then(|m| map_row(&m, &cells, institution)),
        };
        Some(result.map_err(|problems| RowError {
            row,
            line: line_no,
            problems,
        }))
    })
}

fn flatten_json(prefix: &str, value: &serde_json::Value, out: &mut Row) {
    use serde_json::Value as V;
    let scalar = |v: &V| match v {
        V::String(s) => Some(s.clone()),
        V::Number(n) => Some(n.to_string()),
        V::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        V::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten_json(&key, v, out);
            }
        }
        V::Array(items) => out.push((
            prefix.to_owned(),
            Cell::List(items.iter().filter_map(scalar).collect()),
        )),
        V::Null => {}
        other => out.push((
            prefix.to_owned(),
            Cell::Text(scalar(other).unwrap_or_default()),
        )),
    }
}

/// An event's fields as a row gives them.
struct EventDraft {
    event: ObjectEvent,
    dating_text: LocalizedText,
    earliest: Option<i32>,
    latest: Option<i32>,
}

fn blank_event(kind: ObjectEventKind) -> ObjectEvent {
    ObjectEvent {
        kind,
        actors: vec![],
        actors_text: LocalizedText::new(),
        place: None,
        place_text: LocalizedText::new(),
        dating: None,
        note: LocalizedText::new(),
    }
}

fn dating_of(
    text: LocalizedText,
    earliest: Option<i32>,
    latest: Option<i32>,
    period: Option<Slug>,
) -> Option<Dating> {
    (!text.is_empty() || earliest.is_some() || latest.is_some() || period.is_some()).then_some(
        Dating {
            text,
            earliest,
            latest,
            period,
        },
    )
}

/// One row as an object, or every problem in it.
fn map_row(
    mapping: &Mapping,
    row: &Row,
    institution: &Slug,
) -> Result<ImportedObject, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut terms = TermSet::default();
    let mut o = MuseumObject {
        institution: institution.clone(),
        inventory_number: InventoryNumber::parse("inventory_number", "-").expect("placeholder"),
        collection: None,
        object_type: None,
        object_type_text: LocalizedText::new(),
        title: LocalizedText::new(),
        description: LocalizedText::new(),
        inscription: LocalizedText::new(),
        dating: None,
        materials: vec![],
        techniques: vec![],
        materials_text: LocalizedText::new(),
        dimensions: vec![],
        dimensions_text: LocalizedText::new(),
        cultures: vec![],
        events: vec![],
        provenance: LocalizedText::new(),
        credit_line: LocalizedText::new(),
        rights: None,
        images: vec![],
        links: vec![],
        state: PublicationState::Draft,
    };
    let mut inventory = None;
    let (mut dating_text, mut earliest, mut latest, mut period) =
        (LocalizedText::new(), None, None, None);
    let mut events: BTreeMap<&'static str, EventDraft> = BTreeMap::new();
    for (path, target, column) in &mapping.columns {
        let Some((_, cell)) = row.iter().find(|(name, _)| name == column) else {
            continue;
        };
        let values: Vec<String> = match cell {
            Cell::Text(t) if t.trim().is_empty() => continue,
            Cell::Text(t) => match target {
                Target::Terms(..) | Target::Links | Target::Event(_, EventField::Actors, _) => t
                    .split(mapping.separator(path))
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect(),
                _ => vec![t.trim().to_owned()],
            },
            Cell::List(items) => items.clone(),
        };
        let mut fail = |e: FieldError| {
            problems.push(Problem {
                column: Some(column.clone()),
                field: path.clone(),
                reason: e.reason,
            })
        };
        let one = values.join(" ");
        let year = |raw: &str| {
            raw.trim()
                .parse::<i32>()
                .map_err(|_| FieldError::new(path.clone(), "not-a-year"))
        };
        // A term from a key, or from a label in `lang` (keyed by its transliteration).
        let mut term =
            |kind: VocabularyKind, lang: &Option<LangTag>, raw: &str| -> Result<Slug, FieldError> {
                match lang {
                    None => Slug::parse(path, raw),
                    Some(lang) => {
                        let mut label = LocalizedText::new();
                        label.set(lang.clone(), raw);
                        let key = term_key(&[], &label)
                            .ok_or_else(|| FieldError::new(path.clone(), "no-key"))?;
                        terms.insert(Term {
                            kind,
                            key: key.clone(),
                            label,
                            alt_labels: vec![],
                            note: LocalizedText::new(),
                            links: vec![],
                            broader: None,
                            coordinates: None,
                            years: None,
                        });
                        Ok(key)
                    }
                }
            };
        match target {
            Target::InventoryNumber => match InventoryNumber::parse(path, &one) {
                Ok(n) => inventory = Some(n),
                Err(e) => fail(e),
            },
            Target::Collection => match Slug::parse(path, &one) {
                Ok(s) => o.collection = Some(s),
                Err(e) => fail(e),
            },
            Target::State => match PublicationState::from_code(&one) {
                Some(s) => o.state = s,
                None => fail(FieldError::new(path.clone(), "unknown-state")),
            },
            Target::Rights => match Rights::parse(path, &one) {
                Ok(r) => o.rights = Some(r),
                Err(e) => fail(e),
            },
            Target::Links => {
                for raw in &values {
                    match Url::parse(raw) {
                        Ok(url) if matches!(url.scheme(), "http" | "https") => {
                            o.links.push(ExternalLink {
                                label: LocalizedText::new(),
                                url,
                            })
                        }
                        _ => fail(FieldError::new(path.clone(), "invalid-url")),
                    }
                }
            }
            Target::Text(field, lang) => {
                let text = match field {
                    TextField::Title => &mut o.title,
                    TextField::Description => &mut o.description,
                    TextField::Inscription => &mut o.inscription,
                    TextField::ObjectTypeText => &mut o.object_type_text,
                    TextField::MaterialsText => &mut o.materials_text,
                    TextField::DimensionsText => &mut o.dimensions_text,
                    TextField::Provenance => &mut o.provenance,
                    TextField::CreditLine => &mut o.credit_line,
                    TextField::DatingText => &mut dating_text,
                };
                text.set(lang.clone(), one);
            }
            Target::Terms(kind, lang) => {
                for raw in &values {
                    match term(*kind, lang, raw) {
                        Ok(key) => {
                            let list = match kind {
                                VocabularyKind::Material => &mut o.materials,
                                VocabularyKind::Technique => &mut o.techniques,
                                VocabularyKind::Culture => &mut o.cultures,
                                VocabularyKind::ObjectType => {
                                    o.object_type = Some(key);
                                    continue;
                                }
                                _ => {
                                    period = Some(key);
                                    continue;
                                }
                            };
                            if !list.contains(&key) {
                                list.push(key);
                            }
                        }
                        Err(e) => fail(e),
                    }
                }
            }
            Target::Earliest => match year(&one) {
                Ok(y) => earliest = Some(y),
                Err(e) => fail(e),
            },
            Target::Latest => match year(&one) {
                Ok(y) => latest = Some(y),
                Err(e) => fail(e),
            },
            Target::Dimension(kind, unit) => match one.replace(',', ".").parse::<f64>() {
                Ok(value) => o.dimensions.push(Dimension {
                    kind: *kind,
                    value,
                    unit: *unit,
                    part: LocalizedText::new(),
                }),
                Err(_) => fail(FieldError::new(path.clone(), "not-a-number")),
            },
            Target::Event(kind, field, lang) => {
                let EventDraft {
                    event: e,
                    dating_text: text,
                    earliest: e_earliest,
                    latest: e_latest,
                } = events.entry(kind.code()).or_insert_with(|| EventDraft {
                    event: blank_event(*kind),
                    dating_text: LocalizedText::new(),
                    earliest: None,
                    latest: None,
                });
                match field {
                    EventField::Actors => {
                        for raw in &values {
                            match term(VocabularyKind::Actor, lang, raw) {
                                Ok(key) if !e.actors.contains(&key) => e.actors.push(key),
                                Ok(_) => {}
                                Err(err) => fail(err),
                            }
                        }
                    }
                    EventField::Place => match term(VocabularyKind::Place, lang, &one) {
                        Ok(key) => e.place = Some(key),
                        Err(err) => fail(err),
                    },
                    EventField::Earliest => match year(&one) {
                        Ok(y) => *e_earliest = Some(y),
                        Err(err) => fail(err),
                    },
                    EventField::Latest => match year(&one) {
                        Ok(y) => *e_latest = Some(y),
                        Err(err) => fail(err),
                    },
                    EventField::ActorsText
                    | EventField::PlaceText
                    | EventField::DatingText
                    | EventField::Note => {
                        let lang = lang.clone().expect("text fields have a language");
                        let target = match field {
                            EventField::ActorsText => &mut e.actors_text,
                            EventField::PlaceText => &mut e.place_text,
                            EventField::DatingText => text,
                            _ => &mut e.note,
                        };
                        target.set(lang, one);
                    }
                }
            }
        }
    }
    o.dating = dating_of(dating_text, earliest, latest, period);
    for kind in ObjectEventKind::ALL {
        if let Some(mut draft) = events.remove(kind.code()) {
            draft.event.dating = dating_of(draft.dating_text, draft.earliest, draft.latest, None);
            o.events.push(draft.event);
        }
    }
    match inventory {
        Some(n) => o.inventory_number = n,
        None if problems.iter().any(|p| p.field == "inventory_number") => {}
        None => problems.push(Problem {
            column: column_of(mapping, "inventory_number"),
            field: "inventory_number".into(),
            reason: "required".into(),
        }),
    }
    if let Err(errors) = o.validate() {
        for e in errors.errors {
            problems.push(Problem {
                column: column_of(mapping, &e.field),
                field: e.field,
                reason: e.reason,
            });
        }
    }
    if problems.is_empty() {
        Ok(ImportedObject {
            source_id: None,
            object: o,
            terms: terms.into_vec(),
        })
    } else {
        Err(problems)
    }
}

/// The column behind a field the domain reported (`title` → the first `title.*` column).
fn column_of(mapping: &Mapping, field: &str) -> Option<String> {
    let field = field.split('[').next().unwrap_or(field);
    mapping
        .columns
        .iter()
        .find(|(path, _, _)| path == field || path.starts_with(&format!("{field}.")))
        .map(|(_, _, column)| column.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn museum() -> Slug {
        Slug::parse("slug", "novopskov-museum").unwrap()
    }

    const MAPPING: &str = r#"
delimiter = ";"
inventory_number = "Інв. №"
title.uk = "Назва"
dating.text.uk = "Датування"
dating.earliest = "Від"
dating.latest = "До"
materials_text.uk = "Матеріал"
materials.uk = "Матеріали"
dimensions.length.cm = "Довжина, см"
events.acquisition.actors_text.uk = "Надходження"
rights = "Права"
[separators]
materials = ","
"#;

    #[test]
    fn a_mapped_csv_gives_objects_and_label_terms() {
        let csv = "Інв. №;Назва;Датування;Від;До;Матеріал;Матеріали;Довжина, см;Надходження;Права;Примітка\n\
                   КП-1234/5;Святковий жіночий костюм;кін. ХІХ – поч. ХХ ст.;1880;1920;льон, вовна;льон, вовна;120,5;дар родини Коваленків;https://creativecommons.org/licenses/by-sa/4.0;не імпортується\n";
        let mapping = Mapping::parse(MAPPING).unwrap();
        let rows: Vec<_> = read_csv(csv.as_bytes(), Some(&mapping), &museum())
            .unwrap()
            .collect();
        let imported = rows[0].as_ref().unwrap();
        let o = &imported.object;
        assert_eq!(o.inventory_number.as_str(), "КП-1234/5");
        assert_eq!(o.title.get("uk"), Some("Святковий жіночий костюм"));
        let dating = o.dating.as_ref().unwrap();
        assert_eq!((dating.earliest, dating.latest), (Some(1880), Some(1920)));
        assert_eq!(
            o.materials.iter().map(Slug::as_str).collect::<Vec<_>>(),
            ["lon", "vovna"]
        );
        assert_eq!(imported.terms[0].label.get("uk"), Some("льон"));
        assert_eq!(o.dimensions[0].value, 120.5);
        assert_eq!(o.events[0].kind, ObjectEventKind::Acquisition);
        assert_eq!(
            o.events[0].actors_text.get("uk"),
            Some("дар родини Коваленків")
        );
        assert_eq!(o.state, PublicationState::Draft);
    }

    #[test]
    fn bad_rows_name_row_line_column_and_reason() {
        let csv = "Інв. №;Назва;Датування;Від;До;Матеріал;Матеріали;Довжина, см;Надходження;Права\n\
                   A-1;Перший;;;;;;;;\n\
                   \"A-2\nз переносом\";;;1950;1900;;;-3;;ftp://example.org\n\
                   A-3;Третій;;;;;;\n";
        let mapping = Mapping::parse(MAPPING).unwrap();
        let rows: Vec<_> = read_csv(csv.as_bytes(), Some(&mapping), &museum())
            .unwrap()
            .collect();
        assert!(rows[0].is_ok());
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!((e.row, e.line), (2, 3));
        assert_eq!(e.problems.len(), 5, "{e}");
        let reasons: Vec<(Option<&str>, &str)> = e
            .problems
            .iter()
            .map(|p| (p.column.as_deref(), p.reason.as_str()))
            .collect();
        for expected in [
            (Some("Права"), "unknown-rights-statement"),
            (Some("Інв. №"), "control-character"),
            (Some("Назва"), "required"),
            (Some("До"), "reversed-range"),
            (Some("Довжина, см"), "not-positive"),
        ] {
            assert!(reasons.contains(&expected), "{expected:?} in {reasons:?}");
        }
        let e = rows[2].as_ref().unwrap_err();
        assert_eq!((e.row, e.line), (3, 5));
        assert!(e.problems[0].reason.starts_with("malformed-csv"), "{e}");
    }

    #[test]
    fn mapping_and_header_problems_stop_before_any_row() {
        for (toml, message) in [
            (
                "title.uk = \"Назва\"",
                "no column is mapped to inventory_number",
            ),
            (
                "inventory_number = \"N\"\ncolour = \"C\"",
                "colour: not a field",
            ),
            (
                "inventory_number = \"N\"\ntitle.xx-invalid-tag-9 = \"T\"",
                "not a field",
            ),
            ("inventory_number = 3", "a column name"),
        ] {
            let e = Mapping::parse(toml).unwrap_err();
            assert!(e.message.contains(message), "{toml}: {e}");
        }
        let mapping = Mapping::parse("inventory_number = \"N\"\ntitle.en = \"Title\"").unwrap();
        let e = read_csv("N,Name\n1,x\n".as_bytes(), Some(&mapping), &museum())
            .err()
            .unwrap();
        assert!(e.message.contains("\"Title\" is not in the header"), "{e}");
        let e = read_csv(
            "inventory_number,colour\n1,red\n".as_bytes(),
            None,
            &museum(),
        )
        .err()
        .unwrap();
        assert!(e.message.contains("\"colour\" is not a field"), "{e}");
    }

    #[test]
    fn a_header_of_field_paths_needs_no_mapping() {
        let csv = "inventory_number,title.en,materials,dimensions.height.mm,state\n\
                   T-1,Golden Man,gold;bronze,1850,published\n";
        let rows: Vec<_> = read_csv(csv.as_bytes(), None, &museum()).unwrap().collect();
        let imported = rows[0].as_ref().unwrap();
        let o = &imported.object;
        assert_eq!(
            o.materials.iter().map(Slug::as_str).collect::<Vec<_>>(),
            ["gold", "bronze"]
        );
        assert!(
            imported.terms.is_empty(),
            "keys refer to terms, labels make them"
        );
        assert_eq!(
            (o.dimensions[0].kind, o.dimensions[0].unit),
            (DimensionKind::Height, Unit::Mm)
        );
        assert_eq!(o.state, PublicationState::Published);
    }

    #[test]
    fn json_lines_name_their_fields_by_nesting() {
        let jsonl = r#"{"inventory_number": "T-1", "title": {"en": "Golden Man", "kk": "Алтын адам"}, "materials": ["gold", "bronze"], "events": {"find": {"place": {"kk": "Есік"}, "dating": {"earliest": -400, "latest": -300}}}}

{"inventory_number": "T-2", "title": {"en": "x"}, "colour": "red"}
not json
"#;
        let rows: Vec<_> = read_jsonl(jsonl.as_bytes(), None, &museum()).collect();
        let o = &rows[0].as_ref().unwrap().object;
        assert_eq!(o.title.get("kk"), Some("Алтын адам"));
        assert_eq!(o.materials.len(), 2);
        let find = &o.events[0];
        assert_eq!(find.place.as_ref().unwrap().as_str(), "esik");
        assert_eq!(find.dating.as_ref().unwrap().earliest, Some(-400));
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!((e.row, e.line), (2, 3));
        assert!(e.to_string().contains("colour"), "{e}");
        let e = rows[2].as_ref().unwrap_err();
        assert_eq!((e.row, e.line), (3, 4));
        assert!(e.problems[0].reason.starts_with("malformed-json"), "{e}");
    }
}
