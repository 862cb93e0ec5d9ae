//! The top bar: app name, navigation and the language switch (remembered on the device).

use leptos::prelude::*;

use crate::{
    i18n::{use_texts, Lang, LangSignal},
    store,
};

#[component]
pub fn Header() -> impl IntoView {
    let t = use_texts();
    let lang = use_context::<LangSignal>().map(|l| l.0);
    let switch = move |_| {
        let Some(lang) = lang else { return };
        let next = match lang.get_untracked() {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        };
        lang.set(next);
        if let Ok(store) = store::browser() {
            // A language that is not remembered is a small loss; the switch still works.
            let _ = store.set_lang(next.code());
        }
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Exitgesprek"</a>
            <nav>
                <a href="/gesprekken">{move || t.get().nav_interviews}</a>
            </nav>
            <button type="button" class="lang" on:click=switch>{move || t.get().lang_switch}</button>
        </header>
    }
}
