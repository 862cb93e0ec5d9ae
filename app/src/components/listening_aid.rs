//! Active-listening prompts beside the notes.

use leptos::prelude::*;

use crate::i18n::use_texts;

#[component]
pub fn ListeningAid() -> impl IntoView {
    let t = use_texts();
    view! {
        <aside class="listening" aria-label=move || t.get().listening_title>
            <h2>{move || t.get().listening_title}</h2>
            <ul>{move || t.get().listening_prompts.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
        </aside>
    }
}
