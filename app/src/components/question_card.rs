//! One question of the guide: its text, skip and reorder controls, its notes (editable,
//! deletable as tombstones) and the fast entry: type, pick a kind with one tap, Enter.

use leptos::prelude::*;

use crate::{
    components::{suggested, use_theme_names, ThemeSuggestions},
    domain::{Interview, Note, NoteId, NoteKind, Op, Question, QuestionId, QuestionText},
    i18n::use_texts,
    pages::{use_editor, Editor, KeptText},
    store::Draft,
};

#[component]
pub fn QuestionCard(id: QuestionId) -> impl IntoView {
    let t = use_texts();
    let editor = use_editor();
    let ro = editor.read_only();
    let qid = StoredValue::new(id);
    let question = Memo::new(move |_| {
        editor.interview.with(|iv| {
            iv.as_ref()
                .and_then(|iv| iv.guide.iter().find(|q| q.id == qid.get_value()).cloned())
        })
    });
    let title = move || match question.get().map(|q| q.text) {
        Some(QuestionText::Standard(s)) => t.get().standard_questions[s.index()].to_owned(),
        Some(QuestionText::Custom(text)) => text,
        None => String::new(),
    };
    let skipped = move || question.get().is_some_and(|q| q.skipped);
    let toggle_skip = move |_| {
        edit_guide(editor, |g| {
            g.iter_mut()
                .filter(|q| q.id == qid.get_value())
                .for_each(|q| q.skipped = !q.skipped);
            true
        })
    };
    let shift =
        move |delta: isize| edit_guide(editor, |g| Question::move_in(g, &qid.get_value(), delta));
    let notes = Memo::new(move |_| {
        editor.interview.with(|iv| {
            iv.as_ref()
                .map(|iv| iv.notes_for(&qid.get_value()).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });

    view! {
        <article class="card question" class:skipped=skipped>
            <header>
                <h3>{title}</h3>
                <div class="tools">
                    <button type="button" disabled=ro on:click=toggle_skip>{move || if skipped() { t.get().unskip } else { t.get().skip }}</button>
                    <button type="button" disabled=ro aria-label=move || t.get().move_up on:click=move |_| shift(-1)>"↑"</button>
                    <button type="button" disabled=ro aria-label=move || t.get().move_down on:click=move |_| shift(1)>"↓"</button>
                </div>
            </header>
            <ul class="notes">
                <For each=move || notes.get() key=|n| (n.id, n.updated_at) let:note>
                    <NoteRow note/>
                </For>
            </ul>
            <Show when=move || !ro.get() && !skipped()>
                <NoteEntry question=qid.get_value()/>
            </Show>
        </article>
    }
}

/// Changes the guide; `change` says whether anything changed.
fn edit_guide(editor: Editor, change: impl FnOnce(&mut Vec<Question>) -> bool) {
    editor.edit(|iv, _| {
        if change(&mut iv.guide) {
            vec![Op::Guide(iv.guide.clone())]
        } else {
            vec![]
        }
    });
}

/// The one-line entry under a question. What is typed is kept as a draft on every input,
/// so a reload loses nothing; a refused save leaves the text in the field.
#[component]
fn NoteEntry(question: QuestionId) -> impl IntoView {
    let t = use_texts();
    let editor = use_editor();
    let question = StoredValue::new(question);
    let kept = KeptText::new(editor, Draft::Note(question.get_value()));
    let text = kept.text;
    let kind = RwSignal::new(NoteKind::Observation);
    let chosen = RwSignal::new(None::<Vec<String>>);
    let add = move || {
        let Some(mut note) = Note::new(
            question.get_value(),
            kind.get_untracked(),
            &text.get_untracked(),
            crate::clock::now(),
        ) else {
            return;
        };
        note.themes = chosen.get_untracked();
        let stored = editor.edit(|iv, _| {
            iv.notes.push(note.clone());
            vec![Op::Note(note)]
        });
        if stored {
            kept.clear();
            kind.set(NoteKind::Observation);
            chosen.set(None);
        }
    };

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            add();
        }
    };

    view! {
        <div class="note-entry">
            <div class="kinds" role="group">
                {NoteKind::ALL.into_iter().map(|k| view! {
                    <button type="button" class=format!("kind kind-{}", k.index()) aria-pressed=move || (kind.get() == k).to_string()
                        on:click=move |_| kind.set(k)>{move || t.get().note_kinds[k.index()]}</button>
                }).collect_view()}
            </div>
            <div class="entry-line">
                <input type="text" enterkeyhint="enter" placeholder=move || t.get().note_placeholder
                    prop:value=text
                    on:input=move |ev| kept.set(event_target_value(&ev))
                    on:keydown=on_key/>
                <button type="button" on:click=move |_| add()>{move || t.get().add_note}</button>
            </div>
            <ThemeSuggestions text=text.into() chosen/>
        </div>
    }
}

/// A kept edit, `<kind>:<text>`; `None` when it does not read.
fn parse_edit(draft: &str) -> Option<(NoteKind, String)> {
    let (kind, text) = draft.split_once(':')?;
    let kind = NoteKind::ALL.get(kind.parse::<usize>().ok()?)?;
    Some((*kind, text.to_owned()))
}

/// The op recording note `id` as it now is, when it `changed`.
fn note_op(iv: &Interview, id: NoteId, changed: bool) -> Vec<Op> {
    let note = iv.notes.iter().find(|n| n.id == id).filter(|_| changed);
    note.cloned().map(Op::Note).into_iter().collect()
}

#[component]
fn NoteRow(note: Note) -> impl IntoView {
    let t = use_texts();
    let editor = use_editor();
    let ro = editor.read_only();
    let id: NoteId = note.id;
    // While editing, the kind and text are kept as one draft ("<kind>:<text>"), so that a
    // locked vault or a reload comes back to the open editor.
    let edit_draft = KeptText::new(editor, Draft::Edit(id));
    let edited = Memo::new(move |_| edit_draft.text.with(|d| parse_edit(d)));
    // A finished interview takes no edits: a draft left from before stays closed.
    let editing = move || !ro.get() && edited.with(Option::is_some);
    let original = StoredValue::new((note.kind, note.text.clone()));
    let shown = move || edited.get().unwrap_or_else(|| original.get_value());
    let kind = Signal::derive(move || shown().0);
    let text = Signal::derive(move || shown().1);
    let keep = move |kind: NoteKind, text: String| {
        edit_draft.set(format!("{}:{text}", kind.index()));
    };
    let save = move |_| {
        let stored = editor.edit(|iv, now| {
            let changed = iv.edit_note(id, &text.get_untracked(), kind.get_untracked(), now);
            note_op(iv, id, changed)
        });
        if stored {
            edit_draft.clear();
        }
    };
    let delete = move |_| {
        editor.edit(|iv, now| {
            let changed = iv.delete_note(id, now);
            note_op(iv, id, changed)
        });
    };
    let pick_kind = move |value: String| {
        if let Some(k) = value.parse().ok().and_then(|i: usize| NoteKind::ALL.get(i)) {
            keep(*k, text.get_untracked());
        }
    };
    let shown_kind = note.kind.index();
    // The interviewer's choice when made, the detector's suggestion otherwise.
    let names = use_theme_names();
    let keys = note
        .themes
        .clone()
        .unwrap_or_else(|| names.catalogue.with_untracked(|c| suggested(&note.text, c)));
    let themes = move || {
        keys.iter()
            .map(|k| names.name(k))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    view! {
        <li class="note">
            <Show when=editing fallback=move || view! {
                <span class=format!("chip kind-{shown_kind}")>{move || t.get().note_kinds[shown_kind]}</span>
                <span class="note-text">{note.text.clone()}</span>
                <span class="note-themes">{themes.clone()}</span>
                <span class="note-tools">
                    <button type="button" disabled=ro on:click=move |_| original.with_value(|(k, t)| keep(*k, t.clone()))>{move || t.get().edit}</button>
                    <button type="button" disabled=ro on:click=delete>{move || t.get().delete}</button>
                </span>
            }>
                <select on:change=move |ev| pick_kind(event_target_value(&ev))>
                    {NoteKind::ALL.into_iter().map(|k| view! {
                        <option value=k.index().to_string() selected=move || kind.get() == k>{move || t.get().note_kinds[k.index()]}</option>
                    }).collect_view()}
                </select>
                <input type="text" class="note-edit" prop:value=text on:input=move |ev| keep(kind.get_untracked(), event_target_value(&ev))/>
                <button type="button" on:click=save>{move || t.get().save}</button>
                <button type="button" on:click=move |_| edit_draft.clear()>{move || t.get().cancel}</button>
            </Show>
        </li>
    }
}
