//! `server themes eval FILE…`: the detector scored on files of hand-labelled notes.
//!
//! `server themes train`: the theme model trained on the corpus, written as its artefact.
//! With `--with-corrections`: trained on the corpus and HR's corrections, stored in the
//! database as a new version (beside the built-in model's), not yet used.
//!
//! `server themes detect`: the theme detector (the built-in model) over JSON lines, for evaluating it on other
//! labelled notes. In: `{"id": "...", "text": "...", "lang": "nl"|"en"}` (lang optional) per
//! line. Out: `{"id": "...", "themes": [...], "sentiment": "..."}` per line read. A line that
//! cannot be read is named on stderr with its number; the run goes on.

use std::{
    io::{self, BufRead, Write},
    path::Path,
};

use app::{
    domain::{ModelFigures, ModelVersion, ThemeId},
    themes::{
        detect,
        eval::{in_part, read_corpus, score, Labelled, Part, Score},
        model::builtin,
        train::SETTINGS,
        Lang, Sentiment,
    },
};
use serde::{Deserialize, Serialize};

use crate::sync::{models::NewVersion, Interviews, SyncError};

#[derive(Deserialize)]
struct Input {
    id: String,
    text: String,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a str,
    themes: Vec<ThemeId>,
    sentiment: Sentiment,
}

/// The scores on the labelled notes in `path`, as text: of the server's detector (the
/// built-in model) and of the tablet's (the lexicon alone).
pub fn eval(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let notes = Labelled::parse_lines(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = builtin();
    let name = path.display();
    Ok(format!(
        "{}{}",
        score(&notes, |t, l| model.detect(t, l))
            .report(&format!("{name}, model ({})", model.label)),
        score(&notes, detect).report(&format!("{name}, lexicon alone"))
    ))
}

/// The corpus under `data` in its train, dev and test parts.
fn parts(data: &Path) -> Result<[Vec<Labelled>; 3], String> {
    let notes = read_corpus(data)?;
    Ok([Part::Train, Part::Dev, Part::Test].map(|p| in_part(&notes, p)))
}

/// A score as HR sees it beside a model version.
fn figures(score: &Score) -> ModelFigures {
    ModelFigures {
        notes: score.notes as u32,
        precision: score.total.precision(),
        recall: score.total.recall(),
        micro_f1: score.total.f1(),
        sentiment: score.sentiment_accuracy(),
    }
}

/// Trains the model on the corpus under `data` (its train and dev parts), writes the
/// artefact to `out`, and answers a report: size, and scores on the test part.
pub fn train(data: &Path, out: &Path) -> Result<String, String> {
    let [train, dev, test] = parts(data)?;
    let label = format!("corpus, {} notes", train.len() + dev.len());
    let model = app::themes::train::train(&train, &dev, &label, &SETTINGS);
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(format!(
        "trained on {} notes (train {}, dev {}); {} features; artefact {} bytes written to {}\n{}",
        train.len() + dev.len(),
        train.len(),
        dev.len(),
        model.features(),
        bytes.len(),
        out.display(),
        score(&test, |t, l| model.detect(t, l)).report("test part")
    ))
}

/// Trains the model on the corpus's train part and HR's corrections (thresholds on the dev
/// part, as always), stores it as a new version beside the built-in model's, each with its
/// scores on the test part, and answers a report. Switching is HR's, on the theme settings page.
pub async fn train_with_corrections(
    interviews: &Interviews,
    data: &Path,
) -> Result<String, String> {
    let [mut train, dev, test] = parts(data)?;
    let corrections = interviews.corrections().await.map_err(|e| e.to_string())?;
    if corrections.is_empty() {
        return Err("HR has corrected no note yet: there is nothing new to learn".into());
    }
    let learnt = corrections.len();
    train.extend(corrections);
    let corrected = match learnt {
        1 => "1 correction".to_owned(),
        n => format!("{n} corrections"),
    };
    let label = format!(
        "corpus, {} notes, and {corrected}",
        train.len() + dev.len() - learnt
    );
    let model = app::themes::train::train(&train, &dev, &label, &SETTINGS);
    let (new, old) = (
        score(&test, |t, l| model.detect(t, l)),
        score(&test, |t, l| builtin().detect(t, l)),
    );
    let now = app::clock::now();
    let stored = |e: SyncError| e.to_string();
    interviews
        .store_model(
            NewVersion {
                model: None,
                label: &format!("{} ({})", ModelVersion::BUILT_IN, builtin().label),
                corrections: 0,
                figures: figures(&old),
            },
            now,
        )
        .await
        .map_err(stored)?;
    let id = interviews
        .store_model(
            NewVersion {
                model: Some(&model),
                label: &label,
                corrections: learnt as u32,
                figures: figures(&new),
            },
            now,
        )
        .await
        .map_err(stored)?;
    Ok(format!(
        "trained on {} notes with {corrected}; {} features; stored as version {id}, \
         not in use yet: HR switches to it on the theme settings page\n{}{}",
        train.len() + dev.len(),
        model.features(),
        new.report("test part, new version"),
        old.report("test part, built-in model")
    ))
}

/// Runs the detector over `input`; answers how many lines could not be read.
pub fn run(input: impl BufRead, mut out: impl Write, mut err: impl Write) -> io::Result<usize> {
    let mut bad = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let note: Input = match serde_json::from_str(&line) {
            Ok(note) => note,
            Err(e) => {
                bad += 1;
                writeln!(err, "line {}: not a note ({e})", n + 1)?;
                continue;
            }
        };
        let lang = match note.lang.as_deref() {
            None => None,
            Some(code) => match Lang::from_code(code) {
                Some(lang) => Some(lang),
                None => {
                    bad += 1;
                    writeln!(
                        err,
                        "line {}: lang must be \"nl\" or \"en\", not {code:?}",
                        n + 1
                    )?;
                    continue;
                }
            },
        };
        let found = builtin().detect(&note.text, lang);
        let output = Output {
            id: &note.id,
            themes: found.theme_ids(),
            sentiment: found.sentiment,
        };
        serde_json::to_writer(&mut out, &output)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_gets_an_answer_and_bad_lines_are_named_by_number() {
        let input = concat!(
            r#"{"id": "a", "text": "Salaris te laag", "lang": "nl"}"#,
            "\n",
            "not json\n",
            "\n",
            r#"{"id": "b", "text": "My manager never listened"}"#,
            "\n",
            r#"{"id": "c", "text": "x", "lang": "de"}"#,
            "\n",
        );
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let bad = run(input.as_bytes(), &mut out, &mut err).expect("runs");
        assert_eq!(bad, 2);
        let out = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            out,
            "{\"id\":\"a\",\"themes\":[\"pay\"],\"sentiment\":\"negative\"}\n\
             {\"id\":\"b\",\"themes\":[\"manager\"],\"sentiment\":\"negative\"}\n"
        );
        let err = String::from_utf8(err).expect("utf-8");
        assert!(err.starts_with("line 2: not a note"), "{err}");
        assert!(err.contains("line 5: lang must be"), "{err}");
    }

    #[test]
    fn eval_scores_a_labelled_file_and_names_what_does_not_read() {
        let dir = tempfile::tempdir().expect("dir");
        let good = dir.path().join("good.jsonl");
        std::fs::write(
            &good,
            concat!(
                r#"{"id":"a","lang":"nl","text":"Salaris te laag","themes":["pay"],"sentiment":"negative"}"#,
                "\n",
                r#"{"id":"b","lang":"en","text":"Laptop handed in","themes":[],"sentiment":"neutral"}"#,
                "\n"
            ),
        )
        .expect("written");
        let report = eval(&good).expect("scored");
        assert!(report.contains("2 notes"), "{report}");
        assert!(report.contains("F1 1.000"), "{report}");
        let bad = dir.path().join("bad.jsonl");
        std::fs::write(&bad, "{\"id\":\"a\"}\n").expect("written");
        assert!(eval(&bad).err().is_some_and(|e| e.contains("line 1")));
        assert!(eval(&dir.path().join("missing.jsonl")).is_err());
    }
}
