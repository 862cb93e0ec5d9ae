//! The Exitgesprek server: Leptos server-side rendering, the JSON API and the database.
//!
//! [`router`] builds the whole HTTP application from an [`AppState`] (tests call it through
//! `tower::ServiceExt::oneshot`); [`Server::bind`] prepares a real listener and
//! [`Server::run_until`] serves it until a shutdown signal; [`run`] (in `cli::dispatch`) is what
//! `main` calls; `jobs` holds what runs beside the server (retention, signals).

#![recursion_limit = "512"]

use std::{future::Future, io, net::SocketAddr};

use axum::{extract::FromRef, http::Request, middleware, Router};
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::{provide_context, use_context, IntoView, LeptosOptions};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

pub mod accounts;
mod authz;
pub mod cli;
pub mod config;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod error;
mod jobs;
pub mod plan;
mod routes;
pub mod security;
pub mod sync;

pub use cli::dispatch::run;
pub use routes::api::{BODY_LIMIT as API_BODY_LIMIT, ENDPOINTS, OPENAPI};

use crate::{
    accounts::{failures::LoginFailures, Backend, Sessions, Users},
    config::{Config, ConfigError},
    dashboard::Dashboards,
    db::{Db, DbError},
    sync::Interviews,
};

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub leptos: LeptosOptions,
    pub users: Users,
    pub interviews: Interviews,
    pub dashboards: Dashboards,
    pub plans: plan::Plans,
    /// Wrong-password counts, shared by every process on the database (`accounts::throttle`).
    pub throttle: LoginFailures,
    pub session_days: u32,
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl AppState {
    pub fn new(db: Db, config: &Config) -> Self {
        Self {
            users: Users::new(db.clone()),
            interviews: Interviews::new(db.clone()),
            dashboards: Dashboards::new(db.clone()),
            plans: plan::Plans::new(db.clone()),
            throttle: LoginFailures::new(db.clone()),
            db,
            leptos: leptos_options(config),
            session_days: config.session_days,
            secure_cookies: config.secure_cookies,
            trusted_proxies: config.trusted_proxies.clone(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// Why the server could not start or stopped with an error. Each message names the
/// setting or resource at fault, for a person reading a terminal.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("cannot listen on {addr}: {source}{hint}", hint = bind_hint(source))]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("the server stopped: {0}")]
    Serve(io::Error),
    #[error("{0}")]
    Command(String),
}

fn bind_hint(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::AddrInUse => {
            " (another program uses this port; stop it or set EXIT_ADDR to another address)"
        }
        _ => "",
    }
}

/// Leptos options derived from our configuration (cargo-leptos' layout, our address).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(app::OUTPUT_NAME)
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_addr(config.addr)
        .build()
}

/// The whole HTTP application: API routes, Leptos pages, static files from the site root,
/// behind sessions, the same-origin check and the security headers.
pub fn router(state: AppState) -> Router {
    let pages = generate_route_list(app::App);
    let days = tower_sessions::cookie::time::Duration::days(state.session_days.into());
    let sessions = SessionManagerLayer::new(Sessions::new(&state.db))
        .with_name("exitgesprek_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies)
        .with_expiry(Expiry::OnInactivity(days))
        // Sliding: every request with a session pushes its expiry on (one row update), not
        // only requests that change the session.
        .with_always_save(true);
    let auth = AuthManagerLayerBuilder::new(Backend::new(state.db.clone()), sessions).build();
    Router::new()
        .merge(routes::router(&state.leptos))
        .leptos_routes(&state, pages, {
            let options = state.leptos.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(auth)
        .layer(middleware::from_fn(security::same_origin))
        .layer(middleware::from_fn_with_state(
            state.secure_cookies,
            security::headers,
        ))
        .layer(
            // Only method and path (no secret in it): query strings may carry search terms or names.
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let path = security::loggable_path(request.uri().path());
                tracing::info_span!("http", method = %request.method(), %path)
            }),
        )
        .with_state(state)
}

/// The page shell with this request's script nonce, which the CSP header allows.
fn shell(options: LeptosOptions) -> impl IntoView {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<security::CspNonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
    app::shell(options)
}

/// A server with its database ready and its port bound, not yet serving.
pub struct Server {
    listener: TcpListener,
    router: Router,
    interviews: Interviews,
    retention_months: u32,
    /// No account exists yet: `/setup` is open.
    pub setup_open: bool,
}

impl Server {
    /// Connects and migrates the database, then binds `config.addr` (port 0 picks a free one).
    pub async fn bind(config: &Config) -> Result<Self, StartError> {
        let db = Db::connect(&config.database_url).await?;
        db.migrate().await?;
        let state = AppState::new(db, config);
        let setup_open = !state
            .users
            .setup_done()
            .await
            .map_err(|e| StartError::Command(format!("cannot read the accounts: {e}")))?;
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        Ok(Self {
            listener,
            interviews: state.interviews.clone(),
            retention_months: config.retention_months,
            router: router(state),
            setup_open,
        })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartError> {
        let retention = tokio::spawn(jobs::retention(self.interviews, self.retention_months));
        let app = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(StartError::Serve);
        retention.abort();
        served
    }
}
