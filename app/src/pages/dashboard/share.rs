//! HR marking a quote or suggestion "delen" on a theme page, with the text as a manager would
//! read it (`PUT /api/v1/notes/{id}/share`). Managers read only that scrubbed text, only from
//! departments with enough interviews, and only while the note's text stays as marked.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api,
    domain::{NoteKind, NoteShare, ThemeNote},
    i18n::use_texts,
};

/// The "delen" control of one note; nothing for kinds managers never read.
#[component]
pub fn ShareNote(note: ThemeNote) -> impl IntoView {
    let t = use_texts();
    let shareable = matches!(note.kind, NoteKind::Quote | NoteKind::Suggestion);
    let shared = RwSignal::new(note.shared);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = note.note;
    let text = note.text;
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let share = NoteShare {
            text: text.clone(),
            shared: !shared.get_untracked(),
        };
        spawn_local(async move {
            let path = format!("/notes/{id}/share");
            match api::call::<NoteShare>("PUT", &path, Some(&share)).await {
                Ok(stored) => {
                    shared.set(stored.shared);
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
            busy.set(false);
        });
    };
    shareable.then(|| {
        view! {
            <div class="share-note">
                <p class="meta">{move || t.get().manager_reads}</p>
                <blockquote class="scrubbed">{note.scrubbed}</blockquote>
                <p class="no-print">
                    <button type="button" aria-pressed=move || shared.get().to_string()
                        disabled=move || busy.get() on:click=toggle>
                        {move || if shared.get() { t.get().unshare_note } else { t.get().share_note }}
                    </button>
                    " "
                    <span role="status">{move || shared.get().then(|| t.get().shared_with_managers)}</span>
                </p>
                <p class="error" role="alert">{move || error.get()}</p>
            </div>
        }
    })
}
