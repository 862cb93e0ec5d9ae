//! The learned part of the detector: a linear model over a note's words, trained on the
//! hand-labelled corpus (`train`), that decides which themes a note is about and its tone.
//!
//! A note becomes a set of hashed features: word stems, pairs of consecutive stems, character
//! 3- to 5-grams of each word (the parts of Dutch compounds: "werkdrukverlaging" shares
//! "werkdr" with "werkdruk"), stems after a negation ("geen klachten"), and what the lexicons
//! found (each theme's hit and the word lists' tone). Each theme has a logistic output with
//! its own threshold (chosen on the dev part), the tone is the largest of three outputs.
//! Each theme found carries the words that weighed most for it, so HR still sees why.
//!
//! The weights travel as a compact artefact (`to_bytes`): quantised to one byte each, only
//! features that carry weight (about 690 KB for the corpus of 2026-12-03). The server detects with it; the tablet
//! keeps the lexicon-only detector (see the README's themes section for why).

use std::{
    collections::HashMap,
    hash::{BuildHasherDefault, Hasher},
};

use super::{
    detect::{detect_words, Detection, Sentiment, ThemeHit},
    sentiment::NEGATORS,
    text::{words_in, Lang, Word},
};
use crate::domain::ThemeId;

/// Theme outputs, in [`ThemeId::ALL`] order.
pub const THEMES: usize = ThemeId::ALL.len();
/// All outputs: the themes, then negative, neutral, positive.
pub const OUTPUTS: usize = THEMES + 3;
/// The tones in output order.
pub const TONES: [Sentiment; 3] = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];

/// Features are hashed into 2^BUCKET_BITS buckets.
const BUCKET_BITS: u32 = 20;
/// Longest word (in bytes) whose character n-grams are taken.
const MAX_GRAM_WORD: usize = 40;
/// Words after a negation that count as negated.
const NEGATION_SPAN: usize = 3;
thread_local! {
    /// The features and distinct buckets of the note being detected on this thread: buffers
    /// used again, as notes come by the thousand at ingest.
    static SCRATCH: std::cell::RefCell<(Vec<Feature>, Vec<u32>)> = std::cell::RefCell::default();
}

/// Marks a feature that does not come from the note's own words (a lexicon's verdict).
const NO_SPAN: u16 = u16::MAX;

/// One feature of a note and where it came from: `words[from..to]`, or [`NO_SPAN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Feature {
    pub bucket: u32,
    from: u16,
    to: u16,
}

/// FNV-1a over a kind byte and parts, with a final mix so the low bits are well spread.
fn bucket(kind: u8, parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    };
    eat(kind);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            eat(b' ');
        }
        part.iter().copied().for_each(&mut eat);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    h ^= h >> 15;
    h & ((1 << BUCKET_BITS) - 1)
}

/// The features of a note split into `words`, with what the lexicons found in it.
pub(super) fn features(words: &[Word], lexicon: &Detection, out: &mut Vec<Feature>) {
    out.clear();
    let span = |from: usize, to: usize| {
        (
            from.min(NO_SPAN as usize - 1) as u16,
            to.min(NO_SPAN as usize - 1) as u16,
        )
    };
    let mut negated_until = 0;
    let mut padded = Vec::with_capacity(MAX_GRAM_WORD + 2);
    for (i, w) in words.iter().enumerate() {
        let (from, to) = span(i, i + 1);
        out.push(Feature {
            bucket: bucket(b'w', &[w.stem.as_bytes()]),
            from,
            to,
        });
        if i < negated_until {
            out.push(Feature {
                bucket: bucket(b'n', &[w.stem.as_bytes()]),
                from,
                to,
            });
        }
        if NEGATORS.contains(&w.text.as_str()) {
            negated_until = i + 1 + NEGATION_SPAN;
        }
        if let Some(next) = words.get(i + 1) {
            let (from, to) = span(i, i + 2);
            out.push(Feature {
                bucket: bucket(b'b', &[w.stem.as_bytes(), next.stem.as_bytes()]),
                from,
                to,
            });
        }
        let text = w.text.as_bytes();
        let text = &text[..text.len().min(MAX_GRAM_WORD)];
        padded.clear();
        padded.push(b'^');
        padded.extend_from_slice(text);
        padded.push(b'$');
        for n in 3..=5 {
            for gram in padded.windows(n) {
                out.push(Feature {
                    bucket: bucket(b'c', &[gram]),
                    from,
                    to,
                });
            }
        }
    }
    for hit in &lexicon.themes {
        let bucket = LEXICON | hit.theme.index() as u32;
        out.push(Feature {
            bucket,
            from: NO_SPAN,
            to: NO_SPAN,
        });
    }
    let tone = TONES
        .iter()
        .position(|t| *t == lexicon.sentiment)
        .unwrap_or(1) as u32;
    out.push(Feature {
        bucket: LEXICON | (THEMES as u32 + tone),
        from: NO_SPAN,
        to: NO_SPAN,
    });
}

/// The lexicons' verdicts have buckets of their own, above the hashed ones.
const LEXICON: u32 = 1 << BUCKET_BITS;

pub(super) fn is_lexicon(bucket: u32) -> bool {
    bucket >= LEXICON
}

/// The distinct buckets of `features`, sorted; each counts once.
pub(super) fn distinct(features: &[Feature]) -> Vec<u32> {
    let mut buckets = Vec::with_capacity(features.len());
    distinct_into(features, &mut buckets);
    buckets
}

/// [`distinct`] into a buffer that is used again.
fn distinct_into(features: &[Feature], buckets: &mut Vec<u32>) {
    buckets.clear();
    buckets.extend(features.iter().map(|f| f.bucket));
    buckets.sort_unstable();
    buckets.dedup();
}

/// The values of a note's present features (chosen on the dev part): each word feature
/// `WORD_MASS / n` for `n` distinct word features, so a long note weighs no more than a short
/// one; each lexicon verdict `LEXICON_VALUE`, whatever the note's length.
pub(super) fn values(distinct: &[u32]) -> (f32, f32) {
    let words = distinct.iter().filter(|&&b| !is_lexicon(b)).count();
    (WORD_MASS / words.max(1) as f32, LEXICON_VALUE)
}

const WORD_MASS: f32 = 16.0;
const LEXICON_VALUE: f32 = 4.0;

pub(super) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Buckets are already hashes: the map needs only a multiplication to spread them.
#[derive(Default)]
pub(super) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread over all 64 bits: the map takes its control bits from the top ones.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(super) type BucketMap<V> = HashMap<u32, V, BuildHasherDefault<Identity>>;

/// A trained model: weights per feature bucket, a bias and (for themes) a threshold per output.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Says which corpus and corrections it was trained on; shown to HR.
    pub label: String,
    pub(super) bias: [f32; OUTPUTS],
    /// A theme is found when its probability reaches its threshold.
    pub(super) thresholds: [f32; THEMES],
    pub(super) rows: BucketMap<[f32; OUTPUTS]>,
}

/// Why an artefact could not be read as a model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a theme model (wrong header or version)")]
    Header,
    #[error("the theme model is cut off or damaged")]
    Damaged,
}

const MAGIC: &[u8; 6] = b"EXTM1\n";

/// The model trained on the corpus in `app/tests/data` (`server themes train` writes it;
/// `make theme-eval` checks that the corpus still trains exactly this artefact).
#[cfg(not(target_arch = "wasm32"))]
pub const BUILTIN_ARTEFACT: &[u8] = include_bytes!("model.bin");

/// The built-in model, read once. Only the server detects with it; the tablet keeps the
/// lexicon, and the artefact is never compiled into the browser's bundle.
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin() -> &'static Model {
    static BUILTIN: std::sync::LazyLock<Model> = std::sync::LazyLock::new(|| {
        Model::from_bytes(BUILTIN_ARTEFACT).expect("the built-in theme model reads")
    });
    &BUILTIN
}

impl Model {
    /// The outputs of a note's distinct feature buckets (theme logits, then tone logits), and
    /// whether the model knows any of its word features.
    pub(super) fn logits(&self, buckets: &[u32]) -> ([f32; OUTPUTS], bool) {
        let (x, lex) = values(buckets);
        let mut z = self.bias;
        let mut known = false;
        for &b in buckets {
            if let Some(row) = self.rows.get(&b) {
                let x = if is_lexicon(b) {
                    lex
                } else {
                    known = true;
                    x
                };
                for (z, w) in z.iter_mut().zip(row) {
                    *z += w * x;
                }
            }
        }
        (z, known)
    }

    /// The themes and tone of `text`; `lang` is guessed when not given.
    pub fn detect(&self, text: &str, lang: Option<Lang>) -> Detection {
        let (lang, words) = words_in(text, lang);
        let lexicon = detect_words(lang, &words);
        SCRATCH.with_borrow_mut(|(found, buckets)| {
            features(&words, &lexicon, found);
            distinct_into(found, buckets);
            let (z, known) = self.logits(buckets);
            // A note none of whose words the model knows (or no words at all: "...", an
            // emoji) is beyond what it learned: the lexicon answers alone.
            if !known {
                return lexicon;
            }
            self.decide(&z, found, &words, &lexicon)
        })
    }

    /// The themes over their thresholds, with their words, and the likeliest tone.
    fn decide(
        &self,
        z: &[f32; OUTPUTS],
        found: &[Feature],
        words: &[Word],
        lexicon: &Detection,
    ) -> Detection {
        let themes = ThemeId::ALL
            .into_iter()
            .filter(|t| sigmoid(z[t.index()]) >= self.thresholds[t.index()])
            .map(|theme| ThemeHit {
                theme,
                words: self.reasons(theme, found, words, lexicon),
            })
            .collect();
        let tone = (0..3)
            .max_by(|&a, &b| z[THEMES + a].total_cmp(&z[THEMES + b]))
            .unwrap_or(1);
        Detection {
            themes,
            sentiment: TONES[tone],
        }
    }

    /// The words that made `theme`: the lexicon's when it found the theme too (the words HR
    /// knows), else the (at most three) words whose features weighed most for it.
    fn reasons(
        &self,
        theme: ThemeId,
        found: &[Feature],
        words: &[Word],
        lexicon: &Detection,
    ) -> Vec<String> {
        if let Some(hit) = lexicon.themes.iter().find(|h| h.theme == theme) {
            return hit.words.clone();
        }
        let mut weight = vec![0f32; words.len()];
        for f in found.iter().filter(|f| f.from != NO_SPAN) {
            let Some(w) = self.rows.get(&f.bucket).map(|r| r[theme.index()]) else {
                continue;
            };
            let (from, to) = (usize::from(f.from), usize::from(f.to).min(words.len()));
            let share = w / (to - from).max(1) as f32;
            weight[from..to].iter_mut().for_each(|x| *x += share);
        }
        let top = weight.iter().copied().fold(0f32, f32::max);
        if top <= 0.0 {
            return Vec::new();
        }
        let mut best: Vec<usize> = (0..words.len())
            .filter(|&i| weight[i] >= top * 0.5)
            .collect();
        best.sort_by(|&a, &b| weight[b].total_cmp(&weight[a]));
        best.truncate(3);
        best.sort_unstable();
        best.into_iter().map(|i| words[i].text.clone()).collect()
    }

    /// The artefact: header, label, biases and thresholds as f32, then per bucket (ascending,
    /// as a varint gap) a bit mask of its non-zero outputs and one signed byte per weight.
    pub fn to_bytes(&self) -> Vec<u8> {
        let top = self
            .rows
            .values()
            .flatten()
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if top > 0.0 { top / 127.0 } else { 1.0 };
        let mut rows: Vec<(u32, [i8; OUTPUTS])> = self
            .rows
            .iter()
            .map(|(&b, row)| {
                (
                    b,
                    row.map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8),
                )
            })
            .filter(|(_, q)| q.iter().any(|&q| q != 0))
            .collect();
        rows.sort_unstable_by_key(|(b, _)| *b);
        let mut out = MAGIC.to_vec();
        let cut = (0..=self.label.len().min(255))
            .rev()
            .find(|&i| self.label.is_char_boundary(i))
            .unwrap_or(0);
        let label = &self.label.as_bytes()[..cut];
        out.push(label.len() as u8);
        out.extend_from_slice(label);
        out.extend_from_slice(&scale.to_le_bytes());
        for v in self.bias.iter().chain(&self.thresholds) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0u32;
        // The mask is three bytes.
        const _: () = assert!(OUTPUTS <= 24);
        for (b, q) in rows {
            varint(&mut out, b - last);
            last = b;
            let mask: u32 = q
                .iter()
                .enumerate()
                .filter(|(_, &q)| q != 0)
                .map(|(i, _)| 1 << i)
                .sum();
            out.extend_from_slice(&mask.to_le_bytes()[..3]);
            out.extend(q.iter().filter(|&&q| q != 0).map(|&q| q as u8));
        }
        out
    }

    /// Reads an artefact written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError::Header);
        }
        let len = usize::from(r.take(1)?[0]);
        let label = String::from_utf8(r.take(len)?.to_vec()).map_err(|_| ModelError::Damaged)?;
        let scale = r.f32()?;
        let mut bias = [0f32; OUTPUTS];
        for b in &mut bias {
            *b = r.f32()?;
        }
        let mut thresholds = [0f32; THEMES];
        for t in &mut thresholds {
            *t = r.f32()?;
        }
        let count = u32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Damaged)?);
        let mut rows = BucketMap::default();
        let mut bucket = 0u32;
        for _ in 0..count {
            bucket = bucket.checked_add(r.varint()?).ok_or(ModelError::Damaged)?;
            let m = r.take(3)?;
            let mask = u32::from_le_bytes([m[0], m[1], m[2], 0]);
            if mask >> OUTPUTS != 0 {
                return Err(ModelError::Damaged);
            }
            let mut row = [0f32; OUTPUTS];
            for (i, w) in row.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *w = f32::from(r.take(1)?[0] as i8) * scale;
                }
            }
            rows.insert(bucket, row);
        }
        if r.at != bytes.len() {
            return Err(ModelError::Damaged);
        }
        Ok(Model {
            label,
            bias,
            thresholds,
            rows,
        })
    }

    /// How many feature buckets carry weight.
    pub fn features(&self) -> usize {
        self.rows.len()
    }
}

fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(ModelError::Damaged)?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        let v = f32::from_le_bytes(self.take(4)?.try_into().map_err(|_| ModelError::Damaged)?);
        v.is_finite().then_some(v).ok_or(ModelError::Damaged)
    }

    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut n = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.take(1)?[0];
            if shift == 28 && b > 0x0f {
                return Err(ModelError::Damaged);
            }
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(ModelError::Damaged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::text::words;

    fn toy() -> Model {
        let lexicon = Detection {
            themes: vec![],
            sentiment: Sentiment::Neutral,
        };
        let mut f = Vec::new();
        features(&words("salaris", Lang::Nl), &lexicon, &mut f);
        let mut rows = BucketMap::default();
        let mut pay = [0f32; OUTPUTS];
        pay[ThemeId::Pay.index()] = 20.0;
        pay[THEMES] = 8.0;
        rows.insert(f[0].bucket, pay);
        // A word the model knows and finds nothing in.
        features(&words("laptop", Lang::Nl), &lexicon, &mut f);
        rows.insert(f[0].bucket, [0.0; OUTPUTS]);
        Model {
            label: "toy".into(),
            bias: [-2.0; OUTPUTS],
            thresholds: [0.5; THEMES],
            rows,
        }
    }

    #[test]
    fn features_cover_stems_pairs_grams_negation_and_the_lexicon() {
        let lexicon = Detection {
            themes: vec![ThemeHit {
                theme: ThemeId::Pay,
                words: vec!["loon".into()],
            }],
            sentiment: Sentiment::Positive,
        };
        let mut f = Vec::new();
        let ws = words("geen loon", Lang::Nl);
        features(&ws, &lexicon, &mut f);
        let has = |kind: u8, parts: &[&[u8]]| f.iter().any(|x| x.bucket == bucket(kind, parts));
        let (geen, loon) = (ws[0].stem.as_bytes(), ws[1].stem.as_bytes());
        assert!(has(b'w', &[geen]) && has(b'w', &[loon]));
        assert!(has(b'b', &[geen, loon]));
        assert!(has(b'n', &[loon]), "loon is negated");
        assert!(!has(b'n', &[geen]));
        assert!(has(b'c', &[b"^lo"]) && has(b'c', &[b"oon$"]) && has(b'c', &[b"^loon"]));
        assert!(f
            .iter()
            .any(|x| x.bucket == LEXICON | ThemeId::Pay.index() as u32));
        assert!(f.iter().any(|x| x.bucket == LEXICON | (THEMES as u32 + 2)));
        // Three grams of each size from "^loon$" (6 bytes): 4 + 3 + 2.
        let grams = f.iter().filter(|x| x.from == 1 && x.to == 2).count();
        assert_eq!(
            grams,
            1 + 1 + 4 + 3 + 2,
            "stem, negated stem and grams of loon"
        );
    }

    #[test]
    fn a_model_finds_its_themes_with_their_words_and_tone() {
        let m = toy();
        let found = m.detect("Het salaris", Some(Lang::Nl));
        assert_eq!(found.theme_ids(), [ThemeId::Pay]);
        assert_eq!(found.themes[0].words, ["salaris"]);
        assert_eq!(found.sentiment, Sentiment::Negative);
        assert!(m.detect("De laptop", Some(Lang::Nl)).themes.is_empty());
    }

    #[test]
    fn a_note_without_words_it_knows_gets_the_lexicons_answer() {
        let m = toy();
        for text in ["", "...", "🙂", "Qwrtz plofk"] {
            let found = m.detect(text, Some(Lang::Nl));
            assert_eq!(
                found,
                detect_words(Lang::Nl, &words(text, Lang::Nl)),
                "{text}"
            );
            assert!(found.themes.is_empty(), "{text}");
        }
    }

    #[test]
    fn the_artefact_reads_back_and_refuses_damage() {
        let m = toy();
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("reads");
        assert_eq!(back.label, "toy");
        assert_eq!(back.rows.len(), 1, "the row without weight is left out");
        assert_eq!(
            back.detect("salaris", Some(Lang::Nl)),
            m.detect("salaris", Some(Lang::Nl))
        );
        assert_eq!(Model::from_bytes(b"nonsense"), Err(ModelError::Header));
        for cut in [MAGIC.len(), bytes.len() - 1] {
            assert_eq!(
                Model::from_bytes(&bytes[..cut]),
                Err(ModelError::Damaged),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Model::from_bytes(&longer), Err(ModelError::Damaged));
        // A label cut at 255 bytes stays whole characters.
        let mut long = toy();
        long.label = "é".repeat(200);
        let back = Model::from_bytes(&long.to_bytes()).expect("reads");
        assert_eq!(back.label, "é".repeat(127));
    }
}
