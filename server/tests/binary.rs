//! The `server` binary as an operator meets it: clear one-line errors, clean signal handling.

use std::{
    net::TcpListener,
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

fn server() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command.env_remove("DATABASE_URL").env("EXIT_LOG", "warn");
    command
}

/// Runs the binary and expects a failure with exactly one error line naming `needle`.
fn assert_fails_clearly(output: Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let errors: Vec<_> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    assert!(errors[0].contains(needle), "{needle} in {stderr}");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
}

#[test]
fn an_unparseable_database_url_is_named_without_its_password() {
    let output = server()
        .env("DATABASE_URL", "mysql://exit:geheim@db/exit")
        .output()
        .expect("runs");
    assert_fails_clearly(
        output.clone(),
        "DATABASE_URL must start with sqlite:// or postgres://",
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("geheim"));
}

#[test]
fn an_unwritable_data_directory_is_named() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where the data directory should be").expect("write");
    let url = format!("sqlite://{}/exitgesprek.db", blocker.display());
    let output = server().env("DATABASE_URL", url).output().expect("runs");
    assert_fails_clearly(output, "cannot create the data directory");
}

#[test]
fn a_port_in_use_is_named_with_a_hint() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let output = server()
        .current_dir(dir.path())
        .env("EXIT_ADDR", &addr)
        .output()
        .expect("runs");
    assert_fails_clearly(output, &format!("cannot listen on {addr}"));
}

#[test]
fn migrate_creates_the_sqlite_file_under_data_and_exits() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let output = server()
        .current_dir(dir.path())
        .arg("migrate")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    assert!(dir.path().join("data/exitgesprek.db").is_file());
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let mut child = server()
        .current_dir(dir.path())
        .env("EXIT_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "server did not start listening");
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = child.wait().expect("exits");
    assert_eq!(status.code(), Some(0), "graceful exit after SIGTERM");
}
