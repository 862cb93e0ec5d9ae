//! The theme detector against the hand-labelled development set (`data/theme-notes-dev.jsonl`,
//! 160 NL/EN notes from HR's labelling guide). Prints micro-F1, per-theme precision/recall and
//! sentiment accuracy (`make theme-eval` shows them); fails under micro-F1 0.85.

use std::collections::BTreeMap;

use app::{
    domain::ThemeId,
    themes::{detect, Lang, Sentiment},
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Labelled {
    id: String,
    lang: String,
    text: String,
    themes: Vec<ThemeId>,
    sentiment: Sentiment,
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn the_detector_finds_the_labelled_themes_with_micro_f1_of_at_least_0_85() {
    let data = include_str!("data/theme-notes-dev.jsonl");
    let notes: Vec<Labelled> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a labelled note"))
        .collect();
    let mut per_theme: BTreeMap<&str, Counts> = BTreeMap::new();
    let (mut total, mut sentiment_right) = (Counts::default(), 0);
    let mut misses = Vec::new();
    for note in &notes {
        let found = detect(&note.text, Lang::from_code(&note.lang));
        let got = found.theme_ids();
        for theme in ThemeId::ALL {
            let c = per_theme.entry(theme.key()).or_default();
            match (got.contains(&theme), note.themes.contains(&theme)) {
                (true, true) => (c.tp += 1, total.tp += 1),
                (true, false) => (c.fp += 1, total.fp += 1),
                (false, true) => (c.fn_ += 1, total.fn_ += 1),
                (false, false) => ((), ()),
            };
        }
        sentiment_right += usize::from(found.sentiment == note.sentiment);
        if got.iter().collect::<std::collections::BTreeSet<_>>()
            != note
                .themes
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
        {
            let extra: Vec<_> = found
                .themes
                .iter()
                .filter(|h| !note.themes.contains(&h.theme))
                .map(|h| format!("{}={:?}", h.theme.key(), h.words))
                .collect();
            misses.push(format!(
                "{}: want {:?}, extra {}",
                note.id,
                note.themes,
                extra.join(" ")
            ));
        }
    }
    let precision = ratio(total.tp, total.tp + total.fp);
    let recall = ratio(total.tp, total.tp + total.fn_);
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!("theme detector on {} dev notes:", notes.len());
    println!("  micro precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}");
    for (theme, c) in &per_theme {
        println!(
            "  {theme:<13} precision {:.2}  recall {:.2}  (tp {} fp {} fn {})",
            ratio(c.tp, c.tp + c.fp),
            ratio(c.tp, c.tp + c.fn_),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    println!(
        "  sentiment accuracy {:.3} ({sentiment_right}/{})",
        ratio(sentiment_right, notes.len()),
        notes.len()
    );
    if std::env::var_os("THEME_EVAL_MISSES").is_some() {
        misses.iter().for_each(|m| println!("  {m}"));
    }
    assert!(f1 >= 0.85, "micro-F1 {f1:.3} is under 0.85");
}
