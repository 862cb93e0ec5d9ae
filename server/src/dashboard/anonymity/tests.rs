use app::domain::WouldReturn;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::dashboard::{aggregate::aggregate, Facts, Tally};

/// Cells, hidden beforehand, k, and which cells end up hidden.
type Case<'a> = (&'a [u32], &'a [bool], u32, &'a [bool]);

#[test]
fn a_small_cell_hides_the_next_smallest_until_the_hidden_hold_k() {
    let t = true;
    let f = false;
    let cases: &[Case] = &[
        (&[10, 12, 8], &[], 5, &[f, f, f]),
        (&[3, 12, 8], &[], 5, &[t, f, t]),
        (&[2, 6, 6, 20], &[], 5, &[t, t, f, f]),
        (&[1, 1, 1, 30, 40], &[], 5, &[t, t, t, t, f]),
        // Zeros are hidden: "nobody said maybe" beside a full "no" tells everyone's answer.
        (&[0, 0, 20], &[], 5, &[t, t, t]),
        (&[0, 5], &[], 1, &[t, t]),
        // A cell hidden for another reason gets a companion like any other.
        (&[10, 12, 8], &[t, f, f], 5, &[t, f, t]),
        (&[4, 4, 9], &[], 5, &[t, t, f]),
        (&[4, 0, 9, 9], &[], 5, &[t, t, t, f]),
        (&[7], &[], 5, &[f]),
        (&[], &[], 5, &[]),
    ];
    for (cells, pre, k, want) in cases {
        assert_eq!(
            suppress(cells, pre, *k),
            *want,
            "{cells:?} pre {pre:?} k {k}"
        );
    }
}

fn fact(date: &str, themes: &[&str], primary: Option<&str>) -> Facts {
    Facts {
        leaving_date: date.parse::<NaiveDate>().ok(),
        themes: themes.iter().map(|t| t.to_string()).collect(),
        primary_reason: primary.map(str::to_owned),
        ..Facts::default()
    }
}

fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| k.to_string()).collect()
}

fn shown(list: &[GroupCount]) -> Vec<(&str, Option<u32>)> {
    list.iter()
        .map(|g| (g.key.as_str(), g.count.shown()))
        .collect()
}

#[test]
fn a_group_below_k_shows_only_that_it_is_too_small() {
    let facts = vec![fact("2026-01-10", &["pay"], Some("pay")); 4];
    let got = anonymise(&aggregate(&facts), None, &keys(&["pay"]), 5);
    assert_eq!(got.interviews, Cell::TooFew);
    assert!(got.themes.is_empty() && got.primary.is_empty() && got.trend.is_empty());
    assert!(got.ratings.is_empty() && got.would_return.is_empty());
    assert_eq!((got.recommend, got.voluntary), (None, None));
}

#[test]
fn worked_example_of_twenty_interviews() {
    // 20 interviews in two quarters: Q1 holds 16, Q2 4; workload in 12, pay in 3, culture in
    // none; primary reason workload 9, pay 7, none 4.
    let mut facts = Vec::new();
    for i in 0..20 {
        let date = if i < 16 { "2026-02-01" } else { "2026-05-01" };
        let mut themes = Vec::new();
        if i < 12 {
            themes.push("workload");
        }
        if (12..15).contains(&i) {
            themes.push("pay");
        }
        let primary = match i {
            0..9 => Some("workload"),
            9..16 => Some("pay"),
            _ => None,
        };
        let mut f = fact(date, &themes, primary);
        f.would_return = match i {
            0..10 => Some(WouldReturn::Yes),
            10..12 => Some(WouldReturn::Maybe),
            12..18 => Some(WouldReturn::No),
            _ => None,
        };
        f.recommend = Some(if i < 8 {
            9
        } else if i < 15 {
            7
        } else {
            3
        });
        f.ratings[0] = (i < 4).then_some(2);
        f.ratings[1] = Some(4);
        facts.push(f);
    }
    let got = anonymise(
        &aggregate(&facts),
        None,
        &keys(&["culture", "pay", "workload"]),
        5,
    );
    assert_eq!(got.interviews, Cell::Shown(20));
    assert_eq!(
        shown(&got.themes),
        [("workload", Some(12)), ("culture", None), ("pay", None)]
    );
    // Primary: culture 0, pay 7, workload 9 and 4 without; the 0 and the 4 hold fewer than 5
    // together, so the next smallest, pay, is hidden too.
    assert_eq!(
        shown(&got.primary),
        [("workload", Some(9)), ("culture", None), ("pay", None)]
    );
    assert_eq!(got.no_primary, Cell::TooFew);
    // Q2's 4 interviews are hidden and so is Q1 (the only other cell of that whole).
    let quarters: Vec<_> = got
        .trend
        .iter()
        .map(|q| (q.quarter.as_str(), q.interviews))
        .collect();
    assert_eq!(
        quarters,
        [("2026-Q1", Cell::TooFew), ("2026-Q2", Cell::TooFew)]
    );
    assert!(got
        .trend
        .iter()
        .all(|q| q.themes.iter().all(|t| t.count == Cell::TooFew)));
    assert_eq!(got.undated, Cell::Shown(0));
    // Would return: yes 10, maybe 2, no 6, none 2; maybe and none hold 4 together, so no
    // (the smallest shown) goes too.
    assert_eq!(
        got.would_return,
        [Cell::Shown(10), Cell::TooFew, Cell::TooFew, Cell::TooFew]
    );
    let r = got.recommend.expect("recommend");
    assert_eq!(
        (r.promoters, r.passives, r.detractors),
        (Cell::Shown(8), Cell::Shown(7), Cell::Shown(5))
    );
    assert_eq!(r.unanswered, Cell::Shown(0));
    assert_eq!(r.score, Cell::Shown(15));
    // Culture rated by 4: hidden; manager rated by all 20.
    assert_eq!(
        (got.ratings[0].answered, got.ratings[0].average),
        (Cell::TooFew, Cell::TooFew)
    );
    assert_eq!(got.ratings[1].average, Cell::Shown(4.0));
}

#[test]
fn the_enps_is_hidden_when_any_of_its_parts_is() {
    let mut facts = Vec::new();
    for i in 0..12 {
        let mut f = fact("2026-02-01", &[], None);
        f.recommend = Some(if i < 2 { 10 } else { 5 });
        facts.push(f);
    }
    let r = anonymise(&aggregate(&facts), None, &[], 5)
        .recommend
        .expect("recommend");
    assert_eq!(r.promoters, Cell::TooFew);
    assert_eq!(r.score, Cell::TooFew);
}

#[test]
fn filters_take_one_condition_and_values_with_a_large_enough_rest() {
    let split = |values: &[(&str, u32)], unknown| Split {
        values: values.iter().map(|(v, n)| (v.to_string(), *n)).collect(),
        unknown,
    };
    // 12 interviews: a role of 10 would leave 2 to be worked out by difference.
    assert!(split(&[("Sales", 10), ("Support", 2)], 0)
        .choosable(5)
        .is_empty());
    assert_eq!(
        split(&[("A", 7), ("B", 6), ("C", 2)], 0).choosable(5),
        ["A"]
    );
    assert_eq!(split(&[("A", 7), ("B", 6)], 0).choosable(5), ["A", "B"]);
    // Unknowns are a cell of the whole too.
    assert_eq!(split(&[("A", 7), ("B", 6)], 3).choosable(5), ["A"]);
    assert_eq!(split(&[("A", 9)], 0).choosable(5), ["A"]);

    let choices = FilterChoices {
        roles: vec!["A".into()],
        years: vec![2026],
        ..FilterChoices::default()
    };
    let role = |r: &str| InsightFilter {
        role: Some(r.into()),
        ..InsightFilter::default()
    };
    assert_eq!(check_filter(&InsightFilter::default(), &choices), Ok(()));
    assert_eq!(check_filter(&role("A"), &choices), Ok(()));
    assert_eq!(check_filter(&role("C"), &choices), Err(Refused::TooFew));
    assert_eq!(
        check_filter(&role("nobody"), &choices),
        Err(Refused::TooFew)
    );
    let both = InsightFilter {
        year: Some(2026),
        ..role("A")
    };
    assert_eq!(check_filter(&both, &choices), Err(Refused::Combined));
}

/// How many values a hidden cell of a whole can take, knowing the shown cells and the
/// total: `hidden` non-negative cells that add up to `rest`.
fn possible_values(hidden: usize, rest: u32) -> u32 {
    if hidden == 1 {
        1
    } else {
        rest + 1
    }
}

/// Checks one whole of an answer, reading nothing but the answer: no hidden cell can be
/// narrowed to fewer than `k` values, and no shown cell is below `k`.
fn check_whole(what: &str, total: u32, cells: &[Cell<u32>], k: u32) {
    let shown_sum: u32 = cells.iter().filter_map(|c| c.shown()).sum();
    let hidden = cells.iter().filter(|c| c.shown().is_none()).count();
    assert!(shown_sum <= total, "{what}: shown cells exceed the total");
    if hidden > 0 {
        let values = possible_values(hidden, total - shown_sum);
        assert!(
            values >= k,
            "{what}: a hidden cell is one of {values} values ({cells:?}, total {total})"
        );
    }
}

fn check_insights(got: &Insights, k: u32) {
    let Cell::Shown(total) = got.interviews else {
        assert!(got.themes.is_empty() && got.trend.is_empty() && got.recommend.is_none());
        return;
    };
    assert!(total >= k);
    let mut counts: Vec<Cell<u32>> = Vec::new();
    let lists = [&got.themes, &got.primary]
        .into_iter()
        .chain(got.trend.iter().map(|q| &q.themes));
    for list in lists {
        // Shown first, hidden after in key order.
        let first_hidden = list
            .iter()
            .position(|g| g.count.shown().is_none())
            .unwrap_or(list.len());
        assert!(list[first_hidden..]
            .iter()
            .all(|g| g.count.shown().is_none()));
        assert!(list[first_hidden..].windows(2).all(|w| w[0].key < w[1].key));
        counts.extend(list.iter().map(|g| g.count));
    }
    // A quarter may show zero (nobody left then); any other count is at least k.
    for q in &got.trend {
        assert!(
            q.interviews.shown().is_none_or(|n| n >= k || n == 0),
            "{}",
            q.quarter
        );
    }
    counts.extend(&got.would_return[..3]);
    let r = got.recommend.as_ref().expect("recommend");
    let parts = [r.promoters, r.passives, r.detractors, r.unanswered];
    counts.extend(&parts[..3]);
    let yes_no = |y: &YesNoInsight| [y.yes, y.no, y.unknown];
    let voluntary = yes_no(got.voluntary.as_ref().expect("voluntary"));
    let regrettable = yes_no(got.regrettable.as_ref().expect("regrettable"));
    counts.extend(&voluntary[..2]);
    counts.extend(&regrettable[..2]);
    counts.extend(got.ratings.iter().map(|r| r.answered));
    for c in counts {
        assert!(
            c.shown().is_none_or(|n| n >= k),
            "a shown count below k: {c:?}"
        );
    }
    // A rest (not answered, no date, no primary reason) may be shown as zero.
    let rests = [
        got.would_return[3],
        parts[3],
        voluntary[2],
        regrettable[2],
        got.no_primary,
        got.undated,
    ];
    for c in rests {
        assert!(
            c.shown().is_none_or(|n| n >= k || n == 0),
            "a shown rest below k: {c:?}"
        );
    }
    // Figures worked out from hidden counts are hidden.
    if r.score.shown().is_some() {
        assert!(parts[..3].iter().all(|p| p.shown().is_some()));
    }
    for rating in &got.ratings {
        assert!(rating.average.shown().is_none() || rating.answered.shown().is_some());
    }
    // Every whole.
    check_whole("would return", total, &got.would_return, k);
    check_whole("voluntary", total, &voluntary, k);
    check_whole("regrettable", total, &regrettable, k);
    check_whole("recommend", total, &parts, k);
    let mut primary: Vec<Cell<u32>> = got.primary.iter().map(|g| g.count).collect();
    primary.push(got.no_primary);
    check_whole("primary", total, &primary, k);
    let undated_known_zero = got.undated == Cell::Shown(0);
    let mut quarters: Vec<Cell<u32>> = got.trend.iter().map(|q| q.interviews).collect();
    quarters.push(got.undated);
    check_whole("quarters", total, &quarters, k);
    for theme in &got.themes {
        let Cell::Shown(count) = theme.count else {
            continue;
        };
        let mut row: Vec<Cell<u32>> = got
            .trend
            .iter()
            .map(|q| {
                q.themes
                    .iter()
                    .find(|t| t.key == theme.key)
                    .expect("every theme in every quarter")
                    .count
            })
            .collect();
        if !undated_known_zero {
            // The undated interviews' share of the theme is not shown, but is worked out when
            // every quarter is.
            let quarters: Option<u32> = row.iter().map(|c| c.shown()).sum();
            match quarters {
                Some(q) => {
                    let rest = count - q;
                    assert!(
                        rest == 0 || rest >= k,
                        "{}: undated share {rest}",
                        theme.key
                    );
                }
                None => row.push(Cell::TooFew),
            }
        }
        check_whole(&format!("trend of {}", theme.key), count, &row, k);
        // Those without the theme are a group too.
        assert!(total - count >= k, "{}: {count} of {total}", theme.key);
    }
}

/// A whole's total (if shown) and its cells by key.
type Named = (Option<u32>, BTreeMap<String, Cell<u32>>);

/// Every whole of an answer by name (a cell keyed "rest" may be zero when worked out).
fn wholes(got: &Insights) -> BTreeMap<String, Named> {
    let mut out = BTreeMap::new();
    let total = got.interviews.shown();
    let named = |cells: &[Cell<u32>], names: &[&str]| -> BTreeMap<String, Cell<u32>> {
        names
            .iter()
            .map(|n| n.to_string())
            .zip(cells.iter().copied())
            .collect()
    };
    out.insert(
        "would return".into(),
        (
            total,
            named(&got.would_return, &["yes", "maybe", "no", "rest"]),
        ),
    );
    if let Some(r) = &got.recommend {
        let cells = [r.promoters, r.passives, r.detractors, r.unanswered];
        out.insert(
            "recommend".into(),
            (total, named(&cells, &["p", "pa", "d", "rest"])),
        );
    }
    for (name, y) in [
        ("voluntary", &got.voluntary),
        ("regrettable", &got.regrettable),
    ] {
        if let Some(y) = y {
            out.insert(
                name.into(),
                (
                    total,
                    named(&[y.yes, y.no, y.unknown], &["yes", "no", "rest"]),
                ),
            );
        }
    }
    let mut primary: BTreeMap<String, Cell<u32>> = got
        .primary
        .iter()
        .map(|g| (g.key.clone(), g.count))
        .collect();
    primary.insert("rest".into(), got.no_primary);
    out.insert("primary".into(), (total, primary));
    let mut quarters: BTreeMap<String, Cell<u32>> = got
        .trend
        .iter()
        .map(|q| (q.quarter.clone(), q.interviews))
        .collect();
    quarters.insert("rest".into(), got.undated);
    out.insert("quarters".into(), (total, quarters));
    for theme in &got.themes {
        let mut row: BTreeMap<String, Cell<u32>> = BTreeMap::new();
        for q in &got.trend {
            let cell = q
                .themes
                .iter()
                .find(|t| t.key == theme.key)
                .map_or(Cell::Shown(0), |t| t.count);
            row.insert(q.quarter.clone(), cell);
        }
        // The undated interviews' share of the theme is not shown, but can be worked out
        // when the theme's total and every quarter are.
        let quarters: Option<u32> = row.values().map(|c| c.shown()).sum();
        let worked_out = theme.count.shown().zip(quarters).map(|(all, q)| all - q);
        row.insert("rest".into(), worked_out.map_or(Cell::TooFew, Cell::Shown));
        out.insert(
            format!("trend of {}", theme.key),
            (theme.count.shown(), row),
        );
    }
    out
}

/// What an unfiltered answer and a filtered one give away together about the rest of the
/// departments (the interviews the filter leaves out): every whole worked out as unfiltered
/// minus filtered must pass [`check_whole`], and no worked-out count be below k.
fn check_difference(all: &Insights, part: &Insights, k: u32) {
    let (Cell::Shown(n_all), Cell::Shown(n_part)) = (all.interviews, part.interviews) else {
        return;
    };
    if n_all == n_part {
        // A filter that leaves nothing out: the same figures.
        return;
    }
    assert!(
        n_all - n_part >= k,
        "the rest is {} interviews",
        n_all - n_part
    );
    let part_wholes = wholes(part);
    for (name, (total, cells)) in wholes(all) {
        let Some((part_total, part_cells)) = part_wholes.get(&name) else {
            continue;
        };
        let (Some(total), Some(part_total)) = (total, part_total) else {
            continue;
        };
        let rest: Vec<(String, Cell<u32>)> = cells
            .iter()
            .map(|(key, cell)| {
                // A quarter the filtered answer does not list has none of its interviews.
                let mine = part_cells.get(key).copied().unwrap_or(Cell::Shown(0));
                let worked_out = match (cell.shown(), mine.shown()) {
                    (Some(a), Some(b)) => Cell::Shown(a - b),
                    _ => Cell::TooFew,
                };
                (key.clone(), worked_out)
            })
            .collect();
        for (key, cell) in &rest {
            let zero_ok = key == "rest" || name == "quarters";
            assert!(
                cell.shown().is_none_or(|n| n >= k || (n == 0 && zero_ok)),
                "{name}: the rest's {key} works out as {cell:?}"
            );
        }
        let cells: Vec<Cell<u32>> = rest.into_iter().map(|(_, c)| c).collect();
        let shown: u32 = cells.iter().filter_map(|c| c.shown()).sum();
        if name == "quarters" && total - part_total == shown {
            // Hidden quarters that must be empty: nobody left then, no secret.
            continue;
        }
        check_whole(&format!("rest of {name}"), total - part_total, &cells, k);
    }
    for theme in &part.themes {
        let whole = all
            .themes
            .iter()
            .find(|t| t.key == theme.key)
            .map(|t| t.count);
        if let (Some(Some(a)), Some(b)) = (whole.map(|c| c.shown()), theme.count.shown()) {
            assert!(a - b >= k, "theme {}: the rest holds {}", theme.key, a - b);
        }
    }
    for (a, b) in all.ratings.iter().zip(&part.ratings) {
        if let (Some(na), Some(nb)) = (a.answered.shown(), b.answered.shown()) {
            assert!(
                na - nb == 0 || na - nb >= k,
                "{:?}: the rest rated {}",
                a.topic,
                na - nb
            );
        }
    }
}

/// A year filter shows the year's total: its quarters must hold up as a whole of it.
fn check_years(got: &Insights, facts: &[Facts], k: u32) {
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    for f in facts {
        if let Some(d) = f.leaving_date {
            *per_year.entry(d.year()).or_default() += 1;
        }
    }
    let undated = facts.iter().filter(|f| f.leaving_date.is_none()).count() as u32;
    let total = facts.len() as u32;
    let split = Split {
        values: per_year.iter().map(|(y, n)| (*y, *n)).collect(),
        unknown: undated,
    };
    // Only a year a manager may choose shows its total.
    let shown = split.choosable(k);
    if total < k {
        return;
    }
    // The years a filter shows, the quarters of the others and the undated make a whole.
    let mut whole: Vec<Cell<u32>> = vec![got.undated];
    for (year, n) in &per_year {
        if shown.contains(year) {
            whole.push(Cell::Shown(*n));
        } else {
            let prefix = year.to_string();
            let quarters = got.trend.iter().filter(|q| q.quarter.starts_with(&prefix));
            whole.extend(quarters.map(|q| q.interviews));
        }
    }
    check_whole("years and undated", total, &whole, k);
    for (year, total) in per_year.into_iter().filter(|(y, _)| shown.contains(y)) {
        let cells: Vec<Cell<u32>> = got
            .trend
            .iter()
            .filter(|q| q.quarter.starts_with(&year.to_string()))
            .map(|q| q.interviews)
            .collect();
        if !cells.is_empty() {
            check_whole(&format!("quarters of {year}"), total, &cells, k);
        }
    }
}

const THEMES: [&str; 4] = ["culture", "manager", "pay", "workload"];

fn any_fact() -> impl Strategy<Value = Facts> {
    (
        prop::option::weighted(0.9, (2025i32..2027, 1u32..13)),
        prop::collection::vec(0usize..4, 0..3),
        prop::option::of(0usize..4),
        prop::option::of(any::<bool>()),
        prop::option::of(0usize..3),
        prop::option::of(0u8..11),
        prop::option::of(1u8..6),
    )
        .prop_map(
            |(date, themes, primary, voluntary, would, recommend, rating)| {
                let mut themes: Vec<String> =
                    themes.into_iter().map(|t| THEMES[t].to_owned()).collect();
                themes.sort();
                themes.dedup();
                Facts {
                    leaving_date: date.and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1)),
                    primary_reason: primary.map(|p| THEMES[p].to_owned()),
                    themes,
                    voluntary,
                    would_return: would.map(|w| WouldReturn::ALL[w]),
                    recommend,
                    ratings: [rating, None, rating, None, None],
                    regrettable: voluntary.map(|v| !v),
                }
            },
        )
}

proptest! {
    #[test]
    fn no_hidden_cell_can_be_worked_out(
        cells in prop::collection::vec(0u32..30, 1..7),
        k in 2u32..8,
    ) {
        let total: u32 = cells.iter().sum();
        // A whole below k is not shown at all (see `anonymise`).
        prop_assume!(total >= k);
        let hidden = suppress(&cells, &[], k);
        let answer: Vec<Cell<u32>> = cells.iter().zip(&hidden).map(|(&c, &h)| cell(c, h)).collect();
        for (&c, &h) in cells.iter().zip(&hidden) {
            prop_assert!(h || c >= k);
        }
        check_whole("cells", total, &answer, k);
    }

    #[test]
    fn no_answer_gives_a_small_group_away(
        facts in prop::collection::vec(any_fact(), 0..60),
        k in 2u32..8,
    ) {
        let got = anonymise(&aggregate(&facts), None, &keys(&THEMES), k);
        check_insights(&got, k);
    }

    #[test]
    fn a_filter_and_no_filter_give_no_small_group_away(
        facts in prop::collection::vec((any_fact(), any::<bool>()), 0..80),
        k in 2u32..8,
    ) {
        let all: Vec<Facts> = facts.iter().map(|(f, _)| f.clone()).collect();
        let inside: Vec<Facts> = facts.iter().filter(|(_, x)| *x).map(|(f, _)| f.clone()).collect();
        let outside: Vec<Facts> = facts.iter().filter(|(_, x)| !*x).map(|(f, _)| f.clone()).collect();
        let unfiltered = anonymise(&aggregate(&all), None, &keys(&THEMES), k);
        // The server's way to the rest: everything without the filtered part.
        let rest = Tally::of(&all).without(&Tally::of(&inside)).dashboard();
        assert_eq!(rest, aggregate(&outside));
        let filtered = anonymise(&aggregate(&inside), Some(&rest), &keys(&THEMES), k);
        check_insights(&unfiltered, k);
        check_insights(&filtered, k);
        check_years(&unfiltered, &all, k);
        check_difference(&unfiltered, &filtered, k);
    }
}
