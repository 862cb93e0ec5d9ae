//! Minutes since the talk started, against the planned hour.

use leptos::prelude::*;

use crate::{clock, domain::PLANNED_MINUTES, i18n::use_texts, pages::use_editor};

#[component]
pub fn Timer() -> impl IntoView {
    let t = use_texts();
    let editor = use_editor();
    let now = RwSignal::new(clock::now());
    Effect::new(move |_| {
        // Ticks in the browser only; a coarse tick is enough for a minute display.
        let handle = set_interval_with_handle(
            move || now.set(clock::now()),
            std::time::Duration::from_secs(15),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
    let minutes = move || {
        editor
            .interview
            .with(|iv| iv.as_ref().and_then(|iv| iv.elapsed_minutes(now.get())))
    };
    view! {
        <p class="timer" class:over=move || minutes().is_some_and(|m| m >= PLANNED_MINUTES) role="timer">
            {move || t.get().timer} ": "
            <strong>{move || minutes().map_or("–".to_owned(), |m| m.to_string())}</strong>
            " " {move || t.get().minutes_of}
        </p>
    }
}
