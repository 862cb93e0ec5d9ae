//! Request guards for every route: a same-origin check against cross-site request forgery
//! (and no API answer at all to a request a browser marks as cross-site), and the security
//! headers of every answer (a Content-Security-Policy whose script nonce the server-rendered
//! page carries, no sniffing, no referrer, no framing; API answers are never cached; over
//! https, Strict-Transport-Security).

use axum::{
    extract::{Request, State},
    http::{
        header::{
            CACHE_CONTROL, CONTENT_SECURITY_POLICY, COOKIE, HOST, ORIGIN, REFERER,
            STRICT_TRANSPORT_SECURITY,
        },
        HeaderMap, HeaderValue, Method,
    },
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::ApiError;

/// Refuses a state-changing request that a browser sent from another site. Browsers send
/// `Origin` (or at least `Referer`) with such requests; it must name this host. A request
/// with neither and without a cookie comes from a program that holds no victim's session.
/// An API request the browser marks `Sec-Fetch-Site: cross-site` is refused whatever its
/// method: a link on another site must not make HR's browser open an interview (and write
/// a false entry in the access log).
pub async fn same_origin(request: Request, next: Next) -> Response {
    let api = is_api(request.uri().path());
    let cross_site = request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site");
    let allowed =
        !(api && cross_site) && (is_safe(request.method()) || same_site(request.headers()));
    if allowed {
        next.run(request).await
    } else {
        ApiError::Forbidden.into_response()
    }
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The progress pages opened by a published link, and what they read.
fn is_public(path: &str) -> bool {
    path.starts_with("/voortgang/") || path.starts_with("/api/v1/public/")
}

/// Paths whose last part is a secret (a progress link's token).
const SECRET_PATHS: [&str; 2] = ["/voortgang/", "/api/v1/public/progress/"];

/// `path` as the request log may show it: a progress link's token is a password to that
/// page, so it is left out.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match SECRET_PATHS.iter().find(|p| path.starts_with(*p)) {
        Some(prefix) => format!("{prefix}…").into(),
        None => path.into(),
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request's `Origin` (or `Referer`) names the host it was sent to.
pub fn same_site(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let Some(host) = text(HOST) else {
        return false;
    };
    match text(ORIGIN).or_else(|| text(REFERER)) {
        Some(source) => authority(source) == Some(host),
        None => text(COOKIE).is_none(),
    }
}

/// `host[:port]` of `scheme://host[:port]/…`.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

/// The nonce of one answer's inline scripts; the page renders it, the header allows it.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// Adds the security headers; pages get a fresh script nonce per request. `https` (the
/// server is reached over https, `EXIT_SECURE_COOKIES`) adds Strict-Transport-Security.
pub async fn headers(State(https): State<bool>, mut request: Request, next: Next) -> Response {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    // API answers hold personal data (names, notes): no cache, shared or private, keeps them.
    let api = is_api(request.uri().path());
    // A published progress page is reached by a secret link: search engines must not keep it.
    let public = is_public(request.uri().path());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        h.insert(CONTENT_SECURITY_POLICY, value);
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    if api {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if public {
        h.insert(
            "x-robots-tag",
            HeaderValue::from_static("noindex, nofollow"),
        );
    }
    if https {
        h.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_log_never_shows_a_progress_token() {
        let token = "ab".repeat(32);
        let cases = [
            (format!("/voortgang/{token}"), "/voortgang/…".to_owned()),
            (
                format!("/api/v1/public/progress/{token}"),
                "/api/v1/public/progress/…".to_owned(),
            ),
            (
                "/dashboard/workload".to_owned(),
                "/dashboard/workload".to_owned(),
            ),
            (
                "/api/v1/progress-links".to_owned(),
                "/api/v1/progress-links".to_owned(),
            ),
        ];
        for (path, logged) in cases {
            assert_eq!(loggable_path(&path), logged);
        }
    }

    #[test]
    fn only_requests_from_this_host_may_change_things() {
        let host = ("host", "exit.example:3000");
        let cases = [
            (
                "same origin",
                vec![host, ("origin", "http://exit.example:3000")],
                true,
            ),
            (
                "https origin",
                vec![host, ("origin", "https://exit.example:3000")],
                true,
            ),
            (
                "other site",
                vec![host, ("origin", "https://evil.example")],
                false,
            ),
            (
                "other port",
                vec![host, ("origin", "http://exit.example:4000")],
                false,
            ),
            (
                "look-alike",
                vec![host, ("origin", "http://exit.example:3000.evil.example")],
                false,
            ),
            (
                "referer only",
                vec![host, ("referer", "http://exit.example:3000/gesprekken?x=1")],
                true,
            ),
            (
                "bad referer",
                vec![host, ("referer", "http://evil.example/exit.example:3000")],
                false,
            ),
            ("null origin", vec![host, ("origin", "null")], false),
            ("no origin, no cookie", vec![host], true),
            (
                "no origin, with cookie",
                vec![host, ("cookie", "id=1")],
                false,
            ),
            (
                "no host",
                vec![("origin", "http://exit.example:3000")],
                false,
            ),
        ];
        for (name, pairs, allowed) in cases {
            assert_eq!(same_site(&headers(&pairs)), allowed, "{name}");
        }
    }
}
