//! The theme detector against hand-labelled notes (`make theme-eval` shows the figures):
//! - the corpus (`data/theme-notes-dev.jsonl` and `data/corpus/*.jsonl`, written in batches;
//!   see its README for the rules and the first-sight scores): every note well-formed and
//!   unique;
//! - the built-in model (`app/src/themes/model.bin`) is exactly what the corpus trains: a
//!   changed corpus or trainer needs `server themes train` (so the figures below are the
//!   shipped model's);
//! - the server's detector (lexicon and model) on the test part, which the model never trains
//!   or chooses thresholds on (the lexicon's later idioms came partly from phrasings of the
//!   whole corpus, see the README): fails under the floors below; the tablet's (the lexicon
//!   alone) beside it. Both guess each note's language, as at ingest and on the tablet;
//! - 5-fold cross-validation of the whole training pipeline on the train and dev parts, when
//!   `THEME_EVAL_CV` is set (`make theme-eval` sets it; it trains ten models);
//! - the lexicon on the development set it was written for: fails under micro-F1 0.85.
//!
//! Any other file of labelled notes (a new batch, for its first-sight score before anything is
//! tuned to it): `server themes eval FILE`.

use std::{collections::BTreeSet, path::Path};

use app::themes::{
    detect,
    eval::{in_part, read_corpus, score, Labelled, Part},
    model::{builtin, BUILTIN_ARTEFACT},
    train::{cross_validate, train, SETTINGS},
};

/// The test part's floors: `make test` fails below them. They sit just under what the shipped
/// model measures (see the README's themes section); the issue asks for floors of micro-F1
/// 0.88 and tone 0.83 here (and 0.90 and 0.85 on notes nobody tuned it to): not reached yet.
const TEST_F1_FLOOR: f64 = 0.78;
const TEST_SENTIMENT_FLOOR: f64 = 0.82;

fn corpus() -> Vec<Labelled> {
    read_corpus(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"))
        .expect("the corpus reads")
}

fn misses(name: &str, notes: &[Labelled]) {
    if std::env::var_os("THEME_EVAL_MISSES").is_none() {
        return;
    }
    let model = builtin();
    for note in notes {
        let found = model.detect(&note.text, None);
        let mut got = found.theme_ids();
        got.sort();
        let mut want = note.themes.clone();
        want.sort();
        if got != want || found.sentiment != note.sentiment {
            let words: Vec<_> = found
                .themes
                .iter()
                .map(|h| format!("{}={:?}", h.theme.key(), h.words))
                .collect();
            println!(
                "  {name} {}: want {:?} {:?}, got {} {:?} | {}",
                note.id,
                note.themes,
                note.sentiment,
                words.join(" "),
                found.sentiment,
                note.text
            );
        }
    }
}

#[test]
fn the_corpus_is_well_formed() {
    let notes = corpus();
    let mut ids = BTreeSet::new();
    for note in &notes {
        assert!(ids.insert(note.id.clone()), "{} twice", note.id);
        assert!(
            ["nl", "en"].contains(&note.lang.as_str()),
            "{}: lang",
            note.id
        );
        assert!(!note.text.trim().is_empty(), "{}: no text", note.id);
        let unique: BTreeSet<_> = note.themes.iter().collect();
        assert_eq!(
            unique.len(),
            note.themes.len(),
            "{}: a theme twice",
            note.id
        );
    }
    let nl = notes.iter().filter(|n| n.lang == "nl").count();
    let none = notes.iter().filter(|n| n.themes.is_empty()).count();
    println!(
        "corpus: {} notes ({nl} Dutch, {} English, {none} without a theme)",
        notes.len(),
        notes.len() - nl
    );
    let readme = include_str!("data/corpus/README.md");
    println!(
        "first sight of each batch (micro-F1, tone accuracy), before anything was tuned to it:"
    );
    for row in readme.lines().filter(|l| l.starts_with("| batch-")) {
        println!("  {row}");
    }
}

#[test]
fn the_shipped_model_is_what_the_corpus_trains_and_holds_on_the_test_part() {
    let notes = corpus();
    let (train_part, dev, test) = (
        in_part(&notes, Part::Train),
        in_part(&notes, Part::Dev),
        in_part(&notes, Part::Test),
    );
    let label = format!("corpus, {} notes", train_part.len() + dev.len());
    let trained = train(&train_part, &dev, &label, &SETTINGS);
    assert!(
        trained.to_bytes() == BUILTIN_ARTEFACT,
        "app/src/themes/model.bin is not what the corpus trains: run `server themes train`"
    );
    let model = builtin();
    println!(
        "built-in model: {} ({} features, artefact {} bytes)",
        model.label,
        model.features(),
        BUILTIN_ARTEFACT.len()
    );
    for (name, notes) in [("train", &train_part), ("dev", &dev)] {
        let s = score(notes.iter(), |t, _| model.detect(t, None));
        println!(
            "  {name} part ({} notes, seen in training): micro-F1 {:.3}, tone {:.3}",
            s.notes,
            s.total.f1(),
            s.sentiment_accuracy()
        );
    }
    let lexicon = score(&test, |t, _| detect(t, None));
    print!(
        "{}",
        lexicon.report("test part, the tablet's lexicon alone")
    );
    let s = score(&test, |t, _| model.detect(t, None));
    print!(
        "{}",
        s.report("test part, the server's detector (lexicon and model)")
    );
    misses("test", &test);
    for nothing in ["", "...", "?", "🙂"] {
        assert!(model.detect(nothing, None).themes.is_empty(), "{nothing:?}");
    }
    let (f1, tone) = (s.total.f1(), s.sentiment_accuracy());
    assert!(
        f1 >= TEST_F1_FLOOR,
        "test micro-F1 {f1:.3} is under {TEST_F1_FLOOR}"
    );
    assert!(
        tone >= TEST_SENTIMENT_FLOOR,
        "test tone accuracy {tone:.3} is under {TEST_SENTIMENT_FLOOR}"
    );
}

#[test]
fn cross_validation_of_the_training_pipeline() {
    if std::env::var_os("THEME_EVAL_CV").is_none() {
        println!("cross-validation skipped (THEME_EVAL_CV not set)");
        return;
    }
    let notes = corpus();
    let mut seen = in_part(&notes, Part::Train);
    seen.extend(in_part(&notes, Part::Dev));
    let folds = cross_validate(&seen, 5, &SETTINGS);
    let stats = |xs: Vec<f64>| {
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64;
        (mean, var.sqrt())
    };
    let (f1, f1_sd) = stats(folds.iter().map(|f| f.0).collect());
    let (tone, tone_sd) = stats(folds.iter().map(|f| f.1).collect());
    println!(
        "5-fold cross-validation on the train and dev parts ({} notes): micro-F1 {f1:.3} ± {f1_sd:.3}, tone {tone:.3} ± {tone_sd:.3}",
        seen.len()
    );
    for (i, (f1, tone)) in folds.iter().enumerate() {
        println!("  fold {}: micro-F1 {f1:.3}, tone {tone:.3}", i + 1);
    }
}

#[test]
fn the_lexicon_finds_the_development_sets_themes_with_micro_f1_of_at_least_0_85() {
    let notes = Labelled::parse_lines(include_str!("data/theme-notes-dev.jsonl"))
        .expect("the development set reads");
    let s = score(&notes, detect);
    print!(
        "{}",
        s.report("the lexicon on the development set it was written for")
    );
    let f1 = s.total.f1();
    assert!(f1 >= 0.85, "micro-F1 {f1:.3} is under 0.85");
}
