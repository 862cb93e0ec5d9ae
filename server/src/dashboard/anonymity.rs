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

/// One whole of an answer: cells that add up to a total the reader sees, for rule 3.
#[derive(Debug, Clone, Default)]
pub struct Whole {
    /// The cells in this answer.
    pub cells: Vec<u32>,
    /// The same cells in the rest of the departments, when the answer is filtered: the
    /// unfiltered answer shows both added up, so a shown cell gives its other away (rule 5).
    pub others: Option<Vec<u32>>,
    /// Cells that may show zero: a rest (not answered, no date).
    pub zero_ok: Vec<bool>,
    /// Hidden for another reason (a quarter hidden as a whole).
    pub pre: Vec<bool>,
    /// Parts with totals of their own shown elsewhere (the quarters of one year, whose
    /// total a year filter shows): each is a whole too.
    pub parts: Vec<Vec<usize>>,
}

impl Whole {
    pub fn of(cells: Vec<u32>) -> Self {
        let n = cells.len();
        Self {
            cells,
            zero_ok: vec![false; n],
            pre: vec![false; n],
            ..Self::default()
        }
    }

    /// `cells` and the rest that completes them (last, and shown when zero).
    pub fn with_rest(cells: Vec<u32>, rest: u32) -> Self {
        let mut whole = Self::of(cells);
        whole.cells.push(rest);
        whole.zero_ok.push(true);
        whole.pre.push(false);
        whole
    }

    /// The same cells in the rest of the departments (in the same order).
    pub fn beside(mut self, others: Option<Vec<u32>>) -> Self {
        self.others = others.filter(|o| o.len() == self.cells.len());
        self
    }

    fn small(&self, i: usize, k: u32) -> bool {
        let below = |n: u32| n < k && !(n == 0 && self.zero_ok[i]);
        below(self.cells[i]) || self.others.as_ref().is_some_and(|o| below(o[i]))
    }

    /// Which cells to hide: those below k here or in the rest (rule 2), then companions
    /// (rule 3) in the whole and in each part until none asks for one.
    pub fn hidden(&self, k: u32) -> Vec<bool> {
        let n = self.cells.len();
        if n == 1 && self.others.is_none() {
            // The one cell is the total, shown anyway.
            return vec![false];
        }
        let mut hidden: Vec<bool> = (0..n)
            .map(|i| self.pre.get(i).copied().unwrap_or(false) || self.small(i, k))
            .collect();
        let all: Vec<usize> = (0..n).collect();
        loop {
            let mut changed = false;
            for part in std::iter::once(&all).chain(&self.parts) {
                if let Some(i) = self.companion(part, &hidden, k) {
                    hidden[i] = true;
                    changed = true;
                }
            }
            if !changed {
                return hidden;
            }
        }
    }

    /// The cell of `part` to hide next, if rule 3 asks for one: while exactly one is hidden
    /// or the hidden ones hold fewer than k interviews (here or in the rest).
    fn companion(&self, part: &[usize], hidden: &[bool], k: u32) -> Option<usize> {
        let gone: Vec<usize> = part.iter().copied().filter(|&i| hidden[i]).collect();
        if gone.is_empty() || gone.len() == part.len() {
            return None;
        }
        let enough =
            |cells: &[u32]| gone.iter().map(|&i| u64::from(cells[i])).sum::<u64>() >= u64::from(k);
        let others_enough = self.others.as_deref().is_none_or(enough);
        if gone.len() >= 2 && enough(&self.cells) && others_enough {
            return None;
        }
        let weight = |i: usize| {
            u64::from(self.cells[i]) + self.others.as_ref().map_or(0, |o| u64::from(o[i]))
        };
        // Not a cell that is a part on its own: hidden, that part's total would tell it. Nor
        // a rest of zero: it adds nothing to hide behind.
        let alone = |i: usize| self.parts.iter().any(|p| p == &[i]);
        let empty_rest = |i: usize| self.zero_ok[i] && weight(i) == 0;
        part.iter()
            .copied()
            .filter(|&i| !hidden[i])
            .min_by_key(|&i| (empty_rest(i), alone(i), weight(i), i))
    }
}

/// Which cells of one whole to hide (rules 2 and 3); `pre` marks cells hidden for another
/// reason.
pub fn suppress(cells: &[u32], pre: &[bool], k: u32) -> Vec<bool> {
    let mut whole = Whole::of(cells.to_vec());
    for (mine, &p) in whole.pre.iter_mut().zip(pre) {
        *mine = p;
    }
    whole.hidden(k)
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

fn yes_no(answers: YesNo, others: Option<YesNo>, k: u32) -> YesNoInsight {
    let cells = |a: YesNo| vec![a.yes, a.no, a.unknown];
    let mut whole = Whole::with_rest(vec![answers.yes, answers.no], answers.unknown);
    whole = whole.beside(others.map(cells));
    let hidden = whole.hidden(k);
    YesNoInsight {
        yes: cell(answers.yes, hidden[0]),
        no: cell(answers.no, hidden[1]),
        unknown: cell(answers.unknown, hidden[2]),
    }
}

/// eNPS groups and the interviews without a score: promoters, passives, detractors, none.
fn recommend_parts(d: &Dashboard) -> Vec<u32> {
    let r = d.recommend;
    let answered = r.promoters + r.passives + r.detractors;
    vec![
        r.promoters,
        r.passives,
        r.detractors,
        d.interviews.saturating_sub(answered),
    ]
}

/// The anonymised figures of `dashboard`, the counts of a manager's departments under at
/// most one filter condition; `rest` is the counts of the departments' other interviews when
/// there is a filter (the unfiltered answer is both added up). `themes` are every theme key
/// a note can carry, listed whether counted or not. Departments, filter and choices are the
/// caller's to fill in.
pub fn anonymise(
    dashboard: &Dashboard,
    rest: Option<&Dashboard>,
    themes: &[String],
    k: u32,
) -> Insights {
    let k = k.max(1);
    // A filter that leaves nothing out shows what no filter shows.
    let rest = rest.filter(|r| r.interviews > 0);
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
        min_quote_group: 0,
        quotes: Vec::new(),
    };
    if total < k || rest.is_some_and(|r| r.interviews < k) {
        out.interviews = Cell::TooFew;
        return out;
    }
    let mut keys: BTreeSet<String> = themes.iter().cloned().collect();
    for d in std::iter::once(dashboard).chain(rest) {
        keys.extend(d.themes.iter().map(|t| t.theme.clone()));
        keys.extend(d.primary.iter().map(|t| t.theme.clone()));
    }
    let keys: Vec<String> = keys.into_iter().collect();
    let counts = |d: &Dashboard| every(&keys, &by_key(&d.themes));

    // Primary reasons and the interviews without one make a whole.
    let primary_cells = |d: &Dashboard| {
        let primary = every(&keys, &by_key(&d.primary));
        let given: u32 = primary.iter().map(|(_, c)| c).sum();
        let mut cells: Vec<u32> = primary.iter().map(|(_, c)| *c).collect();
        cells.push(d.interviews.saturating_sub(given));
        cells
    };
    let primary = every(&keys, &by_key(&dashboard.primary));
    let mut cells = primary_cells(dashboard);
    let no_primary = cells.pop().unwrap_or(0);
    let whole = Whole::with_rest(cells, no_primary).beside(rest.map(primary_cells));
    let hidden = whole.hidden(k);
    out.primary = ordered(&primary, &hidden[..primary.len()]);
    out.no_primary = cell(no_primary, hidden[primary.len()]);

    out.trend = trend(dashboard, rest, &keys, k, &mut out.undated);

    // Themes: an interview carries any number, so their counts make no whole together; each
    // is a whole with the interviews that do not carry it (all minus the count), both sides at
    // least k: "all 20 named the manager" tells each one's answer.
    let theme_counts = counts(dashboard);
    let theme_others = rest.map(counts);
    let both_sides = |count: u32, of: u32| count < k || of.saturating_sub(count) < k;
    let rest_total = rest.map_or(0, |r| r.interviews);
    let theme_hidden: Vec<bool> = (0..keys.len())
        .map(|i| {
            let other = theme_others.as_ref().map(|o| o[i].1);
            both_sides(theme_counts[i].1, total) || other.is_some_and(|n| both_sides(n, rest_total))
        })
        .collect();
    out.themes = ordered(&theme_counts, &theme_hidden);

    out.ratings = dashboard
        .ratings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // The unfiltered average and count give the rest's sum: at least k of them, or none.
            let other = rest.and_then(|d| d.ratings.get(i));
            let answered_by_rest = other.map_or(0, |o| o.answered);
            // Fewer than k points from the lowest or the highest rating tell who gave what.
            let near_extreme = |avg: Option<f64>, n: u32| {
                let sum = avg.map_or(0.0, |a| (a * f64::from(n)).round()) as u32;
                n > 0 && (sum.saturating_sub(n) < k || (5 * n).saturating_sub(sum) < k)
            };
            let hidden = r.answered < k
                || (1..k).contains(&answered_by_rest)
                || near_extreme(r.average, r.answered)
                || other.is_some_and(|o| near_extreme(o.average, o.answered));
            RatingInsight {
                topic: r.topic,
                answered: cell(r.answered, hidden),
                average: match r.average {
                    Some(avg) if !hidden => Cell::Shown((avg * 10.0).round() / 10.0),
                    _ => Cell::TooFew,
                },
            }
        })
        .collect();

    let [yes, maybe, no, unanswered] = dashboard.would_return;
    let whole = Whole::with_rest(vec![yes, maybe, no], unanswered)
        .beside(rest.map(|d| d.would_return.to_vec()));
    let hidden = whole.hidden(k);
    out.would_return = dashboard
        .would_return
        .iter()
        .zip(&hidden)
        .map(|(&n, &h)| cell(n, h))
        .collect();

    let mut parts = recommend_parts(dashboard);
    let none = parts.pop().unwrap_or(0);
    let whole = Whole::with_rest(parts.clone(), none).beside(rest.map(recommend_parts));
    let hidden = whole.hidden(k);
    let answered: u32 = parts.iter().sum();
    let any_hidden = hidden[..3].iter().any(|h| *h) || answered < k;
    out.recommend = Some(RecommendInsight {
        promoters: cell(parts[0], hidden[0]),
        passives: cell(parts[1], hidden[1]),
        detractors: cell(parts[2], hidden[2]),
        unanswered: cell(none, hidden[3]),
        score: match dashboard.recommend.score {
            Some(score) if !any_hidden => Cell::Shown(score),
            _ => Cell::TooFew,
        },
    });
    out.voluntary = Some(yes_no(dashboard.voluntary, rest.map(|d| d.voluntary), k));
    out.regrettable = Some(yes_no(
        dashboard.regrettable,
        rest.map(|d| d.regrettable),
        k,
    ));
    out
}

/// The quarters of `quarters` that fall in one year, as parts of a whole.
fn years(quarters: &[String]) -> Vec<Vec<usize>> {
    let mut by_year: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, q) in quarters.iter().enumerate() {
        by_year.entry(q.get(..4).unwrap_or(q)).or_default().push(i);
    }
    by_year.into_values().collect()
}

/// The leaving years of all the interviews counted (filtered and rest) that the year filter
/// does not offer (see [`Split::choosable`]), and whether it hides the undated count too.
fn closed_years(dashboard: &Dashboard, rest: Option<&Dashboard>, k: u32) -> (Vec<String>, bool) {
    let mut per_year: BTreeMap<String, u32> = BTreeMap::new();
    let mut undated = 0;
    for d in std::iter::once(dashboard).chain(rest) {
        for q in &d.trend {
            *per_year
                .entry(q.quarter.chars().take(4).collect())
                .or_default() += q.interviews;
        }
        let dated: u32 = d.trend.iter().map(|q| q.interviews).sum();
        undated += d.interviews.saturating_sub(dated);
    }
    let split = Split {
        values: per_year.into_iter().collect(),
        unknown: undated,
    };
    let cells: Vec<u32> = split.values.iter().map(|(_, n)| *n).collect();
    let hidden = Whole::with_rest(cells, split.unknown).hidden(k);
    let closed = split
        .values
        .into_iter()
        .zip(&hidden)
        .filter(|(_, h)| **h)
        .map(|((year, _), _)| year)
        .collect();
    (closed, hidden.last().copied().unwrap_or(false))
}

/// The trend: the quarters (and the interviews without a leaving date, when there are any)
/// make a whole, with each year's quarters a part (a year filter shows the year's total);
/// so does, per theme, its count in each quarter and in the undated rest. Quarters without
/// interviews are not listed, like on HR's dashboard.
fn trend(
    dashboard: &Dashboard,
    rest: Option<&Dashboard>,
    keys: &[String],
    k: u32,
    undated: &mut Cell<u32>,
) -> Vec<QuarterInsight> {
    // Under a filter, the rest's quarters are listed too (with none of the filtered
    // interviews): a quarter left out would be a zero that cannot be hidden.
    let names: Vec<String> = std::iter::once(dashboard)
        .chain(rest)
        .flat_map(|d| d.trend.iter().map(|q| q.quarter.clone()))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let n = names.len();
    // The interviews per quarter of `d`, in the order of `names`.
    let quarter_totals = |d: &Dashboard| -> Vec<u32> {
        names
            .iter()
            .map(|name| {
                d.trend
                    .iter()
                    .find(|q| &q.quarter == name)
                    .map_or(0, |q| q.interviews)
            })
            .collect()
    };
    // The same and the undated.
    let per_quarter = |d: &Dashboard| {
        let mut cells = quarter_totals(d);
        let dated: u32 = d.trend.iter().map(|q| q.interviews).sum();
        cells.push(d.interviews.saturating_sub(dated));
        cells
    };
    let mut cells = per_quarter(dashboard);
    let rest_cells = rest.map(per_quarter);
    let undated_count = cells.pop().unwrap_or(0);
    let mut whole = Whole::with_rest(cells, undated_count).beside(rest_cells);
    // Quarters are when people left: a quarter nobody left in is no secret.
    whole.zero_ok = vec![true; n + 1];
    whole.parts = years(&names);
    // A year a manager may not choose as a filter keeps its total unsaid; its quarters, which
    // add up to it, are hidden with it.
    let (closed, undated_closed) = closed_years(dashboard, rest, k);
    for (q, name) in names.iter().enumerate() {
        whole.pre[q] = closed.iter().any(|y| name.starts_with(y.as_str()));
    }
    whole.pre[n] = undated_closed;
    // With every year offered, the undated count is the total minus the years': a part of
    // its own, never a companion.
    if closed.is_empty() {
        whole.parts.push(vec![n]);
    }
    let quarter_hidden = whole.hidden(k);
    *undated = cell(undated_count, quarter_hidden[n]);

    // Per theme: its count in each quarter (and the undated rest), hidden where the quarter
    // is, or by rules 2 and 3.
    let row = |d: &Dashboard, key: &str| {
        let mut cells: Vec<u32> = names
            .iter()
            .map(|name| {
                let quarter = d.trend.iter().find(|q| &q.quarter == name);
                quarter
                    .and_then(|q| q.themes.iter().find(|t| t.theme == key))
                    .map_or(0, |t| t.count)
            })
            .collect();
        // The undated rest: the theme's total minus every quarter of `d`, listed or not.
        let in_quarters: u32 = d
            .trend
            .iter()
            .flat_map(|q| q.themes.iter().filter(|t| t.theme == key))
            .map(|t| t.count)
            .sum();
        let overall = by_key(&d.themes).get(key).copied().unwrap_or(0);
        cells.push(overall.saturating_sub(in_quarters));
        cells
    };
    // A quarter's theme cell is a whole with the quarter's other interviews too.
    let own_totals = quarter_totals(dashboard);
    let rest_totals = rest.map(quarter_totals);
    let mut per_theme: Vec<Vec<(String, u32, bool)>> = vec![Vec::new(); n];
    for key in keys {
        let mut cells = row(dashboard, key);
        let undated = cells.pop().unwrap_or(0);
        let mut whole = Whole::with_rest(cells, undated).beside(rest.map(|d| row(d, key)));
        let short = |count: u32, of: u32| of > 0 && of.saturating_sub(count) < k;
        for q in 0..n {
            let rest_short = rest_totals
                .as_ref()
                .zip(whole.others.as_ref())
                .is_some_and(|(t, o)| short(o[q], t[q]));
            whole.pre[q] = quarter_hidden[q] || short(whole.cells[q], own_totals[q]) || rest_short;
        }
        whole.parts = years(&names);
        let mut hidden = whole.hidden(k);
        // Under a filter a row is shown whole or not at all: its cells, the unfiltered row's
        // and the theme's totals are too many sums to keep a partly hidden row safe.
        if rest.is_some() && hidden.iter().any(|h| *h) {
            hidden.iter_mut().for_each(|h| *h = true);
        }
        for (q, list) in per_theme.iter_mut().enumerate() {
            list.push((key.clone(), whole.cells[q], hidden[q]));
        }
    }
    names
        .into_iter()
        .zip(per_theme)
        .enumerate()
        .map(|(q, (quarter, themes))| {
            let counts: Vec<(String, u32)> =
                themes.iter().map(|(k, n, _)| (k.clone(), *n)).collect();
            let hidden: Vec<bool> = themes.iter().map(|(_, _, h)| *h).collect();
            QuarterInsight {
                quarter,
                interviews: cell(own_totals[q], quarter_hidden[q]),
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
        let hidden = Whole::with_rest(cells, self.unknown).hidden(k.max(1));
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

pub mod quotes;

#[cfg(test)]
mod tests;
