//! Synthetic Dutch exit interviews for demos and benchmarks (`server seed-demo`). Made by
//! a seeded generator, so the same seed gives the same interviews: departments with their
//! own typical reasons for leaving, notes written the way interviewers write them, and
//! answers that agree with the reasons. Nothing here is real personal data.

use app::domain::{
    Answers, Closing, Details, Interview, Note, NoteKind, Rating, Recommend, Status, ThemeId,
    WouldReturn,
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
const DEPARTMENTS: &[(&str, &[&str], &[ThemeId])] = &[
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

/// Sentences as interviewers note them, per theme.
fn sentences(theme: ThemeId) -> &'static [&'static str] {
    match theme {
        Career => &[
            "Zag geen doorgroeimogelijkheden binnen de afdeling",
            "Vroeg twee keer om een opleiding, beide keren afgewezen",
            "Wil de stap naar teamleider maken, dat kon hier niet",
            "Na vier jaar nog steeds dezelfde functie, voelde zich uitgeleerd",
            "Suggestie: vacatures eerst intern openstellen",
        ],
        Manager => &[
            "Leidinggevende gaf nauwelijks feedback",
            "De LG was vaak onbereikbaar, 1-op-1 gesprekken werden afgezegd",
            "Voelde zich niet gesteund door de manager bij het conflict met een klant",
            "\"Mijn teamleider wist niet eens waar ik mee bezig was\"",
            "Suggestie: leidinggevenden trainen in het voeren van gesprekken",
        ],
        Workload => &[
            "De werkdruk was structureel te hoog, vooral rond de jaarafsluiting",
            "Maakte elke week overuren die niet werden gecompenseerd",
            "Structurele onderbezetting op de avonddiensten",
            "\"Door de werkdruk kwam ik nooit meer aan mijn eigen werk toe\"",
            "Suggestie: roosters eerder bekendmaken en pauzes bewaken",
        ],
        Pay => &[
            "Het salaris bleef achter bij vergelijkbare functies elders",
            "Salarisgesprek werd steeds uitgesteld",
            "De cao-verhoging was te laag om de inflatie bij te houden",
            "Reiskostenvergoeding dekte de kosten niet",
            "Suggestie: loonschalen transparant maken",
        ],
        Culture => &[
            "De sfeer in het team was gespannen na de reorganisatie",
            "Voelde zich buitengesloten door de kliek op de afdeling",
            "Er werd veel geroddeld, weinig open communicatie",
            "\"De sfeer was goed, daar lag het niet aan\"",
            "Suggestie: vaker teamuitjes en een open cultuur stimuleren",
        ],
        Wellbeing => &[
            "Was drie maanden thuis met burn-outklachten",
            "Sliep slecht door de stress op het werk",
            "De bedrijfsarts werd pas laat ingeschakeld",
            "Suggestie: eerder signaleren wanneer iemand stressklachten krijgt",
        ],
        JobContent => &[
            "Het werk was eentonig geworden, steeds dezelfde taken",
            "Miste uitdaging en afwisseling in de functie",
            "Te veel administratie, te weinig tijd voor klanten",
            "Suggestie: taken rouleren binnen het team",
        ],
        Organisation => &[
            "Begreep de koers van de organisatie niet meer na de fusie",
            "Drie reorganisaties in twee jaar gaven veel onrust",
            "Besluiten van het MT werden slecht uitgelegd",
            "Suggestie: strategie beter toelichten op de afdelingen",
        ],
        Commute => &[
            "De reistijd van anderhalf uur per dag werd te veel",
            "Verhuist naar Groningen met partner",
            "Sinds de verhuizing van het kantoor is de reis te lang",
        ],
        Personal => &[
            "Wil meer tijd voor het gezin nu de kinderen jong zijn",
            "Mantelzorg voor een ouder vraagt veel tijd",
            "Gaat minder werken om privéredenen",
        ],
        Education => &[
            "Gaat een masteropleiding volgen aan de universiteit",
            "Start in september met een voltijdstudie verpleegkunde",
        ],
        BetterOffer => &[
            "Kreeg een aanbod van een concurrent met een hoger salaris",
            "Is benaderd door een recruiter voor een mooie functie",
            "Begint als zzp'er in dezelfde branche",
        ],
        Involuntary => &[
            "Tijdelijk contract werd niet verlengd",
            "Werd boventallig na de reorganisatie",
            "Vertrek na een vaststellingsovereenkomst",
        ],
        Retirement => &[
            "Gaat met pensioen na 38 jaar",
            "Maakt gebruik van de regeling voor vervroegd pensioen",
        ],
    }
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

/// What an interviewer notes about the talk itself (observations, no reason for leaving).
const NEUTRAL: &[&str] = &[
    "Laatste werkdag afgestemd, laptop wordt ingeleverd",
    "Gesprek verliep open en rustig",
    "Heeft de overdracht netjes geregeld",
    "Wil graag een afscheidsborrel met het team",
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
        let text = match rng.below(100) {
            0..70 => {
                let theme = *rng.pick(&reasons);
                *rng.pick(sentences(theme))
            }
            70..80 => {
                let theme = *rng.pick(&ThemeId::ALL);
                *rng.pick(sentences(theme))
            }
            80..85 if tools => *rng.pick(TOOLS),
            _ => *rng.pick(NEUTRAL),
        };
        let kind = if NEUTRAL.contains(&text) {
            NoteKind::Observation
        } else if text.starts_with('"') {
            NoteKind::Quote
        } else if text.starts_with("Suggestie") {
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
    fn every_sentence_carries_its_own_theme_and_neutral_ones_none() {
        for theme in ThemeId::ALL {
            for text in sentences(theme) {
                let found = app::themes::detect(text, None).theme_ids();
                assert!(found.contains(&theme), "{text}: {found:?}");
            }
        }
        for text in NEUTRAL.iter().chain(TOOLS) {
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
            let found = i.notes.iter().any(|n| {
                app::themes::detect(&n.text, None)
                    .theme_ids()
                    .contains(&primary)
            });
            carried += usize::from(found);
        }
        assert!(
            carried >= 190,
            "{carried} of 200 mention their primary reason"
        );
    }
}
