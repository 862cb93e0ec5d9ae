//! The Exitgesprek server: Leptos server-side rendering, the JSON API and the database.
//!
//! [`router`] builds the whole HTTP application from an [`AppState`] (tests call it through
//! `tower::ServiceExt::oneshot`); [`Server::bind`] prepares a real listener and
//! [`Server::run_until`] serves it until a shutdown signal; [`run`] is what `main` calls.

#![recursion_limit = "512"]

use std::{
    future::Future,
    io,
    net::SocketAddr,
    path::Path,
    sync::{Arc, Mutex},
};

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
pub mod plan;
mod routes;
pub mod security;
pub mod sync;

pub use routes::api::{BODY_LIMIT as API_BODY_LIMIT, ENDPOINTS, OPENAPI};

use crate::{
    accounts::{throttle::Throttle, Backend, Sessions, Users},
    cli::Command,
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
    /// Wrong-password bookkeeping of this process (see `accounts::throttle`).
    pub throttle: Arc<Mutex<Throttle>>,
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
            db,
            leptos: leptos_options(config),
            throttle: Arc::default(),
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
            // Only method and path: query strings may carry search terms or names.
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                tracing::info_span!("http", method = %request.method(), path = %request.uri().path())
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
        let retention = tokio::spawn(retention_job(self.interviews, self.retention_months));
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

/// Once at start and then daily: anonymises the interviews past the retention period.
/// Logs counts only, never content.
async fn retention_job(interviews: Interviews, months: u32) {
    let mut daily = tokio::time::interval(std::time::Duration::from_secs(24 * 60 * 60));
    loop {
        daily.tick().await;
        let now = app::clock::now();
        let today = chrono::DateTime::from_timestamp_millis(now)
            .map(|t| t.date_naive())
            .unwrap_or_default();
        match interviews.anonymise_due(today, months, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(interviews = n, "retention: names and free text removed"),
            Err(e) => tracing::error!("retention job failed: {e}"),
        }
    }
}

/// Runs one command of the binary with the configuration from the environment.
pub async fn run(command: Command) -> Result<(), StartError> {
    match command {
        Command::Themes(cli::ThemesCommand::Detect) => detect_themes(),
        Command::Themes(cli::ThemesCommand::Eval { files }) => eval_themes(&files),
        Command::Themes(cli::ThemesCommand::Train {
            with_corrections: false,
            data,
            out,
        }) => {
            let report = cli::themes::train(&data, &out).map_err(StartError::Command)?;
            print!("{report}");
            Ok(())
        }
        Command::Themes(cli::ThemesCommand::Train {
            with_corrections: true,
            data,
            ..
        }) => {
            let config = start()?;
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            let report = cli::themes::train_with_corrections(&Interviews::new(db), &data)
                .await
                .map_err(StartError::Command)?;
            print!("{report}");
            Ok(())
        }
        Command::Migrate => {
            let config = start()?;
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            tracing::info!(db = ?db.backend(), "migrations applied");
            Ok(())
        }
        Command::User(command) => {
            let config = start()?;
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            let stdin = std::io::stdin().lock();
            cli::user::run(command, &db, stdin, std::io::stdout())
                .await
                .map_err(StartError::Command)
        }
        Command::SeedDemo {
            interviews,
            seed,
            manager_password_stdin,
        } => {
            let config = start()?;
            let db = Db::connect(&config.database_url).await?;
            db.migrate().await?;
            let password = if manager_password_stdin {
                let mut stdin = std::io::stdin().lock();
                Some(cli::user::read_password(&mut stdin).map_err(StartError::Command)?)
            } else {
                None
            };
            cli::seed::run(&db, interviews, seed, password, std::io::stdout())
                .await
                .map_err(StartError::Command)
        }
        Command::Serve => {
            let config = start()?;
            serve(&config).await
        }
    }
}

/// Reads the configuration and starts logging (to stderr), printing the configuration.
fn start() -> Result<Config, StartError> {
    let config = Config::from_env()?;
    init_tracing(&config.log_filter);
    tracing::info!("configuration:\n{config}");
    Ok(config)
}

/// `server themes detect`: no database, no configuration, a filter from stdin to stdout.
fn detect_themes() -> Result<(), StartError> {
    let (stdin, stdout) = (std::io::stdin().lock(), std::io::stdout().lock());
    let bad = cli::themes::run(stdin, stdout, std::io::stderr())
        .map_err(|e| StartError::Command(format!("cannot read or write: {e}")))?;
    match bad {
        0 => Ok(()),
        n => Err(StartError::Command(format!(
            "{n} line(s) could not be read (see above)"
        ))),
    }
}

fn eval_themes(files: &[std::path::PathBuf]) -> Result<(), StartError> {
    for file in files {
        let report = cli::themes::eval(file).map_err(StartError::Command)?;
        print!("{report}");
    }
    Ok(())
}

async fn serve(config: &Config) -> Result<(), StartError> {
    warn_if_site_missing(&config.site_root);
    let shutdown = shutdown_signal();
    let server = Server::bind(config).await?;
    let addr = server.local_addr().map_err(StartError::Serve)?;
    tracing::info!("listening on http://{addr}");
    if server.setup_open {
        tracing::warn!(
            "no account exists yet: open http://{addr}/setup to create the first HR account \
             (or run `server user add … --role hr`)"
        );
    }
    server.run_until(shutdown).await?;
    tracing::info!("stopped");
    Ok(())
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second call (tests) keeps the first subscriber.
    // stderr: stdout is for command output (`server user list`).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
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

/// Completes on Ctrl-C (SIGINT) or SIGTERM. The handlers are installed when this is called,
/// not when the future is first polled, so a signal right after the port opens is not lost.
fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            let (Ok(mut interrupt), Ok(mut terminate)) = (interrupt, terminate) else {
                tracing::error!("cannot listen for SIGINT/SIGTERM; stop the server with SIGKILL");
                return std::future::pending().await;
            };
            tokio::select! {
                _ = interrupt.recv() => tracing::info!("SIGINT received, shutting down"),
                _ = terminate.recv() => tracing::info!("SIGTERM received, shutting down"),
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    }
}
