//! "Nieuwe versie beschikbaar": shown while a new version of the app waits; only the
//! interviewer's click activates it (and reloads), never a timer.

use leptos::prelude::*;

use crate::{i18n::use_texts, pwa::use_pwa};

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let t = use_texts();
    let pwa = use_pwa();
    let updating = RwSignal::new(false);
    let update = move |_| {
        updating.set(true);
        pwa.activate_update();
    };
    view! {
        <Show when=move || pwa.update_waiting.get()>
            <div class="update-banner" role="status">
                <p>
                    <strong>{move || t.get().update_available}</strong>
                    " " {move || t.get().update_keeps_notes}
                </p>
                <button type="button" class="primary" disabled=updating on:click=update>
                    {move || t.get().update_now}
                </button>
            </div>
        </Show>
    }
}
