//! Staff pages: editing institutions and networks, invitations, the account page.

use crate::AppState;
use axum::Router;

pub fn staff_routes() -> Router<AppState> {
    Router::new()
}
