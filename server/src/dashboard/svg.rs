//! The dashboard's charts as SVG text, drawn on the server (no chart library in the
//! browser; they print as they look). Pure functions from numbers and labels to markup;
//! every label is escaped, and each chart carries a title for screen readers.

use std::fmt::Write;

/// Colours of the series, told apart by dash pattern too (for print and colour blindness).
const COLOURS: [&str; 6] = [
    "#1d5b8f", "#c8741a", "#2e8540", "#8e3b8f", "#b3261e", "#5f6b76",
];
const DASHES: [&str; 6] = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"];
const FONT: &str = "font-family=\"system-ui, sans-serif\" font-size=\"13\"";

/// One row of a bar chart: a label and one share (0–1) per series, with the text shown.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub values: Vec<(f64, String)>,
}

/// One line of a line chart: its name and one share (0–1) per x position, `None` where
/// there is no figure to draw (the line breaks there).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn open(out: &mut String, width: u32, height: u32, title: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" {FONT}><title>{}</title>",
        escape(title)
    );
}

/// The series names with their line style, from (`x`, `y`), wrapping at `width`; answers
/// the height it took.
fn legend(out: &mut String, names: &[&str], x: u32, y: u32, width: u32) -> u32 {
    let (mut at, mut row) = (x, y);
    for (i, name) in names.iter().enumerate() {
        let (colour, dash) = (COLOURS[i % 6], DASHES[i % 6]);
        let w = 40 + 7 * name.chars().count() as u32;
        if at > x && at + w > width {
            at = x;
            row += 18;
        }
        let _ = write!(
            out,
            "<line x1=\"{at}\" y1=\"{row}\" x2=\"{}\" y2=\"{row}\" stroke=\"{colour}\" stroke-width=\"4\" stroke-dasharray=\"{dash}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            at + 22,
            at + 28,
            row + 4,
            escape(name)
        );
        at += w;
    }
    row - y + 18
}

/// Horizontal bars, one group per row and one bar per series; the series are named in a
/// legend on top.
pub fn bars(title: &str, series: &[&str], rows: &[BarRow]) -> String {
    let (label_w, bar_w, text_w) = (190u32, 330u32, 110u32);
    let per_bar = 14u32;
    let group = per_bar * series.len().max(1) as u32 + 10;
    let top = 34u32;
    let height = top + group * rows.len().max(1) as u32 + 8;
    let mut out = String::new();
    open(&mut out, label_w + bar_w + text_w, height, title);
    legend(&mut out, series, 8, 14, label_w + bar_w + text_w);
    if rows.is_empty() {
        let _ = write!(out, "<text x=\"8\" y=\"{}\">—</text>", top + 14);
    }
    for (r, row) in rows.iter().enumerate() {
        let y0 = top + r as u32 * group;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 8,
            y0 + group / 2,
            escape(&row.label)
        );
        for (s, (share, text)) in row.values.iter().enumerate() {
            let y = y0 + s as u32 * per_bar;
            let w = (share.clamp(0.0, 1.0) * f64::from(bar_w)).round() as u32;
            let _ = write!(
                out,
                "<rect x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{}\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
                per_bar - 3,
                COLOURS[s % 6],
                label_w + w + 4,
                y + per_bar - 4,
                escape(text)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Shares over time: x positions named by `x_labels`, y from 0 to the highest share
/// (rounded up to 10 %), one line per entry of `lines`. Where a line has gaps, `gap_note`
/// says why under the chart.
pub fn lines(title: &str, x_labels: &[String], lines: &[Line], gap_note: &str) -> String {
    let (left, right, plot_h) = (44u32, 36u32, 220u32);
    let step = 64u32;
    let plot_w = step * (x_labels.len().max(2) as u32 - 1);
    let width = (left + plot_w + right).max(480);
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    let mut legend_svg = String::new();
    let top = 22 + legend(&mut legend_svg, &names, 8, 14, width);
    let gaps = lines.iter().any(|l| l.values.contains(&None));
    let height = top + plot_h + if gaps { 50 } else { 30 };
    let max = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten().copied())
        .fold(0.0_f64, f64::max);
    let ceiling = ((max * 10.0).ceil() / 10.0).clamp(0.1, 1.0);
    let y_of = |share: f64| top + plot_h - (share / ceiling * f64::from(plot_h)).round() as u32;
    let mut out = String::new();
    open(&mut out, width, height, title);
    out.push_str(&legend_svg);
    for tick in 0..=4 {
        let share = ceiling * f64::from(tick) / 4.0;
        let y = y_of(share);
        let _ = write!(
            out,
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#d9dde1\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{:.0}%</text>",
            left + plot_w,
            left - 6,
            y + 4,
            share * 100.0
        );
    }
    for (i, label) in x_labels.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            left + step * i as u32,
            top + plot_h + 18,
            escape(label)
        );
    }
    for (i, line) in lines.iter().enumerate() {
        let (colour, dash) = (COLOURS[i % 6], DASHES[i % 6]);
        // One polyline per run of figures; a lone figure between gaps is a dot.
        let runs = line.values.iter().enumerate().collect::<Vec<_>>();
        for run in runs.split(|(_, v)| v.is_none()) {
            let points: Vec<(u32, u32)> = run
                .iter()
                .filter_map(|(x, v)| v.map(|v| (left + step * *x as u32, y_of(v))))
                .collect();
            match points[..] {
                [] => {}
                [(x, y)] => {
                    let _ = write!(
                        out,
                        "<circle cx=\"{x}\" cy=\"{y}\" r=\"3.5\" fill=\"{colour}\"/>"
                    );
                }
                _ => {
                    let points: Vec<String> =
                        points.iter().map(|(x, y)| format!("{x},{y}")).collect();
                    let _ = write!(
                        out,
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\"/>",
                        points.join(" ")
                    );
                }
            }
        }
    }
    if gaps {
        let _ = write!(
            out,
            "<text x=\"8\" y=\"{}\" font-size=\"11\">{}</text>",
            height - 8,
            escape(gap_note)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_so_a_department_name_cannot_inject_markup() {
        let rows = [BarRow {
            label: "R&D <script>".into(),
            values: vec![(0.5, "1 (50 %)".into())],
        }];
        let svg = bars("Thema's", &["genoemd"], &rows);
        assert!(svg.contains("R&amp;D &lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("<title>Thema&apos;s</title>"));
    }

    #[test]
    fn bar_lengths_follow_the_shares() {
        let rows = [BarRow {
            label: "Werkdruk".into(),
            values: vec![(0.5, "5".into()), (1.5, "15".into())],
        }];
        let svg = bars("t", &["a", "b"], &rows);
        assert!(svg.contains("width=\"165\""), "half of 330: {svg}");
        assert!(svg.contains("width=\"330\""), "clamped to the full width");
    }

    #[test]
    fn lines_scale_to_the_highest_share_rounded_up() {
        let labels = vec!["2026-Q1".to_owned(), "2026-Q2".to_owned()];
        let svg = lines(
            "t",
            &labels,
            &[Line {
                name: "Werkdruk".into(),
                values: vec![Some(0.0), Some(0.25)],
            }],
            "",
        );
        // 0.25 rounds up to a 30 % ceiling: the 0 point is at the bottom of the plot
        // (legend row 18 + 22, plot 220: y = 260).
        assert!(svg.contains("points=\"44,260 108,"), "{svg}");
        assert!(svg.contains(">30%<"), "{svg}");
        assert!(svg.contains(">2026-Q2<"));
        assert!(!svg.contains("<circle"), "no gaps, no dots: {svg}");
    }

    #[test]
    fn a_missing_figure_breaks_the_line_and_the_note_says_why() {
        let labels: Vec<String> = (1..=5).map(|q| format!("2026-Q{q}")).collect();
        let svg = lines(
            "t",
            &labels,
            &[Line {
                name: "Werkdruk".into(),
                values: vec![Some(0.1), Some(0.2), None, Some(0.1), None],
            }],
            "Geen punt: te weinig gesprekken",
        );
        assert_eq!(svg.matches("<polyline").count(), 1, "{svg}");
        assert!(svg.contains("points=\"44,"), "{svg}");
        assert_eq!(
            svg.matches("<circle").count(),
            1,
            "the lone fourth point: {svg}"
        );
        assert!(svg.contains("cx=\"236\""), "{svg}");
        assert!(svg.contains(">Geen punt: te weinig gesprekken<"), "{svg}");
    }
}
