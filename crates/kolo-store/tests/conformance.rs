//! One conformance suite for the store, run on every backend: SQLite always, PostgreSQL when its
//! server binaries are installed (required under CI=true). Each test body runs once per backend.

use kolo_domain::access::Grant;
use kolo_domain::institution::Contacts;
use kolo_domain::{
    CountryCode, Institution, InstitutionKind, LocalizedText, Network, NetworkKind, Role, Scope,
    Slug,
};
use kolo_store::repo::institutions::{self, InstitutionFilter};
use kolo_store::repo::sessions::{self, LoginOutcome};
use kolo_store::repo::{Saved, accounts, networks};
use kolo_store::{PageRequest, Store, StoreError, audit};

/// Opens a fresh store per backend; the temp dir must outlive the stores.
fn stores() -> (tempfile::TempDir, Vec<(&'static str, Store)>) {
    let dir = tempfile::tempdir().unwrap();
    let stores = kolo_testkit::Backend::database_urls(dir.path())
        .into_iter()
        .map(|(name, url)| {
            (
                name,
                Store::open(&url).unwrap_or_else(|e| panic!("{name}: {e}")),
            )
        })
        .collect();
    (dir, stores)
}

fn museum(slug: &str, country: &str, region: &str) -> Institution {
    Institution {
        slug: Slug::parse("slug", slug).unwrap(),
        kind: InstitutionKind::Museum,
        original_lang: "uk".parse().unwrap(),
        name: LocalizedText::new()
            .with("uk", &format!("Музей {slug}"))
            .with("kk-Latn", "Murajai"),
        description: LocalizedText::new()
            .with("uk", "Опис «з лапками» і 'апострофом' — та emoji 🏛"),
        country: CountryCode::parse("country", country).unwrap(),
        region_code: Some(region.into()),
        region: LocalizedText::new(),
        locality: LocalizedText::new(),
        address: LocalizedText::new(),
        contacts: Contacts {
            website: Some("https://example.org/".parse().unwrap()),
            ..Default::default()
        },
    }
}

fn association(slug: &str) -> Network {
    Network {
        slug: Slug::parse("slug", slug).unwrap(),
        kind: NetworkKind::Association,
        original_lang: "ru".parse().unwrap(),
        name: LocalizedText::new().with("ru", &format!("Ассоциация {slug}")),
        description: LocalizedText::new(),
        contacts: Contacts::default(),
    }
}

#[tokio::test]
async fn institutions_round_trip_and_filter() {
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        let (a, b, network) = store
            .write(|c| {
                let a = institutions::create(c, None, &museum("alpha", "UA", "UA-09"))?;
                let b = institutions::create(c, None, &museum("beta", "UA", "UA-46"))?;
                institutions::create(c, None, &museum("gamma", "KZ", "KZ-71"))?;
                let n = networks::create(c, None, &association("aivim"))?;
                institutions::set_networks(c, None, b, &[n])?;
                Ok((a, b, n))
            })
            .await
            .unwrap();

        let got = store.read(move |c| institutions::get(c, a)).await.unwrap();
        assert_eq!(
            got.value,
            museum("alpha", "UA", "UA-09"),
            "{backend}: round trip"
        );
        assert_eq!(got.value.name.get("kk-Latn"), Some("Murajai"), "{backend}");

        let list = |f: InstitutionFilter, page: PageRequest| {
            let store = store.clone();
            async move {
                store
                    .read(move |c| institutions::list(c, &f, page))
                    .await
                    .unwrap()
            }
        };
        let all = list(InstitutionFilter::default(), PageRequest::new(0, 2)).await;
        assert_eq!((all.total, all.items.len()), (3, 2), "{backend}: paging");
        let slugs: Vec<_> = all.items.iter().map(|r| r.value.slug.to_string()).collect();
        assert_eq!(slugs, ["alpha", "beta"], "{backend}: ordered by name");
        let ua = list(
            InstitutionFilter {
                country: Some("UA".into()),
                ..Default::default()
            },
            PageRequest::new(0, 50),
        )
        .await;
        assert_eq!(ua.total, 2, "{backend}: country filter");
        let lviv = list(
            InstitutionFilter {
                region_code: Some("UA-46".into()),
                ..Default::default()
            },
            PageRequest::new(0, 50),
        )
        .await;
        assert_eq!(lviv.items[0].id, b, "{backend}: region filter");
        let members = list(
            InstitutionFilter {
                network_id: Some(network),
                ..Default::default()
            },
            PageRequest::new(0, 50),
        )
        .await;
        assert_eq!(
            members.items.iter().map(|r| r.id).collect::<Vec<_>>(),
            [b],
            "{backend}: network filter"
        );
        let libraries = list(
            InstitutionFilter {
                kind: Some(InstitutionKind::Library),
                ..Default::default()
            },
            PageRequest::new(0, 50),
        )
        .await;
        assert_eq!(libraries.total, 0, "{backend}: kind filter");

        let places = store.read(institutions::places).await.unwrap();
        assert_eq!(places.len(), 3, "{backend}: places");
        let net_members = store
            .read(move |c| networks::members(c, network))
            .await
            .unwrap();
        assert_eq!(net_members.len(), 1, "{backend}");
        assert_eq!(
            store.read(networks::member_counts).await.unwrap(),
            [(network, 1)],
            "{backend}"
        );
    }
}

#[tokio::test]
async fn duplicate_slugs_are_refused_by_field() {
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        store
            .write(|c| institutions::create(c, None, &museum("alpha", "UA", "UA-09")))
            .await
            .unwrap();
        let err = store
            .write(|c| institutions::create(c, None, &museum("alpha", "UA", "UA-09")))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Taken { field: "slug" }),
            "{backend}: {err:?}"
        );
    }
}

#[tokio::test]
async fn server_secrets_are_made_once_and_kept() {
    use kolo_store::repo::server_secrets;
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        let get = |name: &'static str| {
            let store = store.clone();
            async move {
                store
                    .write(move |c| server_secrets::get_or_create(c, name))
                    .await
                    .unwrap()
            }
        };
        let first = get("oai-pmh").await;
        assert!(first.len() >= 32, "{backend}: {first}");
        assert_eq!(get("oai-pmh").await, first, "{backend}: kept");
        assert_ne!(get("other").await, first, "{backend}: one per name");
        let log = store
            .read(|c| audit::list(c, Some(("server_secret", None)), PageRequest::new(0, 10)))
            .await
            .unwrap();
        assert_eq!(log.total, 2, "{backend}: audited when made");
        assert!(
            log.items.iter().all(|e| !e.detail.contains(&first)),
            "{backend}: the value is not in the log"
        );
    }
}

#[tokio::test]
async fn failed_writes_leave_nothing_behind() {
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        let err = store
            .write(|c| {
                institutions::create(c, None, &museum("alpha", "UA", "UA-09"))?;
                let mut bad = museum("beta", "UA", "UA-09");
                bad.name = LocalizedText::new();
                institutions::create(c, None, &bad)
            })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{backend}: {err:?}");
        let all = store
            .read(|c| institutions::list(c, &InstitutionFilter::default(), PageRequest::new(0, 10)))
            .await
            .unwrap();
        assert_eq!(all.total, 0, "{backend}: the first insert was rolled back");
        assert_eq!(
            store.read(audit::change_counter).await.unwrap(),
            0,
            "{backend}: no audit entry either"
        );
    }
}

#[tokio::test]
async fn saving_is_idempotent_and_audited() {
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        let first = store
            .write(|c| institutions::save_by_slug(c, None, &museum("alpha", "UA", "UA-09")))
            .await
            .unwrap();
        assert_eq!(first.1, Saved::Created, "{backend}");
        let counter = store.read(audit::change_counter).await.unwrap();
        let again = store
            .write(|c| institutions::save_by_slug(c, None, &museum("alpha", "UA", "UA-09")))
            .await
            .unwrap();
        assert_eq!(again, (first.0, Saved::Unchanged), "{backend}");
        assert_eq!(
            store.read(audit::change_counter).await.unwrap(),
            counter,
            "{backend}: nothing logged"
        );

        let mut changed = museum("alpha", "UA", "UA-09");
        changed.description = LocalizedText::new().with("en", "New text");
        let (_, saved) = store
            .write(move |c| institutions::save_by_slug(c, Some(7), &changed))
            .await
            .unwrap();
        assert_eq!(saved, Saved::Updated, "{backend}");
        let log = store
            .read(move |c| {
                audit::list(
                    c,
                    Some(("institution", Some(first.0))),
                    PageRequest::new(0, 10),
                )
            })
            .await
            .unwrap();
        assert_eq!(log.total, 2, "{backend}");
        assert_eq!(
            (log.items[0].action.as_str(), log.items[0].user_id),
            ("update", Some(7)),
            "{backend}"
        );
        assert!(
            log.items[0].detail.contains("New text"),
            "{backend}: {}",
            log.items[0].detail
        );
    }
}

#[tokio::test]
async fn media_rows_belong_to_an_institution_and_are_audited() {
    use kolo_domain::MediaId;
    use kolo_store::repo::media::{self, NewMedia};
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        let (editor, mine, other) = store
            .write(|c| {
                let mine = institutions::create(c, None, &museum("alpha", "UA", "UA-09"))?;
                let theirs = institutions::create(c, None, &museum("beta", "UA", "UA-09"))?;
                let uid = accounts::create_user(
                    c,
                    None,
                    "ed@example.org",
                    "Ed",
                    "a long password",
                    false,
                )?;
                let g = Grant {
                    scope: Scope::Institution(mine),
                    role: Role::Editor,
                };
                accounts::grant(c, None, uid, g)?;
                Ok((accounts::principal(c, uid)?, mine, theirs))
            })
            .await
            .unwrap();
        let new = NewMedia {
            id: MediaId::random(),
            institution_id: mine,
            original_filename: "Костюм «свято».jpg".into(),
            mime: "image/jpeg".into(),
            width: 4000,
            height: 3000,
            bytes: 123_456,
            sha256: "ab".repeat(32),
        };
        let counter = store.read(audit::change_counter).await.unwrap();
        let (who, row) = (editor.clone(), new.clone());
        store
            .write(move |c| media::create(c, Some(&who), &row))
            .await
            .unwrap();
        let id = new.id.clone();
        let got = store.read(move |c| media::get(c, &id)).await.unwrap();
        assert_eq!(
            (
                got.institution.as_str(),
                got.original_filename.as_str(),
                got.width,
                got.height
            ),
            ("alpha", "Костюм «свято».jpg", 4000, 3000),
            "{backend}"
        );
        assert_eq!(got.created_by, Some(editor.user_id), "{backend}");
        let log = store
            .read(|c| audit::list(c, Some(("media", None)), PageRequest::new(0, 10)))
            .await
            .unwrap();
        assert_eq!(log.total, 1, "{backend}");
        assert!(log.items[0].detail.contains(new.id.as_str()), "{backend}");
        assert!(
            store.read(audit::change_counter).await.unwrap() > counter,
            "{backend}"
        );

        // Another institution's image: refused, and nothing written.
        let foreign = NewMedia {
            id: MediaId::random(),
            institution_id: other,
            ..new.clone()
        };
        let who = editor.clone();
        let err = store
            .write(move |c| media::create(c, Some(&who), &foreign))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Forbidden), "{backend}: {err:?}");
        let long = NewMedia {
            id: MediaId::random(),
            original_filename: "x".repeat(media::MAX_FILENAME_CHARS + 1),
            ..new.clone()
        };
        let err = store
            .write(move |c| media::create(c, Some(&editor), &long))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{backend}: {err:?}");
        assert_eq!(store.read(media::count).await.unwrap(), 1, "{backend}");
        let missing = MediaId::random();
        let err = store
            .read(move |c| media::get(c, &missing))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound), "{backend}");
    }
}

#[tokio::test]
async fn accounts_sessions_tokens_and_throttling() {
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        let uid = store
            .write(|c| {
                accounts::create_user(
                    c,
                    None,
                    " Editor@Example.org ",
                    "Олена",
                    "correct horse battery",
                    false,
                )
            })
            .await
            .unwrap();
        let dup = store
            .write(|c| {
                accounts::create_user(
                    c,
                    None,
                    "editor@example.org",
                    "X",
                    "another long password",
                    false,
                )
            })
            .await
            .unwrap_err();
        assert!(
            matches!(dup, StoreError::Taken { field: "email" }),
            "{backend}: {dup:?}"
        );
        let short = store
            .write(|c| accounts::create_user(c, None, "x@example.org", "X", "short", false))
            .await
            .unwrap_err();
        let StoreError::Invalid(v) = short else {
            panic!("{backend}: {short:?}")
        };
        assert_eq!(v.errors[0].field, "password", "{backend}");

        let hash: String = store
            .read(move |c| {
                use diesel::prelude::*;
                use kolo_store::schema::users;
                Ok(users::table
                    .find(uid)
                    .select(users::password_hash)
                    .first(c)?)
            })
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"), "{backend}: {hash}");
        assert!(!hash.contains("correct horse"), "{backend}");
        let ok = store
            .write(|c| sessions::login(c, "editor@example.org", "correct horse battery"))
            .await
            .unwrap();
        assert_eq!(ok, LoginOutcome::LoggedIn(uid), "{backend}");
        for _ in 0..sessions::MAX_FAILURES {
            let wrong = store
                .write(|c| sessions::login(c, "editor@example.org", "wrong password!"))
                .await
                .unwrap();
            assert_eq!(wrong, LoginOutcome::WrongCredentials, "{backend}");
        }
        let blocked = store
            .write(|c| sessions::login(c, "editor@example.org", "correct horse battery"))
            .await
            .unwrap();
        assert_eq!(
            blocked,
            LoginOutcome::Throttled,
            "{backend}: even the right password waits"
        );

        let session = store
            .write(move |c| sessions::create_session(c, uid))
            .await
            .unwrap();
        let token = session.token.clone();
        let (who, csrf) = store
            .read(move |c| sessions::session_principal(c, &token))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (who.user_id, who.email.as_str(), csrf),
            (uid, "editor@example.org", session.csrf_token),
            "{backend}"
        );
        let token = session.token.clone();
        store
            .write(move |c| sessions::end_session(c, &token))
            .await
            .unwrap();
        let token = session.token.clone();
        assert!(
            store
                .read(move |c| sessions::session_principal(c, &token))
                .await
                .unwrap()
                .is_none(),
            "{backend}"
        );

        let api = store
            .write(move |c| sessions::create_api_token(c, uid, "laptop"))
            .await
            .unwrap();
        let api2 = api.clone();
        assert_eq!(
            store
                .read(move |c| sessions::api_token_principal(c, &api2))
                .await
                .unwrap()
                .unwrap()
                .user_id,
            uid
        );
        let listed = store
            .read(move |c| sessions::api_tokens_of(c, uid))
            .await
            .unwrap();
        let token_id = listed[0].id;
        store
            .write(move |c| sessions::revoke_api_token(c, uid, token_id))
            .await
            .unwrap();
        assert!(
            store
                .read(move |c| sessions::api_token_principal(c, &api))
                .await
                .unwrap()
                .is_none(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn invitations_grant_roles_once() {
    let (_dir, stores) = stores();
    for (backend, store) in stores {
        let (admin, inst) = store
            .write(|c| {
                let admin = accounts::create_user(
                    c,
                    None,
                    "root@example.org",
                    "Root",
                    "a long admin password",
                    true,
                )?;
                let inst = institutions::create(c, Some(admin), &museum("alpha", "UA", "UA-09"))?;
                Ok((accounts::principal(c, admin)?, inst))
            })
            .await
            .unwrap();
        let grant = Grant {
            scope: Scope::Institution(inst),
            role: Role::Editor,
        };
        let inviter = admin.clone();
        let token = store
            .write(move |c| {
                accounts::invite(
                    c,
                    &inviter,
                    "new@example.org",
                    grant,
                    chrono::TimeDelta::days(7),
                )
            })
            .await
            .unwrap();
        let t = token.clone();
        let inv = store
            .read(move |c| accounts::open_invitation(c, &t))
            .await
            .unwrap();
        assert_eq!(
            (inv.email.as_str(), inv.grant),
            ("new@example.org", grant),
            "{backend}"
        );
        let t = token.clone();
        let uid = store
            .write(move |c| accounts::accept_invitation(c, &t, "New", "a good long password"))
            .await
            .unwrap();
        let who = store
            .read(move |c| accounts::principal(c, uid))
            .await
            .unwrap();
        assert!(
            who.can_edit_institution(inst) && !who.can_edit_institution(inst + 1),
            "{backend}"
        );
        let t = token.clone();
        let reused = store
            .write(move |c| accounts::accept_invitation(c, &t, "New", "a good long password"))
            .await;
        assert!(
            matches!(reused, Err(StoreError::NotFound)),
            "{backend}: a link works once"
        );

        let inviter = admin.clone();
        let expired = store
            .write(move |c| {
                accounts::invite(
                    c,
                    &inviter,
                    "late@example.org",
                    grant,
                    chrono::TimeDelta::seconds(-1),
                )
            })
            .await
            .unwrap();
        assert!(matches!(
            store
                .read(move |c| accounts::open_invitation(c, &expired))
                .await,
            Err(StoreError::NotFound)
        ));

        let editor = who.clone();
        let refused = store
            .write(move |c| {
                accounts::invite(
                    c,
                    &editor,
                    "x@example.org",
                    grant,
                    chrono::TimeDelta::days(1),
                )
            })
            .await;
        assert!(
            matches!(refused, Err(StoreError::Forbidden)),
            "{backend}: editors do not invite"
        );
    }
}

#[tokio::test]
async fn sqlite_backup_is_a_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}/kolo.sqlite3", dir.path().display())).unwrap();
    store
        .write(|c| institutions::create(c, None, &museum("alpha", "UA", "UA-09")))
        .await
        .unwrap();
    let copy = dir.path().join("copy.sqlite3");
    store.backup_sqlite(copy.clone()).await.unwrap();
    let restored = Store::open(copy.to_str().unwrap()).unwrap();
    let got = restored
        .read(|c| institutions::get_by_slug(c, "alpha"))
        .await
        .unwrap();
    assert_eq!(got.value, museum("alpha", "UA", "UA-09"));
}

mod events {
    use super::*;
    use kolo_domain::event::{Hall, ItemKind, Party, Venue};
    use kolo_domain::{AttendanceMode, Event, EventKind, EventStatus, ProgrammeItem, Zone};
    use kolo_store::repo::events::{self, EventFilter};

    fn at(s: &str) -> chrono::NaiveDateTime {
        s.parse().unwrap()
    }

    fn forum(slug: &str, start: &str, end: &str) -> Event {
        Event {
            slug: Slug::parse("slug", slug).unwrap(),
            kind: EventKind::Forum,
            status: EventStatus::Scheduled,
            attendance: AttendanceMode::Hybrid,
            original_lang: "ru".parse().unwrap(),
            title: LocalizedText::new()
                .with("ru", "Форум")
                .with("kk-Latn", "Forum"),
            summary: LocalizedText::new(),
            description: LocalizedText::new(),
            key_questions: vec![LocalizedText::new().with("ru", "Библиотека – мир возможностей")],
            audience: LocalizedText::new(),
            starts_at: at(start),
            ends_at: at(end),
            time_zone: Zone(chrono_tz::Europe::Moscow),
            hosts: vec![Slug::parse("s", "alpha").unwrap()],
            organisers: vec![Party::Named {
                name: LocalizedText::new().with("ru", "Министерство культуры"),
            }],
            partners: vec![],
            supporters: vec![],
            networks: vec![Slug::parse("s", "aivim").unwrap()],
            parent: None,
            contacts: vec![],
            venue: Some(Venue {
                name: LocalizedText::new().with("ru", "Библиотека"),
                address: LocalizedText::new(),
                halls: vec![Hall {
                    key: Slug::parse("k", "gorky").unwrap(),
                    name: LocalizedText::new().with("ru", "Горьковский зал"),
                    capacity: Some(120),
                    stream_url: None,
                    recorded: true,
                }],
            }),
            online_url: None,
            registration_url: None,
            registration_closes: None,
            links: vec![],
        }
    }

    fn item(guid: &str, start: &str) -> ProgrammeItem {
        ProgrammeItem {
            guid: guid.into(),
            kind: ItemKind::Session,
            title: LocalizedText::new().with("ru", &format!("Сессия {guid}")),
            description: LocalizedText::new(),
            starts_at: at(start),
            duration_minutes: 60,
            hall: Some(Slug::parse("k", "gorky").unwrap()),
            track: LocalizedText::new(),
            persons: vec![],
            broadcast_url: None,
            recording_url: Some("https://example.org/rec".parse().unwrap()),
            materials: vec![],
            language: None,
        }
    }

    async fn seed(store: &Store) -> (i64, i64) {
        store
            .write(|c| {
                let inst = institutions::create(c, None, &museum("alpha", "RU", "RU-RYA"))?;
                let net = networks::create(c, None, &association("aivim"))?;
                Ok((inst, net))
            })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn related_upcoming_events_put_the_institutions_first() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            let (alpha, net) = seed(&store).await;
            let beta = store
                .write(|c| institutions::create(c, None, &museum("beta", "RU", "RU-RYA")))
                .await
                .unwrap();
            // (slug, hosted by alpha, in the network, start)
            let plan = [
                ("own-later", true, false, "2030-03-01T10:00:00"),
                ("own-sooner", true, true, "2030-02-01T10:00:00"),
                ("network-soonest", false, true, "2030-01-01T10:00:00"),
                ("this-one", true, true, "2030-01-10T10:00:00"),
                ("own-past", true, true, "2020-01-01T10:00:00"),
                ("unrelated", false, false, "2030-01-05T10:00:00"),
            ];
            let mut this_one = 0;
            for (slug, own, in_network, start) in plan {
                let mut e = forum(slug, start, &start.replace("T10", "T18"));
                e.hosts = vec![Slug::parse("s", if own { "alpha" } else { "beta" }).unwrap()];
                if !in_network {
                    e.networks = vec![];
                }
                let (id, _) = store
                    .write(move |c| events::save_by_slug(c, None, &e))
                    .await
                    .unwrap();
                if slug == "this-one" {
                    this_one = id;
                }
            }
            let related = |institutions: Vec<i64>, except: Option<i64>, limit: i64| {
                let store = store.clone();
                async move {
                    store
                        .read(move |c| {
                            events::related_upcoming(
                                c,
                                &institutions,
                                &[net],
                                except,
                                at("2026-01-01T00:00:00"),
                                limit,
                            )
                        })
                        .await
                        .unwrap()
                        .into_iter()
                        .map(|r| r.value.slug.to_string())
                        .collect::<Vec<_>>()
                }
            };
            assert_eq!(
                related(vec![alpha], Some(this_one), 10).await,
                ["own-sooner", "own-later", "network-soonest"],
                "{backend}: the institution's first, then the network's, each once"
            );
            assert_eq!(
                related(vec![alpha], Some(this_one), 2).await,
                ["own-sooner", "own-later"],
                "{backend}: the limit holds"
            );
            assert_eq!(
                related(vec![alpha], None, 1).await,
                ["this-one"],
                "{backend}"
            );
            assert_eq!(
                related(vec![beta], None, 10).await,
                ["network-soonest", "unrelated", "this-one", "own-sooner"],
                "{backend}: another institution's"
            );
        }
    }

    #[tokio::test]
    async fn events_round_trip_filter_and_nest() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            let (inst, net) = seed(&store).await;
            let (id, saved) = store
                .write(|c| {
                    events::save_by_slug(
                        c,
                        Some(1),
                        &forum("forum-2024", "2024-04-17T10:00:00", "2024-04-18T18:00:00"),
                    )
                })
                .await
                .unwrap();
            assert_eq!(saved, Saved::Created, "{backend}");
            let again = store
                .write(|c| {
                    events::save_by_slug(
                        c,
                        None,
                        &forum("forum-2024", "2024-04-17T10:00:00", "2024-04-18T18:00:00"),
                    )
                })
                .await
                .unwrap();
            assert_eq!(again, (id, Saved::Unchanged), "{backend}");
            let mut session = forum("session-2024", "2024-04-18T10:00:00", "2024-04-18T12:00:00");
            session.parent = Some(Slug::parse("s", "forum-2024").unwrap());
            session.hosts = vec![];
            session.networks = vec![];
            store
                .write(move |c| events::save_by_slug(c, None, &session))
                .await
                .unwrap();
            let old = forum("old-2019", "2019-12-18T10:00:00", "2019-12-19T18:00:00");
            store
                .write(move |c| events::save_by_slug(c, None, &old))
                .await
                .unwrap();

            let got = store
                .read(|c| events::get_by_slug(c, "forum-2024"))
                .await
                .unwrap();
            assert_eq!(
                got.value,
                forum("forum-2024", "2024-04-17T10:00:00", "2024-04-18T18:00:00"),
                "{backend}"
            );
            let children = store.read(move |c| events::children(c, id)).await.unwrap();
            assert_eq!(children.len(), 1, "{backend}");

            let list = |f: EventFilter| {
                let store = store.clone();
                async move {
                    store
                        .read(move |c| events::list(c, &f, PageRequest::new(0, 50)))
                        .await
                        .unwrap()
                        .items
                        .into_iter()
                        .map(|r| r.value.slug.to_string())
                        .collect::<Vec<_>>()
                }
            };
            assert_eq!(
                list(EventFilter::default()).await,
                ["old-2019", "forum-2024", "session-2024"],
                "{backend}"
            );
            let upcoming = EventFilter {
                ends_after: Some(at("2024-04-18T08:30:00")),
                ..Default::default()
            };
            assert_eq!(
                list(upcoming).await,
                ["forum-2024", "session-2024"],
                "{backend}: still running counts"
            );
            let past = EventFilter {
                starts_before: Some(at("2024-01-01T00:00:00")),
                newest_first: true,
                ..Default::default()
            };
            assert_eq!(list(past).await, ["old-2019"], "{backend}");
            let hosted = EventFilter {
                institution_id: Some(inst),
                ..Default::default()
            };
            assert_eq!(list(hosted).await, ["old-2019", "forum-2024"], "{backend}");
            let in_network = EventFilter {
                network_id: Some(net),
                newest_first: true,
                ..Default::default()
            };
            assert_eq!(
                list(in_network).await,
                ["forum-2024", "old-2019"],
                "{backend}"
            );
        }
    }

    #[tokio::test]
    async fn unknown_references_are_named_and_nothing_is_written() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            seed(&store).await;
            let mut e = forum("forum-2024", "2024-04-17T10:00:00", "2024-04-18T18:00:00");
            e.hosts.push(Slug::parse("s", "nowhere").unwrap());
            e.networks = vec![Slug::parse("s", "nothing").unwrap()];
            e.parent = Some(Slug::parse("s", "missing").unwrap());
            let err = store
                .write(move |c| events::save_by_slug(c, None, &e))
                .await
                .unwrap_err();
            let StoreError::Invalid(v) = err else {
                panic!("{backend}: {err:?}")
            };
            let fields: Vec<_> = v
                .errors
                .iter()
                .map(|e| (e.field.as_str(), e.reason.as_str()))
                .collect();
            assert_eq!(
                fields,
                [
                    ("hosts[1]", "unknown-institution"),
                    ("networks[0]", "unknown-network"),
                    ("parent", "unknown-event")
                ],
                "{backend}"
            );
            let n = store
                .read(|c| {
                    Ok(events::list(c, &EventFilter::default(), PageRequest::new(0, 5))?.total)
                })
                .await
                .unwrap();
            assert_eq!(n, 0, "{backend}");
        }
    }

    #[tokio::test]
    async fn programmes_update_in_place_by_guid() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            seed(&store).await;
            let (id, _) = store
                .write(|c| {
                    events::save_by_slug(
                        c,
                        None,
                        &forum("forum-2024", "2024-04-17T10:00:00", "2024-04-18T18:00:00"),
                    )
                })
                .await
                .unwrap();
            let first = vec![
                item("b", "2024-04-17T12:00:00"),
                item("a", "2024-04-17T10:00:00"),
                item("c", "2024-04-18T10:00:00"),
            ];
            let items = first.clone();
            let (saved, warnings) = store
                .write(move |c| events::set_programme(c, None, id, &items))
                .await
                .unwrap();
            assert_eq!((saved, warnings.len()), (Saved::Created, 0), "{backend}");
            let items = first.clone();
            let (saved, _) = store
                .write(move |c| events::set_programme(c, None, id, &items))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Unchanged, "{backend}");
            let got = store.read(move |c| events::programme(c, id)).await.unwrap();
            assert_eq!(
                got.iter().map(|i| i.guid.as_str()).collect::<Vec<_>>(),
                ["a", "b", "c"],
                "{backend}: time order"
            );

            let mut second = vec![
                item("a", "2024-04-17T10:30:00"),
                item("d", "2024-04-17T10:45:00"),
            ];
            second[0].title = LocalizedText::new().with("ru", "Перенесено");
            let items = second.clone();
            let (saved, warnings) = store
                .write(move |c| events::set_programme(c, None, id, &items))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Updated, "{backend}");
            assert_eq!(warnings.len(), 1, "{backend}: a and d overlap in one hall");
            let got = store.read(move |c| events::programme(c, id)).await.unwrap();
            assert_eq!(
                got, second,
                "{backend}: b and c removed, a changed, d added"
            );

            let bad = vec![item("x", "2024-05-01T10:00:00")];
            let err = store
                .write(move |c| events::set_programme(c, None, id, &bad))
                .await
                .unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{backend}");
            assert_eq!(
                store.read(move |c| events::programme(c, id)).await.unwrap(),
                second,
                "{backend}: unchanged"
            );
        }
    }

    /// The draft stays private until published; each version keeps its snapshot and the
    /// changes against the one before; importers publish only what differs.
    #[tokio::test]
    async fn programme_versions_snapshot_the_draft() {
        use kolo_domain::programme::ItemPart;
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            seed(&store).await;
            let uid = store
                .write(|c| {
                    accounts::create_user(
                        c,
                        None,
                        "org@example.org",
                        "Организатор",
                        "a long enough password",
                        false,
                    )
                })
                .await
                .unwrap();
            let (id, _) = store
                .write(|c| {
                    events::save_by_slug(
                        c,
                        None,
                        &forum("forum-2024", "2024-04-17T10:00:00", "2024-04-18T18:00:00"),
                    )
                })
                .await
                .unwrap();
            let published = move |store: &Store| {
                let store = store.clone();
                async move {
                    store
                        .read(move |c| events::published_programme(c, id))
                        .await
                        .unwrap()
                }
            };
            let first = vec![
                item("a", "2024-04-17T10:00:00"),
                item("b", "2024-04-17T12:00:00"),
            ];
            let items = first.clone();
            store
                .write(move |c| events::set_programme(c, None, id, &items))
                .await
                .unwrap();
            assert_eq!(
                published(&store).await,
                None,
                "{backend}: a draft is not public"
            );

            let v1 = store
                .write(move |c| events::publish_programme(c, Some(uid), id, " 1.0 "))
                .await
                .unwrap();
            assert_eq!((v1.number, v1.name.as_str()), (1, "1.0"), "{backend}");
            assert_eq!(v1.changes.added.len(), 2, "{backend}");
            let p = published(&store).await.unwrap();
            assert_eq!((p.name.as_str(), &p.items), ("1.0", &first), "{backend}");

            let err = store
                .write(move |c| events::publish_programme(c, Some(uid), id, "1.1"))
                .await
                .unwrap_err();
            match err {
                StoreError::Invalid(v) => assert_eq!(
                    (v.errors[0].field.as_str(), v.errors[0].reason.as_str()),
                    ("programme", "programme-unchanged"),
                    "{backend}"
                ),
                other => panic!("{backend}: {other:?}"),
            }

            let mut second = vec![
                item("a", "2024-04-17T10:30:00"),
                item("c", "2024-04-18T10:00:00"),
            ];
            second[0].title = LocalizedText::new().with("ru", "Открытие");
            let items = second.clone();
            store
                .write(move |c| events::set_programme(c, None, id, &items))
                .await
                .unwrap();
            assert_eq!(
                published(&store).await.unwrap().items,
                first,
                "{backend}: v1 until v2"
            );
            let err = store
                .write(move |c| events::publish_programme(c, Some(uid), id, "1.0"))
                .await
                .unwrap_err();
            assert!(
                matches!(err, StoreError::Taken { field: "name" }),
                "{backend}: {err:?}"
            );
            let err = store
                .write(move |c| events::publish_programme(c, Some(uid), id, ""))
                .await
                .unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{backend}: {err:?}");
            store
                .write(move |c| events::publish_programme(c, Some(uid), id, "final"))
                .await
                .unwrap();
            let p = published(&store).await.unwrap();
            assert_eq!(
                (p.number, p.name.as_str(), &p.items),
                (2, "final", &second),
                "{backend}"
            );

            let versions = store
                .read(move |c| events::programme_versions(c, id))
                .await
                .unwrap();
            assert_eq!(
                versions.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
                ["final", "1.0"],
                "{backend}: newest first"
            );
            let c = &versions[0].changes;
            assert_eq!(
                c.added.iter().map(|r| r.guid.as_str()).collect::<Vec<_>>(),
                ["c"]
            );
            assert_eq!(
                c.removed
                    .iter()
                    .map(|r| r.guid.as_str())
                    .collect::<Vec<_>>(),
                ["b"]
            );
            assert_eq!(c.changed.len(), 1, "{backend}");
            assert_eq!(
                c.changed[0].parts,
                [ItemPart::Time, ItemPart::Title],
                "{backend}"
            );
            assert_eq!(versions[0].published_by, Some(uid), "{backend}");

            // The importers' path: publish when the items differ from the latest version.
            let items = second.clone();
            let (_, version, _) = store
                .write(move |c| events::set_and_publish_programme(c, None, id, &items, None))
                .await
                .unwrap();
            assert_eq!(version, None, "{backend}: nothing new");
            let third = vec![item("a", "2024-04-17T10:30:00")];
            let items = third.clone();
            let (saved, version, _) = store
                .write(move |c| events::set_and_publish_programme(c, None, id, &items, None))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Updated, "{backend}");
            assert_eq!(
                version.map(|v| (v.number, v.name)),
                Some((3, "3".to_owned())),
                "{backend}"
            );
            let log = store
                .read(move |c| audit::list(c, Some(("event", Some(id))), PageRequest::new(0, 50)))
                .await
                .unwrap();
            assert_eq!(
                log.items
                    .iter()
                    .filter(|e| e.action == "publish-programme")
                    .count(),
                3,
                "{backend}"
            );
        }
    }
}

mod documents {
    use super::*;
    use kolo_domain::{DocumentKind, DocumentStatus, EventDocument, Recommendation};
    use kolo_store::repo::{documents, events};

    fn resolution(status: DocumentStatus, text: &str) -> EventDocument {
        EventDocument {
            key: Slug::parse("key", "resolution").unwrap(),
            kind: DocumentKind::Resolution,
            status,
            title: LocalizedText::new().with("ru", "Резолюция форума"),
            summary: LocalizedText::new(),
            body: LocalizedText::new().with("ru", "Участниками внесены предложения."),
            adopted_on: Some("2022-03-17".parse().unwrap()),
            links: vec![],
            recommendations: vec![Recommendation {
                addressee: LocalizedText::new().with("ru", "Модельным библиотекам"),
                text: LocalizedText::new().with("ru", text),
            }],
        }
    }

    /// Documents belong to one event by key; each change keeps a revision; final stays final.
    #[tokio::test]
    async fn documents_keep_their_revisions() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            let uid = store
                .write(|c| {
                    accounts::create_user(
                        c,
                        None,
                        "org@example.org",
                        "Организатор",
                        "a long enough password",
                        false,
                    )
                })
                .await
                .unwrap();
            let (event, other) = store
                .write(|c| {
                    let (a, _) = events::save_by_slug(c, None, &plain_event("forum-2022"))?;
                    let (b, _) = events::save_by_slug(c, None, &plain_event("other-2022"))?;
                    Ok((a, b))
                })
                .await
                .unwrap();
            let draft = resolution(DocumentStatus::Draft, "внедрять технологии");
            let doc = draft.clone();
            let (id, saved) = store
                .write(move |c| documents::save(c, Some(uid), event, &doc))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Created, "{backend}");
            let doc = draft.clone();
            let (_, saved) = store
                .write(move |c| documents::save(c, Some(uid), event, &doc))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Unchanged, "{backend}");
            // The same key on another event is another document.
            let doc = draft.clone();
            let (other_id, _) = store
                .write(move |c| documents::save(c, None, other, &doc))
                .await
                .unwrap();
            assert_ne!(id, other_id, "{backend}");

            let adopted = resolution(DocumentStatus::Final, "активнее внедрять технологии");
            let doc = adopted.clone();
            store
                .write(move |c| documents::save(c, Some(uid), event, &doc))
                .await
                .unwrap();
            let mut corrected = adopted.clone();
            corrected.title = LocalizedText::new().with("ru", "Резолюция Форума");
            let doc = corrected.clone();
            let (_, saved) = store
                .write(move |c| documents::save(c, None, event, &doc))
                .await
                .unwrap();
            assert_eq!(
                saved,
                Saved::Updated,
                "{backend}: a final document can be corrected"
            );

            let doc = draft.clone();
            let err = store
                .write(move |c| documents::save(c, Some(uid), event, &doc))
                .await
                .unwrap_err();
            match err {
                StoreError::Invalid(v) => {
                    assert_eq!(v.errors[0].reason, "final-to-draft", "{backend}")
                }
                other => panic!("{backend}: {other:?}"),
            }
            let mut not_a_resolution = corrected.clone();
            not_a_resolution.kind = DocumentKind::Report;
            let err = store
                .write(move |c| documents::save(c, Some(uid), event, &not_a_resolution))
                .await
                .unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{backend}");

            let (current, list, revisions) = store
                .read(move |c| {
                    Ok((
                        documents::get(c, event, "resolution")?,
                        documents::list(c, event)?,
                        documents::revisions(c, id)?,
                    ))
                })
                .await
                .unwrap();
            assert_eq!(current.value, corrected, "{backend}");
            assert_eq!(list.len(), 1, "{backend}");
            let history: Vec<_> = revisions
                .iter()
                .map(|r| (r.number, r.status, r.saved_by))
                .collect();
            assert_eq!(
                history,
                [
                    (3, DocumentStatus::Final, None),
                    (2, DocumentStatus::Final, Some(uid)),
                    (1, DocumentStatus::Draft, Some(uid)),
                ],
                "{backend}: newest first, who saved each"
            );
            assert_eq!(
                revisions[2].value, draft,
                "{backend}: the first content is kept"
            );
            let missing = store
                .read(move |c| documents::get(c, event, "report"))
                .await
                .unwrap_err();
            assert!(matches!(missing, StoreError::NotFound), "{backend}");
        }
    }

    fn plain_event(slug: &str) -> kolo_domain::Event {
        use kolo_domain::{AttendanceMode, EventKind, EventStatus, Zone};
        kolo_domain::Event {
            slug: Slug::parse("slug", slug).unwrap(),
            kind: EventKind::Forum,
            status: EventStatus::Scheduled,
            attendance: AttendanceMode::Offline,
            original_lang: "ru".parse().unwrap(),
            title: LocalizedText::new().with("ru", "Форум"),
            summary: LocalizedText::new(),
            description: LocalizedText::new(),
            key_questions: vec![],
            audience: LocalizedText::new(),
            starts_at: "2022-03-17T10:00:00".parse().unwrap(),
            ends_at: "2022-03-17T18:00:00".parse().unwrap(),
            time_zone: Zone(chrono_tz::Europe::Moscow),
            hosts: vec![],
            organisers: vec![],
            partners: vec![],
            supporters: vec![],
            networks: vec![],
            parent: None,
            contacts: vec![],
            venue: None,
            online_url: None,
            registration_url: None,
            registration_closes: None,
            links: vec![],
        }
    }
}

mod exhibitions {
    use super::*;
    use chrono::NaiveDate;
    use kolo_domain::collection::InventoryNumber;
    use kolo_domain::exhibition::{ExhibitedObject, Section, Stop};
    use kolo_domain::{Exhibition, ExhibitionKind, ObjectRef, PublicationState, Story};
    use kolo_store::repo::exhibitions::{self, ExhibitionFilter, Period};
    use kolo_store::repo::stories::{self, StoryFilter};

    fn slug(s: &str) -> Slug {
        Slug::parse("slug", s).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn object(inst: &str, n: &str) -> ObjectRef {
        ObjectRef {
            institution: slug(inst),
            inventory_number: InventoryNumber::parse("n", n).unwrap(),
        }
    }

    fn show(s: &str, kind: ExhibitionKind, host: &str) -> Exhibition {
        Exhibition {
            slug: slug(s),
            kind,
            original_lang: "kk-Cyrl".parse().unwrap(),
            title: LocalizedText::new().with("kk-Cyrl", "Қазақ Алтайының қазынасы"),
            summary: LocalizedText::new(),
            description: LocalizedText::new(),
            hosts: vec![slug(host)],
            organisers: vec![],
            partners: vec![],
            curators: vec![],
            networks: vec![],
            opens_on: None,
            closes_on: None,
            itinerary: vec![],
            sections: vec![],
            events: vec![],
            images: vec![],
            links: vec![],
            state: PublicationState::Published,
        }
    }

    fn stop(inst: Option<&str>, opens: &str, closes: &str) -> Stop {
        Stop {
            institution: inst.map(slug),
            venue: if inst.is_none() {
                LocalizedText::new().with("en", "A venue not in Kolo")
            } else {
                LocalizedText::new()
            },
            city: LocalizedText::new(),
            opens_on: day(opens),
            closes_on: day(closes),
        }
    }

    /// Travelling from `a`: at `b` (past), at `c` (current on 2030-06-15), then a venue not in Kolo.
    fn touring() -> Exhibition {
        let mut x = show("golden-man", ExhibitionKind::Travelling, "a");
        x.itinerary = vec![
            stop(Some("b"), "2030-01-01", "2030-03-31"),
            stop(Some("c"), "2030-05-01", "2030-07-31"),
            stop(None, "2030-09-01", "2030-10-31"),
        ];
        x.sections = vec![Section {
            key: slug("finds"),
            title: LocalizedText::new().with("en", "Finds"),
            text: LocalizedText::new(),
            objects: vec![
                ExhibitedObject {
                    object: object("a", "DEMO-A-1"),
                    caption: LocalizedText::new().with("en", "A gold plaque"),
                    highlight: true,
                },
                ExhibitedObject {
                    object: object("a", "DEMO-A-2"),
                    caption: LocalizedText::new(),
                    highlight: false,
                },
            ],
        }];
        x
    }

    fn slugs(page: &kolo_store::Page<kolo_store::Record<Exhibition>>) -> Vec<String> {
        page.items
            .iter()
            .map(|r| r.value.slug.to_string())
            .collect()
    }

    #[tokio::test]
    async fn exhibitions_round_trip_by_venue_date_and_object() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            let ids = store
                .write(|c| {
                    let mut ids = Vec::new();
                    for s in ["a", "b", "c"] {
                        ids.push(institutions::create(c, None, &museum(s, "KZ", "KZ-75"))?);
                    }
                    Ok(ids)
                })
                .await
                .unwrap();
            let (a, b, c) = (ids[0], ids[1], ids[2]);
            let (id, saved) = store
                .write(|c| exhibitions::save_by_slug(c, None, &touring()))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Created, "{backend}");
            let again = store
                .write(|c| exhibitions::save_by_slug(c, None, &touring()))
                .await
                .unwrap();
            assert_eq!(again, (id, Saved::Unchanged), "{backend}: idempotent");
            let mut permanent = show("permanent", ExhibitionKind::Permanent, "a");
            permanent.opens_on = Some(day("2014-01-01"));
            let mut draft = show("draft", ExhibitionKind::Temporary, "c");
            draft.state = PublicationState::Draft;
            draft.opens_on = Some(day("2030-06-01"));
            draft.closes_on = Some(day("2030-06-30"));
            let mut later = show("later", ExhibitionKind::Temporary, "c");
            later.opens_on = Some(day("2031-01-01"));
            store
                .write(move |c| {
                    for x in [&permanent, &draft, &later] {
                        exhibitions::save_by_slug(c, None, x)?;
                    }
                    Ok(())
                })
                .await
                .unwrap();

            let got = store
                .read(|c| exhibitions::get_by_slug(c, "golden-man"))
                .await
                .unwrap();
            assert_eq!(got.value, touring(), "{backend}: round trip");

            let list = |f: ExhibitionFilter| {
                let store = store.clone();
                async move {
                    store
                        .read(move |c| exhibitions::list(c, &f, PageRequest::new(0, 50)))
                        .await
                        .unwrap()
                }
            };
            let on = |id: i64, period: Period| ExhibitionFilter {
                institution_id: Some(id),
                period: Some((period, day("2030-06-15"))),
                ..Default::default()
            };
            assert_eq!(
                slugs(&list(on(c, Period::Current)).await),
                ["golden-man"],
                "{backend}: at c now"
            );
            assert_eq!(
                slugs(&list(on(c, Period::Upcoming)).await),
                ["later"],
                "{backend}: drafts hidden"
            );
            assert_eq!(
                slugs(&list(on(b, Period::Past)).await),
                ["golden-man"],
                "{backend}: was at b"
            );
            assert!(
                list(on(b, Period::Current)).await.items.is_empty(),
                "{backend}: not at b now"
            );
            // The host of a travelling show is not its venue; its own permanent show is.
            assert_eq!(
                slugs(&list(on(a, Period::Current)).await),
                ["permanent"],
                "{backend}"
            );
            let hosted = ExhibitionFilter {
                institution_id: Some(a),
                ..Default::default()
            };
            assert_eq!(
                slugs(&list(hosted).await),
                ["permanent", "golden-man"],
                "{backend}: undated first"
            );
            let staff = ExhibitionFilter {
                institution_id: Some(c),
                include_drafts: true,
                ..Default::default()
            };
            assert_eq!(
                list(staff).await.total,
                3,
                "{backend}: stop, draft and later at c"
            );
            let running = ExhibitionFilter {
                period: Some((Period::Current, day("2030-06-15"))),
                ..Default::default()
            };
            assert_eq!(
                slugs(&list(running).await),
                ["permanent", "golden-man"],
                "{backend}"
            );
            let travelling = ExhibitionFilter {
                kind: Some(ExhibitionKind::Travelling),
                ..Default::default()
            };
            assert_eq!(list(travelling).await.total, 1, "{backend}: kind");

            let showing = store
                .read(|c| exhibitions::showing(c, &object("a", "DEMO-A-1"), false))
                .await
                .unwrap();
            assert_eq!(showing.len(), 1, "{backend}: by object");

            let mut moved = touring();
            moved.itinerary.remove(0);
            store
                .write(move |c| exhibitions::save_by_slug(c, None, &moved))
                .await
                .unwrap();
            assert!(
                list(on(b, Period::Past)).await.items.is_empty(),
                "{backend}: stops follow"
            );
            let revisions = store
                .read(move |c| exhibitions::revisions(c, id))
                .await
                .unwrap();
            assert_eq!(
                revisions.iter().map(|r| r.number).collect::<Vec<_>>(),
                [2, 1],
                "{backend}"
            );
            assert_eq!(revisions[1].value, touring(), "{backend}: history kept");
            let log = store
                .read(move |c| {
                    audit::list(c, Some(("exhibition", Some(id))), PageRequest::new(0, 10))
                })
                .await
                .unwrap();
            assert_eq!(
                log.items
                    .iter()
                    .map(|e| e.action.as_str())
                    .collect::<Vec<_>>(),
                ["update", "create"],
                "{backend}: audited"
            );

            let mut bad = touring();
            bad.slug = slug("bad");
            bad.hosts.push(slug("nowhere"));
            bad.itinerary[0].institution = Some(slug("nowhere"));
            let err = store
                .write(move |c| exhibitions::save_by_slug(c, None, &bad))
                .await
                .unwrap_err();
            let StoreError::Invalid(v) = err else {
                panic!("{backend}: {err}")
            };
            for field in ["hosts[1]", "itinerary[0].institution"] {
                assert_eq!(
                    v.for_field(field).map(|e| e.reason.as_str()),
                    Some("unknown-institution"),
                    "{backend}: {field}"
                );
            }
            assert!(
                store
                    .read(|c| exhibitions::get_by_slug(c, "bad"))
                    .await
                    .is_err(),
                "{backend}: nothing written"
            );
        }
    }

    fn story(s: &str, number: u32, state: PublicationState) -> Story {
        Story {
            slug: slug(s),
            institution: slug("a"),
            series: Some(slug("the-exhibit-tells")),
            number: Some(number),
            object: object("a", &format!("DEMO-A-{number}")),
            title: LocalizedText::new().with("uk", "Експонат розповідає"),
            body: LocalizedText::new().with("uk", "Історія предмета."),
            published_on: None,
            state,
        }
    }

    #[tokio::test]
    async fn stories_form_numbered_series() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            store
                .write(|c| institutions::create(c, None, &museum("a", "UA", "UA-09")))
                .await
                .unwrap();
            store
                .write(|c| {
                    stories::save_by_slug(
                        c,
                        None,
                        &story("second", 2, PublicationState::Published),
                    )?;
                    stories::save_by_slug(
                        c,
                        None,
                        &story("first", 1, PublicationState::Published),
                    )?;
                    stories::save_by_slug(c, None, &story("third", 3, PublicationState::Draft))
                })
                .await
                .unwrap();
            let series = |include_drafts: bool| {
                let store = store.clone();
                async move {
                    let f = StoryFilter {
                        series: Some("the-exhibit-tells".into()),
                        include_drafts,
                        ..Default::default()
                    };
                    let page = store
                        .read(move |c| stories::list(c, &f, PageRequest::new(0, 50)))
                        .await
                        .unwrap();
                    page.items
                        .iter()
                        .map(|r| r.value.slug.to_string())
                        .collect::<Vec<_>>()
                }
            };
            assert_eq!(
                series(false).await,
                ["first", "second"],
                "{backend}: by number, no drafts"
            );
            assert_eq!(series(true).await.len(), 3, "{backend}");
            let about = StoryFilter {
                object: Some(object("a", "DEMO-A-2")),
                ..Default::default()
            };
            let page = store
                .read(move |c| stories::list(c, &about, PageRequest::new(0, 50)))
                .await
                .unwrap();
            assert_eq!(
                page.items[0].value.slug.as_str(),
                "second",
                "{backend}: by object"
            );
            assert_eq!(page.total, 1, "{backend}");
            let err = store
                .write(|c| {
                    stories::save_by_slug(c, None, &story("clash", 2, PublicationState::Draft))
                })
                .await
                .unwrap_err();
            let StoreError::Invalid(v) = err else {
                panic!("{backend}: {err}")
            };
            assert_eq!(
                v.for_field("number").map(|e| e.reason.as_str()),
                Some("taken"),
                "{backend}"
            );
            let mut edited = story("first", 1, PublicationState::Published);
            edited.body = LocalizedText::new().with("uk", "Інша історія.");
            let (id, saved) = store
                .write(move |c| stories::save_by_slug(c, None, &edited))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Updated, "{backend}");
            let revisions = store
                .read(move |c| stories::revisions(c, id))
                .await
                .unwrap();
            assert_eq!(revisions.len(), 2, "{backend}");
            let mut orphan = story("orphan", 9, PublicationState::Draft);
            orphan.institution = slug("nowhere");
            let err = store
                .write(move |c| stories::save_by_slug(c, None, &orphan))
                .await
                .unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{backend}: {err}");
        }
    }
}

/// Collections: vocabularies, collections, objects, facets, harvests and batch imports.
mod collections {
    use super::{museum, stores};
    use kolo_domain::{MediaId, MuseumObject, PublicationState, Term, VocabularyKind};
    use kolo_store::repo::objects::{self, HarvestFilter, Harvested, ObjectFilter, OnError};
    use kolo_store::repo::{Saved, collections, institutions, media, vocabularies};
    use kolo_store::{Store, StoreError, audit};
    use serde_json::json;

    fn term(kind: &str, key: &str, labels: serde_json::Value) -> Term {
        serde_json::from_value(json!({ "kind": kind, "key": key, "label": labels })).unwrap()
    }

    fn object(inventory: &str, extra: serde_json::Value) -> MuseumObject {
        let mut value = json!({
            "institution": "alpha",
            "inventory_number": inventory,
            "title": { "uk": format!("Предмет {inventory}") },
            "state": "published",
        });
        for (k, v) in extra.as_object().unwrap() {
            value[k] = v.clone();
        }
        serde_json::from_value(value).unwrap()
    }

    /// An image of `alpha`'s and one of `beta`'s (rows only: the store does not hold pixels).
    const ALPHA_PICTURE: &str = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
    const BETA_PICTURE: &str = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";

    /// Institutions `alpha` (with the collections ethnography > costume and archaeology) and
    /// `beta`, a picture of each, and the terms the objects below use.
    async fn setup(store: &Store) {
        store
            .write(|c| {
                let alpha = institutions::create(c, None, &museum("alpha", "UA", "UA-09"))?;
                let beta = institutions::create(c, None, &museum("beta", "KZ", "KZ-71"))?;
                for (id, institution_id) in [(ALPHA_PICTURE, alpha), (BETA_PICTURE, beta)] {
                    let new = media::NewMedia {
                        id: MediaId::parse(id).unwrap(),
                        institution_id,
                        original_filename: format!("{id}.jpg"),
                        mime: "image/jpeg".into(),
                        width: 1200,
                        height: 800,
                        bytes: 1000,
                        sha256: "cd".repeat(32),
                    };
                    media::create(c, None, &new)?;
                }
                for (kind, key, labels) in [
                    (
                        "object_type",
                        "costume",
                        json!({"uk": "Костюм", "en": "Costume"}),
                    ),
                    ("object_type", "dagger", json!({"ru": "Кинжал"})),
                    ("material", "linen", json!({"uk": "Льон"})),
                    ("material", "wool", json!({"uk": "Вовна"})),
                    ("material", "bronze", json!({"kk-Cyrl": "Қола"})),
                    ("place", "elekesazy", json!({"kk-Cyrl": "Елекесазы"})),
                ] {
                    vocabularies::save(c, None, &term(kind, key, labels))?;
                }
                let mut period = term(
                    "period",
                    "early-iron-age",
                    json!({"ru": "Ранний железный век"}),
                );
                period.years = Some((-800, -300));
                vocabularies::save(c, None, &period)?;
                for (key, parent) in [
                    ("ethnography", None),
                    ("costume", Some("ethnography")),
                    ("archaeology", None),
                ] {
                    let mut v = json!({"institution": "alpha", "key": key, "title": {"en": key}});
                    if let Some(p) = parent {
                        v["parent"] = json!(p);
                    }
                    collections::save(c, None, &serde_json::from_value(v).unwrap())?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_query_in_one_script_finds_terms_labelled_in_another() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            setup(&store).await;
            let mut place = term("place", "elekesazy", json!({"kk-Cyrl": "Елекесазы"}));
            place.alt_labels =
                vec![serde_json::from_value(json!({"kk-Latn": "Elekesazy"})).unwrap()];
            let (id, saved) = store
                .write(move |c| vocabularies::save(c, None, &place))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Updated, "{backend}");
            for q in ["ELEKES", "елекесазы", "  elekesazy "] {
                let found = store
                    .read(move |c| vocabularies::search(c, VocabularyKind::Place, q, None, 10))
                    .await
                    .unwrap();
                assert_eq!(
                    found.iter().map(|r| r.id).collect::<Vec<_>>(),
                    [id],
                    "{backend}: {q}"
                );
            }
            let none = store
                .read(|c| vocabularies::search(c, VocabularyKind::Material, "elekes", None, 10))
                .await
                .unwrap();
            assert!(none.is_empty(), "{backend}: vocabularies stay apart");
            let literal = store
                .read(|c| vocabularies::search(c, VocabularyKind::Place, "%", None, 10))
                .await
                .unwrap();
            assert!(literal.is_empty(), "{backend}: % is matched literally");
            let mut orphan = term(
                "place",
                "ust-kamenogorsk",
                json!({"ru": "Усть-Каменогорск"}),
            );
            orphan.broader = Some(kolo_domain::Slug::parse("broader", "nowhere").unwrap());
            let err = store
                .write(move |c| vocabularies::save(c, None, &orphan))
                .await
                .unwrap_err();
            assert!(
                matches!(&err, StoreError::Invalid(e) if e.for_field("broader").is_some()),
                "{backend}: {err:?}"
            );
        }
    }

    #[tokio::test]
    async fn objects_show_only_their_own_institutions_images() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            setup(&store).await;
            for other in [BETA_PICTURE, "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3"] {
                let o = object(
                    "IMG-1",
                    json!({"images": [{"media": ALPHA_PICTURE}, {"media": other}]}),
                );
                let err = store
                    .write(move |c| objects::save(c, None, &o))
                    .await
                    .unwrap_err();
                let StoreError::Invalid(v) = err else {
                    panic!("{backend}: {err}")
                };
                assert_eq!(
                    v.for_field("images[1].media").map(|e| e.reason.as_str()),
                    Some("unknown-media"),
                    "{backend}: {other}"
                );
                assert!(v.for_field("images[0].media").is_none(), "{backend}");
            }
            let mine = object("IMG-1", json!({"images": [{"media": ALPHA_PICTURE}]}));
            let (_, saved) = store
                .write(move |c| objects::save(c, None, &mine))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Created, "{backend}");
        }
    }

    #[tokio::test]
    async fn objects_upsert_keep_their_id_and_history_and_browse_with_facets() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            setup(&store).await;
            let costume = object(
                "КП-1",
                json!({"collection": "costume", "object_type": "costume", "materials": ["linen", "wool"],
                       "dating": {"text": {"uk": "кін. ХІХ – поч. ХХ ст."}, "earliest": 1880, "latest": 1920},
                       "images": [{"media": ALPHA_PICTURE}]}),
            );
            let dagger = object(
                "A-7",
                json!({"collection": "archaeology", "object_type": "dagger", "materials": ["bronze"],
                       "dating": {"text": {"ru": "ранний железный век"}, "period": "early-iron-age"},
                       "events": [{"kind": "find", "place": "elekesazy"}]}),
            );
            let draft = object("D-1", json!({"object_type": "costume", "state": "draft"}));
            let (c1, d1, draft_id) = {
                let (a, b, d) = (costume.clone(), dagger.clone(), draft.clone());
                store
                    .write(move |c| {
                        Ok((
                            objects::save(c, Some(1), &a)?.0,
                            objects::save(c, Some(1), &b)?.0,
                            objects::save(c, Some(1), &d)?.0,
                        ))
                    })
                    .await
                    .unwrap()
            };

            let mut renamed = costume.clone();
            renamed.title =
                serde_json::from_value(json!({"uk": "Святковий жіночий костюм"})).unwrap();
            let again = store
                .write(move |c| objects::save(c, Some(2), &renamed))
                .await
                .unwrap();
            assert_eq!(again, (c1, Saved::Updated), "{backend}: same id");
            let same = costume.clone();
            let counter = store.read(audit::change_counter).await.unwrap();
            let mut unchanged = same.clone();
            unchanged.title =
                serde_json::from_value(json!({"uk": "Святковий жіночий костюм"})).unwrap();
            let again = store
                .write(move |c| objects::save(c, Some(2), &unchanged))
                .await
                .unwrap();
            assert_eq!(again, (c1, Saved::Unchanged), "{backend}");
            assert_eq!(
                store.read(audit::change_counter).await.unwrap(),
                counter,
                "{backend}"
            );
            let history = store
                .read(move |c| objects::revisions(c, c1))
                .await
                .unwrap();
            assert_eq!(
                history
                    .iter()
                    .map(|r| (r.number, r.saved_by))
                    .collect::<Vec<_>>(),
                [(2, Some(2)), (1, Some(1))],
                "{backend}"
            );
            assert_eq!(
                history[1].value, same,
                "{backend}: the first content is kept"
            );

            let list = |f: ObjectFilter| {
                let store = store.clone();
                async move {
                    store
                        .read(move |c| objects::list(c, &f, None, 50))
                        .await
                        .unwrap()
                        .items
                        .into_iter()
                        .map(|r| r.value.inventory_number.to_string())
                        .collect::<Vec<_>>()
                }
            };
            let public = ObjectFilter::public();
            assert_eq!(
                list(public.clone()).await,
                ["КП-1", "A-7"],
                "{backend}: no drafts"
            );
            assert_eq!(list(ObjectFilter::default()).await.len(), 3, "{backend}");
            let ethnography = store
                .read(|c| {
                    let alpha = institutions::get_by_slug(c, "alpha")?.id;
                    Ok(collections::get(c, alpha, "ethnography")?.id)
                })
                .await
                .unwrap();
            for (filter, expected) in [
                (
                    ObjectFilter {
                        collection_id: Some(ethnography),
                        ..public.clone()
                    },
                    vec!["КП-1"],
                ),
                (
                    ObjectFilter {
                        terms: vec![(VocabularyKind::Material, "bronze".into())],
                        ..public.clone()
                    },
                    vec!["A-7"],
                ),
                (
                    ObjectFilter {
                        terms: vec![(VocabularyKind::Place, "elekesazy".into())],
                        ..public.clone()
                    },
                    vec!["A-7"],
                ),
                (
                    ObjectFilter {
                        years_from: Some(1900),
                        years_to: Some(2000),
                        ..public.clone()
                    },
                    vec!["КП-1"],
                ),
                (
                    ObjectFilter {
                        years_from: Some(-500),
                        years_to: Some(-400),
                        ..public.clone()
                    },
                    vec!["A-7"],
                ),
                (
                    ObjectFilter {
                        years_to: Some(-900),
                        ..public.clone()
                    },
                    vec![],
                ),
                (
                    ObjectFilter {
                        has_image: Some(true),
                        ..public.clone()
                    },
                    vec!["КП-1"],
                ),
            ] {
                assert_eq!(
                    list(filter.clone()).await,
                    expected,
                    "{backend}: {filter:?}"
                );
            }

            let page = store
                .read(|c| objects::list(c, &ObjectFilter::default(), None, 2))
                .await
                .unwrap();
            let after = page.next_after.expect("a second page");
            let rest = store
                .read(move |c| objects::list(c, &ObjectFilter::default(), Some(after), 2))
                .await
                .unwrap();
            assert_eq!(
                (page.items.len(), rest.items.len(), rest.next_after),
                (2, 1, None),
                "{backend}"
            );

            // Batches for the search index: the same records as one by one, in id order.
            let (batches, one_by_one) = store
                .read(|c| {
                    let first = objects::batch_after(c, 0, 2)?;
                    let rest = objects::batch_after(c, first[1].0.id, 10)?;
                    let batches: Vec<_> = first.into_iter().chain(rest).collect();
                    let mut one_by_one = Vec::new();
                    for (r, _) in &batches {
                        one_by_one
                            .push((objects::get(c, r.id)?, objects::institution_of(c, r.id)?));
                    }
                    Ok((batches, one_by_one))
                })
                .await
                .unwrap();
            assert_eq!(batches.len(), 3, "{backend}: drafts too");
            assert!(
                batches.windows(2).all(|w| w[0].0.id < w[1].0.id),
                "{backend}"
            );
            assert_eq!(batches, one_by_one, "{backend}");

            let facets = store
                .read(|c| {
                    objects::facets(
                        c,
                        &ObjectFilter::public(),
                        &[VocabularyKind::ObjectType, VocabularyKind::Material],
                        10,
                    )
                })
                .await
                .unwrap();
            assert_eq!(
                (facets.total, facets.capped, facets.with_image),
                (2, false, 1),
                "{backend}"
            );
            let counts = |k: usize| {
                facets.terms[k]
                    .1
                    .iter()
                    .map(|(key, n)| (key.as_str(), *n))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                counts(0),
                [("costume", 1), ("dagger", 1)],
                "{backend}: the draft costume is not counted"
            );
            assert_eq!(
                counts(1),
                [("bronze", 1), ("linen", 1), ("wool", 1)],
                "{backend}"
            );

            let mut bad = object(
                "X-1",
                json!({"materials": ["linen", "gold"], "collection": "nowhere"}),
            );
            bad.events = dagger.events.clone();
            let err = store
                .write(move |c| objects::save(c, None, &bad))
                .await
                .unwrap_err();
            let StoreError::Invalid(errors) = err else {
                panic!("{backend}: {err:?}")
            };
            assert_eq!(
                errors.for_field("materials[1]").map(|e| e.reason.as_str()),
                Some("unknown-term: gold"),
                "{backend}: {errors}"
            );
            assert!(
                errors.for_field("collection").is_some(),
                "{backend}: {errors}"
            );

            // Harvest: published objects, then unpublishing and deleting leave tombstones.
            let harvest = |after| {
                let store = store.clone();
                async move {
                    store
                        .read(move |c| {
                            objects::changed_since(c, &HarvestFilter::default(), after, 100)
                        })
                        .await
                        .unwrap()
                }
            };
            let first = harvest(None).await;
            assert_eq!(first.len(), 2, "{backend}: {first:?}");
            let resume = first[0].position();
            assert_eq!(
                harvest(Some(resume)).await.len(),
                1,
                "{backend}: resumes after the position"
            );
            let mut hidden = dagger.clone();
            hidden.state = PublicationState::Draft;
            store
                .write(move |c| objects::save(c, None, &hidden))
                .await
                .unwrap();
            store
                .write(move |c| objects::delete(c, Some(1), c1))
                .await
                .unwrap();
            let now = harvest(None).await;
            let deleted: Vec<i64> = now
                .iter()
                .filter_map(|h| match h {
                    Harvested::Deleted(t) => Some(t.id),
                    Harvested::Published(_) => None,
                })
                .collect();
            assert_eq!(deleted, [d1, c1], "{backend}: {now:?}");
            assert!(matches!(
                store.read(move |c| objects::get(c, c1)).await,
                Err(StoreError::NotFound)
            ));
            let mut back = dagger.clone();
            back.state = PublicationState::Published;
            store
                .write(move |c| objects::save(c, None, &back))
                .await
                .unwrap();
            let now = harvest(None).await;
            assert!(
                matches!(&now[..], [Harvested::Deleted(t), Harvested::Published(r)] if t.id == c1 && r.id == d1),
                "{backend}: republishing removes the tombstone: {now:?}"
            );

            // One record as GetRecord looks it up, and the institutions ListSets offers.
            let (live, gone, never, sets, alpha) = store
                .read(move |c| {
                    Ok((
                        objects::harvest_entry(c, d1)?,
                        objects::harvest_entry(c, c1)?,
                        objects::harvest_entry(c, draft_id)?,
                        objects::harvested_institutions(c)?,
                        institutions::get_by_slug(c, "alpha")?.id,
                    ))
                })
                .await
                .unwrap();
            assert!(
                matches!(live, Some(Harvested::Published(r)) if r.id == d1),
                "{backend}"
            );
            assert!(
                matches!(gone, Some(Harvested::Deleted(t)) if t.id == c1),
                "{backend}"
            );
            assert_eq!(never, None, "{backend}: a draft never published is unknown");
            assert_eq!(sets, [alpha], "{backend}: beta has nothing to harvest");
        }
    }

    /// Imports write many objects in one transaction. `KOLO_BATCH_OBJECTS=100000` makes this the
    /// benchmark (see bench/README.md); it prints the time, asserts none.
    #[tokio::test]
    async fn batches_write_all_or_nothing_and_reimport_unchanged() {
        let n: usize = std::env::var("KOLO_BATCH_OBJECTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000);
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            setup(&store).await;
            let batch: Vec<MuseumObject> = (0..n)
                .map(|i| {
                    object(
                        &format!("T{i:07}"),
                        json!({"object_type": "coin", "materials": [if i % 2 == 0 { "bronze" } else { "silver" }],
                               "collection": "archaeology",
                               "dating": {"text": {"en": "c. 1900"}, "earliest": 1890 + (i % 20) as i32, "latest": 1910}}),
                    )
                })
                .collect();
            let supplied = vec![
                term("object_type", "coin", json!({"en": "Coin"})),
                term("material", "silver", json!({"en": "Silver"})),
                term("material", "unused", json!({"en": "Unused"})),
            ];

            let mut broken = batch.clone();
            broken[n / 2].materials[0] = kolo_domain::Slug::parse("m", "gold").unwrap();
            let started = std::time::Instant::now();
            let (b, s) = (broken.clone(), supplied.clone());
            let outcome = store
                .write(move |c| objects::upsert_batch(c, None, &b, &s, OnError::WriteNothing))
                .await
                .unwrap();
            eprintln!(
                "{backend}: checking {n} objects took {:?}",
                started.elapsed()
            );
            assert_eq!(outcome.failed.len(), 1, "{backend}");
            assert_eq!(outcome.failed[0].0, n / 2, "{backend}");
            assert!(
                outcome.failed[0].1.for_field("materials[0]").is_some(),
                "{backend}"
            );
            let stored = store
                .read(|c| objects::list(c, &ObjectFilter::default(), None, 5))
                .await
                .unwrap();
            assert!(stored.items.is_empty(), "{backend}: nothing written");
            assert!(
                store
                    .read(|c| vocabularies::get(c, VocabularyKind::Material, "silver"))
                    .await
                    .is_err(),
                "{backend}: no term created either"
            );

            let started = std::time::Instant::now();
            let (b, s) = (broken.clone(), supplied.clone());
            let outcome = store
                .write(move |c| objects::upsert_batch(c, None, &b, &s, OnError::SkipRow))
                .await
                .unwrap();
            eprintln!(
                "{backend}: import of {} new objects took {:?}",
                n - 1,
                started.elapsed()
            );
            let first_id = outcome.ids[0];
            assert_eq!(
                (outcome.created, outcome.failed.len(), outcome.terms_created),
                (n - 1, 1, 2),
                "{backend}"
            );

            let started = std::time::Instant::now();
            let (b, s) = (batch.clone(), supplied.clone());
            let outcome = store
                .write(move |c| objects::upsert_batch(c, None, &b, &s, OnError::WriteNothing))
                .await
                .unwrap();
            eprintln!(
                "{backend}: re-import of {n} objects (1 new) took {:?}",
                started.elapsed()
            );
            assert_eq!(
                (outcome.created, outcome.updated, outcome.unchanged),
                (1, 0, n - 1),
                "{backend}"
            );
            assert_eq!(outcome.ids[0], first_id, "{backend}: ids kept");
        }
    }
}

mod projects {
    use super::*;
    use chrono::NaiveDate;
    use kolo_domain::project::{Activity, PartnerRole, ProjectPartner};
    use kolo_domain::{Project, ProjectStatus, PublicationState};
    use kolo_store::repo::projects::{self, ProjectFilter};
    use kolo_store::repo::search_changes;

    fn slug(s: &str) -> Slug {
        Slug::parse("slug", s).unwrap()
    }

    fn partner(s: &str, role: PartnerRole) -> ProjectPartner {
        ProjectPartner {
            institution: slug(s),
            role,
        }
    }

    fn project(s: &str, starts: &str, state: PublicationState) -> Project {
        Project {
            slug: slug(s),
            original_lang: "uk".parse().unwrap(),
            title: LocalizedText::new().with("uk", "Міжмузейна дипломатія"),
            description: LocalizedText::new(),
            partners: vec![
                partner("lead", PartnerRole::Lead),
                partner("other", PartnerRole::Partner),
            ],
            networks: vec![slug("friends")],
            starts_on: starts.parse::<NaiveDate>().unwrap(),
            ends_on: None,
            funding: None,
            status: ProjectStatus::Running,
            goals: vec![LocalizedText::new().with("uk", "Обмін досвідом")],
            tasks: vec![],
            activities: vec![Activity {
                starts_on: starts.parse().unwrap(),
                ends_on: None,
                title: LocalizedText::new().with("uk", "Зустріч"),
                description: LocalizedText::new(),
                link: None,
            }],
            outcomes: vec![],
            state,
        }
    }

    #[tokio::test]
    async fn projects_round_trip_by_partner_status_and_state() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            let (lead, other, third) = store
                .write(|c| {
                    networks::create(c, None, &association("friends"))?;
                    Ok((
                        institutions::create(c, None, &museum("lead", "UA", "UA-09"))?,
                        institutions::create(c, None, &museum("other", "UA", "UA-46"))?,
                        institutions::create(c, None, &museum("third", "UA", "UA-46"))?,
                    ))
                })
                .await
                .unwrap();
            let logged = store.read(search_changes::last_seq).await.unwrap();
            let first = project("first", "2019-09-09", PublicationState::Published);
            let (id, saved) = store
                .write({
                    let p = first.clone();
                    move |c| projects::save_by_slug(c, None, &p)
                })
                .await
                .unwrap();
            assert_eq!(saved, Saved::Created, "{backend}");
            let again = first.clone();
            let (_, saved) = store
                .write(move |c| projects::save_by_slug(c, None, &again))
                .await
                .unwrap();
            assert_eq!(saved, Saved::Unchanged, "{backend}: idempotent");
            let changes = store
                .read(move |c| search_changes::after(c, logged, 10))
                .await
                .unwrap();
            assert_eq!(
                changes
                    .iter()
                    .map(|c| (c.kind.as_str(), c.record_id))
                    .collect::<Vec<_>>(),
                [("project", id)],
                "{backend}: noted for search once"
            );
            let mut partners = store
                .read(move |c| projects::partner_ids(c, id))
                .await
                .unwrap();
            partners.sort_unstable();
            assert_eq!(partners, [lead, other], "{backend}");

            let draft = project("later", "2021-01-01", PublicationState::Draft);
            store
                .write(move |c| projects::save_by_slug(c, None, &draft))
                .await
                .unwrap();
            let list = |filter: ProjectFilter| {
                let store = store.clone();
                async move {
                    let page = store
                        .read(move |c| projects::list(c, &filter, PageRequest::new(0, 10)))
                        .await
                        .unwrap();
                    page.items
                        .into_iter()
                        .map(|r| r.value.slug.to_string())
                        .collect::<Vec<_>>()
                }
            };
            assert_eq!(list(ProjectFilter::default()).await, ["first"], "{backend}");
            let everything = ProjectFilter {
                include_drafts: true,
                ..Default::default()
            };
            assert_eq!(
                list(everything.clone()).await,
                ["later", "first"],
                "{backend}: the latest started first"
            );
            let of = |id| ProjectFilter {
                institution_id: Some(id),
                ..everything.clone()
            };
            assert_eq!(list(of(other)).await.len(), 2, "{backend}");
            assert!(list(of(third)).await.is_empty(), "{backend}");
            let completed = ProjectFilter {
                status: Some(ProjectStatus::Completed),
                ..everything.clone()
            };
            assert!(list(completed).await.is_empty(), "{backend}");

            let mut moved = first.clone();
            moved.partners[1] = partner("third", PartnerRole::Partner);
            moved.status = ProjectStatus::Completed;
            store
                .write(move |c| projects::save_by_slug(c, None, &moved))
                .await
                .unwrap();
            let mut partners = store
                .read(move |c| projects::partner_ids(c, id))
                .await
                .unwrap();
            partners.sort_unstable();
            assert_eq!(partners, [lead, third], "{backend}: partners follow");
            // A network's projects: those with a partner among its members.
            let friends = store
                .read(|c| networks::get_by_slug(c, "friends"))
                .await
                .unwrap()
                .id;
            let in_friends = || ProjectFilter {
                network_id: Some(friends),
                ..everything.clone()
            };
            assert!(list(in_friends()).await.is_empty(), "{backend}: no members");
            store
                .write(move |c| institutions::set_networks(c, None, other, &[friends]))
                .await
                .unwrap();
            assert_eq!(
                list(in_friends()).await,
                ["later"],
                "{backend}: only the project `other` is still a partner of"
            );
            let revisions = store
                .read(move |c| projects::revisions(c, id))
                .await
                .unwrap();
            assert_eq!(
                revisions.iter().map(|r| r.number).collect::<Vec<_>>(),
                [2, 1],
                "{backend}"
            );
            assert_eq!(revisions[1].value, first, "{backend}: history kept");
            let log = store
                .read(move |c| audit::list(c, Some(("project", Some(id))), PageRequest::new(0, 10)))
                .await
                .unwrap();
            assert_eq!(
                log.items
                    .iter()
                    .map(|e| e.action.as_str())
                    .collect::<Vec<_>>(),
                ["update", "create"],
                "{backend}: audited"
            );

            let mut bad = project("bad", "2020-01-01", PublicationState::Published);
            bad.partners[1] = partner("nowhere", PartnerRole::Partner);
            bad.networks = vec![slug("no-such-network")];
            let err = store
                .write(move |c| projects::save_by_slug(c, None, &bad))
                .await
                .unwrap_err();
            let StoreError::Invalid(v) = err else {
                panic!("{backend}: {err}")
            };
            assert_eq!(
                v.errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.reason))
                    .collect::<Vec<_>>(),
                [
                    "partners[1].institution: unknown-institution",
                    "networks[0]: unknown-network"
                ],
                "{backend}"
            );
            assert!(
                store
                    .read(|c| projects::get_by_slug(c, "bad"))
                    .await
                    .is_err(),
                "{backend}: nothing written"
            );
        }
    }
}

mod posts {
    use super::*;
    use chrono::{Duration, Utc};
    use kolo_domain::{Post, PostKind, PostStatus};
    use kolo_store::repo::posts::{self, PostFilter, PostScope};
    use kolo_store::repo::{files, search_changes};

    fn post(slug: &str, institution: &str, status: PostStatus) -> Post {
        Post {
            slug: Slug::parse("slug", slug).unwrap(),
            institution: Slug::parse("institution", institution).unwrap(),
            kind: PostKind::News,
            original_lang: "uk".parse().unwrap(),
            title: LocalizedText::new().with("uk", &format!("Новина {slug}")),
            summary: LocalizedText::new(),
            body: LocalizedText::new().with("uk", "Текст **новини**."),
            status,
            publish_at: None,
            images: vec![],
            attachments: vec![],
            links: vec![],
        }
    }

    fn slugs(items: &[kolo_store::Record<Post>]) -> Vec<String> {
        items.iter().map(|r| r.value.slug.to_string()).collect()
    }

    #[tokio::test]
    async fn posts_are_public_by_status_and_time_and_scheduled_ones_publish_when_due() {
        let (_dir, stores) = stores();
        for (backend, store) in stores {
            store
                .write(|c| {
                    let a = institutions::create(c, None, &museum("a", "UA", "UA-09"))?;
                    institutions::create(c, None, &museum("b", "UA", "UA-09"))?;
                    let n = networks::create(c, None, &association("n"))?;
                    institutions::set_networks(c, None, a, &[n])?;
                    let mut old = post("old", "a", PostStatus::Published);
                    old.publish_at = Some("2024-08-13T09:00:00Z".parse().unwrap());
                    posts::save_by_slug(c, None, &old)?;
                    posts::save_by_slug(c, None, &post("fresh", "b", PostStatus::Published))?;
                    posts::save_by_slug(c, None, &post("draft", "a", PostStatus::Draft))?;
                    let mut later = post("later", "a", PostStatus::Scheduled);
                    later.publish_at = Some(Utc::now() + Duration::hours(1));
                    posts::save_by_slug(c, None, &later)?;
                    let mut due = post("due", "a", PostStatus::Scheduled);
                    due.publish_at = Some(Utc::now() - Duration::seconds(1));
                    posts::save_by_slug(c, None, &due)
                })
                .await
                .unwrap();
            let latest = |scope| {
                let store = store.clone();
                async move {
                    let found = store.read(move |c| posts::latest(c, scope, 10)).await;
                    slugs(&found.unwrap())
                }
            };
            // Newest first; drafts and scheduled posts are nobody's news yet.
            assert_eq!(latest(PostScope::All).await, ["fresh", "old"], "{backend}");
            let (a, n) = store
                .read(|c| {
                    let a = institutions::get_by_slug(c, "a")?.id;
                    Ok((a, networks::get_by_slug(c, "n")?.id))
                })
                .await
                .unwrap();
            assert_eq!(
                latest(PostScope::Institution(a)).await,
                ["old"],
                "{backend}"
            );
            assert_eq!(latest(PostScope::Network(n)).await, ["old"], "{backend}");
            let staff = store
                .read(|c| {
                    let all = PostFilter {
                        include_unpublished: true,
                        ..Default::default()
                    };
                    posts::list(c, &all, PageRequest::new(0, 50))
                })
                .await
                .unwrap();
            assert_eq!(staff.total, 5, "{backend}");

            // A post published without a date keeps the date of its first publication.
            let fresh = store
                .read(|c| posts::get_by_slug(c, "fresh"))
                .await
                .unwrap();
            assert!(fresh.value.publish_at.is_some(), "{backend}");
            let again = store
                .write(|c| posts::save_by_slug(c, None, &post("fresh", "b", PostStatus::Published)))
                .await
                .unwrap();
            assert_eq!(again.1, Saved::Unchanged, "{backend}");

            let seq = store.read(search_changes::last_seq).await.unwrap();
            let published = store.write(posts::publish_due).await.unwrap();
            assert_eq!(published.len(), 1, "{backend}");
            assert!(store.write(posts::publish_due).await.unwrap().is_empty());
            assert_eq!(
                latest(PostScope::Institution(a)).await,
                ["due", "old"],
                "{backend}"
            );
            let changes = store
                .read(move |c| search_changes::after(c, seq, 10))
                .await
                .unwrap();
            assert_eq!(changes.len(), 1, "{backend}: {changes:?}");
            assert_eq!(
                (changes[0].kind.as_str(), changes[0].record_id),
                ("post", published[0]),
                "{backend}"
            );
            let revisions = store
                .read(move |c| posts::revisions(c, published[0]))
                .await
                .unwrap();
            assert_eq!(revisions.len(), 2, "{backend}");
            assert_eq!(revisions[0].value.status, PostStatus::Published);

            // A post may attach only its own institution's files.
            let file = kolo_domain::MediaId::random();
            let new_file = files::NewFile {
                id: file.clone(),
                institution_id: store
                    .read(|c| Ok(institutions::get_by_slug(c, "b")?.id))
                    .await
                    .unwrap(),
                original_filename: "Путівник.pdf".into(),
                mime: "application/pdf".into(),
                bytes: 1234,
                sha256: "ab".repeat(32),
            };
            store
                .write(move |c| files::create(c, None, &new_file))
                .await
                .unwrap();
            let with_file = |institution: &str| Post {
                attachments: vec![kolo_domain::Attachment {
                    file: file.clone(),
                    title: LocalizedText::new().with("uk", "Путівник"),
                }],
                ..post("guide", institution, PostStatus::Draft)
            };
            let theirs = with_file("b");
            store
                .write(move |c| posts::save_by_slug(c, None, &theirs))
                .await
                .unwrap();
            let wanted = file.clone();
            let described = store
                .read(move |c| files::describe(c, &[&wanted]))
                .await
                .unwrap();
            assert_eq!(described[&file].institution, "b", "{backend}");
            assert_eq!(described[&file].original_filename, "Путівник.pdf");

            // Unknown institutions, future "published" posts and others' files are refused by
            // field.
            for (bad, field) in [
                (with_file("a"), "attachments[0].file"),
                (post("nowhere", "zz", PostStatus::Draft), "institution"),
                (
                    Post {
                        publish_at: Some(Utc::now() + Duration::days(1)),
                        ..post("early", "a", PostStatus::Published)
                    },
                    "publish_at",
                ),
            ] {
                let err = store
                    .write(move |c| posts::save_by_slug(c, None, &bad))
                    .await
                    .unwrap_err();
                match err {
                    StoreError::Invalid(e) => {
                        assert!(e.for_field(field).is_some(), "{backend}: {e:?}")
                    }
                    other => panic!("{backend}: {other:?}"),
                }
            }
            let total = store
                .read(|c| {
                    let all = PostFilter {
                        include_unpublished: true,
                        ..Default::default()
                    };
                    posts::list(c, &all, PageRequest::new(0, 50))
                })
                .await
                .unwrap()
                .total;
            assert_eq!(total, 6, "{backend}: a refused post was written");
        }
    }
}
