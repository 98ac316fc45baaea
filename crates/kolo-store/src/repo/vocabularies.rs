//! Shared vocabularies. Each term is stored whole as JSON; all its labels (preferred and
//! alternative, every language) are kept normalised in `term_labels`, so a query in one language
//! or script finds a term labelled in another.

use super::Saved;
use crate::schema::{term_labels, vocabulary_terms};
use crate::{DbConnection, Record, StoreError, audit, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{Term, VocabularyKind};

#[derive(Queryable, Selectable)]
#[diesel(table_name = vocabulary_terms)]
struct TermRow {
    id: i64,
    data: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TermRow {
    fn into_record(self) -> Result<Record<Term>, StoreError> {
        let value = super::parse_stored(
            &format!("vocabulary term {}", self.id),
            serde_json::from_str(&self.data),
        )?;
        Ok(Record {
            id: self.id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            value,
        })
    }
}

/// A label as matched: lower-cased, runs of white space made one space, control characters
/// dropped (PostgreSQL text cannot hold NUL).
pub fn normalise(label: &str) -> String {
    label
        .replace(char::is_control, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn get(
    conn: &mut DbConnection,
    kind: VocabularyKind,
    key: &str,
) -> Result<Record<Term>, StoreError> {
    vocabulary_terms::table
        .filter(vocabulary_terms::kind.eq(kind.code()))
        .filter(vocabulary_terms::key.eq(key))
        .select(TermRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

/// Whether the term exists, and the years it spans (periods).
pub(crate) fn lookup(
    conn: &mut DbConnection,
    kind: VocabularyKind,
    key: &str,
) -> Result<Option<Option<(i32, i32)>>, StoreError> {
    match get(conn, kind, key) {
        Ok(r) => Ok(Some(r.value.years)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Creates or replaces the term (`kind`, `key`): the one write path for forms, API and imports.
/// Unchanged terms write and log nothing.
pub fn save(
    conn: &mut DbConnection,
    actor: Option<i64>,
    term: &Term,
) -> Result<(i64, Saved), StoreError> {
    term.validate()?;
    let existing = match get(conn, term.kind, term.key.as_str()) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if let Some(current) = &existing
        && current.value == *term
    {
        return Ok((current.id, Saved::Unchanged));
    }
    if let Some(broader) = &term.broader
        && lookup(conn, term.kind, broader.as_str())?.is_none()
    {
        return Err(kolo_domain::FieldError::new("broader", "unknown-term")
            .into_errors()
            .into());
    }
    let at = now();
    let data = serde_json::to_string(term).expect("a term serialises");
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(vocabulary_terms::table.find(r.id))
                .set((
                    vocabulary_terms::data.eq(&data),
                    vocabulary_terms::updated_at.eq(at),
                ))
                .execute(conn)?;
            diesel::delete(term_labels::table.filter(term_labels::term_id.eq(r.id)))
                .execute(conn)?;
            (r.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(vocabulary_terms::table)
                .values((
                    vocabulary_terms::kind.eq(term.kind.code()),
                    vocabulary_terms::key.eq(term.key.as_str()),
                    vocabulary_terms::data.eq(&data),
                    vocabulary_terms::created_at.eq(at),
                    vocabulary_terms::updated_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "key"))?;
            let id = vocabulary_terms::table
                .filter(vocabulary_terms::kind.eq(term.kind.code()))
                .filter(vocabulary_terms::key.eq(term.key.as_str()))
                .select(vocabulary_terms::id)
                .first(conn)?;
            (id, Saved::Created)
        }
    };
    let mut labels: Vec<String> = term.all_labels().map(normalise).collect();
    labels.push(term.key.as_str().to_owned());
    labels.sort_unstable();
    labels.dedup();
    for label in labels {
        diesel::insert_into(term_labels::table)
            .values((
                term_labels::term_id.eq(id),
                term_labels::kind.eq(term.kind.code()),
                term_labels::label.eq(label),
            ))
            .execute(conn)?;
    }
    let detail = match existing {
        Some(before) => serde_json::json!({ "before": before.value, "after": term }),
        None => serde_json::to_value(term).unwrap_or_default(),
    };
    let action = if saved == Saved::Created {
        "create"
    } else {
        "update"
    };
    audit::record(conn, actor, action, ("vocabulary-term", Some(id)), &detail)?;
    Ok((id, saved))
}

/// Terms of `kind` with a label (in any language) containing `query`, ordered by key; every
/// term of the vocabulary when the query is empty. `after` is the last key of the page before.
pub fn search(
    conn: &mut DbConnection,
    kind: VocabularyKind,
    query: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Record<Term>>, StoreError> {
    let query = normalise(query);
    let mut q = vocabulary_terms::table
        .filter(vocabulary_terms::kind.eq(kind.code()))
        .into_boxed();
    if !query.is_empty() {
        let pattern = format!(
            "%{}%",
            query
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        q = q.filter(
            vocabulary_terms::id.eq_any(
                term_labels::table
                    .filter(term_labels::kind.eq(kind.code()))
                    .filter(term_labels::label.like(pattern).escape('\\'))
                    .select(term_labels::term_id),
            ),
        );
    }
    if let Some(after) = after {
        q = q.filter(vocabulary_terms::key.gt(after.to_owned()));
    }
    q.order(vocabulary_terms::key)
        .limit(limit)
        .select(TermRow::as_select())
        .load(conn)?
        .into_iter()
        .map(TermRow::into_record)
        .collect()
}

/// The terms of `kind` with these keys (those that exist), for labelling many at once.
pub fn get_many(
    conn: &mut DbConnection,
    kind: VocabularyKind,
    keys: &[&str],
) -> Result<Vec<Record<Term>>, StoreError> {
    vocabulary_terms::table
        .filter(vocabulary_terms::kind.eq(kind.code()))
        .filter(vocabulary_terms::key.eq_any(keys))
        .order(vocabulary_terms::key)
        .select(TermRow::as_select())
        .load(conn)?
        .into_iter()
        .map(TermRow::into_record)
        .collect()
}
