//! `server themes eval FILE…`: the detector scored on files of hand-labelled notes.
//!
//! `server themes train`: the theme model trained on the corpus, written as its artefact.
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
    domain::ThemeId,
    themes::{
        detect,
        eval::{in_part, read_corpus, score, Labelled, Part},
        model::builtin,
        train::SETTINGS,
        Lang, Sentiment,
    },
};
use serde::{Deserialize, Serialize};

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

/// Trains the model on the corpus under `data` (its train and dev parts), writes the
/// artefact to `out`, and answers a report: size, and scores on the test part.
pub fn train(data: &Path, out: &Path) -> Result<String, String> {
    let notes = read_corpus(data)?;
    let (train, dev, test) = (
        in_part(&notes, Part::Train),
        in_part(&notes, Part::Dev),
        in_part(&notes, Part::Test),
    );
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
