//! The CSV export of the filtered interviews with their themes (RFC 4180, UTF-8 with a
//! byte-order mark so spreadsheet programs read accents right). No names and no note text:
//! the export is for counting, the archive is for reading.

use super::Row;

const HEADER: [&str; 16] = [
    "interview",
    "leaving_date",
    "department",
    "role",
    "tenure_years",
    "voluntary",
    "primary_reason",
    "themes",
    "would_return",
    "recommend",
    "rating_culture",
    "rating_manager",
    "rating_growth",
    "rating_workload",
    "rating_pay",
    "regrettable",
];

/// One cell: quoted when it holds a separator, quote or line break; a leading `=`, `+`,
/// `-`, `@`, tab or carriage return is defused so a spreadsheet never runs a typed
/// department name as a formula.
pub(super) fn cell(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn number(v: Option<i32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn yes_no(v: Option<bool>) -> String {
    v.map(|v| if v { "yes" } else { "no" }.to_owned())
        .unwrap_or_default()
}

pub fn export(rows: &[Row]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    for r in rows {
        let mut cells = vec![
            r.id.clone(),
            r.leaving_date.clone().unwrap_or_default(),
            r.department.clone(),
            r.job_role.clone(),
            number(r.tenure_years),
            yes_no(r.voluntary),
            r.primary_reason.clone().unwrap_or_default(),
            r.themes.replace(',', ";"),
            r.would_return.clone().unwrap_or_default(),
            number(r.recommend),
        ];
        cells.extend(r.ratings().map(number));
        cells.push(yes_no(r.regrettable));
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        let cases = [
            ("Zorg", "Zorg"),
            ("R&D, Noord", "\"R&D, Noord\""),
            ("zegt \"nee\"", "\"zegt \"\"nee\"\"\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("-5", "'-5"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "\"'\r=1+1\""),
        ];
        for (value, want) in cases {
            assert_eq!(cell(value), want);
        }
    }

    #[test]
    fn one_line_per_interview_with_its_themes() {
        let row = Row {
            id: "0190".into(),
            department: "ICT".into(),
            job_role: "Developer".into(),
            tenure_years: Some(3),
            leaving_date: Some("2026-03-31".into()),
            primary_reason: Some("pay".into()),
            themes: "manager,pay".into(),
            voluntary: Some(true),
            would_return: Some("maybe".into()),
            recommend: Some(7),
            rating_culture: Some(4),
            rating_manager: None,
            rating_growth: None,
            rating_workload: Some(2),
            rating_pay: None,
            regrettable: Some(false),
        };
        let csv = export(&[row]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with("\u{feff}interview,leaving_date,"));
        assert_eq!(
            lines[1],
            "0190,2026-03-31,ICT,Developer,3,yes,pay,manager;pay,maybe,7,4,,,2,,no"
        );
        assert_eq!(lines.len(), 3, "header, one row, final line break");
    }
}
