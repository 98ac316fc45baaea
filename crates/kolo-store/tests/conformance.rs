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
