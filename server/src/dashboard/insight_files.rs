//! A manager's view as files: the theme chart, the trend chart and a CSV of the figures.
//! Drawn only from an [`Insights`], which the anonymity rules already made, so a file can
//! show nothing the page does not: every hidden figure reads "te weinig gesprekken" (a bar of
//! no length with that text, a break in a line, a cell with that text), never a number.
//! The quotes stay on the page; the files carry figures only.

use app::{
    domain::{Cell, GroupCount, Insights, YesNoInsight},
    i18n::Texts,
};

use super::{
    csv::cell,
    svg::{self, BarRow, Line},
};

/// Lines in the trend chart: the most mentioned themes that are shown.
const TREND_LINES: usize = 5;

/// How a theme key reads in the file's language.
pub type Names<'a> = &'a dyn Fn(&str) -> String;

fn share(n: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        f64::from(n) / f64::from(of)
    }
}

fn bar(t: &Texts, cell: Option<Cell<u32>>, total: u32) -> (f64, String) {
    match cell {
        Some(Cell::Shown(n)) => (
            share(n, total),
            format!("{n} ({:.0} %)", share(n, total) * 100.0),
        ),
        // Hidden, or missing from the list (the rules list every key; a missing one is
        // hidden rather than read as zero).
        Some(Cell::TooFew) | None => (0.0, t.too_few.to_owned()),
    }
}

/// Bars per theme: mentioned and primary reason, as shares of the interviews.
pub fn themes_chart(d: &Insights, t: &Texts, name: Names) -> String {
    let total = d.interviews.shown().unwrap_or(0);
    let primary = |key: &str| d.primary.iter().find(|p| p.key == key).map(|p| p.count);
    let rows: Vec<BarRow> = d
        .themes
        .iter()
        .map(|g| BarRow {
            label: name(&g.key),
            values: vec![bar(t, Some(g.count), total), bar(t, primary(&g.key), total)],
        })
        .collect();
    let series = [t.dashboard_mentioned, t.dashboard_primary];
    svg::bars(t.dashboard_themes_title, &series, &rows)
}

/// The share of each quarter's interviews naming the most mentioned shown themes; a quarter
/// whose figure is hidden breaks the line.
pub fn trend_chart(d: &Insights, t: &Texts, name: Names) -> String {
    let quarters: Vec<String> = d.trend.iter().map(|q| q.quarter.clone()).collect();
    let lines: Vec<Line> = d
        .themes
        .iter()
        .filter(|g| g.count != Cell::TooFew)
        .take(TREND_LINES)
        .map(|g| Line {
            name: name(&g.key),
            values: d
                .trend
                .iter()
                .map(|q| {
                    let of = q.interviews.shown()?;
                    let n = q.themes.iter().find(|x| x.key == g.key)?.count.shown()?;
                    Some(share(n, of))
                })
                .collect(),
        })
        .collect();
    svg::lines(
        t.dashboard_trend_title,
        &quarters,
        &lines,
        t.insights_chart_gap,
    )
}

/// The figures as CSV (`figure,group,value`; UTF-8 with a byte-order mark, as HR's export):
/// counts of interviews, averages with a decimal point, "te weinig gesprekken" where hidden.
pub fn csv(d: &Insights, t: &Texts, name: Names) -> String {
    let mut rows: Vec<(&str, String, String)> = Vec::new();
    let count = |c: Cell<u32>| match c {
        Cell::Shown(n) => n.to_string(),
        Cell::TooFew => t.too_few.to_owned(),
    };
    rows.push(("department", String::new(), d.departments.join("; ")));
    rows.push(("interviews", String::new(), count(d.interviews)));
    let groups = |rows: &mut Vec<_>, figure, list: &[GroupCount]| {
        for g in list {
            rows.push((figure, name(&g.key), count(g.count)));
        }
    };
    groups(&mut rows, "theme", &d.themes);
    groups(&mut rows, "primary_reason", &d.primary);
    if d.interviews != Cell::TooFew {
        rows.push((
            "primary_reason",
            t.insights_no_primary.to_owned(),
            count(d.no_primary),
        ));
    }
    for q in &d.trend {
        rows.push(("quarter_interviews", q.quarter.clone(), count(q.interviews)));
        for g in &q.themes {
            let group = format!("{} {}", q.quarter, name(&g.key));
            rows.push(("quarter_theme", group, count(g.count)));
        }
    }
    for r in &d.ratings {
        let topic = t.rating_topics[r.topic.index()].to_owned();
        rows.push(("rating_answered", topic.clone(), count(r.answered)));
        let average = match r.average {
            Cell::Shown(a) => format!("{a:.1}"),
            Cell::TooFew => t.too_few.to_owned(),
        };
        rows.push(("rating_average", topic, average));
    }
    for (i, c) in d.would_return.iter().enumerate() {
        let label = t
            .would_return_labels
            .get(i)
            .copied()
            .unwrap_or(t.not_answered);
        rows.push(("would_return", label.to_owned(), count(*c)));
    }
    if let Some(r) = &d.recommend {
        let score = match r.score {
            Cell::Shown(s) => s.to_string(),
            Cell::TooFew => t.too_few.to_owned(),
        };
        rows.push(("enps", "eNPS".to_owned(), score));
        let groups = t.enps_groups.iter().copied().chain([t.not_answered]);
        for (label, c) in groups.zip([r.promoters, r.passives, r.detractors, r.unanswered]) {
            rows.push(("enps", label.to_owned(), count(c)));
        }
    }
    let yes_no = |rows: &mut Vec<_>, figure, y: &Option<YesNoInsight>| {
        if let Some(y) = y {
            for (label, c) in [(t.yes, y.yes), (t.no, y.no), (t.not_answered, y.unknown)] {
                rows.push((figure, label.to_owned(), count(c)));
            }
        }
    };
    yes_no(&mut rows, "voluntary", &d.voluntary);
    yes_no(&mut rows, "regrettable", &d.regrettable);

    let mut out = String::from("\u{feff}figure,group,value\r\n");
    for (figure, group, value) in rows {
        // A number stays a number (an eNPS of -20 is no formula); text is quoted and defused.
        let value = if value.parse::<f64>().is_ok() {
            value
        } else {
            cell(&value)
        };
        out.push_str(&format!("{figure},{},{value}\r\n", cell(&group)));
    }
    out
}

#[cfg(test)]
mod tests {
    use app::{
        domain::{
            FilterChoices, InsightFilter, QuarterInsight, RatingInsight, RatingTopic,
            RecommendInsight,
        },
        i18n::Lang,
    };

    use super::*;

    fn group(key: &str, count: Cell<u32>) -> GroupCount {
        GroupCount {
            key: key.into(),
            count,
        }
    }

    /// Twenty interviews with a hidden figure of every kind.
    fn figures() -> Insights {
        Insights {
            departments: vec!["R&D, Noord".into()],
            filter: InsightFilter::default(),
            min_group: 5,
            interviews: Cell::Shown(20),
            themes: vec![
                group("workload", Cell::Shown(12)),
                group("pay", Cell::TooFew),
                group("manager", Cell::TooFew),
            ],
            primary: vec![
                group("workload", Cell::Shown(9)),
                group("pay", Cell::TooFew),
            ],
            no_primary: Cell::TooFew,
            trend: vec![
                QuarterInsight {
                    quarter: "2026-Q1".into(),
                    interviews: Cell::Shown(14),
                    themes: vec![group("workload", Cell::Shown(8))],
                },
                QuarterInsight {
                    quarter: "2026-Q2".into(),
                    interviews: Cell::TooFew,
                    themes: vec![group("workload", Cell::TooFew)],
                },
            ],
            undated: Cell::Shown(0),
            ratings: vec![RatingInsight {
                topic: RatingTopic::Workload,
                answered: Cell::Shown(20),
                average: Cell::TooFew,
            }],
            would_return: vec![Cell::Shown(10), Cell::TooFew, Cell::TooFew, Cell::Shown(0)],
            recommend: Some(RecommendInsight {
                promoters: Cell::Shown(6),
                passives: Cell::Shown(11),
                detractors: Cell::TooFew,
                unanswered: Cell::TooFew,
                score: Cell::TooFew,
            }),
            voluntary: Some(YesNoInsight {
                yes: Cell::Shown(17),
                no: Cell::TooFew,
                unknown: Cell::TooFew,
            }),
            regrettable: None,
            choices: FilterChoices::default(),
            min_quote_group: 8,
            quotes: Vec::new(),
        }
    }

    fn names(key: &str) -> String {
        format!("<{key}>")
    }

    #[test]
    fn hidden_figures_read_too_few_in_the_csv_and_never_as_a_number() {
        let t = Lang::Nl.texts();
        let csv = csv(&figures(), t, &names);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "\u{feff}figure,group,value");
        for want in [
            "department,,\"R&D, Noord\"",
            "interviews,,20",
            "theme,<workload>,12",
            "theme,<pay>,te weinig gesprekken",
            "primary_reason,geen hoofdreden,te weinig gesprekken",
            "quarter_interviews,2026-Q2,te weinig gesprekken",
            "quarter_theme,2026-Q1 <workload>,8",
            "rating_average,Werkdruk,te weinig gesprekken",
            "enps,eNPS,te weinig gesprekken",
            "voluntary,ja,17",
        ] {
            assert!(lines.contains(&want), "{want} missing from {csv}");
        }
        // A shown negative eNPS stays a number a spreadsheet can count with.
        let mut negative = figures();
        if let Some(r) = negative.recommend.as_mut() {
            r.score = Cell::Shown(-20);
        }
        assert!(super::csv(&negative, t, &names).contains("\r\nenps,eNPS,-20\r\n"));
        // Nothing is left out: one line per figure.
        assert_eq!(lines.len(), 1 + 2 + 3 + 3 + 4 + 2 + 4 + 5 + 3 + 1);
    }

    #[test]
    fn hidden_bars_have_no_length_and_say_too_few() {
        let t = Lang::En.texts();
        let svg = themes_chart(&figures(), t, &names);
        assert!(svg.contains(">12 (60 %)<"), "{svg}");
        assert!(svg.contains(">9 (45 %)<"), "{svg}");
        // pay: mentioned and primary hidden; manager: mentioned hidden, missing as primary.
        assert_eq!(svg.matches(&format!(">{}<", t.too_few)).count(), 4, "{svg}");
        assert_eq!(svg.matches("width=\"0\"").count(), 4, "{svg}");
        assert!(svg.contains("&lt;pay&gt;"), "names are escaped: {svg}");
    }

    #[test]
    fn a_hidden_quarter_breaks_the_trend_line_and_hidden_themes_get_none() {
        let t = Lang::Nl.texts();
        let svg = trend_chart(&figures(), t, &names);
        // Workload is the only shown theme: one line, a dot for Q1, nothing for Q2.
        assert_eq!(svg.matches("<circle").count(), 1, "{svg}");
        assert!(!svg.contains("<polyline"), "{svg}");
        assert!(!svg.contains("&lt;pay&gt;"), "{svg}");
        assert!(svg.contains(t.insights_chart_gap), "{svg}");
    }
}
