//! The anonymity rules, between the tally and every answer a manager gets. Pure: the
//! dashboard of a manager's departments goes in, [`Insights`] come out.
//!
//! 1. A group of fewer than `k` interviews shows only that it is too small.
//! 2. Every count below `k` is hidden ("te weinig gesprekken"), zero included (a zero beside
//!    a full total says what everyone answered), and so is every figure worked out from a
//!    hidden count: an average of fewer than `k` ratings, the eNPS when a part of it is hidden.
//! 3. Complementary suppression: the shown cells of a whole (cells adding up to a shown
//!    total, like would-return's yes, maybe, no and not answered) never give a hidden one
//!    away. While a whole has exactly one hidden cell, or its hidden cells hold fewer than `k`
//!    interviews together, its smallest shown cell is hidden too; a hidden cell can then be
//!    anything from 0 to at least `k`.
//!    The rest of a whole (not answered, no leaving date, no primary reason) is a cell like
//!    the others, except when it is zero: nobody skipping a question tells nothing about
//!    anyone's answer.
//! 4. Hidden cells come after the shown ones, by key: their order would tell their size.
//! 5. Filters: one condition at a time, and only values that rules 2 and 3 leave shown in that
//!    condition's split of the departments. Two answers then differ by a group the rules
//!    checked: the value chosen, or the rest of the departments without it.

use std::collections::{BTreeMap, BTreeSet};

use app::domain::{
    Cell, Dashboard, FilterChoices, GroupCount, InsightFilter, Insights, QuarterInsight,
    RatingInsight, RecommendInsight, TenureBand, ThemeCount, YesNo, YesNoInsight,
};

/// Which cells of one whole to hide (see rule 3); `pre` marks cells hidden for another
/// reason, such as a quarter hidden as a whole.
pub fn suppress(cells: &[u32], pre: &[bool], k: u32) -> Vec<bool> {
    let mut hidden: Vec<bool> = cells
        .iter()
        .enumerate()
        .map(|(i, &c)| pre.get(i).copied().unwrap_or(false) || c < k)
        .collect();
    loop {
        let count = hidden.iter().filter(|h| **h).count();
        let sum: u64 = cells
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .map(|(&c, _)| u64::from(c))
            .sum();
        if count == 0 || count == cells.len() || (count >= 2 && sum >= u64::from(k)) {
            return hidden;
        }
        let smallest = (0..cells.len())
            .filter(|&i| !hidden[i])
            .min_by_key(|&i| (cells[i], i));
        match smallest {
            Some(i) => hidden[i] = true,
            None => return hidden,
        }
    }
}

/// Which of `cells` and their `rest` to hide: [`suppress`] over both, or, when the rest is
/// zero, over the cells alone (rule 3). The last flag is the rest's.
fn suppress_with_rest(cells: &[u32], pre: &[bool], rest: u32, k: u32) -> Vec<bool> {
    if rest == 0 {
        let mut hidden = suppress(cells, pre, k);
        hidden.push(false);
        hidden
    } else {
        let mut all = cells.to_vec();
        all.push(rest);
        suppress(&all, pre, k)
    }
}

fn cell<T>(value: T, hidden: bool) -> Cell<T> {
    if hidden {
        Cell::TooFew
    } else {
        Cell::Shown(value)
    }
}

/// `counts` (key, count) as cells, hidden where `hidden` says: shown ones most frequent
/// first, then the hidden ones by key (rule 4).
fn ordered(counts: &[(String, u32)], hidden: &[bool]) -> Vec<GroupCount> {
    let mut shown: Vec<(&String, u32)> = Vec::new();
    let mut too_few: Vec<&String> = Vec::new();
    for ((key, count), &h) in counts.iter().zip(hidden) {
        if h {
            too_few.push(key);
        } else {
            shown.push((key, *count));
        }
    }
    shown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    too_few.sort();
    shown
        .into_iter()
        .map(|(key, n)| GroupCount {
            key: key.clone(),
            count: Cell::Shown(n),
        })
        .chain(too_few.into_iter().map(|key| GroupCount {
            key: key.clone(),
            count: Cell::TooFew,
        }))
        .collect()
}

fn by_key(list: &[ThemeCount]) -> BTreeMap<&str, u32> {
    list.iter().map(|t| (t.theme.as_str(), t.count)).collect()
}

/// Every key of `keys` with its count in `counts` (0 when absent).
fn every(keys: &[String], counts: &BTreeMap<&str, u32>) -> Vec<(String, u32)> {
    keys.iter()
        .map(|k| (k.clone(), counts.get(k.as_str()).copied().unwrap_or(0)))
        .collect()
}

fn yes_no(answers: YesNo, k: u32) -> YesNoInsight {
    let hidden = suppress_with_rest(&[answers.yes, answers.no], &[], answers.unknown, k);
    YesNoInsight {
        yes: cell(answers.yes, hidden[0]),
        no: cell(answers.no, hidden[1]),
        unknown: cell(answers.unknown, hidden[2]),
    }
}

/// The anonymised figures of `dashboard` (the counts of a manager's departments under one
/// filter): `themes` are every theme key a note can carry, listed whether counted or not.
/// Departments, filter and choices are the caller's to fill in.
pub fn anonymise(dashboard: &Dashboard, themes: &[String], k: u32) -> Insights {
    let k = k.max(1);
    let total = dashboard.interviews;
    let mut out = Insights {
        departments: Vec::new(),
        filter: InsightFilter::default(),
        min_group: k,
        interviews: cell(total, total < k),
        themes: Vec::new(),
        primary: Vec::new(),
        no_primary: Cell::TooFew,
        trend: Vec::new(),
        undated: Cell::TooFew,
        ratings: Vec::new(),
        would_return: Vec::new(),
        recommend: None,
        voluntary: None,
        regrettable: None,
        choices: FilterChoices::default(),
    };
    if total < k {
        return out;
    }
    let mut keys: BTreeSet<String> = themes.iter().cloned().collect();
    keys.extend(dashboard.themes.iter().map(|t| t.theme.clone()));
    keys.extend(dashboard.primary.iter().map(|t| t.theme.clone()));
    let keys: Vec<String> = keys.into_iter().collect();

    // Themes: an interview carries any number, so their counts make no whole.
    let theme_counts = every(&keys, &by_key(&dashboard.themes));
    let theme_hidden: Vec<bool> = theme_counts.iter().map(|(_, c)| *c < k).collect();
    out.themes = ordered(&theme_counts, &theme_hidden);

    // Primary reasons and the interviews without one make a whole.
    let primary = every(&keys, &by_key(&dashboard.primary));
    let given: u32 = primary.iter().map(|(_, c)| c).sum();
    let cells: Vec<u32> = primary.iter().map(|(_, c)| *c).collect();
    let rest = total.saturating_sub(given);
    let hidden = suppress_with_rest(&cells, &[], rest, k);
    out.primary = ordered(&primary, &hidden[..primary.len()]);
    out.no_primary = cell(rest, hidden[primary.len()]);

    out.trend = trend(dashboard, &keys, k, &mut out.undated);

    out.ratings = dashboard
        .ratings
        .iter()
        .map(|r| {
            let hidden = r.answered < k;
            RatingInsight {
                topic: r.topic,
                answered: cell(r.answered, hidden),
                average: match r.average {
                    Some(avg) if !hidden => Cell::Shown(avg),
                    _ => Cell::TooFew,
                },
            }
        })
        .collect();

    let [yes, maybe, no, unanswered] = dashboard.would_return;
    let hidden = suppress_with_rest(&[yes, maybe, no], &[], unanswered, k);
    out.would_return = dashboard
        .would_return
        .iter()
        .zip(&hidden)
        .map(|(&n, &h)| cell(n, h))
        .collect();

    let r = dashboard.recommend;
    let answered = r.promoters + r.passives + r.detractors;
    let parts = [
        r.promoters,
        r.passives,
        r.detractors,
        total.saturating_sub(answered),
    ];
    let hidden = suppress_with_rest(&parts[..3], &[], parts[3], k);
    let any_hidden = hidden[..3].iter().any(|h| *h) || answered < k;
    out.recommend = Some(RecommendInsight {
        promoters: cell(parts[0], hidden[0]),
        passives: cell(parts[1], hidden[1]),
        detractors: cell(parts[2], hidden[2]),
        unanswered: cell(parts[3], hidden[3]),
        score: match r.score {
            Some(score) if !any_hidden => Cell::Shown(score),
            _ => Cell::TooFew,
        },
    });
    out.voluntary = Some(yes_no(dashboard.voluntary, k));
    out.regrettable = Some(yes_no(dashboard.regrettable, k));
    out
}

/// The trend: the quarters (and the interviews without a leaving date, when there are any)
/// make a whole; so does, per theme, its count in each quarter and in the undated rest.
/// Quarters without interviews are not listed, like on HR's dashboard.
fn trend(
    dashboard: &Dashboard,
    keys: &[String],
    k: u32,
    undated: &mut Cell<u32>,
) -> Vec<QuarterInsight> {
    let total = dashboard.interviews;
    let quarters = &dashboard.trend;
    let dated: u32 = quarters.iter().map(|q| q.interviews).sum();
    let rest = total.saturating_sub(dated);
    let cells: Vec<u32> = quarters.iter().map(|q| q.interviews).collect();
    let quarter_hidden = suppress_with_rest(&cells, &[], rest, k);
    *undated = cell(rest, quarter_hidden[quarters.len()]);

    // Per theme: its count in each quarter (and the undated rest), hidden where the quarter
    // is, or by rules 2 and 3.
    let overall = by_key(&dashboard.themes);
    let mut per_quarter: Vec<Vec<(String, u32, bool)>> = vec![Vec::new(); quarters.len()];
    for key in keys {
        let row: Vec<u32> = quarters
            .iter()
            .map(|q| {
                q.themes
                    .iter()
                    .find(|t| &t.theme == key)
                    .map_or(0, |t| t.count)
            })
            .collect();
        let pre = &quarter_hidden[..quarters.len()];
        let in_quarters: u32 = row.iter().sum();
        let undated = overall.get(key.as_str()).copied().unwrap_or(0);
        let hidden = suppress_with_rest(&row, pre, undated.saturating_sub(in_quarters), k);
        for (q, list) in per_quarter.iter_mut().enumerate() {
            list.push((key.clone(), row[q], hidden[q]));
        }
    }
    quarters
        .iter()
        .zip(per_quarter)
        .enumerate()
        .map(|(q, (quarter, themes))| {
            let counts: Vec<(String, u32)> =
                themes.iter().map(|(k, n, _)| (k.clone(), *n)).collect();
            let hidden: Vec<bool> = themes.iter().map(|(_, _, h)| *h).collect();
            QuarterInsight {
                quarter: quarter.quarter.clone(),
                interviews: cell(quarter.interviews, quarter_hidden[q]),
                themes: ordered(&counts, &hidden),
            }
        })
        .collect()
}

/// How the interviews of some departments split along one filter condition: interviews per
/// value, and how many have no value (no leaving date, no answer).
#[derive(Debug, Clone, PartialEq)]
pub struct Split<V> {
    pub values: Vec<(V, u32)>,
    pub unknown: u32,
}

impl<V> Default for Split<V> {
    fn default() -> Self {
        Self {
            values: Vec::new(),
            unknown: 0,
        }
    }
}

impl<V: Clone> Split<V> {
    /// The values that rules 2 and 3 leave shown (rule 5).
    pub fn choosable(&self, k: u32) -> Vec<V> {
        let cells: Vec<u32> = self.values.iter().map(|(_, n)| *n).collect();
        let hidden = suppress_with_rest(&cells, &[], self.unknown, k.max(1));
        self.values
            .iter()
            .zip(hidden)
            .filter(|(_, h)| !h)
            .map(|((v, _), _)| v.clone())
            .collect()
    }
}

/// Every filter condition's split of a manager's departments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Splits {
    pub departments: Split<String>,
    pub roles: Split<String>,
    pub years: Split<i32>,
    pub tenure: Split<TenureBand>,
    pub voluntary: Split<bool>,
}

impl Splits {
    pub fn choices(&self, k: u32) -> FilterChoices {
        FilterChoices {
            departments: self.departments.choosable(k),
            roles: self.roles.choosable(k),
            years: self.years.choosable(k),
            tenure: self.tenure.choosable(k),
            voluntary: self.voluntary.choosable(k),
        }
    }
}

/// Why a manager's filter gets no figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// More than one condition.
    Combined,
    /// A value that leaves too small a group, or too small a rest; also a value that does
    /// not occur (saying so would tell).
    TooFew,
}

/// Whether `filter` may be answered with `choices`' values (rule 5).
pub fn check_filter(filter: &InsightFilter, choices: &FilterChoices) -> Result<(), Refused> {
    if filter.conditions() > 1 {
        return Err(Refused::Combined);
    }
    let ok = filter
        .department
        .as_ref()
        .is_none_or(|d| choices.departments.contains(d))
        && filter
            .role
            .as_ref()
            .is_none_or(|r| choices.roles.contains(r))
        && filter.year.is_none_or(|y| choices.years.contains(&y))
        && filter.tenure.is_none_or(|t| choices.tenure.contains(&t))
        && filter
            .voluntary
            .is_none_or(|v| choices.voluntary.contains(&v));
    ok.then_some(()).ok_or(Refused::TooFew)
}

#[cfg(test)]
mod tests;
