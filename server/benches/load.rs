//! Sync under load: simulated tablets, each logged in as its own interviewer, pushing five
//! notes at random intervals to one or two server processes on one database, over loopback.
//! Prints pushes per second done, p50 and p99 latency, errors, and the servers' memory
//! (RSS) idle, at the peak under load and after it. Asserts nothing about time.
//!
//! `cargo bench -p server --bench load` runs the short version (10 s per scenario);
//! `LOAD_SECONDS=60` the long one (`make bench-load`). PostgreSQL scenarios run when
//! `TEST_DATABASE_URL` names a server, where each run makes its own database.
//!
//! The servers are child processes of this binary (`LOAD_SERVE=<database url>`): their
//! memory is their own, and two servers are two processes, as on two machines.

mod common;

use std::{
    io::{BufRead, BufReader, Read},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use app::domain::{Change, Details, DeviceId, Hlc, Interview, Note, NoteKind, Op, PushRequest};
use common::{drop_pg, fresh_pg, text};
use server::{config::Config, db::DatabaseUrl, Server};

const PASSWORD: &str = "correct horse battery";
const NOTES_PER_PUSH: usize = 5;

/// One load run: how many tablets, how often each pushes, how many server processes.
struct Scenario {
    name: &'static str,
    postgres: bool,
    servers: usize,
    tablets: usize,
    /// Each tablet waits a random time in this range (ms) between pushes.
    interval: (u64, u64),
}

const SCENARIOS: [Scenario; 6] = [
    Scenario {
        name: "SQLite, 1 server",
        postgres: false,
        servers: 1,
        tablets: 200,
        interval: (4_000, 8_000),
    },
    Scenario {
        name: "SQLite, 1 server",
        postgres: false,
        servers: 1,
        tablets: 200,
        interval: (500, 1_500),
    },
    Scenario {
        name: "PostgreSQL, 1 server",
        postgres: true,
        servers: 1,
        tablets: 200,
        interval: (500, 1_500),
    },
    Scenario {
        name: "PostgreSQL, 2 servers",
        postgres: true,
        servers: 2,
        tablets: 200,
        interval: (500, 1_500),
    },
    // More than the servers can take: what they do at most.
    Scenario {
        name: "PostgreSQL, 1 server",
        postgres: true,
        servers: 1,
        tablets: 200,
        interval: (50, 150),
    },
    Scenario {
        name: "PostgreSQL, 2 servers",
        postgres: true,
        servers: 2,
        tablets: 200,
        interval: (50, 150),
    },
];

fn main() {
    if let Ok(url) = std::env::var("LOAD_SERVE") {
        return serve(&url);
    }
    let seconds: u64 = std::env::var("LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let postgres = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    println!("sync under load over loopback, {NOTES_PER_PUSH} notes per push, {seconds} s per run (the client shares the machine's cores):");
    println!(
        "  {:<22} {:>7} {:>11} {:>9} {:>9} {:>9} {:>7}   server RSS MB: start / set up / peak / after",
        "backend", "tablets", "interval s", "pushes/s", "p50 ms", "p99 ms", "errors"
    );
    for scenario in &SCENARIOS {
        let dir = tempfile::tempdir().expect("temporary directory");
        let (url, database) = match (scenario.postgres, &postgres) {
            (false, _) => {
                let path = dir.path().join("load.db");
                (format!("sqlite://{}", path.display()), None)
            }
            (true, Some(base)) => match runtime.block_on(fresh_pg(base)) {
                (DatabaseUrl::Postgres(url), name) => (url, Some((base, name))),
                (other, _) => unreachable!("a PostgreSQL URL, not {other}"),
            },
            (true, None) => {
                println!(
                    "  {:<22} skipped: TEST_DATABASE_URL is not set",
                    scenario.name
                );
                continue;
            }
        };
        let length = Duration::from_secs(seconds);
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runtime.block_on(run(scenario, &url, length))
        }));
        // The run's database goes, whether or not the run got through.
        if let Some((base, name)) = database {
            runtime.block_on(drop_pg(base, &name));
        }
        let figures = ran.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        println!(
            "  {:<22} {:>7} {:>11} {:>9.1} {:>9.1} {:>9.1} {:>7}   {:.0} / {:.0} / {:.0} / {:.0}",
            scenario.name,
            scenario.tablets,
            format!(
                "{}-{}",
                scenario.interval.0 as f64 / 1e3,
                scenario.interval.1 as f64 / 1e3
            ),
            figures.per_second,
            figures.p50,
            figures.p99,
            figures.errors,
            figures.rss[0],
            figures.rss[1],
            figures.rss[2],
            figures.rss[3],
        );
    }
    println!("  goals: PostgreSQL >= 180 pushes/s with p99 <= 200 ms and 0 errors, two servers more than one; SQLite at 4-8 s p99 <= 200 ms");
}

struct Figures {
    per_second: f64,
    p50: f64,
    p99: f64,
    errors: usize,
    /// Sum over the servers, MB: started, after the logins and first pushes, the highest
    /// sample under load, a second after it.
    rss: [f64; 4],
}

async fn run(scenario: &Scenario, url: &str, length: Duration) -> Figures {
    // The first server migrates the new database before the second starts.
    let mut servers = Vec::new();
    for _ in 0..scenario.servers {
        servers.push(ServerProcess::start(url));
    }
    let bases: Vec<String> = servers.iter().map(|s| s.base.clone()).collect();
    let started_rss = rss(&servers);
    let tablets = set_up(&bases, scenario.tablets).await;
    let idle = rss(&servers);

    let samples = Arc::new(Mutex::new(Vec::new()));
    let peak = Arc::new(Mutex::new(0.0f64));
    let started = Instant::now();
    let deadline = started + length;
    let mut tasks = Vec::new();
    for (i, tablet) in tablets.into_iter().enumerate() {
        let samples = samples.clone();
        let interval = scenario.interval;
        tasks.push(tokio::spawn(async move {
            tablet.run(i as u64, interval, deadline, samples).await;
        }));
    }
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = rss(&servers);
        let mut peak = peak.lock().expect("peak");
        *peak = peak.max(now);
    }
    for task in tasks {
        task.await.expect("tablet ran");
    }
    let elapsed = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = rss(&servers);
    let samples = samples.lock().expect("samples");
    let mut done: Vec<f64> = samples
        .iter()
        .filter_map(|s: &(f64, bool)| s.1.then_some(s.0))
        .collect();
    done.sort_by(f64::total_cmp);
    let errors = samples.len() - done.len();
    let quantile = |q: f64| {
        done.get(((done.len() as f64 * q) as usize).min(done.len().saturating_sub(1)))
            .copied()
            .unwrap_or(f64::NAN)
    };
    let peak = *peak.lock().expect("peak");
    Figures {
        per_second: done.len() as f64 / elapsed,
        p50: quantile(0.50),
        p99: quantile(0.99),
        errors,
        rss: [started_rss, idle, peak, after],
    }
}

/// Makes HR and `count` interviewers, logs each in on its server (tablet `i` uses server
/// `i % servers`) and pushes each tablet's interview once, so the run measures note pushes.
async fn set_up(bases: &[String], count: usize) -> Vec<Tablet> {
    let hr = client();
    let setup = serde_json::json!({ "email": "hr@example.nl", "name": "HR", "role": "hr", "password": PASSWORD });
    post(&hr, &bases[0], "/api/v1/setup", &setup).await;
    let mut tablets = Vec::new();
    for i in 0..count {
        let email = format!("tablet{i}@example.nl");
        let user = serde_json::json!({ "email": email, "name": email, "role": "interviewer", "departments": [], "password": PASSWORD });
        post(&hr, &bases[0], "/api/v1/users", &user).await;
        let base = bases[i % bases.len()].clone();
        let http = client();
        let login = serde_json::json!({ "email": email, "password": PASSWORD });
        post(&http, &base, "/api/v1/session", &login).await;
        let mut tablet = Tablet::new(http, base);
        let first = tablet.first_push();
        post(&tablet.http, &tablet.base, "/api/v1/sync/push", &first).await;
        tablets.push(tablet);
    }
    tablets
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        // A push that never answers counts as an error, and the run still ends.
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

async fn post<T: serde::Serialize>(http: &reqwest::Client, base: &str, path: &str, body: &T) {
    let answer = http
        .post(format!("{base}{path}"))
        .header("origin", base)
        .json(body)
        .send()
        .await
        .expect("the server answers");
    assert!(answer.status().is_success(), "{path}: {}", answer.status());
}

/// One simulated tablet: its interviewer's session, device, clock and interview.
struct Tablet {
    http: reqwest::Client,
    base: String,
    device: DeviceId,
    clock: Hlc,
    seq: u64,
    interview: Interview,
    notes: usize,
}

impl Tablet {
    fn new(http: reqwest::Client, base: String) -> Self {
        let details = Details {
            leaver: "Load Test".into(),
            department: "Logistiek".into(),
            ..Details::default()
        };
        Self {
            http,
            base,
            device: DeviceId::new(),
            clock: Hlc::default(),
            seq: 0,
            interview: Interview::new(details, "Vertrouwelijk.", app::clock::now()),
            notes: 0,
        }
    }

    fn change(&mut self, op: Op) -> Change {
        self.seq += 1;
        Change {
            seq: self.seq,
            id: uuid::Uuid::now_v7(),
            stamp: self.clock.tick(app::clock::now(), self.device),
            interview: self.interview.id,
            op,
        }
    }

    fn first_push(&mut self) -> PushRequest {
        let changes = Op::all_of(&self.interview.clone())
            .into_iter()
            .map(|op| self.change(op))
            .collect();
        PushRequest {
            device: self.device,
            changes,
        }
    }

    fn note_push(&mut self) -> PushRequest {
        let changes = (0..NOTES_PER_PUSH)
            .map(|_| {
                self.notes += 1;
                let question = self.interview.guide[self.notes % 5].id.clone();
                let text = text(self.notes);
                let note =
                    Note::new(question, NoteKind::Example, &text, app::clock::now()).expect("note");
                self.change(Op::Note(note))
            })
            .collect();
        PushRequest {
            device: self.device,
            changes,
        }
    }

    /// Pushes at random intervals until `deadline`; records (latency ms, succeeded).
    async fn run(
        mut self,
        seed: u64,
        (low, high): (u64, u64),
        deadline: Instant,
        samples: Arc<Mutex<Vec<(f64, bool)>>>,
    ) {
        let mut random = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        loop {
            random = random
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let wait = low + (random >> 33) % (high - low + 1);
            let at = Instant::now() + Duration::from_millis(wait);
            if at >= deadline {
                return;
            }
            tokio::time::sleep_until(at.into()).await;
            let request = self.note_push();
            let sent = Instant::now();
            let answer = self
                .http
                .post(format!("{}/api/v1/sync/push", self.base))
                .header("origin", &self.base)
                .json(&request)
                .send()
                .await;
            let ok = matches!(&answer, Ok(a) if a.status().is_success());
            if let Ok(a) = answer {
                let _ = a.bytes().await;
            }
            let ms = sent.elapsed().as_secs_f64() * 1e3;
            samples.lock().expect("samples").push((ms, ok));
        }
    }
}

/// A server process of this binary, stopped when dropped.
struct ServerProcess {
    child: Child,
    base: String,
}

impl ServerProcess {
    /// Starts `LOAD_SERVE=<url> <this binary>` and waits for the address it listens on.
    fn start(url: &str) -> Self {
        let exe = std::env::current_exe().expect("this binary");
        let mut child = Command::new(exe)
            .env("LOAD_SERVE", url)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("server process starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("address");
        // Whatever it writes later is read and dropped, so it never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let addr = line
            .trim()
            .strip_prefix("listening ")
            .expect("listening <addr>");
        ServerProcess {
            base: format!("http://{addr}"),
            child,
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // Closing stdin stops it; kill in case it does not.
        drop(self.child.stdin.take());
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The summed resident memory of the servers, MB.
fn rss(servers: &[ServerProcess]) -> f64 {
    servers
        .iter()
        .map(|s| {
            let status = std::fs::read_to_string(format!("/proc/{}/status", s.child.id()))
                .unwrap_or_default();
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .unwrap_or(0.0)
                / 1024.0
        })
        .sum()
}

/// The child: serves on 127.0.0.1:<any port> until its stdin closes.
fn serve(url: &str) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let config = Config {
            addr: "127.0.0.1:0".parse().expect("address"),
            database_url: DatabaseUrl::parse(url).expect("database url"),
            log_filter: "error".into(),
            ..Config::from_lookup(|_| None).expect("defaults")
        };
        let server = Server::bind(&config).await.expect("server starts");
        println!("listening {}", server.local_addr().expect("bound"));
        let stdin_closed = async {
            let _ = tokio::task::spawn_blocking(|| {
                let mut sink = Vec::new();
                let _ = std::io::stdin().read_to_end(&mut sink);
            })
            .await;
        };
        server.run_until(stdin_closed).await.expect("server runs");
    });
}
