//! The one error type of the JSON API. Every failure answers `{"error": code, "message": text}`
//! with the status decided here; internal causes are logged (never with user data) and the
//! client only learns that something went wrong on our side.

use axum::{
    extract::{rejection::JsonRejection, FromRequest, FromRequestParts, Query, Request},
    http::request::Parts,
    http::{header::RETRY_AFTER, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::error::Error;

/// The body of every error answer.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ErrorBody {
    /// Stable, machine-readable: `bad_request`, `unauthorized`, `forbidden`, …
    pub error: String,
    /// For a person; may change wording.
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Malformed or invalid input; the message says what to fix.
    #[error("{1}")]
    BadRequest(StatusCode, String),
    #[error("log in first")]
    Unauthorized,
    #[error("the e-mail address or the password is wrong")]
    WrongCredentials,
    #[error("your role may not do this")]
    Forbidden,
    /// Sync: the device id belongs to another user.
    #[error("{0}")]
    DeviceTaken(String),
    /// Sync: the device is behind what the server has from its id.
    #[error("{0}")]
    DeviceBehind(String),
    /// Sync: the device syncs for another user than the one logged in.
    #[error("this device syncs for another user: log in as that user")]
    WrongUser,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("too many wrong passwords; try again in {0} s")]
    TooManyAttempts(u64),
    /// Something broke on our side; the cause, with its sources, goes to the log only.
    #[error("internal error")]
    Internal(#[source] Box<dyn Error + Send + Sync>),
}

impl ApiError {
    pub fn internal(e: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        Self::Internal(e.into())
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::BadRequest(status, _) => (*status, "bad_request"),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::WrongCredentials => (StatusCode::UNAUTHORIZED, "wrong_credentials"),
            Self::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Self::DeviceTaken(_) => (StatusCode::FORBIDDEN, "device_taken"),
            Self::DeviceBehind(_) => (StatusCode::CONFLICT, "device_behind"),
            Self::WrongUser => (StatusCode::FORBIDDEN, "wrong_user"),
            Self::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Self::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            Self::TooManyAttempts(_) => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let Self::Internal(cause) = &self {
            let cause = chain(cause.as_ref());
            tracing::error!(%cause, "request failed");
        }
        let body = Json(ErrorBody {
            error: code.to_owned(),
            message: self.to_string(),
        });
        match self {
            Self::TooManyAttempts(secs) => {
                (status, [(RETRY_AFTER, secs.to_string())], body).into_response()
            }
            _ => (status, body).into_response(),
        }
    }
}

/// An error and each of its sources, "outer: inner: innermost", for the log.
fn chain(e: &(dyn Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        let more = cause.to_string();
        // thiserror's `{0}` often repeats the source in the outer message already.
        if !text.ends_with(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        next = cause.source();
    }
    text
}

/// `Json<T>` whose rejections (malformed JSON, wrong content type, too large) answer in our
/// error shape instead of axum's plain text.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(rejected(rejection)),
        }
    }
}

fn rejected(rejection: JsonRejection) -> ApiError {
    let status = match rejection.status() {
        // A syntactically valid body with a bad value is still a bad request for us.
        StatusCode::UNPROCESSABLE_ENTITY => StatusCode::BAD_REQUEST,
        other => other,
    };
    ApiError::BadRequest(status, rejection.body_text())
}

/// `Query<T>`: a query string that does not parse answers 400 in our error shape.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Self(value)),
            Err(e) => Err(ApiError::BadRequest(StatusCode::BAD_REQUEST, e.body_text())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    enum Outer {
        #[error("saving failed")]
        Saving(#[source] std::io::Error),
        #[error("database query failed: {0}")]
        Db(#[from] std::io::Error),
    }

    #[test]
    fn the_log_line_names_every_source_once() {
        let disk = || std::io::Error::other("disk full");
        let cases: &[(ApiError, &str)] = &[
            (
                ApiError::internal(Outer::Saving(disk())),
                "saving failed: disk full",
            ),
            (
                ApiError::internal(Outer::Db(disk())),
                "database query failed: disk full",
            ),
            (
                ApiError::internal("the clock gives no date"),
                "the clock gives no date",
            ),
        ];
        for (error, logged) in cases {
            let ApiError::Internal(cause) = error else {
                unreachable!()
            };
            assert_eq!(chain(cause.as_ref()), *logged);
            assert_eq!(
                error.to_string(),
                "internal error",
                "the client learns no cause"
            );
        }
    }
}
