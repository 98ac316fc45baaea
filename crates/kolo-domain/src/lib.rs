//! Kolo's domain: the nouns the platform talks about and the rules that make a value valid.
//!
//! Values are parsed once at the edge (form, API, import file) into these types; code past
//! that point never re-checks them ("parse, don't validate"). Nothing here does I/O.

pub mod access;
pub mod collection;
pub mod dating;
pub mod document;
pub mod event;
pub mod exhibition;
pub mod institution;
pub mod lang;
pub mod media;
pub mod network;
pub mod paste;
pub mod post;
pub mod programme;
pub mod project;
pub mod registration;
pub mod text;
pub mod validation;
pub mod vocabulary;

pub use access::{Principal, Role, Scope};
pub use collection::{
    Collection, Dating, InventoryNumber, MuseumObject, ObjectEvent, ObjectEventKind,
    PublicationState, Rights,
};
pub use dating::{CIRCA_YEARS, DatingError, PeriodTable, YearRange, parse_dating};
pub use document::{DocumentKind, DocumentStatus, EventDocument, Recommendation};
pub use event::{AttendanceMode, Event, EventKind, EventStatus, ProgrammeItem, Zone};
pub use exhibition::{Exhibition, ExhibitionKind, ObjectRef, Story};
pub use institution::{CountryCode, Institution, InstitutionKind};
pub use lang::{LangTag, UiLang};
pub use media::{Attachment, MediaId};
pub use network::{Network, NetworkKind};
pub use post::{Post, PostKind, PostLink, PostStatus};
pub use programme::{ProgrammeChanges, programme_changes};
pub use project::{Project, ProjectStatus};
pub use text::{Localized, LocalizedText};
pub use validation::{FieldError, Slug, ValidationErrors};
pub use vocabulary::{Term, VocabularyKind};
