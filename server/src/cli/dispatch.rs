//! Runs one command of the binary: reads the configuration, connects the database where the
//! command needs one, and hands over to the command's module.

use std::path::Path;

use super::{seed, themes, user, Command, ThemesCommand};
use crate::{config::Config, db::Db, jobs, sync::Interviews, Server, StartError};

/// Runs one command of the binary with the configuration from the environment.
pub async fn run(command: Command) -> Result<(), StartError> {
    match command {
        Command::Themes(ThemesCommand::Detect) => detect_themes(),
        Command::Themes(ThemesCommand::Eval { files }) => eval_themes(&files),
        Command::Themes(ThemesCommand::Train {
            with_corrections: false,
            data,
            out,
        }) => {
            let report = themes::train(&data, &out).map_err(StartError::Command)?;
            print!("{report}");
            Ok(())
        }
        Command::Themes(ThemesCommand::Train {
            with_corrections: true,
            data,
            ..
        }) => {
            let db = database(&start()?).await?;
            let report = themes::train_with_corrections(&Interviews::new(db), &data)
                .await
                .map_err(StartError::Command)?;
            print!("{report}");
            Ok(())
        }
        Command::Migrate => {
            let db = database(&start()?).await?;
            tracing::info!(db = ?db.backend(), "migrations applied");
            Ok(())
        }
        Command::User(command) => {
            let db = database(&start()?).await?;
            let stdin = std::io::stdin().lock();
            user::run(command, &db, stdin, std::io::stdout())
                .await
                .map_err(StartError::Command)
        }
        Command::SeedDemo {
            interviews,
            seed,
            manager_password_stdin,
        } => {
            let db = database(&start()?).await?;
            let password = if manager_password_stdin {
                let mut stdin = std::io::stdin().lock();
                Some(user::read_password(&mut stdin).map_err(StartError::Command)?)
            } else {
                None
            };
            seed::run(&db, interviews, seed, password, std::io::stdout())
                .await
                .map_err(StartError::Command)
        }
        Command::Serve => {
            let config = start()?;
            serve(&config).await
        }
    }
}

/// The configured database, migrated.
async fn database(config: &Config) -> Result<Db, StartError> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    Ok(db)
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
    let bad = themes::run(stdin, stdout, std::io::stderr())
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
        let report = themes::eval(file).map_err(StartError::Command)?;
        print!("{report}");
    }
    Ok(())
}

async fn serve(config: &Config) -> Result<(), StartError> {
    warn_if_site_missing(&config.site_root);
    let shutdown = jobs::shutdown_signal();
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
