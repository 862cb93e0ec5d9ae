//! HR manages accounts: `GET /api/v1/users` lists them, `POST` adds one, `PATCH
//! /users/{id}` changes the role, a manager's departments, or disables/enables the account.

use app::domain::{NewUser, Role, User, UserChange, UserId};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};

use crate::{
    accounts::{self, RegisterError, Users, UsersError},
    authz::{HrOnly, Require},
    error::{ApiError, Body},
    AppState,
};

fn bad(message: impl ToString) -> ApiError {
    ApiError::BadRequest(StatusCode::BAD_REQUEST, message.to_string())
}

fn stored(e: UsersError) -> ApiError {
    match e {
        UsersError::EmailTaken => ApiError::Conflict(e.to_string()),
        UsersError::NotFound => ApiError::NotFound,
        other => ApiError::internal(other),
    }
}

/// Creates an account through [`accounts::register`], in the API's error terms.
pub async fn register(
    users: &Users,
    new: &NewUser,
    only_first: bool,
) -> Result<Option<User>, ApiError> {
    accounts::register(users, new, only_first, app::clock::now())
        .await
        .map_err(|e| match e {
            RegisterError::Invalid(problem) => bad(problem),
            RegisterError::Users(e) => stored(e),
            RegisterError::Password(e) => ApiError::internal(e),
        })
}

pub async fn list(
    _: Require<HrOnly>,
    State(state): State<AppState>,
) -> Result<Json<Vec<User>>, ApiError> {
    state.users.list().await.map(Json).map_err(stored)
}

pub async fn create(
    _: Require<HrOnly>,
    State(state): State<AppState>,
    Body(new): Body<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    match register(&state.users, &new, false).await? {
        Some(user) => Ok((StatusCode::CREATED, Json(user))),
        None => Err(ApiError::internal("account not created")),
    }
}

pub async fn change(
    who: Require<HrOnly>,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Body(change): Body<UserChange>,
) -> Result<Json<User>, ApiError> {
    let id = UserId::parse(&id).ok_or(ApiError::NotFound)?;
    let current = user(&state, id).await?;
    if id == who.user.id
        && (change.active == Some(false) || change.role.is_some_and(|r| r != Role::Hr))
    {
        return Err(bad("you cannot disable or demote your own account"));
    }
    let now = app::clock::now();
    if change.role.is_some() || change.departments.is_some() {
        let role = change.role.unwrap_or(current.role);
        // Leaving the manager role drops the department scope unless new ones are given.
        let kept = if role == Role::Manager {
            current.departments
        } else {
            Vec::new()
        };
        let departments = change.departments.unwrap_or(kept);
        if role != Role::Manager && !departments.is_empty() {
            return Err(bad(app::domain::AccountProblem::DepartmentsWithoutManager));
        }
        state
            .users
            .set_role(id, role, &departments, now)
            .await
            .map_err(stored)?;
    }
    if let Some(active) = change.active {
        state
            .users
            .set_active(id, active, now)
            .await
            .map_err(stored)?;
    }
    user(&state, id).await.map(Json)
}

async fn user(state: &AppState, id: UserId) -> Result<User, ApiError> {
    let account = state.users.by_id(id).await.map_err(stored)?;
    account.map(|a| a.user).ok_or(ApiError::NotFound)
}
