//! The closing checklist and "Afronden" (finish), after which the interview is read-only
//! on the device unless reopened.

use leptos::prelude::*;

use crate::{
    domain::{Closing, Op},
    i18n::use_texts,
    pages::use_editor,
};

#[component]
pub fn ClosingChecklist() -> impl IntoView {
    let t = use_texts();
    let editor = use_editor();
    let ro = editor.read_only();
    let closing = move || {
        editor
            .interview
            .with(|iv| iv.as_ref().map(|iv| iv.closing).unwrap_or_default())
    };
    let toggle = move |f: fn(&mut Closing, bool), on: bool| {
        editor.edit(|iv, _| {
            f(&mut iv.closing, on);
            vec![Op::Closing(iv.closing)]
        });
    };
    let finish = move |_| {
        editor.edit(|iv, _| {
            iv.finish();
            vec![Op::status_of(iv)]
        });
    };
    let reopen = move |_| {
        editor.edit(|iv, _| {
            iv.reopen();
            vec![Op::status_of(iv)]
        });
    };
    let item = move |label: fn(&crate::i18n::Texts) -> &'static str,
                     get: fn(&Closing) -> bool,
                     set: fn(&mut Closing, bool)| {
        view! {
            <label class="check">
                <input type="checkbox" disabled=ro prop:checked=move || get(&closing())
                    on:change=move |ev| toggle(set, event_target_checked(&ev))/>
                {move || label(t.get())}
            </label>
        }
    };
    view! {
        <section class="card closing">
            <h2>{move || t.get().closing_title}</h2>
            {item(|t| t.thanked, |c| c.thanked, |c, on| c.thanked = on)}
            {item(|t| t.last_thoughts, |c| c.last_thoughts_asked, |c, on| c.last_thoughts_asked = on)}
            {item(|t| t.door_open, |c| c.door_kept_open, |c, on| c.door_kept_open = on)}
            <Show when=move || ro.get() fallback=move || view! {
                <button type="button" class="primary" on:click=finish>{move || t.get().finish}</button>
            }>
                <p class="notice">{move || t.get().finished_notice}</p>
                <button type="button" on:click=reopen>{move || t.get().reopen}</button>
            </Show>
        </section>
    }
}
