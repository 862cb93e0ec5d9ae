//! Scoring the detector against hand-labelled notes: micro precision/recall/F1, the same per
//! theme, sentiment accuracy and its confusion, and the seeded split of a corpus into
//! train / dev / test. Pure: the caller reads the notes and names the detector.

use serde::Deserialize;

use super::{Detection, Lang, Sentiment};
use crate::domain::ThemeId;

/// One hand-labelled note, as in `app/tests/data/` (one JSON object a line).
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub themes: Vec<ThemeId>,
    pub sentiment: Sentiment,
}

impl Labelled {
    /// Reads JSON lines; a line that does not read is an error naming its number.
    pub fn parse_lines(text: &str) -> Result<Vec<Labelled>, String> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1)))
            .collect()
    }
}

/// True and false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Nothing to find counts as all found.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

const SENTIMENTS: [Sentiment; 3] = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];

fn sentiment_index(s: Sentiment) -> usize {
    SENTIMENTS.iter().position(|&x| x == s).unwrap_or(1)
}

/// How the detector did on a set of notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub notes: usize,
    pub total: Counts,
    pub per_theme: [Counts; 14],
    /// `[wanted][got]`, in the order negative, neutral, positive.
    pub sentiment: [[usize; 3]; 3],
    /// Ids of the notes whose themes were not exactly right.
    pub missed: Vec<String>,
}

impl Score {
    pub fn sentiment_accuracy(&self) -> f64 {
        let right: usize = (0..3).map(|i| self.sentiment[i][i]).sum();
        ratio(right, self.notes)
    }

    /// A few lines for `make theme-eval`.
    pub fn report(&self, name: &str) -> String {
        let mut out = format!(
            "{name}: {} notes\n  micro precision {:.3}  recall {:.3}  F1 {:.3}  sentiment accuracy {:.3}\n",
            self.notes,
            self.total.precision(),
            self.total.recall(),
            self.total.f1(),
            self.sentiment_accuracy()
        );
        for theme in ThemeId::ALL {
            let c = self.per_theme[theme.index()];
            out += &format!(
                "  {:<13} precision {:.2}  recall {:.2}  (tp {} fp {} fn {})\n",
                theme.key(),
                c.precision(),
                c.recall(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        out += "  sentiment (rows wanted, columns found: negative neutral positive)\n";
        for (i, row) in self.sentiment.iter().enumerate() {
            out += &format!(
                "    {:<9} {:>4} {:>4} {:>4}\n",
                format!("{:?}", SENTIMENTS[i]).to_lowercase(),
                row[0],
                row[1],
                row[2]
            );
        }
        out
    }
}

/// Scores `detect` on `notes`.
pub fn score<'a>(
    notes: impl IntoIterator<Item = &'a Labelled>,
    detect: impl Fn(&str, Option<Lang>) -> Detection,
) -> Score {
    let mut score = Score::default();
    for note in notes {
        let found = detect(&note.text, Lang::from_code(&note.lang));
        let got = found.theme_ids();
        let mut exact = true;
        for theme in ThemeId::ALL {
            let c = &mut score.per_theme[theme.index()];
            match (got.contains(&theme), note.themes.contains(&theme)) {
                (true, true) => (c.tp += 1, score.total.tp += 1),
                (true, false) => (c.fp += 1, score.total.fp += 1),
                (false, true) => (c.fn_ += 1, score.total.fn_ += 1),
                (false, false) => continue,
            };
            exact &= got.contains(&theme) == note.themes.contains(&theme);
        }
        if !exact {
            score.missed.push(note.id.clone());
        }
        score.sentiment[sentiment_index(note.sentiment)][sentiment_index(found.sentiment)] += 1;
        score.notes += 1;
    }
    score
}

/// The seed of the corpus split; fixed, so the test part never changes.
pub const SPLIT_SEED: u64 = 2026;

/// The labelled notes under `dir` (the corpus, `app/tests/data`): the development set
/// `theme-notes-dev.jsonl` and every `corpus/*.jsonl` batch, in file order.
pub fn read_corpus(dir: &std::path::Path) -> Result<Vec<Labelled>, String> {
    let read = |path: &std::path::Path| {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Labelled::parse_lines(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let batches = dir.join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&batches)
        .map_err(|e| format!("{}: {e}", batches.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut notes = read(&dir.join("theme-notes-dev.jsonl"))?;
    for file in files {
        notes.extend(read(&file)?);
    }
    Ok(notes)
}

/// The notes of `notes` in `wanted`, by [`SPLIT_SEED`].
pub fn in_part(notes: &[Labelled], wanted: Part) -> Vec<Labelled> {
    notes
        .iter()
        .filter(|n| part(&n.id, SPLIT_SEED) == wanted)
        .cloned()
        .collect()
}

/// A note id's hash under `seed`: FNV-1a, stable across platforms and versions, unlike the
/// std hasher; for splits and folds that never move.
pub fn id_hash(id: &str, seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Where a note belongs in the fixed split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Train,
    Dev,
    Test,
}

/// The note's part, from its id and `seed` alone (so adding notes never moves others):
/// 60 % train, 20 % dev, 20 % test.
pub fn part(id: &str, seed: u64) -> Part {
    match id_hash(id, seed) % 10 {
        0..=5 => Part::Train,
        6 | 7 => Part::Dev,
        _ => Part::Test,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::ThemeHit;

    fn note(id: &str, themes: &[ThemeId], sentiment: Sentiment) -> Labelled {
        Labelled {
            id: id.into(),
            lang: "nl".into(),
            text: id.into(),
            themes: themes.to_vec(),
            sentiment,
        }
    }

    /// A detector that answers by the note's text: "pay" finds pay, "both" pay and career.
    fn fake(text: &str, _: Option<Lang>) -> Detection {
        let themes = match text {
            "pay" => vec![ThemeId::Pay],
            "both" => vec![ThemeId::Pay, ThemeId::Career],
            _ => vec![],
        };
        Detection {
            themes: themes
                .into_iter()
                .map(|theme| ThemeHit {
                    theme,
                    words: vec![],
                })
                .collect(),
            sentiment: Sentiment::Negative,
        }
    }

    #[test]
    fn counts_precision_recall_and_sentiment_per_note() {
        let notes = [
            note("pay", &[ThemeId::Pay], Sentiment::Negative),
            note("both", &[ThemeId::Pay], Sentiment::Neutral),
            note("none", &[ThemeId::Manager], Sentiment::Negative),
        ];
        let s = score(&notes, fake);
        assert_eq!(s.notes, 3);
        assert_eq!(
            s.total,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.per_theme[ThemeId::Career.index()],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(s.per_theme[ThemeId::Manager.index()].recall(), 0.0);
        assert!((s.total.f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.missed, ["both", "none"]);
        assert_eq!(s.sentiment[0], [2, 0, 0]);
        assert_eq!(s.sentiment[1], [1, 0, 0]);
        assert!((s.sentiment_accuracy() - 2.0 / 3.0).abs() < 1e-9);
        assert!(s.report("t").contains("F1 0.667"));
    }

    #[test]
    fn the_split_is_fixed_by_id_and_seed_and_roughly_60_20_20() {
        let ids: Vec<String> = (0..2000).map(|i| format!("c{i:04}")).collect();
        let parts: Vec<Part> = ids.iter().map(|id| part(id, 7)).collect();
        assert_eq!(parts, ids.iter().map(|id| part(id, 7)).collect::<Vec<_>>());
        let share = |p| parts.iter().filter(|&&x| x == p).count() as f64 / 2000.0;
        assert!(
            (share(Part::Train) - 0.6).abs() < 0.04,
            "{}",
            share(Part::Train)
        );
        assert!(
            (share(Part::Test) - 0.2).abs() < 0.04,
            "{}",
            share(Part::Test)
        );
        assert_ne!(parts, ids.iter().map(|id| part(id, 8)).collect::<Vec<_>>());
    }

    #[test]
    fn a_line_that_does_not_read_is_named() {
        let text = "{\"id\":\"a\",\"lang\":\"nl\",\"text\":\"x\",\"themes\":[],\"sentiment\":\"neutral\"}\n\n{kapot";
        assert_eq!(
            Labelled::parse_lines(text)
                .err()
                .map(|e| e.starts_with("line 3")),
            Some(true)
        );
    }
}
