use app::domain::WouldReturn;
use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::dashboard::{aggregate::aggregate, Facts};

#[test]
fn a_small_cell_hides_the_next_smallest_until_the_hidden_hold_k() {
    let t = true;
    let f = false;
    let cases: &[(&[u32], &[bool], u32, &[bool])] = &[
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
    let got = anonymise(&aggregate(&facts), &keys(&["pay"]), 5);
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
    let r = anonymise(&aggregate(&facts), &[], 5)
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
    counts.extend(got.trend.iter().map(|q| q.interviews));
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
            // The undated interviews' share of the theme is never shown.
            row.push(Cell::TooFew);
        }
        check_whole(&format!("trend of {}", theme.key), count, &row, k);
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
        let got = anonymise(&aggregate(&facts), &keys(&THEMES), k);
        check_insights(&got, k);
    }
}
