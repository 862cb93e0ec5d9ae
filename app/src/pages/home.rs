//! The landing page: what Exitgesprek is for and how a good exit interview goes.

use leptos::prelude::*;

use crate::i18n::use_texts;

#[component]
pub fn Home() -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="page home">
            <h1>"Exitgesprek"</h1>
            <p class="lead">{move || t.get().home_lead}</p>
            <ol class="steps">
                <li>{move || t.get().home_steps[0]}</li>
                <li>{move || t.get().home_steps[1]}</li>
                <li>{move || t.get().home_steps[2]} " " <CoreQuestions/></li>
                <li>{move || t.get().home_steps[3]}</li>
                <li>{move || t.get().home_steps[4]}</li>
            </ol>
            <p><a class="button primary" href="/gesprekken">{move || t.get().start_interviews}</a></p>
        </section>
    }
}

/// The core questions behind a disclosure button, so the page stays short on a tablet.
#[component]
fn CoreQuestions() -> impl IntoView {
    let t = use_texts();
    let open = RwSignal::new(false);
    // The button only works once the wasm has hydrated the page; until then it says so.
    let hydrated = crate::components::use_hydrated();
    view! {
        <button
            type="button"
            class="disclosure"
            aria-expanded=move || open.get().to_string()
            aria-controls="core-questions"
            disabled=move || !hydrated.get()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {move || if open.get() { t.get().hide_questions } else { t.get().show_questions }}
        </button>
        <ol id="core-questions" class="questions" hidden=move || !open.get()>
            {move || t.get().standard_questions.iter().map(|q| view! { <li>{*q}</li> }).collect_view()}
        </ol>
    }
}
