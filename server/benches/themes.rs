//! Theme detector throughput, native, one thread, for the tablet's detector (the lexicon)
//! and the server's (lexicon and model): the labelled corpus (`app/tests/data`) repeated to
//! `NOTES` notes, each detected with its language guessed (as at ingest). Prints notes per
//! second per core, median of `ROUNDS`; then the same for one pass over the corpus in a new
//! thread, whose memo of stems starts empty (each word is stemmed where it first appears),
//! median of `COLD_ROUNDS`. Asserts nothing about time. Run:
//! `cargo bench -p server --bench themes` (`BENCH_NOTES=n` for another count).

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
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../app/tests/data");
    let notes: Vec<String> = app::themes::eval::read_corpus(std::path::Path::new(dir))
        .expect("the corpus")
        .into_iter()
        .map(|n| n.text)
        .collect();
    let total_chars: usize = notes.iter().map(|n| n.chars().count()).sum();
    let wanted = notes_wanted();
    println!(
        "theme detector, one thread, {} corpus notes ({} characters on average) repeated to {wanted}:",
        notes.len(),
        total_chars / notes.len().max(1)
    );
    let model = app::themes::model::builtin();
    measure("the tablet's lexicon alone", &notes, wanted, |n| {
        app::themes::detect(n, None)
    });
    measure("the server's lexicon and model", &notes, wanted, |n| {
        model.detect(n, None)
    });
}

/// Prints `detect`'s notes per second: warm (median of `ROUNDS` over `wanted` notes), and
/// for one pass in a new thread whose memo of stems starts empty (median of `COLD_ROUNDS`).
fn measure(
    name: &str,
    notes: &[String],
    wanted: usize,
    detect: impl Fn(&str) -> app::themes::Detection + Sync,
) {
    let mut rates = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let mut themes = 0usize;
        for note in notes.iter().cycle().take(wanted) {
            themes += std::hint::black_box(detect(note)).themes.len();
        }
        let secs = started.elapsed().as_secs_f64();
        std::hint::black_box(themes);
        rates.push(wanted as f64 / secs);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "  {name}: median {:>9.0} notes/s per core (slowest round {:.0}, fastest {:.0}); target >= 100000",
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
                        for note in notes {
                            std::hint::black_box(detect(note));
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
        "    one pass in a new thread (memo of stems empty): median {:>9.0} notes/s",
        cold[COLD_ROUNDS / 2]
    );
}
