//! The opening: the confidentiality text (editable), "besproken", consent, and the start.

use leptos::prelude::*;

use crate::{
    domain::{Op, Status},
    i18n::use_texts,
    pages::use_editor,
};

#[component]
pub fn OpeningSection() -> impl IntoView {
    let t = use_texts();
    let editor = use_editor();
    let ro = editor.read_only();
    let opening = move || {
        editor
            .interview
            .with(|iv| iv.as_ref().map(|iv| iv.opening.clone()).unwrap_or_default())
    };
    let started = move || {
        editor
            .interview
            .with(|iv| iv.as_ref().is_some_and(|iv| iv.status != Status::Concept))
    };
    let set = move |f: fn(&mut crate::domain::Opening, String, bool), text: String, flag: bool| {
        editor.edit(|iv, _| {
            f(&mut iv.opening, text, flag);
            vec![Op::Opening(iv.opening.clone())]
        });
    };
    let start = move |_| {
        editor.edit(|iv, now| {
            iv.start(now);
            vec![Op::status_of(iv)]
        });
    };
    view! {
        <section class="card opening">
            <h2>{move || t.get().opening_title}</h2>
            <label class="field">
                <span>{move || t.get().confidentiality}</span>
                <textarea rows="4" disabled=ro prop:value=move || opening().confidentiality_text
                    on:input=move |ev| set(|o, text, _| o.confidentiality_text = text, event_target_value(&ev), false)></textarea>
            </label>
            <label class="check">
                <input type="checkbox" disabled=ro prop:checked=move || opening().discussed
                    on:change=move |ev| set(|o, _, on| o.discussed = on, String::new(), event_target_checked(&ev))/>
                {move || t.get().discussed}
            </label>
            <label class="check">
                <input type="checkbox" disabled=ro prop:checked=move || opening().consent
                    on:change=move |ev| set(|o, _, on| o.consent = on, String::new(), event_target_checked(&ev))/>
                {move || t.get().consent}
            </label>
            <Show when=move || !started()>
                <button type="button" class="primary" on:click=start>{move || t.get().start_talk}</button>
            </Show>
        </section>
    }
}
