//! The structured answers: reasons for leaving (from the theme list), voluntary or not,
//! would return, would recommend (0–10), optional 1–5 ratings and whether HR would have
//! wanted to keep the leaver (regrettable).

use leptos::prelude::*;

use crate::{
    domain::{Answers, Op, Rating, RatingTopic, Recommend, ThemeId, WouldReturn},
    i18n::{use_texts, Texts},
    pages::use_editor,
};

#[component]
pub fn AnswersForm() -> impl IntoView {
    let t = use_texts();
    let editor = use_editor();
    let ro = editor.read_only();
    let answers = Memo::new(move |_| {
        editor
            .interview
            .with(|iv| iv.as_ref().map(|iv| iv.answers.clone()).unwrap_or_default())
    });
    let set = move |f: Box<dyn FnOnce(&mut Answers)>| {
        editor.edit(|iv, _| {
            f(&mut iv.answers);
            vec![Op::Answers(iv.answers.clone())]
        });
    };
    let choice = move |label: String, pressed: Signal<bool>, on: Box<dyn Fn() + Send + Sync>| {
        view! {
            <button type="button" class="choice" disabled=ro aria-pressed=move || pressed.get().to_string() on:click=move |_| on()>{label}</button>
        }
    };
    // A yes/no question about the leaver, answered with two choice buttons.
    let yes_no = move |legend: fn(&Texts) -> &'static str,
                       get: fn(&Answers) -> Option<bool>,
                       put: fn(&mut Answers, bool)| {
        view! {
            <fieldset>
                <legend>{move || legend(t.get())}</legend>
                <div class="choices">
                    {[true, false].into_iter().map(|v| choice(
                        if v { t.get_untracked().yes } else { t.get_untracked().no }.to_owned(),
                        Signal::derive(move || answers.with(|a| get(a) == Some(v))),
                        Box::new(move || set(Box::new(move |a| put(a, v)))),
                    )).collect_view()}
                </div>
            </fieldset>
        }
    };

    view! {
        <section class="card answers">
            <h2>{move || t.get().answers_title}</h2>
            <label class="field">
                <span>{move || t.get().primary_reason}</span>
                <select disabled=ro on:change=move |ev| {
                    let theme = ThemeId::from_key(&event_target_value(&ev));
                    set(Box::new(move |a| a.set_primary(theme)));
                }>
                    <option value="" selected=move || answers.get().primary_reason.is_none()>{move || t.get().choose}</option>
                    {ThemeId::ALL.into_iter().map(|th| view! {
                        <option value=th.key() selected=move || answers.get().primary_reason == Some(th)>{move || t.get().themes[th.index()]}</option>
                    }).collect_view()}
                </select>
            </label>
            <fieldset>
                <legend>{move || t.get().secondary_reasons}</legend>
                <div class="choices">
                    {ThemeId::ALL.into_iter().map(|th| {
                        let pressed = Signal::derive(move || answers.get().secondary_reasons.contains(&th));
                        view! {
                            <button type="button" class="choice" aria-pressed=move || pressed.get().to_string()
                                disabled=move || ro.get() || answers.get().primary_reason == Some(th)
                                on:click=move |_| set(Box::new(move |a| a.toggle_secondary(th)))>{move || t.get().themes[th.index()]}</button>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {yes_no(|t| t.voluntary, |a| a.voluntary, |a, v| a.voluntary = Some(v))}
            <fieldset>
                <legend>{move || t.get().would_return}</legend>
                <div class="choices">
                    {WouldReturn::ALL.into_iter().map(|w| choice(
                        t.get_untracked().would_return_labels[w.index()].to_owned(),
                        Signal::derive(move || answers.get().would_return == Some(w)),
                        Box::new(move || set(Box::new(move |a| a.would_return = Some(w)))),
                    )).collect_view()}
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t.get().recommend}</legend>
                <div class="choices scale">
                    {(0..=10u8).filter_map(Recommend::new).map(|r| choice(
                        r.get().to_string(),
                        Signal::derive(move || answers.get().recommend == Some(r)),
                        Box::new(move || set(Box::new(move |a| a.recommend = Some(r)))),
                    )).collect_view()}
                </div>
            </fieldset>
            <fieldset>
                <legend>{move || t.get().ratings}</legend>
                {RatingTopic::ALL.into_iter().map(|topic| view! {
                    <div class="rating-row">
                        <span>{move || t.get().rating_topics[topic.index()]}</span>
                        <div class="choices">
                            {(1..=5u8).filter_map(Rating::new).map(|r| {
                                let i = topic.index();
                                choice(
                                    r.get().to_string(),
                                    Signal::derive(move || answers.get().ratings[i] == Some(r)),
                                    // Tapping the chosen rating again clears it: ratings are optional.
                                    Box::new(move || set(Box::new(move |a| a.ratings[i] = if a.ratings[i] == Some(r) { None } else { Some(r) }))),
                                )
                            }).collect_view()}
                        </div>
                    </div>
                }).collect_view()}
            </fieldset>
            {yes_no(|t| t.regrettable, |a| a.regrettable, |a, v| a.regrettable = Some(v))}
        </section>
    }
}
