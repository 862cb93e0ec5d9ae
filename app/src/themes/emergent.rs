//! Emergent themes: words and two-word phrases that recur in notes no theme covers, across
//! several interviews. HR reads them with counts and example notes and can turn one into a
//! theme of its own (its keyword is the stem, so every form found is covered).
//!
//! Only notes without any theme are read: what the themes already explain is not news.
//! Function words (both languages) and words shorter than [`MIN_WORD`] letters are skipped.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::text::words_in;

/// A term must recur in at least this many interviews.
pub const MIN_INTERVIEWS: usize = 3;
/// Shorter words are skipped (mostly function words and abbreviations of known themes).
pub const MIN_WORD: usize = 4;
/// Most terms listed.
pub const MAX_TERMS: usize = 25;
/// Most example notes per term, each from another interview.
pub const MAX_EXAMPLES: usize = 3;
/// Most related terms listed with a term.
pub const MAX_RELATED: usize = 6;
/// The share of a term's notes that must hold a term listed before it to count as related.
pub const SAME_NOTES: f64 = 0.8;

/// One note without a theme.
#[derive(Debug, Clone, Copy)]
pub struct Uncovered<'a> {
    pub interview: &'a str,
    pub text: &'a str,
}

/// A recurring term: what HR sees, the keyword a new theme gets, its counts, and the
/// indices (into the input) of its example notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurring {
    /// The form written most often ("roosters", "oude laptops").
    pub term: String,
    /// Lexicon pattern: the stem, or two stems for a phrase.
    pub keyword: String,
    pub interviews: u32,
    pub notes: u32,
    pub examples: Vec<usize>,
    /// Terms found in mostly the same notes (the same complaint in other words).
    pub related: Vec<String>,
}

#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    // nl
    "aan", "alle", "alles", "als", "altijd", "andere", "anders", "bent", "beetje", "ben", "bij",
    "daar", "daarom", "dan", "dat", "deze", "die", "dingen", "door", "echt", "eigenlijk", "een",
    "eens", "elke", "even", "geen", "gehad", "geweest", "goed", "had", "hadden", "heb", "hebben",
    "heeft", "heel", "hier", "hij", "hoe", "haar", "hem", "hun", "iets", "ieder", "jaar", "jaren",
    "juist", "keer", "kan", "kon", "konden", "kunnen", "laatste", "maar", "meer", "mijn", "moest",
    "moet", "moeten", "naar", "niet", "niets", "nog", "nooit", "omdat", "onze", "ook", "over",
    "steeds", "tijd", "toch", "toen", "tussen", "vaak", "veel", "voor", "vond", "vindt", "waar",
    "waren", "want", "was", "wat", "weer", "werd", "werden", "werk", "wel", "welke", "wil",
    "wilde", "wordt", "worden", "zegt", "zei", "zelf", "zich", "zijn", "zoals", "zou", "zouden",
    "zeer", "erg", "graag", "gewoon", "helemaal", "mensen", "iemand", "niemand", "soms",
    "binnen", "zonder", "onder", "tegen", "sinds", "tijdens", "nieuwe", "nieuw", "gaat", "gaan",
    "ging", "gingen", "maakt", "maken", "maakte", "krijgt", "kreeg", "komt", "kwam", "staat",
    "stond", "laat", "liet", "doet", "deed", "kunt", "willen", "wilden", "suggestie", "vraagt",
    "vroeg", "vindt", "vonden", "blijft", "bleef", "beter", "minder", "weinig",
    // en
    "about", "after", "again", "also", "always", "because", "been", "being", "could", "does",
    "doing", "each", "even", "every", "from", "gets", "good", "have", "having", "into", "just",
    "like", "made", "make", "many", "more", "most", "much", "never", "only", "other", "over",
    "really", "said", "says", "should", "some", "still", "than", "that", "them", "then", "there",
    "they", "thing", "things", "this", "time", "very", "want", "wanted", "were", "what", "when",
    "where", "which", "while", "with", "work", "would", "year", "years", "your", "their", "will",
    "goes", "going", "went", "gets", "got", "takes", "took", "suggestion", "suggests", "better",
    // three letters: [`MIN_WORD`] leaves them out here; `similar` reads words of three
    "het", "van", "met", "een", "die", "dat", "wat", "was", "nog", "ook", "wel", "zij", "wij",
    "hij", "ons", "dus", "hun", "men", "zal", "kan", "ben", "had", "heb", "tot", "uit", "als",
    "bij", "aan", "toe", "wie", "zou", "nee", "der", "des",
    "the", "and", "for", "but", "not", "her", "his", "she", "has", "are", "you", "him", "its",
    "our", "out", "all", "can", "did", "who", "way", "too", "any", "get",
];

/// A function word (or one that every note uses) of either language, folded.
pub(super) fn stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

fn content(word: &str) -> bool {
    word.chars().count() >= MIN_WORD && !word.chars().all(|c| c.is_ascii_digit()) && !stopword(word)
}

#[derive(Default)]
struct Seen<'a> {
    interviews: BTreeSet<&'a str>,
    /// Increasing.
    notes: Vec<usize>,
    forms: BTreeMap<String, usize>,
    examples: Vec<usize>,
    example_texts: Vec<&'a str>,
}

impl<'a> Seen<'a> {
    fn add(&mut self, note: usize, of: Uncovered<'a>, form: String) {
        *self.forms.entry(form).or_insert(0) += 1;
        // A term counts once per note, however often the note repeats it.
        if self.notes.last() == Some(&note) {
            return;
        }
        self.notes.push(note);
        // Examples from other interviews, and not the same words twice.
        let new_interview = self.interviews.insert(of.interview);
        if new_interview
            && self.examples.len() < MAX_EXAMPLES
            && !self.example_texts.contains(&of.text)
        {
            self.examples.push(note);
            self.example_texts.push(of.text);
        }
    }
}

/// Terms that recur in at least `min_interviews` interviews of `notes`, most widespread
/// first. A word is left out when a phrase containing it recurs just as widely (the phrase
/// says more); a term found mostly ([`SAME_NOTES`]) in the notes of a term listed before it is
/// listed as related to that one.
pub fn recurring(notes: &[Uncovered<'_>], min_interviews: usize) -> Vec<Recurring> {
    let mut seen: BTreeMap<String, Seen<'_>> = BTreeMap::new();
    for (i, note) in notes.iter().enumerate() {
        let (_, ws) = words_in(note.text, None);
        let mut previous: Option<(&str, &str)> = None;
        for w in &ws {
            if !content(&w.text) {
                previous = None;
                continue;
            }
            let entry = seen.entry(w.stem.clone()).or_default();
            entry.add(i, *note, w.text.clone());
            if let Some((stem, text)) = previous {
                let phrase = seen.entry(format!("{stem} {}", w.stem)).or_default();
                phrase.add(i, *note, format!("{text} {}", w.text));
            }
            previous = Some((&w.stem, &w.text));
        }
    }
    let kept: Vec<(String, Seen<'_>)> = seen
        .into_iter()
        .filter(|(_, s)| s.interviews.len() >= min_interviews.max(1))
        .collect();
    let phrases: Vec<(&str, usize)> = kept
        .iter()
        .filter(|(k, _)| k.contains(' '))
        .map(|(k, s)| (k.as_str(), s.interviews.len()))
        .collect();
    let mut ranked: Vec<(Recurring, &[usize])> = kept
        .iter()
        .filter(|(key, s)| {
            key.contains(' ')
                || !phrases.iter().any(|(p, n)| {
                    *n >= s.interviews.len() && p.split(' ').any(|part| part == key.as_str())
                })
        })
        .map(|(key, s)| {
            let term = Recurring {
                term: most_written(&s.forms),
                keyword: key.clone(),
                interviews: s.interviews.len() as u32,
                notes: s.notes.len() as u32,
                examples: s.examples.clone(),
                related: Vec::new(),
            };
            (term, s.notes.as_slice())
        })
        .collect();
    ranked.sort_by(|(a, _), (b, _)| {
        (b.interviews, b.notes)
            .cmp(&(a.interviews, a.notes))
            .then_with(|| a.term.cmp(&b.term))
    });
    let mut out: Vec<(Recurring, &[usize])> = Vec::new();
    for (term, in_notes) in ranked {
        let mostly = |listed: &[usize]| {
            shared(in_notes, listed) as f64 >= SAME_NOTES * in_notes.len() as f64
        };
        let room = out.len() < MAX_TERMS;
        match out.iter_mut().find(|(_, listed)| mostly(listed)) {
            Some((home, _)) if home.related.len() < MAX_RELATED => home.related.push(term.term),
            Some(_) => {}
            None if room => out.push((term, in_notes)),
            None => {}
        }
    }
    out.into_iter().map(|(term, _)| term).collect()
}

/// How many elements two increasing lists share.
fn shared(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The most frequent form; the first in order on a tie.
fn most_written(forms: &BTreeMap<String, usize>) -> String {
    let mut best: Option<(&String, usize)> = None;
    for (form, n) in forms {
        if best.is_none_or(|(_, m)| *n > m) {
            best = Some((form, *n));
        }
    }
    best.map(|(f, _)| f.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes<'a>(items: &[(&'a str, &'a str)]) -> Vec<Uncovered<'a>> {
        items
            .iter()
            .map(|(interview, text)| Uncovered { interview, text })
            .collect()
    }

    fn terms(found: &[Recurring]) -> Vec<(&str, u32)> {
        found
            .iter()
            .map(|r| (r.term.as_str(), r.interviews))
            .collect()
    }

    /// Notes as (interview, text), and the terms wanted as (term, interviews).
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [(&'a str, u32)]);

    #[test]
    fn terms_recurring_across_interviews_are_listed_with_counts() {
        let cases: &[Case] = &[
            // Nothing recurs in three interviews.
            (
                &[("a", "Laptop ingeleverd"), ("b", "Laptop ingeleverd")],
                &[],
            ),
            // One interview saying it three times is not a pattern.
            (
                &[
                    ("a", "Het roostersysteem liep vast"),
                    ("a", "Roostersysteem weer vast"),
                    ("a", "Het roostersysteem!"),
                ],
                &[],
            ),
            // Inflections count as one term; function words never count.
            (
                &[
                    ("a", "Oude laptops, alles liep vast"),
                    ("b", "Haar laptop was oud"),
                    ("c", "Wacht al maanden op een nieuwe laptop"),
                ],
                &[("laptop", 3)],
            ),
            // A phrase that recurs as widely as its words replaces them.
            (
                &[
                    ("a", "Het declaratiesysteem werkt niet"),
                    ("b", "Declaratiesysteem traag"),
                    ("c", "Klaagt over het declaratiesysteem"),
                    ("c", "Parkeerplaats bij de ingang"),
                    ("a", "parkeerplaats vol"),
                    ("d", "Parkeerplaats te klein, declaratiesysteem ook"),
                ],
                &[("declaratiesysteem", 4), ("parkeerplaats", 3)],
            ),
            // The same complaint in other words is one term, with the others related.
            (
                &[
                    ("a", "Handscanners in het magazijn vallen uit"),
                    ("b", "De handscanners in het magazijn vallen steeds uit"),
                    ("c", "Handscanners vallen uit"),
                ],
                &[("handscanners", 3)],
            ),
            (
                &[
                    ("a", "Oude software op de werkplek"),
                    ("b", "Klaagde over oude software"),
                    ("c", "Oude software, geen budget"),
                ],
                &[("oude software", 3)],
            ),
        ];
        for (input, want) in cases {
            let found = recurring(&notes(input), MIN_INTERVIEWS);
            assert_eq!(terms(&found), *want, "{input:?}");
        }
    }

    #[test]
    fn a_term_keeps_its_keyword_note_count_and_examples_from_other_interviews() {
        let input = notes(&[
            ("a", "Oude laptops"),
            ("a", "Weer een laptop kapot"),
            ("b", "Laptop traag"),
            ("e", "Laptop traag"),
            ("c", "De laptop!"),
            ("d", "Laptop, laptop, laptop"),
        ]);
        let found = recurring(&input, MIN_INTERVIEWS);
        let laptop = &found[0];
        assert_eq!(laptop.term, "laptop");
        assert_eq!(laptop.keyword, "laptop");
        assert_eq!((laptop.interviews, laptop.notes), (5, 6));
        // Not the same words twice: the second "Laptop traag" is no example.
        assert_eq!(laptop.examples, [0, 2, 4]);
        let input = notes(&[
            ("a", "Handscanners in het magazijn vallen uit"),
            ("b", "De handscanners in het magazijn vallen steeds uit"),
            ("c", "Handscanners vallen uit"),
        ]);
        let found = recurring(&input, MIN_INTERVIEWS);
        assert_eq!(found[0].related, ["vallen"]);
    }
}
