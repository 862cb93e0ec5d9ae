//! The opening: the confidentiality text (editable), "besproken", consent, and the start.

use std::time::Duration;

use leptos::prelude::*;

use crate::{
    domain::{Op, Status},
    i18n::use_texts,
    pages::{use_editor, KeptText},
    store::Draft,
};

/// How long typing must pause before the text becomes a change of the interview.
const PAUSE: Duration = Duration::from_millis(400);

/// A draft of the text, never empty, so that an emptied field is a draft too.
fn encode(text: &str) -> String {
    format!("={text}")
}

fn decode(draft: &str) -> Option<String> {
    draft.strip_prefix('=').map(str::to_owned)
}

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
        })
    };
    // The text is rewritten with the whole interview, too much for every key: what is typed
    // is kept as a draft on every key and becomes the interview's change after a pause, on
    // leaving the field, when the page goes, and when a draft is found left.
    let typed = KeptText::new(editor, Draft::Confidentiality);
    let commit = move || {
        let Some(text) = typed.text.with_untracked(|t| decode(t)) else {
            return;
        };
        if set(|o, text, _| o.confidentiality_text = text, text, false) {
            typed.clear();
        }
    };
    let keys = StoredValue::new(0u64);
    let on_input = move |value: String| {
        typed.set(encode(&value));
        keys.update_value(|k| *k += 1);
        let key = keys.get_value();
        set_timeout(
            move || {
                if keys.try_get_value() == Some(key) {
                    commit();
                }
            },
            PAUSE,
        );
    };
    // A draft read back before anything was typed here was left by an earlier page.
    Effect::new(move |_| {
        if typed.text.with(|t| !t.is_empty()) && keys.get_value() == 0 {
            commit();
        }
    });
    on_cleanup(commit);
    let shown = move || {
        typed
            .text
            .with(|t| decode(t))
            .unwrap_or_else(|| opening().confidentiality_text)
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
                <textarea rows="4" disabled=ro prop:value=shown
                    on:input=move |ev| on_input(event_target_value(&ev)) on:blur=move |_| commit()></textarea>
            </label>
            <label class="check">
                <input type="checkbox" disabled=ro prop:checked=move || opening().discussed
                    on:change=move |ev| { set(|o, _, on| o.discussed = on, String::new(), event_target_checked(&ev)); }/>
                {move || t.get().discussed}
            </label>
            <label class="check">
                <input type="checkbox" disabled=ro prop:checked=move || opening().consent
                    on:change=move |ev| { set(|o, _, on| o.consent = on, String::new(), event_target_checked(&ev)); }/>
                {move || t.get().consent}
            </label>
            <Show when=move || !started()>
                <button type="button" class="primary" on:click=start>{move || t.get().start_talk}</button>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emptied_field_is_a_draft_and_no_draft_is_none() {
        for text in ["", "Vertrouwelijk.", "=begint met ="] {
            assert_eq!(decode(&encode(text)).as_deref(), Some(text));
        }
        assert_eq!(decode(""), None);
    }
}
