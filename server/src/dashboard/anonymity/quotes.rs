//! Quotes and suggestions for managers (rule 6 of [`super`]). Pure, like the rest.
//!
//! - Only notes HR marked "delen" on a theme page, and only while their text is the text HR
//!   marked (the caller's query keeps that).
//! - Only from departments with at least `min_quote_group` interviews, and only in a view
//!   without a filter: a quote under a filter ("role: Accountmanager") says whose it is.
//! - Scrubbed: every name, the department, the role and every date of the interview's record
//!   is replaced by [`GONE`], and so is any date written out in full (12-03-2026, 12 maart).
//! - Without date, interview, department or interviewer, in an order that tells nothing
//!   (shuffled per answer).

use std::collections::BTreeMap;

use app::domain::{NoteKind, SharedQuote};
use chrono::{Datelike, NaiveDate};

/// What a scrubbed piece of text becomes.
pub const GONE: &str = "[…]";

/// Words in Dutch and Flemish names that are not a name on their own ("Jan van der Berg").
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "op", "'t", "t", "s", "el", "al",
    "bin", "ben", "da", "di", "du", "la", "le", "von", "zu", "dos", "del",
];

/// Month names and abbreviations, Dutch and English, with their number.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("february", 2),
    ("feb", 2),
    ("maart", 3),
    ("march", 3),
    ("mrt", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("augustus", 8),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// The interview record a note is scrubbed of.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The leaver's and the interviewer's names as typed.
    pub names: Vec<String>,
    pub department: String,
    pub role: String,
    /// Start, leaving and interview date, where known.
    pub dates: Vec<NaiveDate>,
}

/// A note HR marked, from one department.
#[derive(Debug, Clone)]
pub struct Marked {
    pub department: String,
    pub kind: NoteKind,
    pub text: String,
    pub themes: Vec<String>,
    pub record: Record,
}

/// One run of letters and digits in a text, by byte offsets.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    start: s,
                    end: i,
                    text: &text[s..i],
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// What is scrubbed wherever it stands: a run of words, and how a text word may match it.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    words: Vec<String>,
    /// A name also takes a genitive or plural "s" ("Jans"); a department or role word also
    /// stands at the start of a compound ("salesteam", "accountmanagers").
    compound: bool,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl Term {
    fn of(text: &str, compound: bool) -> Option<Self> {
        let words: Vec<String> = words(text).iter().map(|w| lower(w.text)).collect();
        (!words.is_empty()).then_some(Self { words, compound })
    }

    /// Whether `word` (from the text) matches this term's word `i`.
    fn matches(&self, i: usize, word: &str) -> bool {
        let mine = &self.words[i];
        let letters = mine.chars().count();
        // A term of one short word ("IT", "HR", "Bo") matches only capitalised, not as a word
        // of the sentence ("it", "bo"); a department or role of three letters also in lower
        // case ("ict"). Inside a longer term ("Fatima el Amrani") any case will do.
        let alone = self.words.len() == 1;
        let short = letters <= 2 || (letters == 3 && !self.compound);
        if alone && short && !word.chars().any(|c| c.is_uppercase() || c.is_numeric()) {
            return false;
        }
        let word = lower(word);
        let last = i + 1 == self.words.len();
        // A department or role word of four letters or more also inside a compound, at its
        // start or end ("salesteam", "thuiszorg", "wijkverpleegkundige").
        let in_compound = self.compound
            && letters >= 4
            && (word.starts_with(mine.as_str()) || word.ends_with(mine.as_str()));
        word == *mine
            || (last && !self.compound && word.strip_suffix('s') == Some(mine.as_str()))
            || (last && in_compound)
    }

    /// How many text words from `at` this term covers, if it stands there.
    fn at(&self, text: &[Word<'_>], at: usize) -> Option<usize> {
        let n = self.words.len();
        (at + n <= text.len() && (0..n).all(|i| self.matches(i, text[at + i].text))).then_some(n)
    }
}

/// The terms of a record: whole names and each part that is not a particle, the department
/// and role whole and each word of four letters or more.
fn terms(record: &Record) -> Vec<Term> {
    let mut out = Vec::new();
    for name in &record.names {
        out.extend(Term::of(name, false));
        for part in words(name) {
            let part = lower(part.text);
            if part.chars().count() >= 2 && !PARTICLES.contains(&part.as_str()) {
                out.extend(Term::of(&part, false));
            }
        }
    }
    for group in [&record.department, &record.role] {
        out.extend(Term::of(group, true));
        for word in words(group) {
            if word.text.chars().count() >= 4 {
                out.extend(Term::of(word.text, true));
            }
        }
    }
    // Longest first, so "Jan de Vries" goes before "Jan".
    out.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
    out.dedup();
    out
}

fn number(word: &str) -> Option<u32> {
    (word.len() <= 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

fn month(word: &str) -> Option<u32> {
    let word = lower(word);
    MONTHS.iter().find(|(m, _)| *m == word).map(|(_, n)| *n)
}

fn year(word: &str) -> Option<u32> {
    number(word).filter(|y| word.len() == 4 && (1900..=2100).contains(y))
}

/// The single separator between two words, when it is one of `seps`.
fn joined(text: &str, a: Word<'_>, b: Word<'_>, seps: &str) -> Option<char> {
    let between = &text[a.end..b.start];
    let mut chars = between.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if seps.contains(c) => Some(c),
        _ => None,
    }
}

fn spaced(text: &str, a: Word<'_>, b: Word<'_>) -> bool {
    let between = &text[a.end..b.start];
    !between.is_empty() && between.chars().all(|c| c.is_whitespace() || c == ',')
}

/// How many words from `at` are a date: any day-month-year or year-month-day in figures, a
/// day and month in figures that is one of `dates`, a day with a month name (and year), a
/// month name with a year, or one of `dates`' years alone.
fn date_at(text: &str, w: &[Word<'_>], at: usize, dates: &[NaiveDate]) -> Option<usize> {
    let day = |s: &str| number(s).filter(|d| (1..=31).contains(d));
    let word = |i: usize| w.get(at + i).map(|x| x.text);
    let sep = |i: usize, seps: &str| {
        w.get(at + i + 1)
            .and_then(|b| joined(text, w[at + i], *b, seps))
    };
    let space = |i: usize| {
        w.get(at + i + 1)
            .is_some_and(|b| spaced(text, w[at + i], *b))
    };
    let known_day = |d: u32, m: u32| dates.iter().any(|x| x.day() == d && x.month() == m);
    let first = word(0)?;
    // Figures: 12-03-2026, 12/3/26, 2026-03-12, 12.03.2026; 12-03 and 12/3 when known.
    if let (Some(a), Some(s1)) = (number(first), sep(0, "-/.")) {
        let b = word(1).and_then(number);
        let third = (sep(1, "-/.") == Some(s1))
            .then(|| word(2).and_then(number))
            .flatten();
        if let (Some(b), Some(c)) = (b, third) {
            let dmy = day(first).is_some() && (1..=12).contains(&b) && c < 10_000;
            let ymd = year(first).is_some() && (1..=12).contains(&b) && (1..=31).contains(&c);
            if dmy || ymd {
                return Some(3);
            }
        }
        if let Some(b) = b {
            if s1 != '.' && known_day(a, b) {
                return Some(2);
            }
        }
    }
    // 12 maart (2026), 12 March
    if let (Some(_), true, Some(_)) = (day(first), space(0), word(1).and_then(month)) {
        let with_year = space(1) && word(2).and_then(year).is_some();
        return Some(if with_year { 3 } else { 2 });
    }
    // maart 12, March 12 2026, maart 2026
    if let (Some(_), true) = (month(first), space(0)) {
        if word(1).and_then(year).is_some() {
            return Some(2);
        }
        if word(1).and_then(day).is_some() {
            let with_year = space(1) && word(2).and_then(year).is_some();
            return Some(if with_year { 3 } else { 2 });
        }
    }
    let record_year = year(first).is_some_and(|y| dates.iter().any(|d| d.year() as u32 == y));
    record_year.then_some(1)
}

/// `text` with every name, the department, the role and every date of `record` replaced by
/// [`GONE`], and every date written out in full too.
pub fn scrub(text: &str, record: &Record) -> String {
    let terms = terms(record);
    let w = words(text);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let name = || {
            terms
                .iter()
                .find_map(|t| t.at(&w, i).map(|n| (n, !t.compound)))
        };
        let found = date_at(text, &w, i, &record.dates)
            .map(|n| (n, false))
            .or_else(name);
        match found {
            Some((n, is_name)) => {
                let mut start = w[i].start;
                // A particle right before a name belongs to it ("El Amrani", "de Vries").
                if let Some(before) = i.checked_sub(1).map(|b| w[b]) {
                    let joined = text[before.end..start].chars().all(char::is_whitespace);
                    let covered = spans.last().is_some_and(|s| s.1 >= before.end);
                    if is_name
                        && joined
                        && !covered
                        && PARTICLES.contains(&lower(before.text).as_str())
                    {
                        start = before.start;
                    }
                }
                let end = w[i + n - 1].end;
                match spans.last_mut() {
                    // "Jan de Vries" when only "Jan" and "Vries" are terms: one gap, not two.
                    Some(last) if glue(&text[last.1..start]) => last.1 = end,
                    _ => spans.push((start, end)),
                }
                i += n;
            }
            None => i += 1,
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&text[at..start]);
        out.push_str(GONE);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether what stands between two scrubbed spans is only space or a name particle.
fn glue(between: &str) -> bool {
    let trimmed = between.trim();
    trimmed.is_empty() || PARTICLES.contains(&lower(trimmed).as_str())
}

/// A small generator for [`shuffle`]: the order only has to tell nothing, not resist
/// prediction (the quotes are the same whichever order they come in).
fn next(state: &mut u64) -> u64 {
    // splitmix64
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Fisher–Yates with a seed.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        let j = (next(&mut state) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The quotes a manager's view shows: none under a filter, none from a department with fewer
/// than `min_quote_group` interviews (`interviews` per department), each scrubbed of its
/// record, in the order `seed` shuffles them into.
pub fn reaching(
    marked: Vec<Marked>,
    interviews: &BTreeMap<String, u32>,
    min_quote_group: u32,
    filtered: bool,
    seed: u64,
) -> Vec<SharedQuote> {
    if filtered {
        return Vec::new();
    }
    let mut out: Vec<SharedQuote> = marked
        .into_iter()
        .filter(|m| interviews.get(&m.department).copied().unwrap_or(0) >= min_quote_group)
        .map(|m| SharedQuote {
            kind: m.kind,
            text: scrub(&m.text, &m.record),
            themes: m.themes,
        })
        .collect();
    // A fixed order first, so the shuffle alone decides (not the database's row order).
    out.sort_by(|a, b| a.text.cmp(&b.text));
    shuffle(&mut out, seed);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn record() -> Record {
        Record {
            names: vec!["Jan de Vries".into(), "Fatima El Amrani".into()],
            department: "Klantenservice".into(),
            role: "Teamleider binnendienst".into(),
            dates: vec![
                NaiveDate::from_ymd_opt(2019, 4, 1).expect("date"),
                NaiveDate::from_ymd_opt(2026, 3, 12).expect("date"),
            ],
        }
    }

    #[test]
    fn names_departments_roles_and_dates_become_gaps() {
        let cases: &[(&str, &str)] = &[
            (
                "Jan de Vries zei dat Fatima nooit luisterde",
                "[…] zei dat […] nooit luisterde",
            ),
            ("Vries had het druk", "[…] had het druk"),
            ("Jans manager", "[…] manager"),
            ("Jan's manager", "[…]'s manager"),
            ("El Amrani belde", "[…] belde"),
            ("Op klantenservice is het chaos", "Op […] is het chaos"),
            ("Het klantenserviceteam werkt hard", "Het […] werkt hard"),
            (
                "Als teamleider binnendienst kreeg ik niks",
                "Als […] kreeg ik niks",
            ),
            ("Andere teamleiders ook", "Andere […] ook"),
            ("Bij de thuisklantenservice ook", "Bij de […] ook"),
            ("fatima el amrani belde", "[…] belde"),
            ("Sinds 2019 hier", "Sinds […] hier"),
            ("Laatste dag 12-03-2026", "Laatste dag […]"),
            ("Laatste dag 12/3", "Laatste dag […]"),
            ("Laatste dag 12 maart", "Laatste dag […]"),
            ("op 12 March 2026 weg", "op […] weg"),
            ("In maart 2026 gestopt", "In […] gestopt"),
            ("Gesprek 2026-03-12.", "Gesprek […]."),
            // Any full date, not only the record's.
            (
                "Op 3-7-2024 was er een incident",
                "Op […] was er een incident",
            ),
            ("Op 3 juli ging het mis", "Op […] ging het mis"),
        ];
        for (text, want) in cases {
            assert_eq!(scrub(text, &record()), *want, "{text}");
        }
    }

    #[test]
    fn what_is_not_the_record_stays() {
        let kept: &[&str] = &[
            "Werkte 50-60 uur per week",
            "Kreeg 2/3 van de bonus",
            "Gaf het een 3.5",
            "Mijn manager luisterde niet",
            "In 2024 kwam er een reorganisatie",
            "it was fine, the team was great",
            "Ik mag niet klagen over de sfeer",
            "De vriesvakken in de kantine",
        ];
        for text in kept {
            assert_eq!(scrub(text, &record()), *text);
        }
    }

    #[test]
    fn short_names_and_departments_match_only_as_written() {
        let r = Record {
            names: vec!["Bo".into()],
            department: "IT".into(),
            role: String::new(),
            dates: Vec::new(),
        };
        assert_eq!(
            scrub("Bo zei dat IT traag is", &r),
            "[…] zei dat […] traag is"
        );
        assert_eq!(scrub("it was fine", &r), "it was fine");
        let ict = Record {
            department: "ICT".into(),
            ..Record::default()
        };
        assert_eq!(scrub("de ict-afdeling", &ict), "de […]-afdeling");
    }

    #[test]
    fn quotes_reach_managers_only_from_large_enough_departments_and_unfiltered() {
        let marked = |department: &str, text: &str| Marked {
            department: department.into(),
            kind: NoteKind::Quote,
            text: text.into(),
            themes: vec!["workload".into()],
            record: Record {
                names: vec!["Piet".into()],
                department: department.into(),
                ..Record::default()
            },
        };
        let all = vec![
            marked("Sales", "Piet zei: te veel werk bij Sales"),
            marked("Sales", "Altijd overwerk"),
            marked("Support", "Geen tijd voor pauze"),
        ];
        let counts: BTreeMap<String, u32> = [("Sales".into(), 8), ("Support".into(), 7)].into();
        let shown = reaching(all.clone(), &counts, 8, false, 1);
        let mut texts: Vec<&str> = shown.iter().map(|q| q.text.as_str()).collect();
        texts.sort();
        assert_eq!(texts, ["Altijd overwerk", "[…] zei: te veel werk bij […]"]);
        assert!(reaching(all.clone(), &counts, 8, true, 1).is_empty());
        assert_eq!(reaching(all, &counts, 7, false, 1).len(), 3);
    }

    #[test]
    fn the_order_depends_on_the_seed_not_the_input() {
        let quote = |text: &str| Marked {
            department: "Sales".into(),
            kind: NoteKind::Suggestion,
            text: text.into(),
            themes: Vec::new(),
            record: Record::default(),
        };
        let texts = ["a", "b", "c", "d", "e", "f"];
        let forward: Vec<Marked> = texts.iter().map(|t| quote(t)).collect();
        let backward: Vec<Marked> = texts.iter().rev().map(|t| quote(t)).collect();
        let counts: BTreeMap<String, u32> = [("Sales".into(), 10)].into();
        let order = |m: Vec<Marked>, seed| -> Vec<String> {
            reaching(m, &counts, 8, false, seed)
                .into_iter()
                .map(|q| q.text)
                .collect()
        };
        assert_eq!(order(forward.clone(), 7), order(backward, 7));
        let orders: std::collections::BTreeSet<Vec<String>> =
            (0..20).map(|seed| order(forward.clone(), seed)).collect();
        assert!(orders.len() > 5, "the seed changes the order");
    }

    fn name_part() -> impl Strategy<Value = String> {
        "[A-Z][a-z]{3,9}"
    }

    proptest! {
        /// Whatever the record and wherever its strings stand in a note, none of them (nor
        /// a date of it) is left in the scrubbed text.
        #[test]
        fn no_string_of_the_record_survives(
            first in name_part(),
            last in name_part(),
            department in name_part(),
            role in name_part(),
            days in proptest::collection::vec((2000i32..2030, 1u32..=12, 1u32..=28), 1..3),
            filler in proptest::collection::vec("[a-z]{1,8}", 0..6),
            order in proptest::collection::vec(0usize..6, 1..6),
            date_style in 0usize..4,
        ) {
            let dates: Vec<NaiveDate> = days
                .iter()
                .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .collect();
            let record = Record {
                names: vec![format!("{first} van {last}")],
                department: department.clone(),
                role: role.clone(),
                dates: dates.clone(),
            };
            let date = dates[0];
            let written = match date_style {
                0 => date.format("%d-%m-%Y").to_string(),
                1 => date.format("%Y-%m-%d").to_string(),
                2 => format!("{} {}", date.day(), MONTHS.iter().find(|(_, n)| *n == date.month()).expect("month").0),
                _ => format!("{}/{}", date.day(), date.month()),
            };
            let pieces = [
                format!("{first} van {last}"),
                first.clone(),
                format!("{last}s"),
                department.to_lowercase(),
                format!("{role}team"),
                written.clone(),
            ];
            let mut text: Vec<String> = filler.clone();
            for i in order {
                text.push(pieces[i].clone());
                text.push("zei".into());
            }
            let scrubbed = scrub(&text.join(" "), &record);
            let lowered = scrubbed.to_lowercase();
            for needle in [&first, &last, &department, &role] {
                let needle = needle.to_lowercase();
                // A filler word could contain it by chance; only whole words count.
                prop_assert!(
                    !words(&lowered).iter().any(|w| w.text.starts_with(&needle)),
                    "{needle} in {scrubbed}"
                );
            }
            prop_assert!(!scrubbed.contains(&written), "{written} in {scrubbed}");
        }
    }
}
