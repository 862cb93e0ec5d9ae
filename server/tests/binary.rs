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
    let child = server()
        .current_dir(dir.path())
        .env("EXIT_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
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
    let output = child.wait_with_output().expect("exits");
    assert_eq!(output.status.code(), Some(0), "graceful exit after SIGTERM");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(
        log.contains(&format!("open http://127.0.0.1:{port}/setup")),
        "a fresh server says where first-run setup is: {log}"
    );
}

/// Runs `server user …` in `dir` with `stdin` as its input.
fn user(dir: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = server()
        .current_dir(dir)
        .arg("user")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writes");
    child.wait_with_output().expect("exits")
}

#[test]
fn user_commands_manage_accounts_with_passwords_from_stdin() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let dir = dir.path();
    let pw = "correct horse battery\n";
    let hr = [
        "add",
        "--email",
        "HR@example.nl",
        "--name",
        "Hanna",
        "--role",
        "hr",
    ];
    let out = user(dir, &hr, pw);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "added hr@example.nl (hr)\n"
    );

    let manager = [
        "add",
        "--email",
        "m@example.nl",
        "--name",
        "Max",
        "--role",
        "manager",
        "--department",
        "Logistiek",
        "--department",
        "Sales",
    ];
    assert!(user(dir, &manager, pw).status.success());

    assert_fails_clearly(user(dir, &hr, pw), "exists already");
    assert_fails_clearly(user(dir, &hr, "short\n"), "at least 10 characters");
    let admin = [
        "add",
        "--email",
        "a@example.nl",
        "--name",
        "A",
        "--role",
        "admin",
    ];
    assert_fails_clearly(user(dir, &admin, pw), "unknown role");
    let scoped = [
        "add",
        "--email",
        "i@example.nl",
        "--name",
        "I",
        "--role",
        "interviewer",
        "--department",
        "X",
    ];
    assert_fails_clearly(user(dir, &scoped, pw), "only a manager");

    assert!(user(dir, &["disable", "--email", "hr@example.nl"], "")
        .status
        .success());
    let list = user(dir, &["list"], "");
    assert_eq!(
        String::from_utf8_lossy(&list.stdout),
        "hr@example.nl\thr\tdisabled\t\tHanna\nm@example.nl\tmanager\tactive\tLogistiek,Sales\tMax\n"
    );

    assert_fails_clearly(
        user(dir, &["set-password", "--email", "x@example.nl"], pw),
        "no account",
    );
    let set = user(
        dir,
        &["set-password", "--email", "m@example.nl"],
        "another long password\n",
    );
    assert!(set.status.success(), "{set:?}");
    for out in [set, list] {
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains("horse") && !all.contains("another long"),
            "no password in output: {all}"
        );
    }
}

#[test]
fn themes_detect_answers_each_line_and_names_bad_ones() {
    use std::io::Write;
    let mut child = server()
        .args(["themes", "detect"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let input = "{\"id\":\"1\",\"text\":\"Werkdruk veel te hoog\",\"lang\":\"nl\"}\n{oops\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes");
    let output = child.wait_with_output().expect("exits");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\"id\":\"1\",\"themes\":[\"workload\"],\"sentiment\":\"negative\"}\n"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2: not a note"), "{stderr}");
    assert_fails_clearly(output, "1 line(s) could not be read");
}
