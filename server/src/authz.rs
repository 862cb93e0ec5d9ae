//! Who may call what, decided in one place: handlers take [`Require<R>`], whose type says
//! which roles pass. Not logged in → 401, logged in with another role → 403, both in the
//! API's error shape; the handler body never re-checks.

use std::marker::PhantomData;

use app::domain::{Role, User};
use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{accounts::AuthSession, error::ApiError};

/// A set of roles, as a type.
pub trait Roles: Send + Sync {
    const ALLOWED: &'static [Role];
}

/// Any logged-in user.
pub struct Anyone;
/// HR only.
pub struct HrOnly;

/// Those who take interviews: interviewers and HR. A manager never pushes: interviews of
/// their own making in their department would let them subtract known answers from the
/// aggregates they see.
pub struct TakesInterviews;

/// HR and managers (managers only see their own departments' aggregates).
pub struct HrOrManager;

impl Roles for Anyone {
    const ALLOWED: &'static [Role] = &Role::ALL;
}

impl Roles for HrOnly {
    const ALLOWED: &'static [Role] = &[Role::Hr];
}

impl Roles for TakesInterviews {
    const ALLOWED: &'static [Role] = &[Role::Interviewer, Role::Hr];
}

impl Roles for HrOrManager {
    const ALLOWED: &'static [Role] = &[Role::Hr, Role::Manager];
}

/// The logged-in user, whose role is one of `R::ALLOWED`.
pub struct Require<R: Roles> {
    pub user: User,
    roles: PhantomData<R>,
}

impl<S: Send + Sync, R: Roles> FromRequestParts<S> for Require<R> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let session = parts
            .extensions
            .get::<AuthSession>()
            .ok_or_else(|| ApiError::internal("the auth layer is missing"))?;
        let user = session
            .user
            .as_ref()
            .map(|account| account.user.clone())
            .ok_or(ApiError::Unauthorized)?;
        if R::ALLOWED.contains(&user.role) {
            Ok(Self {
                user,
                roles: PhantomData,
            })
        } else {
            Err(ApiError::Forbidden)
        }
    }
}
