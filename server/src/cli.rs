//! The command line of the `server` binary.

use clap::{Parser, Subcommand};

pub mod dispatch;
pub mod seed;
pub mod themes;
pub mod user;

/// Exitgesprek server. Settings come from the environment (see README.md).
#[derive(Debug, Parser)]
#[command(name = "server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts from the server's shell.
    #[command(subcommand)]
    User(UserCommand),
    /// The theme detector.
    #[command(subcommand)]
    Themes(ThemesCommand),
    /// Fill the database with synthetic interviews, for a demo or a benchmark.
    SeedDemo {
        /// How many interviews to make.
        #[arg(long, default_value_t = 200)]
        interviews: usize,
        /// The same seed makes the same interviews.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Read the demo managers' password from stdin (otherwise one is made and printed
        /// once).
        #[arg(long)]
        manager_password_stdin: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum ThemesCommand {
    /// Read notes as JSON lines on stdin, write their themes and sentiment as JSON lines.
    Detect,
    /// Score the detector on files of hand-labelled notes (JSON lines with `themes` and
    /// `sentiment`): micro and per-theme precision/recall, sentiment accuracy and confusion.
    Eval {
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Train the theme model on the corpus's train and dev parts and write its artefact;
    /// prints its size and its scores on the test part. With `--with-corrections`, HR's
    /// corrections in the database (DATABASE_URL) are learnt too, and the model is stored
    /// there as a new version, for HR to compare and switch to on the theme settings page.
    Train {
        /// Learn from HR's corrections too; store the model in the database, not in `--out`.
        #[arg(long)]
        with_corrections: bool,
        /// The labelled notes: `theme-notes-dev.jsonl` and `corpus/*.jsonl` under it.
        #[arg(long, default_value = "app/tests/data")]
        data: std::path::PathBuf,
        /// Where the artefact goes (the built-in model is `app/src/themes/model.bin`).
        #[arg(long, default_value = "app/src/themes/model.bin")]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum UserCommand {
    /// Add an account; its password is read from stdin (one line).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// interviewer, hr or manager
        #[arg(long)]
        role: String,
        /// A manager's department; repeat for several.
        #[arg(long = "department")]
        departments: Vec<String>,
    },
    /// List every account.
    List,
    /// Disable an account (its sessions end at once).
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Set a new password, read from stdin (one line); other sessions end. The user's
    /// interviews on a tablet stay encrypted with the old password: unsent changes there are
    /// lost unless the user still knows the old one.
    SetPassword {
        #[arg(long)]
        email: String,
    },
}

impl Cli {
    /// The subcommand to run; `serve` when none is given.
    pub fn command(&self) -> Command {
        self.command.clone().unwrap_or(Command::Serve)
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
        assert_eq!(
            parse(&["server", "seed-demo", "--interviews", "50"]).ok(),
            Some(Command::SeedDemo {
                manager_password_stdin: false,
                interviews: 50,
                seed: 1
            })
        );
        let add = parse(&[
            "server",
            "user",
            "add",
            "--email",
            "a@b",
            "--name",
            "A",
            "--role",
            "manager",
            "--department",
            "Logistiek",
            "--department",
            "Sales",
        ]);
        let Ok(Command::User(UserCommand::Add { departments, .. })) = add else {
            panic!("user add parses: {add:?}");
        };
        assert_eq!(departments, ["Logistiek", "Sales"]);
        assert!(
            parse(&["server", "user", "disable"]).is_err(),
            "--email is required"
        );
    }
}
