//! Pure aggregation: the interviews that match a filter, counted in groups ([`Tally`], by
//! the database or from one [`Facts`] per interview), become the dashboard's counts, shares,
//! averages; headcounts and leavers become turnover.

use std::collections::BTreeMap;

use app::domain::{
    Dashboard, Headcount, QuarterThemes, RatingAverage, RatingTopic, RecommendSummary, ThemeCount,
    Turnover, WouldReturn, YesNo,
};
use chrono::{Datelike, NaiveDate};

/// What the dashboard counts of one interview.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub leaving_date: Option<NaiveDate>,
    pub primary_reason: Option<String>,
    /// Every theme of its notes, once each.
    pub themes: Vec<String>,
    pub voluntary: Option<bool>,
    pub would_return: Option<WouldReturn>,
    /// 0–10.
    pub recommend: Option<u8>,
    /// 1–5, in [`RatingTopic::ALL`] order.
    pub ratings: [Option<u8>; 5],
    pub regrettable: Option<bool>,
}

/// A leaving month: year and month (1–12).
pub type Month = (i32, u32);

/// `2026-03` (as the database's `substr(leaving_date, 1, 7)` gives it) as a [`Month`].
pub fn month(text: &str) -> Option<Month> {
    let (year, month) = text.split_once('-')?;
    let month: u32 = month.parse().ok()?;
    Some((year.parse().ok()?, month)).filter(|_| (1..=12).contains(&month))
}

/// `2026-Q3`.
pub fn quarter((year, month): Month) -> String {
    format!("{year}-Q{}", (month - 1) / 3 + 1)
}

/// The interviews of one leaving month and primary reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    pub interviews: u32,
    /// How many of them carry each theme (themes none carries are left out).
    pub themes: BTreeMap<String, u32>,
}

/// The structured answers of the counted interviews.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerTally {
    pub voluntary: YesNo,
    pub regrettable: YesNo,
    /// Yes, maybe, no, not answered.
    pub would_return: [u32; 4],
    /// Interviews per would-recommend score 0–10.
    pub recommend: [u32; 11],
    /// Per rating, in [`RatingTopic::ALL`] order: the sum of the ratings given and how many.
    pub ratings: [(u32, u32); 5],
}

/// The dashboard's counts, small whatever the number of interviews: the database counts
/// them with two queries, and [`Tally::of`] counts the same from one [`Facts`] per interview.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Per leaving month (`None`: no date) and primary reason.
    pub groups: BTreeMap<(Option<Month>, Option<String>), Group>,
    pub answers: AnswerTally,
}

impl Tally {
    /// The tally of `facts`, one interview each.
    pub fn of(facts: &[Facts]) -> Self {
        let mut tally = Self::default();
        for f in facts {
            let month = f.leaving_date.map(|d| (d.year(), d.month()));
            let group = tally
                .groups
                .entry((month, f.primary_reason.clone()))
                .or_default();
            group.interviews += 1;
            for theme in &f.themes {
                *group.themes.entry(theme.clone()).or_default() += 1;
            }
            let a = &mut tally.answers;
            add_answer(&mut a.voluntary, f.voluntary);
            add_answer(&mut a.regrettable, f.regrettable);
            a.would_return[f.would_return.map_or(3, WouldReturn::index)] += 1;
            if let Some(score) = f.recommend.filter(|s| *s <= 10) {
                a.recommend[usize::from(score)] += 1;
            }
            for (sum, rating) in a.ratings.iter_mut().zip(f.ratings) {
                if let Some(r) = rating {
                    sum.0 += u32::from(r);
                    sum.1 += 1;
                }
            }
        }
        tally
    }

    /// Adds `other`'s counts (of other interviews) to these.
    pub fn add(&mut self, other: Tally) {
        for (key, group) in other.groups {
            let mine = self.groups.entry(key).or_default();
            mine.interviews += group.interviews;
            for (theme, n) in group.themes {
                *mine.themes.entry(theme).or_default() += n;
            }
        }
        let (a, b) = (&mut self.answers, other.answers);
        for (mine, theirs) in [
            (&mut a.voluntary, b.voluntary),
            (&mut a.regrettable, b.regrettable),
        ] {
            mine.yes += theirs.yes;
            mine.no += theirs.no;
            mine.unknown += theirs.unknown;
        }
        for (mine, theirs) in a.would_return.iter_mut().zip(b.would_return) {
            *mine += theirs;
        }
        for (mine, theirs) in a.recommend.iter_mut().zip(b.recommend) {
            *mine += theirs;
        }
        for (mine, theirs) in a.ratings.iter_mut().zip(b.ratings) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
    }

    /// These counts without `part`'s (a tally of some of the same interviews).
    pub fn without(&self, part: &Tally) -> Tally {
        let mut rest = self.clone();
        for (key, group) in &part.groups {
            let Some(mine) = rest.groups.get_mut(key) else {
                continue;
            };
            mine.interviews = mine.interviews.saturating_sub(group.interviews);
            for (theme, n) in &group.themes {
                if let Some(m) = mine.themes.get_mut(theme) {
                    *m = m.saturating_sub(*n);
                }
            }
            mine.themes.retain(|_, n| *n > 0);
        }
        rest.groups.retain(|_, g| g.interviews > 0);
        let (a, b) = (&mut rest.answers, &part.answers);
        for (mine, theirs) in [
            (&mut a.voluntary, b.voluntary),
            (&mut a.regrettable, b.regrettable),
        ] {
            mine.yes = mine.yes.saturating_sub(theirs.yes);
            mine.no = mine.no.saturating_sub(theirs.no);
            mine.unknown = mine.unknown.saturating_sub(theirs.unknown);
        }
        for (mine, theirs) in a.would_return.iter_mut().zip(b.would_return) {
            *mine = mine.saturating_sub(theirs);
        }
        for (mine, theirs) in a.recommend.iter_mut().zip(b.recommend) {
            *mine = mine.saturating_sub(theirs);
        }
        for (mine, theirs) in a.ratings.iter_mut().zip(b.ratings) {
            mine.0 = mine.0.saturating_sub(theirs.0);
            mine.1 = mine.1.saturating_sub(theirs.1);
        }
        rest
    }

    /// The dashboard these counts make (without turnover and filter choices, which are not
    /// filtered).
    pub fn dashboard(&self) -> Dashboard {
        let mut primary = BTreeMap::new();
        let mut themes = BTreeMap::new();
        let mut quarters: BTreeMap<String, (u32, BTreeMap<&str, u32>)> = BTreeMap::new();
        for ((month, reason), group) in &self.groups {
            if let Some(reason) = reason {
                *primary.entry(reason.as_str()).or_insert(0) += group.interviews;
            }
            for (theme, &n) in &group.themes {
                *themes.entry(theme.as_str()).or_insert(0) += n;
            }
            if let Some(month) = month {
                let (interviews, themes) = quarters.entry(quarter(*month)).or_default();
                *interviews += group.interviews;
                for (theme, &n) in &group.themes {
                    *themes.entry(theme.as_str()).or_insert(0) += n;
                }
            }
        }
        let trend = quarters
            .into_iter()
            .map(|(quarter, (interviews, themes))| QuarterThemes {
                quarter,
                interviews,
                themes: ranked(themes),
            })
            .collect();
        let a = &self.answers;
        let mut recommend = RecommendSummary::default();
        for (score, &n) in a.recommend.iter().enumerate() {
            match score {
                9.. => recommend.promoters += n,
                7..=8 => recommend.passives += n,
                _ => recommend.detractors += n,
            }
        }
        let answered = recommend.promoters + recommend.passives + recommend.detractors;
        if answered > 0 {
            let diff = f64::from(recommend.promoters) - f64::from(recommend.detractors);
            recommend.score = Some((100.0 * diff / f64::from(answered)).round() as i32);
        }
        Dashboard {
            interviews: self.groups.values().map(|g| g.interviews).sum(),
            themes: ranked(themes),
            primary: ranked(primary),
            trend,
            ratings: RatingTopic::ALL
                .iter()
                .zip(a.ratings)
                .map(|(topic, (sum, answered))| RatingAverage {
                    topic: *topic,
                    average: (answered > 0).then(|| f64::from(sum) / f64::from(answered)),
                    answered,
                })
                .collect(),
            would_return: a.would_return,
            recommend,
            regrettable: a.regrettable,
            voluntary: a.voluntary,
            ..Dashboard::default()
        }
    }
}

fn add_answer(tally: &mut YesNo, answer: Option<bool>) {
    match answer {
        Some(true) => tally.yes += 1,
        Some(false) => tally.no += 1,
        None => tally.unknown += 1,
    }
}

/// Most frequent first, ties by key, so the order is stable.
fn ranked(counts: BTreeMap<&str, u32>) -> Vec<ThemeCount> {
    let mut out: Vec<ThemeCount> = counts
        .into_iter()
        .map(|(theme, count)| ThemeCount {
            theme: theme.to_owned(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.theme.cmp(&b.theme)));
    out
}

/// The dashboard of `facts`, one interview each.
pub fn aggregate(facts: &[Facts]) -> Dashboard {
    Tally::of(facts).dashboard()
}

/// Turnover for every headcount HR entered: `leavers` holds (year, department, leavers with
/// an interview). A whole-organisation headcount (department empty) counts every department.
pub fn turnover(headcounts: &[Headcount], leavers: &[(i32, String, u32)]) -> Vec<Turnover> {
    let mut out: Vec<Turnover> = headcounts
        .iter()
        .filter(|h| h.headcount > 0)
        .map(|h| {
            let left: u32 = leavers
                .iter()
                .filter(|(year, dept, _)| {
                    *year == h.year && (h.department.is_empty() || *dept == h.department)
                })
                .map(|(_, _, n)| n)
                .sum();
            Turnover {
                year: h.year,
                department: h.department.clone(),
                headcount: h.headcount,
                leavers: left,
                percent: 100.0 * f64::from(left) / f64::from(h.headcount),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then_with(|| a.department.cmp(&b.department))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(date: &str, themes: &[&str], primary: Option<&str>) -> Facts {
        Facts {
            leaving_date: date.parse().ok(),
            themes: themes.iter().map(|t| t.to_string()).collect(),
            primary_reason: primary.map(str::to_owned),
            ..Facts::default()
        }
    }

    fn counts(list: &[ThemeCount]) -> Vec<(&str, u32)> {
        list.iter().map(|c| (c.theme.as_str(), c.count)).collect()
    }

    #[test]
    fn tallies_of_two_groups_add_up_to_the_tally_of_both() {
        let mut a = vec![
            facts("2026-01-10", &["pay", "workload"], Some("pay")),
            facts("", &["culture"], None),
        ];
        a[0].would_return = Some(WouldReturn::No);
        a[0].recommend = Some(9);
        a[0].ratings[2] = Some(4);
        let mut b = vec![
            facts("2026-01-20", &["workload"], Some("pay")),
            facts("2026-05-01", &[], Some("growth")),
        ];
        b[1].voluntary = Some(false);
        b[1].regrettable = Some(true);
        b[1].ratings[2] = Some(2);
        let mut sum = Tally::of(&a);
        sum.add(Tally::of(&b));
        let both = Tally::of(&[a.clone(), b.clone()].concat());
        assert_eq!(sum, both);
        assert_eq!(both.without(&Tally::of(&b)), Tally::of(&a));
        assert_eq!(both.without(&Tally::of(&a)), Tally::of(&b));
    }

    #[test]
    fn themes_count_interviews_not_notes_most_frequent_first() {
        let all = [
            facts("2026-01-10", &["pay", "workload"], Some("pay")),
            facts("2026-02-10", &["workload"], Some("workload")),
            facts("2026-04-01", &["culture", "workload"], Some("pay")),
            facts("", &[], None),
        ];
        let d = aggregate(&all);
        assert_eq!(d.interviews, 4);
        assert_eq!(
            counts(&d.themes),
            [("workload", 3), ("culture", 1), ("pay", 1)]
        );
        assert_eq!(counts(&d.primary), [("pay", 2), ("workload", 1)]);
        let quarters: Vec<(&str, u32)> = d
            .trend
            .iter()
            .map(|q| (q.quarter.as_str(), q.interviews))
            .collect();
        assert_eq!(quarters, [("2026-Q1", 2), ("2026-Q2", 1)]);
        assert_eq!(
            counts(&d.trend[0].themes),
            [("workload", 2), ("pay", 1)],
            "undated interviews stay out of the trend"
        );
    }

    #[test]
    fn quarters_are_named_by_year_and_number() {
        let cases = [
            ("2026-01", Some("2026-Q1")),
            ("2026-03", Some("2026-Q1")),
            ("2026-04", Some("2026-Q2")),
            ("2025-12", Some("2025-Q4")),
            ("2025-13", None),
            ("2025-00", None),
            ("2025", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(month(text).map(quarter).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn interviews_are_tallied_per_month_and_reason_with_their_themes() {
        let mut a = facts("2026-01-10", &["pay"], Some("pay"));
        a.ratings[1] = Some(4);
        a.recommend = Some(10);
        let mut b = facts("2026-01-28", &["pay", "culture"], Some("pay"));
        b.ratings[1] = Some(2);
        b.voluntary = Some(true);
        let c = facts("2026-02-01", &[], None);
        let tally = Tally::of(&[a, b, c]);
        let groups: Vec<_> = tally
            .groups
            .iter()
            .map(|((month, reason), g)| (*month, reason.as_deref(), g.interviews, g.themes.len()))
            .collect();
        assert_eq!(
            groups,
            [
                (Some((2026, 1)), Some("pay"), 2, 2),
                (Some((2026, 2)), None, 1, 0)
            ]
        );
        let january = &tally.groups[&(Some((2026, 1)), Some("pay".to_owned()))];
        assert_eq!(january.themes["pay"], 2);
        assert_eq!(january.themes["culture"], 1);
        assert_eq!(tally.answers.ratings[1], (6, 2));
        assert_eq!(tally.answers.recommend[10], 1);
        assert_eq!(tally.answers.would_return, [0, 0, 0, 3]);
        assert_eq!(
            tally.answers.voluntary,
            YesNo {
                yes: 1,
                no: 0,
                unknown: 2
            }
        );
    }

    #[test]
    fn answers_are_averaged_over_those_given_and_grouped_enps_style() {
        let mut a = Facts::default();
        a.ratings[0] = Some(2);
        a.recommend = Some(10);
        a.would_return = Some(WouldReturn::Yes);
        a.regrettable = Some(true);
        let mut b = Facts::default();
        b.ratings[0] = Some(5);
        b.recommend = Some(3);
        b.voluntary = Some(false);
        let c = Facts {
            recommend: Some(8),
            ..Facts::default()
        };
        let d = aggregate(&[a, b, c]);
        assert_eq!(d.ratings[0].average, Some(3.5));
        assert_eq!(d.ratings[0].answered, 2);
        assert_eq!(d.ratings[1].average, None);
        assert_eq!(
            d.recommend,
            RecommendSummary {
                promoters: 1,
                passives: 1,
                detractors: 1,
                score: Some(0)
            }
        );
        assert_eq!(d.would_return, [1, 0, 0, 2]);
        assert_eq!(
            d.regrettable,
            YesNo {
                yes: 1,
                no: 0,
                unknown: 2
            }
        );
        assert_eq!(d.voluntary.no, 1);
        assert_eq!(aggregate(&[]).recommend.score, None);
    }

    #[test]
    fn turnover_divides_leavers_by_the_headcount_of_their_year_and_department() {
        let headcounts = [
            Headcount {
                year: 2025,
                department: String::new(),
                headcount: 200,
            },
            Headcount {
                year: 2025,
                department: "Zorg".into(),
                headcount: 40,
            },
        ];
        let leavers = [
            (2025, "Zorg".to_owned(), 10),
            (2025, "ICT".to_owned(), 20),
            (2024, "Zorg".to_owned(), 7),
        ];
        let got: Vec<(String, u32, f64)> = turnover(&headcounts, &leavers)
            .into_iter()
            .map(|t| (t.department, t.leavers, t.percent))
            .collect();
        assert_eq!(
            got,
            [(String::new(), 30, 15.0), ("Zorg".to_owned(), 10, 25.0)]
        );
    }
}
