//! Matching a note against the lexicons, and its tone.

use serde::{Deserialize, Serialize};

use std::sync::LazyLock;

use super::{
    index::{parts, Index},
    lexicon::{LEXICONS, WEAK_CAREER, WEAK_PAY},
    text::{words_in, Lang, Word},
};
use crate::domain::ThemeId;

/// The tone of a note about the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    Negative,
    Neutral,
    Positive,
}

/// One theme found in a note, with the words that triggered it (shown to HR as the reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeHit {
    pub theme: ThemeId,
    pub words: Vec<String>,
}

/// What the detector says about one note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detection {
    pub themes: Vec<ThemeHit>,
    pub sentiment: Sentiment,
}

impl Detection {
    pub fn theme_ids(&self) -> Vec<ThemeId> {
        self.themes.iter().map(|h| h.theme).collect()
    }
}

/// The lexicons of each language, compiled once (Dutch, English).
static INDEXES: LazyLock<[Index; 2]> = LazyLock::new(|| [compile(Lang::Nl), compile(Lang::En)]);

fn compile(lang: Lang) -> Index {
    let patterns = LEXICONS.iter().enumerate().flat_map(|(group, lexicon)| {
        let patterns = match lang {
            Lang::Nl => lexicon.nl,
            Lang::En => lexicon.en,
        };
        patterns.iter().map(move |p| (group, *p))
    });
    Index::new(patterns, true)
}

/// Detects the themes and the tone of `text`; `lang` is guessed when not given.
pub fn detect(text: &str, lang: Option<Lang>) -> Detection {
    let (lang, words) = words_in(text, lang);
    detect_words(lang, &words)
}

/// The lexicons' themes and the word lists' tone of a note already split into `words`.
pub(super) fn detect_words(lang: Lang, words: &[Word]) -> Detection {
    let index = &INDEXES[usize::from(lang == Lang::En)];
    let mut hits: Vec<(u32, usize)> = Vec::new();
    let mut found = Vec::new();
    for at in 0..words.len() {
        found.clear();
        index.starting_at(words, at, &mut found);
        hits.extend(found.iter().map(|&p| (p, at)));
    }
    // In pattern order (themes in lexicon order), then by position: as the lexicon reads.
    hits.sort_unstable();
    hits.dedup();
    let mut themes: Vec<ThemeHit> = Vec::new();
    for (pattern, at) in hits {
        let theme = LEXICONS[index.group(pattern)].theme;
        let phrase = phrase(&words[at..at + index.span(pattern)]);
        match themes.last_mut() {
            Some(hit) if hit.theme == theme => {
                if !hit.words.contains(&phrase) {
                    hit.words.push(phrase);
                }
            }
            _ => themes.push(ThemeHit {
                theme,
                words: vec![phrase],
            }),
        }
    }
    apply_rules(&mut themes);
    Detection {
        themes,
        sentiment: super::sentiment::sentiment(words),
    }
}

fn phrase(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words (or consecutive words) of `words` that match any of `patterns`, once each;
/// for HR's own keywords, which change at any time and are few.
pub(super) fn matches<'p>(
    patterns: impl IntoIterator<Item = &'p str>,
    words: &[Word],
) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for pattern in patterns {
        let parts = parts(pattern);
        if parts.is_empty() {
            continue;
        }
        for start in 0..words.len() {
            let matched = words
                .get(start..start + parts.len())
                .is_some_and(|w| w.iter().zip(&parts).all(|(w, p)| p.matches(w, true)));
            if matched {
                let phrase = phrase(&words[start..start + parts.len()]);
                if !found.contains(&phrase) {
                    found.push(phrase);
                }
            }
        }
    }
    found
}

/// Rules that span themes (see the labelling guide in `lexicon`): when `strong` is found,
/// `weak_theme` counts only if some word other than `weak` words triggered it.
fn apply_rules(themes: &mut Vec<ThemeHit>) {
    let rules = [
        // Going to study: "opleiding" is the study, not training by the employer.
        (ThemeId::Education, ThemeId::Career, WEAK_CAREER),
        // Let go: money paid at the exit is part of leaving, not of pay.
        (ThemeId::Involuntary, ThemeId::Pay, WEAK_PAY),
    ];
    for (strong, weak_theme, weak) in rules {
        if themes.iter().any(|h| h.theme == strong) {
            themes.retain(|h| {
                h.theme != weak_theme
                    || h.words
                        .iter()
                        .any(|w| !weak.iter().any(|x| w.starts_with(x)))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ThemeId::*;

    /// New sentences (not from the development set): compounds, inflections, abbreviations,
    /// negation and the labelling guide's look-alikes.
    #[test]
    fn themes_are_found_in_compounds_inflections_and_abbreviations() {
        let cases: &[(&str, Lang, &[ThemeId])] = &[
            (
                "Pleit voor werkdrukverlaging op de poli",
                Lang::Nl,
                &[Workload],
            ),
            (
                "Salarisgesprekken werden steeds uitgesteld",
                Lang::Nl,
                &[Pay],
            ),
            (
                "Zag nergens doorgroeimogelijkheden voor zichzelf",
                Lang::Nl,
                &[Career],
            ),
            ("LG reageerde nooit op mails", Lang::Nl, &[Manager]),
            // A manager is not a career step, and an unreachable manager is not a commute.
            (
                "De leidinggevende was nooit bereikbaar",
                Lang::Nl,
                &[Manager],
            ),
            ("Wil zelf leidinggeven aan een team", Lang::Nl, &[Career]),
            (
                "Kantoor is slecht bereikbaar met het ov",
                Lang::Nl,
                &[Commute],
            ),
            (
                "Cao-loonsverhoging bleef achter bij andere sectoren",
                Lang::Nl,
                &[Pay],
            ),
            ("Geen klachten over het salaris", Lang::Nl, &[Pay]),
            ("Begint als zzp'er in de bouw", Lang::Nl, &[BetterOffer]),
            ("Wordt eigen baas met een webshop", Lang::Nl, &[BetterOffer]),
            ("Pensioenregeling vond hij ruim voldoende", Lang::Nl, &[Pay]),
            ("Gaat in mei met pensioen", Lang::Nl, &[Retirement]),
            (
                "Transitievergoeding is al uitbetaald",
                Lang::Nl,
                &[Involuntary],
            ),
            ("Her manager never gave any feedback", Lang::En, &[Manager]),
            ("Was promoted once in nine years", Lang::En, &[Career]),
            (
                "Moving abroad with her husband",
                Lang::En,
                &[Commute, Personal],
            ),
            (
                "Laatste werkdag afgestemd, laptop ingeleverd",
                Lang::Nl,
                &[],
            ),
        ];
        for (text, lang, want) in cases {
            let got = detect(text, Some(*lang)).theme_ids();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn each_theme_says_which_words_triggered_it() {
        let found = detect("Overuren worden niet uitbetaald", Some(Lang::Nl));
        let pay = found.themes.iter().find(|h| h.theme == Pay).expect("pay");
        assert_eq!(pay.words, ["uitbetaald"]);
        let workload = found
            .themes
            .iter()
            .find(|h| h.theme == Workload)
            .expect("workload");
        assert_eq!(workload.words, ["overuren"]);
    }

    #[test]
    fn the_tone_follows_negation_and_suggestions_are_neutral() {
        let cases = [
            (
                "Geen klachten over de sfeer, juist goed",
                Sentiment::Positive,
            ),
            ("De sfeer was niet goed", Sentiment::Negative),
            ("Suggestie: roosters eerder bekendmaken", Sentiment::Neutral),
            ("Laatste werkdag is vrijdag", Sentiment::Neutral),
            ("Really enjoyed working with this team", Sentiment::Positive),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text, None).sentiment, want, "{text}");
        }
    }

    #[test]
    fn the_language_is_guessed_when_not_given() {
        let got = detect("She says the workload was far too high", None).theme_ids();
        assert_eq!(got, [Workload]);
    }
}
