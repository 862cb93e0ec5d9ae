//! An action's effect as the server worked it out for the reader: the share of interviews
//! naming its themes before and after its start, the interval for the change, and a plain
//! sentence ("nog niet te zeggen" when the figures cannot say).

use leptos::prelude::*;

use crate::{
    domain::{Cell, Effect, Interval, Period, Verdict},
    i18n::{use_texts, Texts},
    pages::dashboard::percent,
};

/// A fraction as signed percentage points with one decimal, in the language's notation.
pub fn points(t: &Texts, fraction: f64) -> String {
    let value = (fraction * 1000.0).round() / 10.0;
    let text = format!("{value:+.1}").replace('.', t.decimal_sign);
    if value == 0.0 {
        text.trim_start_matches(['+', '-']).to_owned()
    } else {
        text
    }
}

/// "12 van 40 gesprekken noemen het thema (30 %)", or "te weinig gesprekken".
pub fn period_line(t: &Texts, p: &Period) -> String {
    match (p.interviews, p.mentioning) {
        (Cell::Shown(n), Cell::Shown(x)) => t
            .plan_mentioning
            .replace("{x}", &x.to_string())
            .replace("{n}", &n.to_string())
            .replace("{p}", &percent(x, n)),
        _ => t.too_few.to_owned(),
    }
}

/// The months of a period, first and last day (`to` is the day after it).
fn months(p: &Period) -> String {
    let last = p.to.pred_opt().unwrap_or(p.to);
    format!("{} – {}", p.from.format("%m-%Y"), last.format("%m-%Y"))
}

fn interval_line(t: &Texts, i: &Interval) -> String {
    t.plan_difference
        .replace("{d}", &points(t, i.difference))
        .replace("{lo}", &points(t, i.low))
        .replace("{hi}", &points(t, i.high))
}

#[component]
pub fn EffectView(effect: Effect) -> impl IntoView {
    let t = use_texts();
    let verdict = effect.verdict.index();
    let side = move |label: fn(&Texts) -> &'static str, p: Option<Period>| {
        p.map(|p| {
            let when = months(&p);
            view! {
                <div>
                    <dt>{move || label(t.get())} " (" {when} ")"</dt>
                    <dd>{move || period_line(t.get(), &p)}</dd>
                </div>
            }
        })
    };
    // The interval only beside a verdict it supports: not beside "too few".
    let interval = effect.interval.filter(|_| {
        matches!(
            effect.verdict,
            Verdict::Unclear | Verdict::Fewer | Verdict::More
        )
    });
    view! {
        <section class="effect" aria-label=move || t.get().plan_effect>
            <h4>{move || t.get().plan_effect}</h4>
            <dl>
                {side(|t| t.plan_before, effect.before)}
                {side(|t| t.plan_after, effect.after)}
            </dl>
            <p class="verdict">
                <strong>{move || t.get().plan_verdicts[verdict]}</strong>
                {move || interval.map(|i| format!(" {}", interval_line(t.get(), &i)))}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_signed_with_one_decimal_in_the_language() {
        let nl = crate::i18n::Lang::Nl.texts();
        let en = crate::i18n::Lang::En.texts();
        assert_eq!(points(nl, -0.45), "-45,0");
        assert_eq!(points(en, 0.0524), "+5.2");
        assert_eq!(points(nl, -0.00001), "0,0");
    }
}
