//! Synthetic Dutch exit interviews for demos and benchmarks (`server seed-demo`). Made by
//! a seeded generator, so the same seed gives the same interviews: departments with their
//! own typical reasons for leaving, notes drawn from the hand-labelled corpus (its Dutch
//! notes about the interview's reasons, and notes about the talk itself), and answers that
//! agree with the reasons. Nothing here is real personal data.

use std::sync::LazyLock;

use app::{
    domain::{
        Answers, Closing, Details, Interview, Note, NoteKind, Rating, Recommend, Status, ThemeId,
        WouldReturn,
    },
    themes::eval::Labelled,
};
use chrono::{Days, NaiveDate};

/// A small deterministic generator (SplitMix64): no dependency, same output everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

use ThemeId::*;

/// Departments, their roles and their most common primary reasons (drawn more often).
pub const DEPARTMENTS: &[(&str, &[&str], &[ThemeId])] = &[
    (
        "Zorg",
        &["Verpleegkundige", "Verzorgende", "Teamleider zorg"],
        &[Workload, Wellbeing, Manager],
    ),
    (
        "ICT",
        &["Developer", "Systeembeheerder", "Product owner"],
        &[Pay, BetterOffer, Career],
    ),
    (
        "Logistiek",
        &["Magazijnmedewerker", "Planner", "Chauffeur"],
        &[Workload, Commute, Manager],
    ),
    (
        "Sales",
        &["Accountmanager", "Binnendienst", "Salesmanager"],
        &[Pay, Culture, BetterOffer],
    ),
    (
        "Klantenservice",
        &["Klantadviseur", "Teamcoach"],
        &[JobContent, Workload, Career],
    ),
    (
        "Financiën",
        &["Controller", "Boekhouder"],
        &[Organisation, Career, Pay],
    ),
    (
        "Productie",
        &["Operator", "Monteur", "Ploegleider"],
        &[Involuntary, Retirement, Workload],
    ),
];

const SURNAMES: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Dekker",
    "Yılmaz",
    "El Amrani",
    "Nguyen",
];

/// The hand-labelled corpus (`app/tests/data`): the demo's notes are its Dutch notes, so a
/// demo's theme pages show many different lines, labelled by hand.
const CORPUS: &[&str] = &[
    include_str!("../../app/tests/data/theme-notes-dev.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-01.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-02.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-03.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-04.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-05.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-06.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-07.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-08.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-09.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-10.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-11.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-12.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-13.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-14.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-15.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-16.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-17.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-18.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-19.jsonl"),
    include_str!("../../app/tests/data/corpus/batch-20.jsonl"),
];

/// The corpus's Dutch notes: per theme (in [`ThemeId::ALL`] order) those labelled with it,
/// and those without a theme (what an interviewer notes about the talk itself).
struct Notes {
    by_theme: Vec<Vec<String>>,
    neutral: Vec<String>,
}

fn corpus_notes() -> &'static Notes {
    static NOTES: LazyLock<Notes> = LazyLock::new(|| {
        let mut notes = Notes {
            by_theme: vec![Vec::new(); ThemeId::ALL.len()],
            neutral: Vec::new(),
        };
        for batch in CORPUS {
            let labelled = Labelled::parse_lines(batch).expect("the corpus reads");
            for note in labelled.into_iter().filter(|n| n.lang == "nl") {
                if note.themes.is_empty() {
                    notes.neutral.push(note.text);
                    continue;
                }
                for theme in &note.themes {
                    notes.by_theme[theme.index()].push(note.text.clone());
                }
            }
        }
        notes
    });
    &NOTES
}

/// Notes about `theme`, as interviewers wrote them.
fn sentences(theme: ThemeId) -> &'static [String] {
    &corpus_notes().by_theme[theme.index()]
}

/// Complaints about tools, which no built-in theme covers: they surface as an emergent
/// theme on the dashboard.
const TOOLS: &[&str] = &[
    "Werkte jaren met een verouderde laptop die steeds vastliep",
    "\"Met deze oude laptop kon ik mijn werk niet goed doen\"",
    "De handscanners in het magazijn vallen steeds uit",
    "Suggestie: investeer in betere laptops en software",
    "Software voor de planning was traag en liep vaak vast",
];

fn date_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn rating(rng: &mut Rng, low: bool) -> Option<Rating> {
    let value = if low {
        1 + rng.below(3)
    } else {
        3 + rng.below(3)
    };
    rng.chance(85).then(|| Rating::new(value as u8)).flatten()
}

/// One synthetic interview that left within the two years before `today`.
pub fn interview(rng: &mut Rng, today: NaiveDate, now: i64) -> Interview {
    let (department, roles, typical) = *rng.pick(DEPARTMENTS);
    let leaving = date_before(today, rng.below(730) as u64);
    let tenure = [0, 1, 1, 2, 3, 4, 6, 8, 12, 20][rng.below(10)];
    let details = Details {
        leaver: format!(
            "{}. {}",
            (b'A' + rng.below(26) as u8) as char,
            rng.pick(SURNAMES)
        ),
        department: department.into(),
        role: (*rng.pick(roles)).into(),
        start_date: Some(date_before(leaving, tenure * 365 + rng.below(300) as u64)),
        tenure_years: None,
        leaving_date: Some(leaving),
        interview_date: Some(date_before(leaving, 1 + rng.below(13) as u64)),
        interviewer: "Demo".into(),
    };
    let mut interview = Interview::new(details, "", now);
    interview.opening.discussed = true;
    interview.opening.consent = true;
    let primary = if rng.chance(70) {
        *rng.pick(typical)
    } else {
        *rng.pick(&ThemeId::ALL)
    };
    let mut answers = Answers::default();
    answers.set_primary(Some(primary));
    for _ in 0..rng.below(3) {
        answers.toggle_secondary(*rng.pick(&ThemeId::ALL));
    }
    let reasons: Vec<ThemeId> = std::iter::once(primary)
        .chain(answers.secondary_reasons.iter().copied())
        .collect();
    answers.voluntary = Some(primary != Involuntary);
    let unhappy = matches!(
        primary,
        Manager | Culture | Workload | Wellbeing | Organisation
    );
    answers.would_return = Some(*rng.pick(if unhappy {
        &[WouldReturn::No, WouldReturn::No, WouldReturn::Maybe]
    } else {
        &[WouldReturn::Yes, WouldReturn::Maybe, WouldReturn::No]
    }));
    let recommend = if unhappy {
        rng.below(8)
    } else {
        4 + rng.below(7)
    };
    answers.recommend = Recommend::new(recommend as u8);
    let low_topic = [Culture, Manager, Career, Workload, Pay];
    for (i, topic) in low_topic.into_iter().enumerate() {
        answers.ratings[i] = rating(rng, reasons.contains(&topic));
    }
    answers.regrettable = Some(rng.chance(40));
    interview.answers = answers;
    let notes = 24 + rng.below(13);
    let tools = rng.chance(25);
    for n in 0..notes {
        let (text, neutral) = match rng.below(100) {
            0..70 => {
                let theme = *rng.pick(&reasons);
                (rng.pick(sentences(theme)).as_str(), false)
            }
            70..80 => {
                let theme = *rng.pick(&ThemeId::ALL);
                (rng.pick(sentences(theme)).as_str(), false)
            }
            80..85 if tools => (*rng.pick(TOOLS), false),
            _ => (rng.pick(&corpus_notes().neutral).as_str(), true),
        };
        let kind = if neutral {
            NoteKind::Observation
        } else if text.starts_with('"') {
            NoteKind::Quote
        } else if text.starts_with("Suggestie") || text.starts_with("Tip") {
            NoteKind::Suggestion
        } else if rng.chance(55) {
            NoteKind::Example
        } else {
            NoteKind::Observation
        };
        let question = interview.guide[n % interview.guide.len()].id.clone();
        if let Some(note) = Note::new(question, kind, text, now + n as i64) {
            interview.notes.push(note);
        }
    }
    interview.closing = Closing {
        thanked: true,
        last_thoughts_asked: true,
        door_kept_open: true,
    };
    interview.status = Status::Finished;
    interview
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_interviews() {
        let today: NaiveDate = "2026-11-26".parse().expect("date");
        let texts = |seed| {
            let mut rng = Rng::new(seed);
            let i = interview(&mut rng, today, 1);
            (
                i.details.leaver,
                i.notes.into_iter().map(|n| n.text).collect::<Vec<_>>(),
            )
        };
        assert_eq!(texts(7), texts(7));
        assert_ne!(texts(7), texts(8));
    }

    #[test]
    fn the_demo_draws_from_every_batch_of_the_corpus_and_tools_carry_no_theme() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../app/tests/data/corpus");
        let batches = std::fs::read_dir(dir)
            .expect("the corpus folder")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
            })
            .count();
        assert_eq!(CORPUS.len(), batches + 1, "a batch is missing from CORPUS");
        for theme in ThemeId::ALL {
            assert!(sentences(theme).len() >= 40, "{theme:?}");
        }
        assert!(corpus_notes().neutral.len() >= 100);
        for text in TOOLS {
            assert_eq!(app::themes::detect(text, None).theme_ids(), [], "{text}");
        }
    }

    #[test]
    fn interviews_are_complete_valid_and_carry_their_primary_reason_in_the_notes() {
        let today: NaiveDate = "2026-11-26".parse().expect("date");
        let mut rng = Rng::new(1);
        let mut carried = 0;
        for _ in 0..200 {
            let i = interview(&mut rng, today, 1);
            assert!(i.details.problems().is_empty(), "{:?}", i.details);
            assert!((24..=36).contains(&i.notes.len()));
            let leaving = i.details.leaving_date.expect("leaving date");
            assert!(leaving <= today && i.details.interview_date < Some(leaving));
            let primary = i.answers.primary_reason.expect("primary reason");
            let found = i.notes.iter().any(|n| sentences(primary).contains(&n.text));
            carried += usize::from(found);
        }
        assert!(
            carried >= 190,
            "{carried} of 200 mention their primary reason"
        );
    }
}
