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
        assert_eq!(low, 0.0);
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
