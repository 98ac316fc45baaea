//! The one schema both backends share. The SQL in `migrations/<backend>/` must produce exactly this.

diesel::table! {
    institutions (id) {
        id -> BigInt,
        slug -> Text,
        kind -> Text,
        original_lang -> Text,
        name -> Text,
        sort_name -> Text,
        description -> Text,
        country -> Text,
        region_code -> Nullable<Text>,
        region -> Text,
        locality -> Text,
        address -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        website -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    networks (id) {
        id -> BigInt,
        slug -> Text,
        kind -> Text,
        original_lang -> Text,
        name -> Text,
        sort_name -> Text,
        description -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        website -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    memberships (network_id, institution_id) {
        network_id -> BigInt,
        institution_id -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        platform_admin -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    grants (user_id, scope_kind, scope_id, role) {
        user_id -> BigInt,
        scope_kind -> Text,
        scope_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    invitations (id) {
        id -> BigInt,
        token_hash -> Text,
        email -> Text,
        scope_kind -> Text,
        scope_id -> BigInt,
        role -> Text,
        invited_by -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> BigInt,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        label -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        email -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        user_id -> Nullable<BigInt>,
        action -> Text,
        entity_kind -> Text,
        entity_id -> Nullable<BigInt>,
        detail -> Text,
    }
}

diesel::joinable!(memberships -> networks (network_id));
diesel::joinable!(memberships -> institutions (institution_id));
diesel::joinable!(grants -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));

diesel::table! {
    events (id) {
        id -> BigInt,
        slug -> Text,
        kind -> Text,
        status -> Text,
        attendance -> Text,
        parent_id -> Nullable<BigInt>,
        starts_utc -> Timestamp,
        ends_utc -> Timestamp,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    event_institutions (event_id, institution_id, role) {
        event_id -> BigInt,
        institution_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    event_networks (event_id, network_id) {
        event_id -> BigInt,
        network_id -> BigInt,
    }
}

diesel::table! {
    programme_items (id) {
        id -> BigInt,
        event_id -> BigInt,
        guid -> Text,
        starts_utc -> Timestamp,
        data -> Text,
    }
}

diesel::joinable!(event_institutions -> events (event_id));
diesel::joinable!(event_networks -> events (event_id));
diesel::joinable!(programme_items -> events (event_id));
diesel::table! {
    registration_settings (event_id) {
        event_id -> BigInt,
        data -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    registrations (id) {
        id -> BigInt,
        event_id -> BigInt,
        email -> Text,
        status -> Text,
        attendance -> Text,
        token_hash -> Text,
        data -> Text,
        consent_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    schedule_sources (event_id) {
        event_id -> BigInt,
        format -> Text,
        document -> Text,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    media (id) {
        id -> Text,
        institution_id -> BigInt,
        original_filename -> Text,
        mime -> Text,
        width -> BigInt,
        height -> BigInt,
        bytes -> BigInt,
        sha256 -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(media -> institutions (institution_id));

diesel::table! {
    files (id) {
        id -> Text,
        institution_id -> BigInt,
        original_filename -> Text,
        mime -> Text,
        bytes -> BigInt,
        sha256 -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(files -> institutions (institution_id));
diesel::joinable!(schedule_sources -> events (event_id));
diesel::joinable!(registration_settings -> events (event_id));
diesel::joinable!(registrations -> events (event_id));
diesel::table! {
    programme_versions (id) {
        id -> BigInt,
        event_id -> BigInt,
        number -> BigInt,
        name -> Text,
        published_at -> Timestamp,
        published_by -> Nullable<BigInt>,
        items -> Text,
        changes -> Text,
    }
}

diesel::table! {
    event_documents (id) {
        id -> BigInt,
        event_id -> BigInt,
        key -> Text,
        kind -> Text,
        status -> Text,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    event_document_revisions (id) {
        id -> BigInt,
        document_id -> BigInt,
        number -> BigInt,
        status -> Text,
        data -> Text,
        saved_at -> Timestamp,
        saved_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(programme_versions -> events (event_id));
diesel::joinable!(event_documents -> events (event_id));
diesel::joinable!(event_document_revisions -> event_documents (document_id));
diesel::table! {
    exhibitions (id) {
        id -> BigInt,
        slug -> Text,
        kind -> Text,
        state -> Text,
        opens_on -> Nullable<Date>,
        closes_on -> Nullable<Date>,
        has_itinerary -> Bool,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    exhibition_hosts (exhibition_id, institution_id) {
        exhibition_id -> BigInt,
        institution_id -> BigInt,
    }
}

diesel::table! {
    exhibition_stops (exhibition_id, position) {
        exhibition_id -> BigInt,
        position -> BigInt,
        institution_id -> Nullable<BigInt>,
        opens_on -> Date,
        closes_on -> Date,
    }
}

diesel::table! {
    exhibition_objects (exhibition_id, section, institution, inventory_number) {
        exhibition_id -> BigInt,
        institution -> Text,
        inventory_number -> Text,
        section -> Text,
        highlight -> Bool,
    }
}

diesel::table! {
    exhibition_revisions (id) {
        id -> BigInt,
        exhibition_id -> BigInt,
        number -> BigInt,
        data -> Text,
        saved_at -> Timestamp,
        saved_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    stories (id) {
        id -> BigInt,
        slug -> Text,
        institution_id -> BigInt,
        series -> Nullable<Text>,
        number -> Nullable<BigInt>,
        object_institution -> Text,
        object_inventory_number -> Text,
        state -> Text,
        published_on -> Nullable<Date>,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    story_revisions (id) {
        id -> BigInt,
        story_id -> BigInt,
        number -> BigInt,
        data -> Text,
        saved_at -> Timestamp,
        saved_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(exhibition_hosts -> exhibitions (exhibition_id));
diesel::joinable!(exhibition_stops -> exhibitions (exhibition_id));
diesel::joinable!(exhibition_objects -> exhibitions (exhibition_id));
diesel::joinable!(exhibition_revisions -> exhibitions (exhibition_id));
diesel::joinable!(story_revisions -> stories (story_id));
diesel::table! {
    vocabulary_terms (id) {
        id -> BigInt,
        kind -> Text,
        key -> Text,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    term_labels (term_id, label) {
        term_id -> BigInt,
        kind -> Text,
        label -> Text,
    }
}

diesel::table! {
    collections (id) {
        id -> BigInt,
        institution_id -> BigInt,
        key -> Text,
        parent_id -> Nullable<BigInt>,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    objects (id) {
        id -> BigInt,
        institution_id -> BigInt,
        inventory_number -> Text,
        collection_id -> Nullable<BigInt>,
        object_type -> Nullable<Text>,
        earliest -> Nullable<Integer>,
        latest -> Nullable<Integer>,
        state -> Text,
        has_image -> Bool,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    object_terms (object_id, kind, key) {
        object_id -> BigInt,
        kind -> Text,
        key -> Text,
    }
}

diesel::table! {
    object_revisions (id) {
        id -> BigInt,
        object_id -> BigInt,
        number -> BigInt,
        data -> Text,
        saved_at -> Timestamp,
        saved_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    deleted_objects (id) {
        id -> BigInt,
        institution_id -> BigInt,
        collection_id -> Nullable<BigInt>,
        inventory_number -> Text,
        deleted_at -> Timestamp,
    }
}

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    search_changes (seq) {
        seq -> BigInt,
        at -> Timestamp,
        kind -> Text,
        record_id -> BigInt,
    }
}

diesel::joinable!(term_labels -> vocabulary_terms (term_id));
diesel::joinable!(collections -> institutions (institution_id));
diesel::joinable!(objects -> institutions (institution_id));
diesel::joinable!(objects -> collections (collection_id));
diesel::joinable!(object_terms -> objects (object_id));
diesel::joinable!(object_revisions -> objects (object_id));

// Cooperation projects (migration 0013_projects).
diesel::table! {
    projects (id) {
        id -> BigInt,
        slug -> Text,
        status -> Text,
        state -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    project_partners (project_id, institution_id) {
        project_id -> BigInt,
        institution_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    project_revisions (id) {
        id -> BigInt,
        project_id -> BigInt,
        number -> BigInt,
        data -> Text,
        saved_at -> Timestamp,
        saved_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(project_partners -> projects (project_id));
diesel::joinable!(project_revisions -> projects (project_id));

// Posts (0014_posts).
diesel::table! {
    posts (id) {
        id -> BigInt,
        slug -> Text,
        institution_id -> BigInt,
        kind -> Text,
        status -> Text,
        published_at -> Nullable<Timestamp>,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    post_revisions (id) {
        id -> BigInt,
        post_id -> BigInt,
        number -> BigInt,
        data -> Text,
        saved_at -> Timestamp,
        saved_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(posts -> institutions (institution_id));
diesel::joinable!(post_revisions -> posts (post_id));

diesel::allow_tables_to_appear_in_same_query!(
    institutions,
    networks,
    memberships,
    users,
    grants,
    invitations,
    sessions,
    api_tokens,
    login_failures,
    audit_log,
    events,
    event_institutions,
    event_networks,
    programme_items,
    registration_settings,
    registrations,
    schedule_sources,
    programme_versions,
    event_documents,
    event_document_revisions,
    exhibitions,
    exhibition_hosts,
    exhibition_stops,
    exhibition_objects,
    exhibition_revisions,
    stories,
    story_revisions,
    media,
    files,
    vocabulary_terms,
    term_labels,
    collections,
    objects,
    object_terms,
    object_revisions,
    deleted_objects,
    server_secrets,
    search_changes,
    projects,
    project_partners,
    project_revisions,
    posts,
    post_revisions,
);
