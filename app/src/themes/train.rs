//! Training the model on hand-labelled notes: one logistic output per theme (one against the
//! rest) and a softmax over the three tones, on the features of `model`, by stochastic
//! gradient descent with AdaGrad step sizes and L2 weight decay, in a seeded order, so the same
//! notes always give the same artefact. Pure: the caller reads the notes.
//!
//! The pipeline: weights on the train part, each theme's threshold chosen on the dev part
//! (the best F1 there), then the weights again on train and dev together with those
//! thresholds. The test part is never seen.

use super::{
    detect::detect_words,
    eval::{id_hash, score, Labelled},
    model::{
        distinct, features, is_lexicon, sigmoid, values, BucketMap, Model, OUTPUTS, THEMES, TONES,
    },
    text::{words_in, Lang},
};

/// The training settings (chosen on the dev part; see the README's themes section).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub epochs: usize,
    /// AdaGrad's base step.
    pub rate: f32,
    /// Weight decay per update.
    pub l2: f32,
    /// A theme's positive examples count this many times (themes are rare in any one note).
    pub positive_weight: f32,
    pub seed: u64,
}

pub const SETTINGS: Settings = Settings {
    epochs: 20,
    rate: 0.1,
    l2: 1e-3,
    positive_weight: 1.0,
    seed: 2026,
};

/// A note as the trainer sees it: its features (as indices into the vocabulary) and labels.
struct Example {
    features: Vec<u32>,
    /// The value of each feature (see `model::values`).
    values: Vec<f32>,
    themes: [bool; THEMES],
    tone: usize,
}

/// The notes' examples over one vocabulary of buckets, in the order first seen.
struct Examples {
    buckets: Vec<u32>,
    examples: Vec<Example>,
}

fn examples<'a>(notes: impl IntoIterator<Item = &'a Labelled>) -> Examples {
    let mut index: BucketMap<u32> = BucketMap::default();
    let mut buckets = Vec::new();
    let mut found = Vec::new();
    let examples = notes
        .into_iter()
        .map(|note| {
            let (lang, words) = words_in(&note.text, Lang::from_code(&note.lang));
            let lexicon = detect_words(lang, &words);
            features(&words, &lexicon, &mut found);
            let buckets_here = distinct(&found);
            let (x, lex) = values(&buckets_here);
            let values = buckets_here
                .iter()
                .map(|&b| if is_lexicon(b) { lex } else { x })
                .collect();
            let features = buckets_here
                .into_iter()
                .map(|b| {
                    *index.entry(b).or_insert_with(|| {
                        buckets.push(b);
                        buckets.len() as u32 - 1
                    })
                })
                .collect();
            let mut themes = [false; THEMES];
            for t in &note.themes {
                themes[t.index()] = true;
            }
            Example {
                features,
                values,
                themes,
                tone: TONES.iter().position(|t| *t == note.sentiment).unwrap_or(1),
            }
        })
        .collect();
    Examples { buckets, examples }
}

/// splitmix64: a small seeded generator for the order of the notes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Weights learned from `data`, every threshold 0.5.
fn weights(data: &Examples, s: &Settings) -> Model {
    let n = data.buckets.len();
    let mut w = vec![[0f32; OUTPUTS]; n];
    let mut g2 = vec![[0f32; OUTPUTS]; n];
    let (mut bias, mut bias_g2) = ([0f32; OUTPUTS], [0f32; OUTPUTS]);
    let mut order: Vec<usize> = (0..data.examples.len()).collect();
    let mut rng = Rng(s.seed);
    let step = |w: &mut f32, g2: &mut f32, grad: f32| {
        *g2 += grad * grad;
        *w -= s.rate * grad / (g2.sqrt() + 1e-6);
    };
    for _ in 0..s.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            let ex = &data.examples[e];
            let mut z = bias;
            for (&f, &x) in ex.features.iter().zip(&ex.values) {
                for (z, w) in z.iter_mut().zip(&w[f as usize]) {
                    *z += w * x;
                }
            }
            // The gradient of each output's loss with respect to its logit.
            let mut grad = [0f32; OUTPUTS];
            for t in 0..THEMES {
                let p = sigmoid(z[t]);
                grad[t] = if ex.themes[t] {
                    (p - 1.0) * s.positive_weight
                } else {
                    p
                };
            }
            let top = z[THEMES..].iter().copied().fold(f32::MIN, f32::max);
            let exp: Vec<f32> = z[THEMES..].iter().map(|z| (z - top).exp()).collect();
            let sum: f32 = exp.iter().sum();
            for (c, e) in exp.iter().enumerate() {
                grad[THEMES + c] = e / sum - f32::from(u8::from(c == ex.tone));
            }
            for o in 0..OUTPUTS {
                step(&mut bias[o], &mut bias_g2[o], grad[o]);
            }
            for (&f, &x) in ex.features.iter().zip(&ex.values) {
                let (w, g2) = (&mut w[f as usize], &mut g2[f as usize]);
                for o in 0..OUTPUTS {
                    let decay = s.l2 * w[o];
                    step(&mut w[o], &mut g2[o], grad[o] * x + decay);
                }
            }
        }
    }
    Model {
        label: String::new(),
        bias,
        thresholds: [0.5; THEMES],
        rows: data.buckets.iter().copied().zip(w).collect(),
    }
}

/// The thresholds chosen on `dev`: one for all themes (the best micro-F1), and per theme the
/// midway point between it and that theme's best F1 (a theme has few notes in dev; its own
/// best alone would follow them too closely).
fn thresholds(model: &Model, dev: &Examples) -> [f32; THEMES] {
    let probs: Vec<[f32; OUTPUTS]> = dev
        .examples
        .iter()
        .map(|ex| {
            let buckets: Vec<u32> = ex
                .features
                .iter()
                .map(|&f| dev.buckets[f as usize])
                .collect();
            model.logits(&buckets).0.map(sigmoid)
        })
        .collect();
    let candidates: Vec<f32> = (5..=90).map(|c| c as f32 / 100.0).collect();
    // F1 at `th` over the themes in `themes`.
    let f1 = |themes: &[usize], th: f32| {
        let (mut tp, mut wrong) = (0.0, 0.0);
        for (ex, p) in dev.examples.iter().zip(&probs) {
            for &t in themes {
                match (p[t] >= th, ex.themes[t]) {
                    (true, true) => tp += 1.0,
                    (true, false) | (false, true) => wrong += 1.0,
                    _ => {}
                }
            }
        }
        if tp + wrong == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + wrong)
        }
    };
    // The middle of the candidates with the best F1.
    let best = |themes: &[usize]| {
        let scores: Vec<f64> = candidates.iter().map(|&th| f1(themes, th)).collect();
        let top = scores.iter().copied().fold(0.0, f64::max);
        let at: Vec<usize> = (0..scores.len())
            .filter(|&i| scores[i] >= top - 1e-9)
            .collect();
        candidates[at[at.len() / 2]]
    };
    if dev.examples.is_empty() {
        return [0.5; THEMES];
    }
    let all: Vec<usize> = (0..THEMES).collect();
    let global = best(&all);
    let mut chosen = [global; THEMES];
    for (t, chosen) in chosen.iter_mut().enumerate() {
        if dev.examples.iter().any(|ex| ex.themes[t]) {
            *chosen = (global + best(&[t])) / 2.0;
        }
    }
    chosen
}

/// The model of the pipeline above, as it ships (read back from its artefact).
pub fn train(train: &[Labelled], dev: &[Labelled], label: &str, s: &Settings) -> Model {
    let first = weights(&examples(train), s);
    let first = Model::from_bytes(&first.to_bytes()).expect("an artefact of our own reads");
    let thresholds = thresholds(&first, &examples(dev));
    let mut model = weights(&examples(train.iter().chain(dev)), s);
    model.thresholds = thresholds;
    model.label = label.to_owned();
    Model::from_bytes(&model.to_bytes()).expect("an artefact of our own reads")
}

/// `folds`-fold cross-validation of the whole pipeline on `notes`: each fold is scored by a
/// model trained (with its own train / dev split) on the other folds, each note's language
/// guessed as at ingest. Answers each fold's micro-F1 and tone accuracy.
pub fn cross_validate(notes: &[Labelled], folds: u64, s: &Settings) -> Vec<(f64, f64)> {
    let fold_of = |id: &str, salt: u64| id_hash(id, s.seed ^ salt);
    (0..folds)
        .map(|k| {
            let (held, rest): (Vec<_>, Vec<_>) = notes
                .iter()
                .cloned()
                .partition(|n| fold_of(&n.id, 1) % folds == k);
            let (dev, train): (Vec<_>, Vec<_>) =
                rest.into_iter().partition(|n| fold_of(&n.id, 2) % 4 == 0);
            let model = self::train(&train, &dev, "fold", s);
            let sc = score(&held, |t, _| model.detect(t, None));
            (sc.total.f1(), sc.sentiment_accuracy())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{domain::ThemeId, themes::Sentiment};

    fn note(id: usize, text: &str, themes: &[ThemeId], sentiment: Sentiment) -> Labelled {
        Labelled {
            id: format!("t{id}"),
            lang: "nl".into(),
            text: text.into(),
            themes: themes.to_vec(),
            sentiment,
        }
    }

    /// A tiny made-up corpus: words the lexicon does not know, so only learning can find them.
    fn corpus() -> Vec<Labelled> {
        let mut notes = Vec::new();
        for i in 0..40 {
            notes.push(note(
                i,
                &format!("De blorp was echt vreselijk {i}"),
                &[ThemeId::Pay],
                Sentiment::Negative,
            ));
            notes.push(note(
                100 + i,
                &format!("Zwiebel kantine {i} heerlijk"),
                &[ThemeId::Culture],
                Sentiment::Positive,
            ));
            notes.push(note(
                200 + i,
                &format!("Laptop ingeleverd dag {i}"),
                &[],
                Sentiment::Neutral,
            ));
        }
        notes
    }

    #[test]
    fn training_learns_words_the_lexicon_does_not_know_and_is_repeatable() {
        let notes = corpus();
        let (train_part, dev) = notes.split_at(90);
        let a = train(train_part, dev, "toy", &SETTINGS);
        let b = train(train_part, dev, "toy", &SETTINGS);
        assert_eq!(
            a.to_bytes(),
            b.to_bytes(),
            "the same notes give the same artefact"
        );
        let found = a.detect("Weer die blorp", Some(Lang::Nl));
        assert_eq!(found.theme_ids(), [ThemeId::Pay]);
        assert_eq!(found.themes[0].words, ["blorp"]);
        assert_eq!(found.sentiment, Sentiment::Negative);
        let found = a.detect("kantine zwiebel", Some(Lang::Nl));
        assert_eq!(found.theme_ids(), [ThemeId::Culture]);
        assert_eq!(found.sentiment, Sentiment::Positive);
        assert!(a
            .detect("Pasje ingeleverd", Some(Lang::Nl))
            .themes
            .is_empty());
    }

    #[test]
    fn an_empty_dev_part_keeps_the_middle_thresholds() {
        let notes = corpus();
        let model = train(&notes, &[], "no dev", &SETTINGS);
        assert_eq!(model.thresholds, [0.5; THEMES]);
        let one = [note(999, "Laptop ingeleverd", &[], Sentiment::Neutral)];
        let model = train(&notes, &one, "dev without themes", &SETTINGS);
        assert!(model.thresholds.iter().all(|t| (0.05..=0.9).contains(t)));
    }

    #[test]
    fn cross_validation_scores_every_fold_on_notes_it_did_not_train_on() {
        let folds = cross_validate(&corpus(), 3, &SETTINGS);
        assert_eq!(folds.len(), 3);
        for (f1, tone) in folds {
            assert!(f1 > 0.9 && tone > 0.9, "{f1} {tone}");
        }
    }
}
