//! Upgrading keeps what the public saw: programmes stored before versions existed are
//! published as version "1" by migration 0004, on each backend.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use kolo_store::Store;
use kolo_store::repo::events;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Migrations 0001 to 0003: the schema before programme versions.
const BEFORE_VERSIONS: usize = 3;

/// Two events as 0003 stored them; the first has a programme (entered out of time order).
const DATA: &str = r#"
INSERT INTO events (id, slug, kind, status, attendance, starts_utc, ends_utc, data, created_at, updated_at) VALUES
 (1, 'forum', 'forum', 'scheduled', 'offline', '2024-04-17 07:00:00', '2024-04-17 15:00:00',
  '{"slug":"forum","kind":"forum","attendance":"offline","original_lang":"ru","title":{"ru":"Форум"},"starts_at":"2024-04-17T10:00:00","ends_at":"2024-04-17T18:00:00","time_zone":"Europe/Moscow"}',
  '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
 (2, 'lecture', 'lecture', 'scheduled', 'offline', '2024-04-18 07:00:00', '2024-04-18 08:00:00',
  '{"slug":"lecture","kind":"lecture","attendance":"offline","original_lang":"ru","title":{"ru":"Лекция"},"starts_at":"2024-04-18T10:00:00","ends_at":"2024-04-18T11:00:00","time_zone":"Europe/Moscow"}',
  '2024-01-01 00:00:00', '2024-01-01 00:00:00');
INSERT INTO programme_items (event_id, guid, starts_utc, data) VALUES
 (1, 'talk', '2024-04-17 09:00:00', '{"guid":"talk","kind":"talk","title":{"ru":"Доклад «О чтении»"},"starts_at":"2024-04-17T12:00:00","duration_minutes":30}'),
 (1, 'opening', '2024-04-17 07:00:00', '{"guid":"opening","kind":"session","title":{"ru":"Открытие"},"starts_at":"2024-04-17T10:00:00","duration_minutes":60}');
"#;

fn seed_before_versions(backend: &str, url: &str) {
    fn run<C: MigrationHarness<B> + SimpleConnection, B: diesel::backend::Backend>(
        c: &mut C,
        migrations: fn() -> EmbeddedMigrations,
    ) {
        for _ in 0..BEFORE_VERSIONS {
            c.run_next_migration(migrations()).unwrap();
        }
        c.batch_execute(DATA).unwrap();
    }
    match backend {
        "sqlite" => run(
            &mut SqliteConnection::establish(url.strip_prefix("sqlite://").unwrap()).unwrap(),
            || SQLITE,
        ),
        _ => run(&mut PgConnection::establish(url).unwrap(), || POSTGRES),
    }
}

#[tokio::test]
async fn programmes_from_before_versions_stay_public() {
    let dir = tempfile::tempdir().unwrap();
    for (backend, url) in kolo_testkit::Backend::database_urls(dir.path()) {
        seed_before_versions(backend, &url);
        let store = Store::open(&url).unwrap_or_else(|e| panic!("{backend}: {e}"));
        let (forum, lecture, versions) = store
            .read(|c| {
                Ok((
                    events::published_programme(c, 1)?,
                    events::published_programme(c, 2)?,
                    events::programme_versions(c, 1)?,
                ))
            })
            .await
            .unwrap();
        let forum = forum.unwrap_or_else(|| panic!("{backend}: the programme is not public"));
        assert_eq!((forum.number, forum.name.as_str()), (1, "1"), "{backend}");
        let guids: Vec<_> = forum.items.iter().map(|i| i.guid.as_str()).collect();
        assert_eq!(guids, ["opening", "talk"], "{backend}: time order");
        assert_eq!(
            forum.items[1].title.get("ru"),
            Some("Доклад «О чтении»"),
            "{backend}"
        );
        let added: Vec<_> = versions[0]
            .changes
            .added
            .iter()
            .map(|r| (r.guid.as_str(), r.title.get("ru")))
            .collect();
        assert_eq!(
            added,
            [
                ("opening", Some("Открытие")),
                ("talk", Some("Доклад «О чтении»"))
            ],
            "{backend}"
        );
        assert_eq!(lecture, None, "{backend}: no programme, no version");
        // The draft and the version agree, so publishing again is refused as unchanged.
        let err = store
            .write(|c| events::publish_programme(c, None, 1, "2"))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, kolo_store::StoreError::Invalid(v) if v.errors[0].reason == "programme-unchanged"),
            "{backend}: {err:?}"
        );
    }
}
