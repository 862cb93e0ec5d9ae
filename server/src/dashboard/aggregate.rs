//! Pure aggregation: the interviews that match a filter, one [`Facts`] each, become the
//! dashboard's counts, shares, averages and turnover.

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

/// `2026-Q3`.
pub fn quarter(date: NaiveDate) -> String {
    format!("{}-Q{}", date.year(), date.month0() / 3 + 1)
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

fn theme_counts<'a>(facts: impl Iterator<Item = &'a Facts>) -> Vec<ThemeCount> {
    let mut counts = BTreeMap::new();
    for f in facts {
        for theme in &f.themes {
            *counts.entry(theme.as_str()).or_insert(0) += 1;
        }
    }
    ranked(counts)
}

fn yes_no(values: impl Iterator<Item = Option<bool>>) -> YesNo {
    values.fold(YesNo::default(), |mut acc, v| {
        match v {
            Some(true) => acc.yes += 1,
            Some(false) => acc.no += 1,
            None => acc.unknown += 1,
        }
        acc
    })
}

fn recommend(scores: impl Iterator<Item = u8>) -> RecommendSummary {
    let mut s = RecommendSummary::default();
    for score in scores {
        match score {
            9.. => s.promoters += 1,
            7..=8 => s.passives += 1,
            _ => s.detractors += 1,
        }
    }
    let answered = s.promoters + s.passives + s.detractors;
    if answered > 0 {
        let diff = f64::from(s.promoters) - f64::from(s.detractors);
        s.score = Some((100.0 * diff / f64::from(answered)).round() as i32);
    }
    s
}

/// The dashboard of `facts` (without turnover and filter choices, which are not filtered).
pub fn aggregate(facts: &[Facts]) -> Dashboard {
    let mut primary = BTreeMap::new();
    for reason in facts.iter().filter_map(|f| f.primary_reason.as_deref()) {
        *primary.entry(reason).or_insert(0) += 1;
    }
    let mut quarters: BTreeMap<String, Vec<&Facts>> = BTreeMap::new();
    for f in facts {
        if let Some(date) = f.leaving_date {
            quarters.entry(quarter(date)).or_default().push(f);
        }
    }
    let trend = quarters
        .into_iter()
        .map(|(quarter, group)| QuarterThemes {
            quarter,
            interviews: group.len() as u32,
            themes: theme_counts(group.into_iter()),
        })
        .collect();
    let ratings = RatingTopic::ALL
        .iter()
        .map(|topic| {
            let given: Vec<u8> = facts
                .iter()
                .filter_map(|f| f.ratings[topic.index()])
                .collect();
            let sum: u32 = given.iter().map(|&r| u32::from(r)).sum();
            RatingAverage {
                topic: *topic,
                average: (!given.is_empty()).then(|| f64::from(sum) / given.len() as f64),
                answered: given.len() as u32,
            }
        })
        .collect();
    let mut would_return = [0; 4];
    for f in facts {
        would_return[f.would_return.map_or(3, WouldReturn::index)] += 1;
    }
    Dashboard {
        interviews: facts.len() as u32,
        themes: theme_counts(facts.iter()),
        primary: ranked(primary),
        trend,
        ratings,
        would_return,
        recommend: recommend(facts.iter().filter_map(|f| f.recommend)),
        regrettable: yes_no(facts.iter().map(|f| f.regrettable)),
        voluntary: yes_no(facts.iter().map(|f| f.voluntary)),
        ..Dashboard::default()
    }
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
            ("2026-01-01", "2026-Q1"),
            ("2026-03-31", "2026-Q1"),
            ("2026-04-01", "2026-Q2"),
            ("2025-12-31", "2025-Q4"),
        ];
        for (date, want) in cases {
            assert_eq!(quarter(date.parse().expect("date")), want);
        }
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
