//! Whether an action worked: the share of exit interviews naming its themes before and
//! after its start, with a 95 % interval for the change. Pure.
//!
//! - Periods are whole months, equally long on both sides, at most 12 each: "after" runs from
//!   the first whole month on or after the start up to the last month that has ended;
//!   "before" is as many months ending where the start's month begins. The start's month
//!   belongs to neither side unless the action starts on the 1st, and figures change only
//!   when a month ends (not with every interview that syncs).
//! - The interval is Newcombe's hybrid score interval (his method 10) for a difference of
//!   two independent proportions, built from the two Wilson score intervals.
//! - Anonymity, for managers and the published progress page: a side of fewer than `k`
//!   interviews is hidden, and so is a count of interviews naming the themes when it, or the
//!   interviews not naming them, is below `k` (the rule of [`super::anonymity`] for themes).
//!   HR sees the counts. On either side below `k` the verdict is "too few" for everyone.
//! - Windows that grow tell by subtraction what the newest months added. So an anonymised
//!   reader's windows grow only in steps whose added months hold, on each side, no interview
//!   or at least `k` of them with at least `k` naming the themes and `k` not ([`released`]):
//!   any two answers over time differ by groups these rules checked. HR sees every month.

use std::ops::Range;

use app::domain::{Cell, Effect, Interval, Period, Verdict};
use chrono::{Datelike, Months, NaiveDate};

/// The 97.5th percentile of the standard normal distribution.
const Z95: f64 = 1.959_963_984_540_054;
/// The longest period on each side, in months.
const MAX_MONTHS: u32 = 12;

/// The Wilson score interval of `x` out of `n` at 95 %; (0, 1) for no observations.
pub fn wilson(x: u32, n: u32) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (x, n) = (f64::from(x.min(n)), f64::from(n));
    let p = x / n;
    let z2 = Z95 * Z95;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Newcombe's interval for `x_after / n_after − x_before / n_before` at 95 %.
pub fn newcombe(before: (u32, u32), after: (u32, u32)) -> Interval {
    let share = |(x, n): (u32, u32)| {
        if n == 0 {
            0.0
        } else {
            f64::from(x.min(n)) / f64::from(n)
        }
    };
    let (pa, pb) = (share(after), share(before));
    let (la, ua) = wilson(after.0, after.1);
    let (lb, ub) = wilson(before.0, before.1);
    let difference = pa - pb;
    Interval {
        difference,
        low: difference - ((pa - la).powi(2) + (ub - pb).powi(2)).sqrt(),
        high: difference + ((ua - pa).powi(2) + (pb - lb).powi(2)).sqrt(),
    }
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The periods before and after an action starting on `start`, seen on `today`; `None`
/// while no whole month has passed since the start.
pub fn periods(start: NaiveDate, today: NaiveDate) -> Option<(Range<NaiveDate>, Range<NaiveDate>)> {
    let start_month = first_of_month(start);
    let after_from = if start == start_month {
        start
    } else {
        start_month.checked_add_months(Months::new(1))?
    };
    let this_month = first_of_month(today);
    let ended = (this_month.year() - after_from.year()) * 12 + this_month.month() as i32
        - after_from.month() as i32;
    let months = u32::try_from(ended)
        .ok()
        .filter(|&m| m > 0)?
        .min(MAX_MONTHS);
    let after_to = after_from.checked_add_months(Months::new(months))?;
    let before_from = start_month.checked_sub_months(Months::new(months))?;
    Some((before_from..start_month, after_from..after_to))
}

/// The interviews of one period and how many of them name the action's themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub interviews: u32,
    pub mentioning: u32,
}

/// Who reads the effect: HR sees every count, managers and the public page what `k` allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Hr,
    Anonymised,
}

fn side(range: &Range<NaiveDate>, counts: Counts, k: u32, reader: Reader) -> Period {
    let Counts {
        interviews: n,
        mentioning: x,
    } = counts;
    let x = x.min(n);
    let (hide_n, hide_x) = match reader {
        Reader::Hr => (false, false),
        Reader::Anonymised => (n < k, n < k || x < k || n - x < k),
    };
    let cell = |v: u32, hidden: bool| if hidden { Cell::TooFew } else { Cell::Shown(v) };
    Period {
        from: range.start,
        to: range.end,
        interviews: cell(n, hide_n),
        mentioning: cell(x, hide_x),
    }
}

/// Whether the interviews one step adds to a window may be told apart by subtraction.
fn step_ok(step: Counts, k: u32) -> bool {
    let (n, x) = (step.interviews, step.mentioning.min(step.interviews));
    n == 0 || (n >= k && x >= k && n - x >= k)
}

fn add(a: Counts, b: Counts) -> Counts {
    Counts {
        interviews: a.interviews + b.interviews,
        mentioning: a.mentioning + b.mentioning,
    }
}

/// How many months of each side an anonymised reader's windows hold: the longest prefix
/// reached by steps that each pass [`step_ok`] on both sides. `before` and `after` hold one
/// count per month, nearest the start first. Deciding month by month from the start, adding
/// later months never moves an earlier step.
pub fn released(before: &[Counts], after: &[Counts], k: u32) -> usize {
    let months = before.len().min(after.len());
    let mut shown = 0;
    let (mut step_before, mut step_after) = (Counts::default(), Counts::default());
    for m in 0..months {
        step_before = add(step_before, before[m]);
        step_after = add(step_after, after[m]);
        if step_ok(step_before, k) && step_ok(step_after, k) {
            shown = m + 1;
            (step_before, step_after) = (Counts::default(), Counts::default());
        }
    }
    shown
}

/// The effect of an action starting on `start`, seen on `today`, from the counts of every
/// month of its periods (`monthly(first day of a month)`), for `reader`.
pub fn effect_by_month(
    start: NaiveDate,
    today: NaiveDate,
    monthly: impl Fn(NaiveDate) -> Counts,
    k: u32,
    reader: Reader,
) -> Effect {
    let Some((b, a)) = periods(start, today) else {
        return effect(None, Counts::default(), Counts::default(), k, reader);
    };
    let month = |from: NaiveDate, step: i32| {
        let n = Months::new(step.unsigned_abs());
        if step < 0 {
            from.checked_sub_months(n)
        } else {
            from.checked_add_months(n)
        }
        .unwrap_or(from)
    };
    let months = (0..MAX_MONTHS as i32)
        .take_while(|&i| month(a.start, i) < a.end)
        .count();
    let before: Vec<Counts> = (1..=months as i32)
        .map(|i| monthly(month(b.end, -i)))
        .collect();
    let after: Vec<Counts> = (0..months as i32)
        .map(|i| monthly(month(a.start, i)))
        .collect();
    let shown = match reader {
        Reader::Hr => months,
        Reader::Anonymised => released(&before, &after, k),
    };
    if shown == 0 {
        let hidden = |r: &Range<NaiveDate>| Period {
            from: r.start,
            to: r.end,
            interviews: Cell::TooFew,
            mentioning: Cell::TooFew,
        };
        return Effect {
            before: Some(hidden(&b)),
            after: Some(hidden(&a)),
            interval: None,
            verdict: Verdict::TooFew,
        };
    }
    let sum = |v: &[Counts]| v.iter().fold(Counts::default(), |s, c| add(s, *c));
    let windows = (
        month(b.end, -(shown as i32))..b.end,
        a.start..month(a.start, shown as i32),
    );
    effect(
        Some(windows),
        sum(&before[..shown]),
        sum(&after[..shown]),
        k,
        reader,
    )
}

/// The effect of an action from the counts of its periods (`periods` as [`periods`] gives
/// them), for `reader`, with minimum group `k`.
pub fn effect(
    periods: Option<(Range<NaiveDate>, Range<NaiveDate>)>,
    before: Counts,
    after: Counts,
    k: u32,
    reader: Reader,
) -> Effect {
    let Some((b, a)) = periods else {
        return Effect {
            before: None,
            after: None,
            interval: None,
            verdict: Verdict::NoPeriodYet,
        };
    };
    let before_side = side(&b, before, k, reader);
    let after_side = side(&a, after, k, reader);
    let hidden = before_side.mentioning == Cell::TooFew || after_side.mentioning == Cell::TooFew;
    let too_few = before.interviews < k || after.interviews < k;
    let interval = (!hidden).then(|| {
        newcombe(
            (before.mentioning, before.interviews),
            (after.mentioning, after.interviews),
        )
    });
    let verdict = match interval {
        _ if too_few => Verdict::TooFew,
        None => Verdict::TooFew,
        Some(i) if i.high < 0.0 => Verdict::Fewer,
        Some(i) if i.low > 0.0 => Verdict::More,
        Some(_) => Verdict::Unclear,
    };
    Effect {
        before: Some(before_side),
        after: Some(after_side),
        interval,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    /// Newcombe (1998), "Interval estimation for the difference between independent
    /// proportions", Statistics in Medicine 17, table II, method 10: (x1, n1, x2, n2) and the
    /// interval for x1/n1 − x2/n2, to four decimals.
    #[test]
    fn the_interval_matches_newcombes_worked_examples() {
        type Case = ((u32, u32, u32, u32), (f64, f64));
        let cases: &[Case] = &[
            ((56, 70, 48, 80), (0.0524, 0.3339)),
            ((9, 10, 3, 10), (0.1705, 0.8090)),
            ((6, 7, 2, 7), (0.0582, 0.8062)),
            ((5, 56, 0, 29), (-0.0381, 0.1926)),
            ((0, 10, 0, 20), (-0.1611, 0.2775)),
            ((10, 10, 0, 20), (0.6791, 1.0000)),
        ];
        for &((x1, n1, x2, n2), (low, high)) in cases {
            // "after" is the first proportion.
            let i = newcombe((x2, n2), (x1, n1));
            let round = |v: f64| (v * 10_000.0).round() / 10_000.0;
            assert_eq!(
                (round(i.low), round(i.high)),
                (low, high),
                "{x1}/{n1} − {x2}/{n2}"
            );
        }
    }

    #[test]
    fn wilson_stays_inside_zero_and_one() {
        assert_eq!(wilson(0, 0), (0.0, 1.0));
        let (low, high) = wilson(0, 10);
        assert!(low.abs() < 1e-12);
        assert!((high - 0.2775).abs() < 1e-4);
        let (low, high) = wilson(10, 10);
        assert!((low - 0.7225).abs() < 1e-4 && (high - 1.0).abs() < 1e-12);
    }

    #[test]
    fn periods_are_whole_months_of_equal_length_up_to_a_year() {
        type Bounds = (NaiveDate, NaiveDate, NaiveDate, NaiveDate);
        let cases: &[(NaiveDate, NaiveDate, Option<Bounds>)] = &[
            // Started 4 September, seen 4 December: October and November after; July and
            // August before; September (mixed) in neither.
            (
                day(2026, 9, 4),
                day(2026, 12, 4),
                Some((
                    day(2026, 7, 1),
                    day(2026, 9, 1),
                    day(2026, 10, 1),
                    day(2026, 12, 1),
                )),
            ),
            // On the 1st, the start's month is after.
            (
                day(2026, 9, 1),
                day(2026, 12, 4),
                Some((
                    day(2026, 6, 1),
                    day(2026, 9, 1),
                    day(2026, 9, 1),
                    day(2026, 12, 1),
                )),
            ),
            // Two years ago: twelve months each.
            (
                day(2024, 11, 15),
                day(2026, 12, 4),
                Some((
                    day(2023, 11, 1),
                    day(2024, 11, 1),
                    day(2024, 12, 1),
                    day(2025, 12, 1),
                )),
            ),
            // No whole month yet, or not started.
            (day(2026, 11, 2), day(2026, 12, 4), None),
            (day(2026, 12, 1), day(2026, 12, 31), None),
            (day(2027, 3, 1), day(2026, 12, 4), None),
        ];
        for &(start, today, want) in cases {
            let got = periods(start, today).map(|(b, a)| (b.start, b.end, a.start, a.end));
            assert_eq!(got, want, "start {start}, today {today}");
        }
    }

    fn counts(mentioning: u32, interviews: u32) -> Counts {
        Counts {
            interviews,
            mentioning,
        }
    }

    #[test]
    fn the_verdict_says_too_few_unclear_fewer_or_more() {
        let p = periods(day(2025, 1, 1), day(2026, 12, 4));
        let cases: &[(Counts, Counts, Reader, Verdict)] = &[
            (counts(30, 60), counts(10, 60), Reader::Hr, Verdict::Fewer),
            (counts(10, 60), counts(30, 60), Reader::Hr, Verdict::More),
            (counts(20, 60), counts(17, 60), Reader::Hr, Verdict::Unclear),
            (counts(2, 4), counts(0, 40), Reader::Hr, Verdict::TooFew),
            // A manager: 3 of 40 is a count below k, so there is nothing to compare.
            (
                counts(20, 40),
                counts(3, 40),
                Reader::Anonymised,
                Verdict::TooFew,
            ),
            (
                counts(20, 40),
                counts(6, 40),
                Reader::Anonymised,
                Verdict::Fewer,
            ),
        ];
        for &(before, after, reader, want) in cases {
            let e = effect(p.clone(), before, after, 5, reader);
            assert_eq!(e.verdict, want, "{before:?} → {after:?} for {reader:?}");
        }
        assert_eq!(
            effect(None, counts(1, 1), counts(1, 1), 5, Reader::Hr).verdict,
            Verdict::NoPeriodYet
        );
    }

    #[test]
    fn anonymised_windows_grow_only_by_steps_of_k() {
        let c = counts;
        // Month by month (nearest the start first): the first month alone adds 3 interviews
        // after the start, too few; with the second they are 12 (6 naming the themes).
        let before = [c(6, 12), c(5, 10), c(0, 0), c(1, 2)];
        let after = [c(1, 3), c(5, 9), c(0, 0), c(2, 4)];
        assert_eq!(
            released(&before, &after, 5),
            3,
            "an empty month is a step of nothing"
        );
        assert_eq!(released(&before[..2], &after[..2], 5), 2);
        assert_eq!(released(&before[..1], &after[..1], 5), 0);
        // A month added later never moves the earlier steps.
        for m in 1..=4 {
            assert!(released(&before[..m], &after[..m], 5) <= m);
        }
        let monthly = |m: NaiveDate| {
            // Before: July–August 2026 and earlier; after from October 2026.
            match (m.year(), m.month()) {
                (2026, 10) => c(1, 3),
                (2026, 11) => c(5, 9),
                (2026, 8) => c(6, 12),
                (2026, 7) => c(5, 10),
                _ => Counts::default(),
            }
        };
        let start = day(2026, 9, 4);
        let hr = effect_by_month(start, day(2026, 12, 4), monthly, 5, Reader::Hr);
        assert_eq!(hr.after.expect("after").interviews, Cell::Shown(12));
        let manager = effect_by_month(start, day(2026, 12, 4), monthly, 5, Reader::Anonymised);
        let after = manager.after.expect("after");
        assert_eq!(
            (after.interviews, after.to),
            (Cell::Shown(12), day(2026, 12, 1))
        );
        // A month earlier only October had ended: 3 interviews, nothing shown.
        let earlier = effect_by_month(start, day(2026, 11, 20), monthly, 5, Reader::Anonymised);
        assert_eq!(earlier.verdict, Verdict::TooFew);
        assert_eq!(earlier.after.expect("after").interviews, Cell::TooFew);
    }

    #[test]
    fn managers_see_no_count_below_k_on_either_side() {
        let p = periods(day(2025, 1, 1), day(2026, 12, 4));
        let e = effect(
            p.clone(),
            counts(2, 4),
            counts(38, 40),
            5,
            Reader::Anonymised,
        );
        let (before, after) = (e.before.expect("before"), e.after.expect("after"));
        assert_eq!(
            (before.interviews, before.mentioning),
            (Cell::TooFew, Cell::TooFew)
        );
        // 38 of 40 leaves 2 not naming it: that count would tell.
        assert_eq!(
            (after.interviews, after.mentioning),
            (Cell::Shown(40), Cell::TooFew)
        );
        assert_eq!(e.interval, None);
        let hr = effect(p, counts(2, 4), counts(38, 40), 5, Reader::Hr);
        assert_eq!(hr.before.expect("before").mentioning, Cell::Shown(2));
        assert_eq!(hr.verdict, Verdict::TooFew);
    }
}
