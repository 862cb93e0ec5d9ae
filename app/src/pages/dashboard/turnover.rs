//! Turnover beside the Dutch average: leavers with an interview per year against the
//! headcount HR enters here (for the whole organisation or per department).

use leptos::{prelude::*, task::spawn_local};

use super::one_decimal;
use crate::{
    api,
    domain::{Headcount, Turnover, CBS_TURNOVER_PERCENT},
    i18n::use_texts,
};

/// One editable headcount line, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Line {
    year: String,
    department: String,
    headcount: String,
}

impl Line {
    /// The headcount, or `None` when the year or count is not a number (the line is left
    /// out; a blank line is how one is removed).
    fn parse(&self) -> Option<Headcount> {
        Some(Headcount {
            year: self.year.trim().parse().ok()?,
            department: self.department.trim().to_owned(),
            headcount: self.headcount.trim().parse().ok()?,
        })
    }
}

#[component]
pub fn TurnoverSection(turnover: Vec<Turnover>, reload: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let lines = RwSignal::new(
        turnover
            .iter()
            .map(|x| Line {
                year: x.year.to_string(),
                department: x.department.clone(),
                headcount: x.headcount.to_string(),
            })
            .collect::<Vec<_>>(),
    );
    let message = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let all: Vec<Headcount> = lines
            .get_untracked()
            .iter()
            .filter_map(Line::parse)
            .collect();
        spawn_local(async move {
            match api::call::<serde_json::Value>("PUT", "/headcounts", Some(&all)).await {
                Ok(_) => reload.update(|n| *n += 1),
                Err(e) => message.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let has_rows = !turnover.is_empty();
    let rows = turnover
        .into_iter()
        .map(|x| {
            let over = x.percent > CBS_TURNOVER_PERCENT;
            let department = x.department.clone();
            view! {
                <tr class:over=over>
                    <td>{x.year}</td>
                    <td>{move || if department.is_empty() { t.get().whole_organisation.to_owned() } else { department.clone() }}</td>
                    <td>{x.headcount}</td>
                    <td>{x.leavers}</td>
                    <td><strong>{move || one_decimal(t.get(), x.percent)} " %"</strong></td>
                </tr>
            }
        })
        .collect_view();
    let field = move |i: usize,
                      get: fn(&Line) -> String,
                      set: fn(&mut Line, String),
                      label: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <input aria-label=move || label(t.get()) prop:value=move || lines.with(|l| l.get(i).map(get).unwrap_or_default())
                on:input=move |ev| lines.update(|l| if let Some(line) = l.get_mut(i) { set(line, event_target_value(&ev)) })/>
        }
    };
    view! {
        <section class="turnover">
            <h2>{move || t.get().turnover_title}</h2>
            <p>{move || t.get().turnover_cbs} " " {move || t.get().turnover_note}</p>
            <table class="figures" hidden=!has_rows>
                <thead><tr>
                    <th scope="col">{move || t.get().year}</th><th scope="col">{move || t.get().department}</th>
                    <th scope="col">{move || t.get().headcount}</th><th scope="col">{move || t.get().leavers}</th><th scope="col">"%"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <form class="headcounts no-print" on:submit=save>
                <p class="hint">{move || t.get().turnover_none}</p>
                {move || (0..lines.with(Vec::len)).map(|i| view! {
                    <div class="headcount-line">
                        {field(i, |l| l.year.clone(), |l, v| l.year = v, |t| t.year)}
                        {field(i, |l| l.department.clone(), |l, v| l.department = v, |t| t.department)}
                        {field(i, |l| l.headcount.clone(), |l, v| l.headcount = v, |t| t.headcount)}
                    </div>
                }).collect_view()}
                <button type="button" on:click=move |_| lines.update(|l| l.push(Line::default()))>{move || t.get().add_row}</button>
                <button type="submit" class="primary">{move || t.get().save}</button>
                <p class="error" role="alert">{move || message.get()}</p>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_counts_only_when_year_and_headcount_are_numbers() {
        let line = |year: &str, department: &str, headcount: &str| Line {
            year: year.into(),
            department: department.into(),
            headcount: headcount.into(),
        };
        assert_eq!(
            line(" 2026 ", " Zorg ", "40").parse(),
            Some(Headcount {
                year: 2026,
                department: "Zorg".into(),
                headcount: 40
            })
        );
        assert_eq!(line("2026", "", "").parse(), None);
        assert_eq!(line("", "", "40").parse(), None);
        assert_eq!(line("2026", "", "veel").parse(), None);
    }
}
