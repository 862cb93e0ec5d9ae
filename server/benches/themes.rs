//! Theme detector throughput, native, one thread: the labelled development set
//! (`app/tests/data/theme-notes-dev.jsonl`) repeated to `NOTES` notes, each detected with
//! its language guessed (as at ingest). Prints notes per second per core, median of
//! `ROUNDS`; then the same for one pass over the set in a new thread, whose memo of stems
//! starts empty (each word is stemmed where it first appears), median of `COLD_ROUNDS`.
//! Asserts nothing about time. Run: `cargo bench -p server --bench themes`
//! (`BENCH_NOTES=n` for another count, e.g. under a profiler).

use std::time::Instant;

const NOTES: usize = 200_000;
const ROUNDS: usize = 5;
const COLD_ROUNDS: usize = 201;

fn notes_wanted() -> usize {
    std::env::var("BENCH_NOTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(NOTES)
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../app/tests/data/theme-notes-dev.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("the development set");
    let notes: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["text"].as_str().expect("text").to_owned()
        })
        .collect();
    let total_chars: usize = notes.iter().map(|n| n.chars().count()).sum();
    let wanted = notes_wanted();
    let mut rates = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let mut themes = 0usize;
        for note in notes.iter().cycle().take(wanted) {
            themes += std::hint::black_box(app::themes::detect(note, None))
                .themes
                .len();
        }
        let secs = started.elapsed().as_secs_f64();
        std::hint::black_box(themes);
        rates.push(wanted as f64 / secs);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "theme detector, one thread, {} dev-set notes ({} characters on average) repeated to {wanted}:",
        notes.len(),
        total_chars / notes.len().max(1)
    );
    println!(
        "  median {:>9.0} notes/s per core (slowest round {:.0}, fastest {:.0}); target >= 100000",
        rates[ROUNDS / 2],
        rates[0],
        rates[ROUNDS - 1]
    );
    let mut cold: Vec<f64> = (0..COLD_ROUNDS)
        .map(|_| {
            std::thread::scope(|scope| {
                scope
                    .spawn(|| {
                        let started = Instant::now();
                        for note in &notes {
                            std::hint::black_box(app::themes::detect(note, None));
                        }
                        notes.len() as f64 / started.elapsed().as_secs_f64()
                    })
                    .join()
                    .expect("detects")
            })
        })
        .collect();
    cold.sort_by(f64::total_cmp);
    println!(
        "  one pass in a new thread (memo of stems empty): median {:>9.0} notes/s",
        cold[COLD_ROUNDS / 2]
    );
}
