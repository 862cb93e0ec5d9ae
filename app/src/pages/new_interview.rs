//! `/gesprekken/nieuw`: who is leaving and when. Warns (without blocking) when the talk is
//! not in the last two weeks before the leaving date.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    clock,
    components::StorageBanner,
    domain::{Details, Interview, Op},
    i18n::use_texts,
    store::{self, StoreError},
};

fn date(text: &str) -> Option<NaiveDate> {
    // `<input type="date">` gives ISO dates, which is what FromStr reads (no strftime
    // parser in the wasm bundle).
    text.trim().parse().ok()
}

#[component]
pub fn NewInterview() -> impl IntoView {
    let t = use_texts();
    let details = RwSignal::new(Details::default());
    let tried = RwSignal::new(false);
    let error = RwSignal::new(None::<StoreError>);
    let navigate = use_navigate();

    // In the browser only: the form as it was left (a locked vault, a reload), and the
    // interview date defaulting to today.
    Effect::new(move |_| {
        let left = store::browser().and_then(|s| s.new_interview_draft());
        details.update(|d| {
            if let Ok(Some(left)) = left {
                *d = left;
            }
            d.interview_date = d.interview_date.or_else(clock::today);
        })
    });
    // Every input is kept, as the interview's notes are.
    let keep = move || {
        let kept = details.with_untracked(|d| {
            // Emptied again (only today's date left): nothing to keep.
            let empty = *d
                == Details {
                    interview_date: d.interview_date,
                    ..Details::default()
                };
            store::browser().and_then(|s| s.set_new_interview_draft((!empty).then_some(d)))
        });
        if let Err(e) = kept {
            error.set(Some(e));
        }
    };
    let change = move |edit: &dyn Fn(&mut Details)| {
        details.update(|d| edit(d));
        keep();
    };

    let problems = Memo::new(move |_| details.with(Details::problems));
    let warning = Memo::new(move |_| details.with(Details::timing_warning));

    let sync = crate::sync::agent::use_sync();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if !problems.get_untracked().is_empty() {
            return;
        }
        let now = clock::now();
        let interview = Interview::new(
            details.get_untracked(),
            t.get_untracked().default_confidentiality,
            now,
        );
        match store::browser().and_then(|s| s.save(&interview, Op::all_of(&interview), now)) {
            Ok(_) => {
                // Done with; a draft left behind would only fill the next form.
                let _ = store::browser().and_then(|s| s.set_new_interview_draft(None));
                sync.changed();
                navigate(&format!("/gesprekken/{}", interview.id), Default::default());
            }
            Err(e) => error.set(Some(e)),
        }
    };

    let text_field = move |label: fn(&crate::i18n::Texts) -> &'static str,
                           get: fn(&Details) -> String,
                           set: fn(&mut Details, String)| {
        view! {
            <label class="field">
                <span>{move || label(t.get())}</span>
                <input type="text" prop:value=move || details.with(get) on:input=move |ev| { let v = event_target_value(&ev); change(&|d| set(d, v.clone())) }/>
            </label>
        }
    };
    let date_field = move |label: fn(&crate::i18n::Texts) -> &'static str,
                           get: fn(&Details) -> Option<NaiveDate>,
                           set: fn(&mut Details, Option<NaiveDate>)| {
        view! {
            <label class="field">
                <span>{move || label(t.get())}</span>
                <input type="date" prop:value=move || details.with(get).map(|d| d.to_string()).unwrap_or_default() on:input=move |ev| { let v = date(&event_target_value(&ev)); change(&|d| set(d, v)) }/>
            </label>
        }
    };

    view! {
        <section class="page">
            <h1>{move || t.get().new_title}</h1>
            <StorageBanner error/>
            <form class="form-grid" on:submit=create novalidate>
                <label class="field wide">
                    <span>{move || t.get().leaver}</span>
                    <input type="text" autocomplete="off" placeholder=move || t.get().leaver_hint
                        prop:value=move || details.with(|d| d.leaver.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); change(&|d| d.leaver = v.clone()) }/>
                </label>
                {text_field(|t| t.department, |d| d.department.clone(), |d, v| d.department = v)}
                {text_field(|t| t.role, |d| d.role.clone(), |d, v| d.role = v)}
                {date_field(|t| t.start_date, |d| d.start_date, |d, v| d.start_date = v)}
                <label class="field">
                    <span>{move || t.get().tenure_years}</span>
                    <input type="number" min="0" max="60" inputmode="numeric"
                        prop:value=move || details.with(|d| d.tenure_years.map(|y| y.to_string()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev).trim().parse().ok(); change(&|d| d.tenure_years = v) }/>
                </label>
                {date_field(|t| t.leaving_date, |d| d.leaving_date, |d, v| d.leaving_date = v)}
                {date_field(|t| t.interview_date, |d| d.interview_date, |d, v| d.interview_date = v)}
                {text_field(|t| t.interviewer, |d| d.interviewer.clone(), |d, v| d.interviewer = v)}
                <div class="wide" role="status">
                    {move || warning.get().map(|w| view! { <p class="warning">{t.get().timing(w)}</p> })}
                    {move || tried.get().then(|| problems.get().into_iter().map(|p| view! { <p class="error">{t.get().problem(p)}</p> }).collect_view())}
                </div>
                <button type="submit" class="primary wide">{move || t.get().create}</button>
            </form>
        </section>
    }
}
