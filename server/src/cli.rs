//! The command line of the `server` binary.

use clap::{Parser, Subcommand};

/// Exitgesprek server. Settings come from the environment (see README.md).
#[derive(Debug, Parser)]
#[command(name = "server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
}

impl Cli {
    /// The subcommand to run; `serve` when none is given.
    pub fn command(&self) -> Command {
        self.command.unwrap_or(Command::Serve)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_is_the_default_and_subcommands_parse() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map(|c| c.command());
        assert_eq!(parse(&["server"]).ok(), Some(Command::Serve));
        assert_eq!(parse(&["server", "serve"]).ok(), Some(Command::Serve));
        assert_eq!(parse(&["server", "migrate"]).ok(), Some(Command::Migrate));
        assert!(parse(&["server", "frobnicate"]).is_err());
    }
}
