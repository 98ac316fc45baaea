//! Who may do what. The store loads a `Principal` for the signed-in user; every write asks it.

use serde::{Deserialize, Serialize};

/// What a grant applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    Institution(i64),
    Network(i64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs an institution's account: edits it and invites its editors.
    InstitutionAdmin,
    /// Edits an institution's records.
    Editor,
    /// Edits a network's page and membership list.
    Coordinator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::InstitutionAdmin, Role::Editor, Role::Coordinator];

    pub fn code(self) -> &'static str {
        match self {
            Role::InstitutionAdmin => "institution_admin",
            Role::Editor => "editor",
            Role::Coordinator => "coordinator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether this role may be granted within `scope`.
    pub fn fits(self, scope: Scope) -> bool {
        matches!(
            (self, scope),
            (Role::InstitutionAdmin | Role::Editor, Scope::Institution(_))
                | (Role::Coordinator, Scope::Network(_))
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Grant {
    pub scope: Scope,
    pub role: Role,
}

/// A signed-in user and everything they were granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub platform_admin: bool,
    pub grants: Vec<Grant>,
}

impl Principal {
    fn has(&self, scope: Scope, roles: &[Role]) -> bool {
        self.grants
            .iter()
            .any(|g| g.scope == scope && roles.contains(&g.role))
    }

    pub fn can_create_institutions_and_networks(&self) -> bool {
        self.platform_admin
    }

    pub fn can_edit_institution(&self, id: i64) -> bool {
        self.platform_admin
            || self.has(
                Scope::Institution(id),
                &[Role::InstitutionAdmin, Role::Editor],
            )
    }

    pub fn can_edit_network(&self, id: i64) -> bool {
        self.platform_admin || self.has(Scope::Network(id), &[Role::Coordinator])
    }

    /// An event belongs to its host institutions: their staff edit it.
    pub fn can_edit_event(&self, host_ids: &[i64]) -> bool {
        self.platform_admin || host_ids.iter().any(|id| self.can_edit_institution(*id))
    }

    /// Vocabularies are shared by the whole platform: staff of any institution or network may
    /// add a term they need for cataloguing.
    pub fn can_add_terms(&self) -> bool {
        self.platform_admin || !self.grants.is_empty()
    }

    /// Changing an existing term changes every record that uses it, across institutions, so
    /// only those who speak for a network (coordinators) and platform administrators may.
    pub fn can_edit_terms(&self) -> bool {
        self.platform_admin || self.grants.iter().any(|g| g.role == Role::Coordinator)
    }

    /// Platform administrators invite anyone anywhere; an institution's administrator invites
    /// that institution's editors; a coordinator invites fellow coordinators of the network.
    pub fn can_invite(&self, scope: Scope, role: Role) -> bool {
        if !role.fits(scope) {
            return false;
        }
        self.platform_admin
            || match (scope, role) {
                (Scope::Institution(_), Role::Editor) => self.has(scope, &[Role::InstitutionAdmin]),
                (Scope::Network(_), Role::Coordinator) => self.has(scope, &[Role::Coordinator]),
                _ => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(grants: Vec<Grant>) -> Principal {
        Principal {
            user_id: 1,
            email: "a@b.c".into(),
            display_name: "A".into(),
            platform_admin: false,
            grants,
        }
    }

    #[test]
    fn editors_reach_only_their_institution() {
        let p = user(vec![Grant {
            scope: Scope::Institution(1),
            role: Role::Editor,
        }]);
        assert!(p.can_edit_institution(1));
        assert!(!p.can_edit_institution(2));
        assert!(!p.can_edit_network(1));
        assert!(!p.can_invite(Scope::Institution(1), Role::Editor));
        assert!(!p.can_create_institutions_and_networks());
    }

    #[test]
    fn events_belong_to_their_hosts() {
        let p = user(vec![Grant {
            scope: Scope::Institution(1),
            role: Role::Editor,
        }]);
        assert!(p.can_edit_event(&[2, 1]));
        assert!(!p.can_edit_event(&[2]));
        assert!(
            !p.can_edit_event(&[]),
            "an event without hosts is the platform's"
        );
    }

    #[test]
    fn institution_admins_invite_editors_only() {
        let p = user(vec![Grant {
            scope: Scope::Institution(1),
            role: Role::InstitutionAdmin,
        }]);
        assert!(p.can_invite(Scope::Institution(1), Role::Editor));
        assert!(!p.can_invite(Scope::Institution(1), Role::InstitutionAdmin));
        assert!(!p.can_invite(Scope::Institution(2), Role::Editor));
    }

    #[test]
    fn staff_add_terms_and_coordinators_change_them() {
        let editor = user(vec![Grant {
            scope: Scope::Institution(1),
            role: Role::Editor,
        }]);
        assert!(editor.can_add_terms());
        assert!(!editor.can_edit_terms());
        let coordinator = user(vec![Grant {
            scope: Scope::Network(2),
            role: Role::Coordinator,
        }]);
        assert!(coordinator.can_edit_terms());
        assert!(!user(vec![]).can_add_terms(), "an account without grants");
    }

    #[test]
    fn roles_fit_their_scopes() {
        let admin = Principal {
            platform_admin: true,
            ..user(vec![])
        };
        assert!(admin.can_invite(Scope::Network(3), Role::Coordinator));
        assert!(!admin.can_invite(Scope::Network(3), Role::Editor));
        assert!(admin.can_edit_institution(99));
    }
}
