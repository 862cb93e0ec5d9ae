//! The tone of a note about the organisation: negative, neutral or positive, from small
//! word lists with negation ("geen klachten" is not a complaint). A suggestion is neutral
//! even when it points at a problem.

use std::sync::LazyLock;

use super::{detect::Sentiment, index::Index, text::Word};

#[rustfmt::skip]
pub(super) const NEGATORS: &[&str] = &[
    "niet", "geen", "nooit", "niks", "not", "no", "never", "nothing", "without", "zonder",
];

#[rustfmt::skip]
const NEGATIVE: &[&str] = &[
    // nl
    "slecht", "te hoog", "te zwaar", "te druk", "te weinig", "onvoldoende", "klacht", "onrust",
    "onzeker", "onduidelijk", "onhoudbaar", "stroef", "teleur", "frustr", "onterecht", "afgewezen",
    "opgeheven", "kwijt", "eentonig", "zinloos", "pest", "roddel", "buitengesloten", "overspannen",
    "burn", "zwaar", "te laag", "te veel", "te ver", "moest", "helaas", "jammer", "probleem",
    "gespannen", "snauw", "seksist", "verschoven", "weg", "achter", "gedaald", "onderbezet",
    "ziek", "migraine", "afgedaan", "matig", "vast", "nee", "nooit", "geen", "niet", "dicht",
    "lijntje", "slecht bereikbaar",
    // en
    "bad", "poor", "unmanageable", "scrapped", "broken", "excluded", "gossip", "cliqu", "exhaust",
    "stress", "burnout", "pressur", "cut", "never", "no", "not", "sick", "pain", "problem",
    "treated like", "pointless", "too high", "too low", "too much", "too little", "can't",
    "couldn't", "haven't",
];

#[rustfmt::skip]
const POSITIVE: &[&str] = &[
    // nl
    "goed", "prima", "fijn", "plezier", "positief", "waardering", "lof", "leuk", "zinvol",
    "voldoening", "pluspunt", "geweldig", "tevreden", "blij", "hecht", "behulpzaam", "vrijheid",
    "realistisch", "genoten", "missen",
    // en
    "good", "great", "generous", "enjoy", "happy", "positive", "best", "miss", "proud", "autonomy",
    "learned", "honestly", "reason i stayed",
];

const NEUTRAL_MARKERS: &[&str] = &["suggestie", "tip", "suggest", "suggestion", "suggests"];

/// The word lists compiled once: negative, positive (word prefixes, no stems).
static LISTS: LazyLock<[Index; 2]> = LazyLock::new(|| {
    let compile = |list: &[&'static str]| Index::new(list.iter().map(|e| (0, *e)), false);
    [compile(NEGATIVE), compile(POSITIVE)]
});

pub fn sentiment(words: &[Word]) -> Sentiment {
    let [negative, positive] = &*LISTS;
    let mut scratch = Vec::new();
    let mut starts_here = |at: usize, list: &Index| list.any_at(words, at, &mut scratch);
    if words
        .iter()
        .any(|w| NEUTRAL_MARKERS.contains(&w.text.as_str()))
    {
        return Sentiment::Neutral;
    }
    let mut score = 0i32;
    let mut skip = 0;
    for (i, w) in words.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let text = w.text.as_str();
        if NEGATORS.contains(&text) {
            // A negated word flips: "geen klachten" is praise, "niet goed" a complaint.
            let next = (i + 1..(i + 4).min(words.len())).find(|&j| {
                starts_here(j, negative) && !NEGATORS.contains(&words[j].text.as_str())
                    || starts_here(j, positive)
            });
            if let Some(j) = next {
                score += if starts_here(j, positive) { -1 } else { 1 };
                skip = j - i;
                continue;
            }
        }
        if starts_here(i, positive) {
            score += 1;
        } else if starts_here(i, negative) {
            score -= 1;
        }
    }
    match score {
        s if s > 0 => Sentiment::Positive,
        s if s < 0 => Sentiment::Negative,
        _ => Sentiment::Neutral,
    }
}
