//! `GET /api/v1/me`: who is logged in, with their role.

use app::domain::User;
use axum::Json;

use crate::authz::{Anyone, Require};

pub async fn me(who: Require<Anyone>) -> Json<User> {
    Json(who.user)
}
