//! First run: while no account exists, `POST /api/v1/setup` creates the first HR account
//! and logs it in; after that the endpoint answers 404. `GET` says whether it is open.

use app::domain::{NewUser, Role, SetupStatus, User};
use axum::{extract::State, http::StatusCode, Json};

use crate::{
    accounts::AuthSession,
    error::{ApiError, Body},
    AppState,
};

pub async fn status(State(state): State<AppState>) -> Result<Json<SetupStatus>, ApiError> {
    let done = state.users.setup_done().await.map_err(ApiError::internal)?;
    Ok(Json(SetupStatus { open: !done }))
}

pub async fn create_first_hr(
    State(state): State<AppState>,
    mut auth: AuthSession,
    Body(new): Body<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    if new.role != Role::Hr {
        return Err(ApiError::BadRequest(
            StatusCode::BAD_REQUEST,
            "the first account is an hr account".into(),
        ));
    }
    let user = super::users::register(&state.users, &new, true)
        .await?
        .ok_or(ApiError::NotFound)?;
    tracing::info!("first-run setup done: the first hr account exists, /setup is closed");
    let account = state
        .users
        .by_id(user.id)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| ApiError::internal("the new account is gone"))?;
    auth.login(&account).await.map_err(ApiError::internal)?;
    Ok((StatusCode::CREATED, Json(user)))
}
