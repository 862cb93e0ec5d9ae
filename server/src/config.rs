//! Typed server configuration: built-in defaults, overridden by environment variables.
//!
//! Read once at start ([`Config::from_env`]), printed with secrets redacted (its `Display`),
//! and never consulted through `std::env` anywhere else.

use std::{
    fmt,
    net::{IpAddr, SocketAddr},
    path::PathBuf,
};

use crate::db::DatabaseUrl;

/// Default listen address; matches `site-addr` in the workspace's Leptos metadata.
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
/// Default database: an SQLite file under `./data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/exitgesprek.db";
/// Default folder with the built site (`pkg/` and the static assets), as cargo-leptos writes it.
pub const DEFAULT_SITE_ROOT: &str = "target/site";

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `EXIT_ADDR`: where the HTTP server listens.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` (default) or `postgres://…`.
    pub database_url: DatabaseUrl,
    /// `EXIT_SITE_ROOT` (or cargo-leptos' `LEPTOS_SITE_ROOT`): the built site to serve.
    pub site_root: PathBuf,
    /// `EXIT_LOG` (or `RUST_LOG`): a `tracing` filter such as `info` or `server=debug`.
    pub log_filter: String,
    /// `EXIT_SESSION_DAYS`: a login lasts this many days after the last request (sliding),
    /// long enough for a tablet that is offline for days. Default 30.
    pub session_days: u32,
    /// `EXIT_SECURE_COOKIES`: `true` when users reach the server over https (behind a proxy),
    /// so the session cookie is only ever sent encrypted. Default `false`.
    pub secure_cookies: bool,
    /// `EXIT_RETENTION_MONTHS`: months after the leaving date after which names and free
    /// text are removed from an interview (themes and answers stay). Default 24.
    pub retention_months: u32,
    /// `EXIT_TRUSTED_PROXIES`: addresses (comma-separated) of the https proxies in front of
    /// the server, whose `X-Forwarded-For` names the client. Empty by default: the header is
    /// then never believed.
    pub trusted_proxies: Vec<IpAddr>,
}

/// A configuration value that could not be used; names the variable and the value.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("EXIT_ADDR is not an address like 127.0.0.1:3000: {0:?}")]
    Addr(String),
    #[error("DATABASE_URL {0}")]
    DatabaseUrl(String),
    #[error("EXIT_SESSION_DAYS must be a whole number of days from 1 to 365: {0:?}")]
    SessionDays(String),
    #[error("EXIT_SECURE_COOKIES must be true or false: {0:?}")]
    SecureCookies(String),
    #[error("EXIT_RETENTION_MONTHS must be a whole number of months from 1 to 240: {0:?}")]
    RetentionMonths(String),
    #[error("EXIT_TRUSTED_PROXIES must be IP addresses separated by commas: {0:?}")]
    TrustedProxies(String),
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Builds the configuration from any key lookup (the environment, or a table in tests).
    /// Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |key: &str| lookup(key).filter(|v| !v.trim().is_empty());
        let addr_text = get("EXIT_ADDR").unwrap_or_else(|| DEFAULT_ADDR.to_owned());
        let addr = addr_text
            .trim()
            .parse()
            .map_err(|_| ConfigError::Addr(addr_text.clone()))?;
        let url_text = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let database_url = DatabaseUrl::parse(url_text.trim())
            .map_err(|e| ConfigError::DatabaseUrl(e.to_string()))?;
        let site_root = get("EXIT_SITE_ROOT")
            .or_else(|| get("LEPTOS_SITE_ROOT"))
            .unwrap_or_else(|| DEFAULT_SITE_ROOT.to_owned())
            .into();
        let log_filter = get("EXIT_LOG")
            .or_else(|| get("RUST_LOG"))
            .unwrap_or_else(|| "info,sqlx=warn".to_owned());
        let session_days = match get("EXIT_SESSION_DAYS") {
            None => 30,
            Some(text) => text
                .trim()
                .parse()
                .ok()
                .filter(|d| (1..=365).contains(d))
                .ok_or(ConfigError::SessionDays(text))?,
        };
        let secure_cookies = match get("EXIT_SECURE_COOKIES").as_deref().map(str::trim) {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => return Err(ConfigError::SecureCookies(other.to_owned())),
        };
        let retention_months = match get("EXIT_RETENTION_MONTHS") {
            None => 24,
            Some(text) => text
                .trim()
                .parse()
                .ok()
                .filter(|m| (1..=240).contains(m))
                .ok_or(ConfigError::RetentionMonths(text))?,
        };
        let trusted_proxies = match get("EXIT_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(text) => text
                .split(',')
                .map(|a| a.trim().parse())
                .collect::<Result<_, _>>()
                .map_err(|_| ConfigError::TrustedProxies(text.clone()))?,
        };
        Ok(Self {
            trusted_proxies,
            retention_months,
            addr,
            database_url,
            site_root,
            log_filter,
            session_days,
            secure_cookies,
        })
    }
}

impl fmt::Display for Config {
    /// One line per setting; the database password is never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  EXIT_ADDR      = {}", self.addr)?;
        writeln!(f, "  DATABASE_URL   = {}", self.database_url)?;
        writeln!(f, "  EXIT_SITE_ROOT = {}", self.site_root.display())?;
        writeln!(f, "  EXIT_LOG       = {}", self.log_filter)?;
        writeln!(f, "  EXIT_SESSION_DAYS   = {}", self.session_days)?;
        writeln!(f, "  EXIT_SECURE_COOKIES = {}", self.secure_cookies)?;
        writeln!(f, "  EXIT_RETENTION_MONTHS = {}", self.retention_months)?;
        let proxies: Vec<String> = self.trusted_proxies.iter().map(IpAddr::to_string).collect();
        write!(f, "  EXIT_TRUSTED_PROXIES = {}", proxies.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults_serve_localhost_on_an_sqlite_file_under_data() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url.to_string(), "sqlite://data/exitgesprek.db");
        assert_eq!(c.site_root, PathBuf::from("target/site"));
    }

    #[test]
    fn environment_overrides_defaults_and_empty_values_count_as_unset() {
        let c = config(&[
            ("EXIT_ADDR", "0.0.0.0:8080"),
            ("DATABASE_URL", ""),
            ("LEPTOS_SITE_ROOT", "/srv/site"),
        ])
        .expect("valid");
        assert_eq!(c.addr.to_string(), "0.0.0.0:8080");
        assert_eq!(c.database_url.to_string(), DEFAULT_DATABASE_URL);
        assert_eq!(c.site_root, PathBuf::from("/srv/site"));
        let c = config(&[("EXIT_SITE_ROOT", "a"), ("LEPTOS_SITE_ROOT", "b")]).expect("valid");
        assert_eq!(c.site_root, PathBuf::from("a"), "our own variable wins");
    }

    #[test]
    fn bad_values_name_the_variable() {
        let e = config(&[("EXIT_ADDR", "localhost")]).expect_err("not a socket address");
        assert!(e.to_string().starts_with("EXIT_ADDR"), "{e}");
        let e = config(&[("DATABASE_URL", "mysql://x")]).expect_err("unsupported");
        assert!(e.to_string().starts_with("DATABASE_URL"), "{e}");
        for days in ["0", "366", "a month"] {
            let e = config(&[("EXIT_SESSION_DAYS", days)]).expect_err(days);
            assert!(e.to_string().starts_with("EXIT_SESSION_DAYS"), "{e}");
        }
        let e = config(&[("EXIT_SECURE_COOKIES", "yes")]).expect_err("not a bool");
        assert!(e.to_string().starts_with("EXIT_SECURE_COOKIES"), "{e}");
        let e = config(&[("EXIT_TRUSTED_PROXIES", "10.0.0.2, proxy")]).expect_err("a name");
        assert!(e.to_string().starts_with("EXIT_TRUSTED_PROXIES"), "{e}");
        let c = config(&[("EXIT_TRUSTED_PROXIES", "10.0.0.2, ::1")]).expect("valid");
        assert_eq!(c.trusted_proxies.len(), 2);
    }

    #[test]
    fn sessions_last_thirty_days_over_plain_http_by_default() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!((c.session_days, c.secure_cookies), (30, false));
        let c =
            config(&[("EXIT_SESSION_DAYS", "90"), ("EXIT_SECURE_COOKIES", "true")]).expect("valid");
        assert_eq!((c.session_days, c.secure_cookies), (90, true));
    }

    #[test]
    fn display_redacts_the_database_password() {
        let c = config(&[("DATABASE_URL", "postgres://exit:s3cret@db:5432/exit")]).expect("valid");
        let shown = c.to_string();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(
            shown.contains("postgres://exit:***@db:5432/exit"),
            "{shown}"
        );
    }
}
