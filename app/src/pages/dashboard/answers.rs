//! The structured answers on the dashboard: average ratings, would-return, eNPS,
//! regrettable and voluntary leavers.

use leptos::prelude::*;

use super::{one_decimal, percent};
use crate::{
    domain::{Dashboard, YesNo},
    i18n::use_texts,
};

/// One "label: count (share)" line.
#[component]
fn Count(label: Signal<String>, count: u32, total: u32) -> impl IntoView {
    view! { <li>{label} ": " <strong>{count}</strong> " (" {percent(count, total)} ")"</li> }
}

#[component]
fn YesNoList(values: YesNo, total: u32) -> impl IntoView {
    let t = use_texts();
    view! {
        <ul class="counts">
            <Count label=Signal::derive(move || t.get().yes.to_owned()) count=values.yes total/>
            <Count label=Signal::derive(move || t.get().no.to_owned()) count=values.no total/>
            <Count label=Signal::derive(move || t.get().not_answered.to_owned()) count=values.unknown total/>
        </ul>
    }
}

#[component]
pub fn AnswersSection(d: Dashboard) -> impl IntoView {
    let t = use_texts();
    let total = d.interviews;
    let ratings = d
        .ratings
        .into_iter()
        .map(|r| {
            let i = r.topic.index();
            let average = move || {
                r.average
                    .map(|a| one_decimal(t.get(), a))
                    .unwrap_or_else(|| "—".into())
            };
            view! {
                <li>
                    {move || t.get().rating_topics[i]} ": " <strong>{average}</strong>
                    " (" {r.answered} " " {move || t.get().dashboard_answered} ")"
                </li>
            }
        })
        .collect_view();
    let returns = d
        .would_return
        .iter()
        .enumerate()
        .map(|(i, count)| {
            let label = Signal::derive(move || match t.get().would_return_labels.get(i) {
                Some(l) => (*l).to_owned(),
                None => t.get().not_answered.to_owned(),
            });
            view! { <Count label count=*count total/> }
        })
        .collect_view();
    let r = d.recommend;
    let answered = r.promoters + r.passives + r.detractors;
    let groups = [r.promoters, r.passives, r.detractors]
        .into_iter()
        .enumerate()
        .map(|(i, count)| {
            let label = Signal::derive(move || t.get().enps_groups[i].to_owned());
            view! { <Count label count total=answered/> }
        })
        .collect_view();
    let score = r.score.map_or_else(|| "—".to_owned(), |s| format!("{s:+}"));
    view! {
        <section class="answers-grid">
            <h2>{move || t.get().dashboard_answers}</h2>
            <div class="panel">
                <h3>{move || t.get().ratings}</h3>
                <ul class="counts">{ratings}</ul>
            </div>
            <div class="panel">
                <h3>{move || t.get().would_return}</h3>
                <ul class="counts">{returns}</ul>
            </div>
            <div class="panel">
                <h3>{move || t.get().enps}</h3>
                <p class="big-number"><strong>{score}</strong></p>
                <ul class="counts">{groups}</ul>
            </div>
            <div class="panel">
                <h3>{move || t.get().regrettable_title}</h3>
                <YesNoList values=d.regrettable total/>
            </div>
            <div class="panel">
                <h3>{move || t.get().voluntary}</h3>
                <YesNoList values=d.voluntary total/>
            </div>
        </section>
    }
}
