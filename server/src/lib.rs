//! The Exitgesprek server: Leptos server-side rendering, the JSON API and the database.
//!
//! [`router`] builds the whole HTTP application from an [`AppState`] (tests call it through
//! `tower::ServiceExt::oneshot`); [`Server::bind`] prepares a real listener and
//! [`Server::run_until`] serves it until a shutdown signal; [`run`] is what `main` calls.

#![recursion_limit = "512"]

use std::{future::Future, io, net::SocketAddr, path::Path};

use axum::{extract::FromRef, http::Request, Router};
use leptos::prelude::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

pub mod cli;
pub mod config;
pub mod db;
mod routes;

use crate::{
    cli::Command,
    config::{Config, ConfigError},
    db::{Db, DbError},
};

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub leptos: LeptosOptions,
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

/// The whole HTTP application: API routes, Leptos pages, static files from the site root.
pub fn router(state: AppState) -> Router {
    let pages = generate_route_list(app::App);
    Router::new()
        .merge(routes::router(&state.leptos))
        .leptos_routes(&state, pages, {
            let options = state.leptos.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        .layer(
            // Only method and path: query strings may carry search terms or names.
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                tracing::info_span!("http", method = %request.method(), path = %request.uri().path())
            }),
        )
        .with_state(state)
}

/// A server with its database ready and its port bound, not yet serving.
pub struct Server {
    listener: TcpListener,
    router: Router,
}

impl Server {
    /// Connects and migrates the database, then binds `config.addr` (port 0 picks a free one).
    pub async fn bind(config: &Config) -> Result<Self, StartError> {
        let db = Db::connect(&config.database_url).await?;
        db.migrate().await?;
        let state = AppState {
            db,
            leptos: leptos_options(config),
        };
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        Ok(Self {
            listener,
            router: router(state),
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
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(StartError::Serve)
    }
}

/// Runs one command of the binary with the configuration from the environment.
pub async fn run(command: Command) -> Result<(), StartError> {
    let config = Config::from_env()?;
    init_tracing(&config.log_filter);
    tracing::info!("configuration:\n{config}");
    match command {
        Command::Migrate => {
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            tracing::info!(db = ?db.backend(), "migrations applied");
        }
        Command::Serve => {
            warn_if_site_missing(&config.site_root);
            let server = Server::bind(&config).await?;
            let addr = server.local_addr().map_err(StartError::Serve)?;
            tracing::info!("listening on http://{addr}");
            server.run_until(shutdown_signal()).await?;
            tracing::info!("stopped");
        }
    }
    Ok(())
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second call (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

fn warn_if_site_missing(site_root: &Path) {
    let pkg = site_root.join("pkg");
    if !pkg.is_dir() {
        tracing::warn!(
            "no built site at {}: pages render without styles and scripts (build with `make run`)",
            pkg.display()
        );
    }
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
