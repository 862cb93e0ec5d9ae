//! The browser's client of the JSON API under `/api/v1`: JSON in, JSON out, failures in the
//! API's error shape. Only called after hydration (in event handlers and effects).

use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// Why a call did not give the expected value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer at all: the device is offline or the server is down.
    Offline,
    /// The server answered with an error (`error` is the API's stable code; empty when
    /// something in between, such as a proxy, answered in another shape).
    Refused {
        status: u16,
        error: String,
        message: String,
        /// Seconds to wait, from `Retry-After` (429).
        retry_after: Option<u64>,
    },
    /// An answer we could not read.
    Unreadable,
}

impl ApiFailure {
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Refused { status, .. } => Some(*status),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    message: String,
}

/// Sends `method /api/v1{path}` with `body` as JSON and reads the answer as `T` (a 204 reads
/// as JSON `null`, so `T = ()` fits).
pub async fn call<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<&impl Serialize>,
) -> Result<T, ApiFailure> {
    let body = body
        .map(serde_json::to_string)
        .transpose()
        .map_err(|_| ApiFailure::Unreadable)?;
    let (status, retry_after, text) =
        browser::fetch(method, &format!("/api/v1{path}"), body).await?;
    if (200..300).contains(&status) {
        let text = if text.is_empty() { "null" } else { &text };
        return serde_json::from_str(text).map_err(|_| ApiFailure::Unreadable);
    }
    // A proxy in front of the server answers in its own words: the status still counts.
    let e: ErrorBody = serde_json::from_str(&text).unwrap_or(ErrorBody {
        error: String::new(),
        message: String::new(),
    });
    Err(ApiFailure::Refused {
        status,
        error: e.error,
        message: e.message,
        retry_after,
    })
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Request, RequestInit, Response};

    use super::ApiFailure;

    /// (status, Retry-After seconds, body text)
    pub async fn fetch(
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<(u16, Option<u64>, String), ApiFailure> {
        let init = RequestInit::new();
        init.set_method(method);
        if let Some(body) = body {
            init.set_body(&JsValue::from_str(&body));
        }
        let request =
            Request::new_with_str_and_init(url, &init).map_err(|_| ApiFailure::Unreadable)?;
        if request
            .headers()
            .set("content-type", "application/json")
            .is_err()
        {
            return Err(ApiFailure::Unreadable);
        }
        let window = web_sys::window().ok_or(ApiFailure::Offline)?;
        let response: Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(|_| ApiFailure::Offline)?
            .dyn_into()
            .map_err(|_| ApiFailure::Unreadable)?;
        let retry_after = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok());
        let text = JsFuture::from(response.text().map_err(|_| ApiFailure::Unreadable)?)
            .await
            .map_err(|_| ApiFailure::Offline)?
            .as_string()
            .unwrap_or_default();
        Ok((response.status(), retry_after, text))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    //! The server renders pages without calling its own API.
    use super::ApiFailure;

    pub async fn fetch(
        _: &str,
        _: &str,
        _: Option<String>,
    ) -> Result<(u16, Option<u64>, String), ApiFailure> {
        Err(ApiFailure::Offline)
    }
}
