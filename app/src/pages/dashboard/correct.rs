//! One note on a theme page with its themes and tone, and HR's correction of them: a
//! fieldset of the enabled themes and the three tones, saved with
//! `PUT /api/v1/notes/{id}/themes`. The stored correction wins over the detector and is
//! training data for the next model version.

use leptos::{prelude::*, task::spawn_local};

use super::{share::ShareNote, ThemeNames};
use crate::{
    api,
    domain::{ThemeCorrection, ThemeNote},
    i18n::use_texts,
    themes::Sentiment,
};

const TONES: [Sentiment; 3] = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];

fn tone_index(s: Sentiment) -> usize {
    TONES.iter().position(|t| *t == s).unwrap_or(1)
}

/// A note card whose themes and tone HR can correct.
#[component]
pub fn CorrectableNote(note: ThemeNote, names: ThemeNames) -> impl IntoView {
    let t = use_texts();
    let kind = note.kind.index();
    let share = view! { <ShareNote note=note.clone()/> };
    let date = note
        .leaving_date
        .map(|d| d.format("%m-%Y").to_string())
        .unwrap_or_default();
    let id = note.note;
    let stored = RwSignal::new(ThemeCorrection {
        text: note.text.clone(),
        themes: note.themes.clone(),
        sentiment: note.sentiment,
    });
    let corrected = RwSignal::new(note.corrected);
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(stored.get_untracked());
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let form_id = format!("correct-{id}");
    let controls = form_id.clone();
    // Back to the button that opened the form, so keyboard users keep their place.
    let close = move || {
        editing.set(false);
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    let chips = move || {
        stored
            .get()
            .themes
            .into_iter()
            .map(|k| view! { <li class="chip">{names.name(&k)}</li> })
            .collect_view()
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let correction = draft.get_untracked();
        spawn_local(async move {
            let path = format!("/notes/{id}/themes");
            match api::call::<ThemeCorrection>("PUT", &path, Some(&correction)).await {
                Ok(saved) => {
                    stored.set(saved);
                    corrected.set(true);
                    close();
                    error.set(None);
                    message.set(Some(t.get_untracked().correction_saved.to_owned()));
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
            busy.set(false);
        });
    };
    let theme_box = move |key: String| {
        let checked = {
            let key = key.clone();
            move || draft.with(|d| d.themes.contains(&key))
        };
        let name = names.name(&key);
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| {
                            d.themes.retain(|k| *k != key);
                            if on {
                                d.themes.push(key.clone());
                            }
                        });
                    }/>
                <span>{name}</span>
            </label>
        }
    };
    let tone_radio = move |i: usize| {
        view! {
            <label class="check">
                <input type="radio" name=format!("tone-{id}") prop:checked=move || draft.with(|d| tone_index(d.sentiment) == i)
                    on:change=move |_| draft.update(|d| d.sentiment = TONES[i])/>
                <span>{move || t.get().tones[i]}</span>
            </label>
        }
    };
    let form = move || {
        editing.get().then(|| {
            view! {
                <form class="correct-themes" id=form_id.clone() on:submit=save>
                    <fieldset>
                        <legend>{move || t.get().correct_themes}</legend>
                        <p class="hint">{move || t.get().correct_themes_hint}</p>
                        <div class="theme-choices">{names.enabled_keys().into_iter().map(theme_box).collect_view()}</div>
                    </fieldset>
                    <fieldset>
                        <legend>{move || t.get().tone}</legend>
                        <div class="theme-choices">{(0..3).map(tone_radio).collect_view()}</div>
                    </fieldset>
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || busy.get()>{move || t.get().save}</button>
                        <button type="button" on:click=move |_| close()>{move || t.get().cancel}</button>
                    </div>
                </form>
            }
        })
    };
    view! {
        <li class="theme-note" data-note=id.to_string()>
            <span class="kind">{move || t.get().note_kinds[kind]}</span>
            <blockquote>{note.text}</blockquote>
            <ul class="chips" aria-label=move || t.get().dashboard_theme>{chips}</ul>
            <p class="meta">
                {move || t.get().tone} ": " {move || t.get().tones[tone_index(stored.get().sentiment)]}
                {move || corrected.get().then(|| view! { " · " <strong>{t.get().corrected_by_hr}</strong> })}
            </p>
            <p class="meta">
                {note.department} " · " {date} " · "
                <a href=format!("/archief/{}", note.interview)>{move || t.get().open_interview}</a>
            </p>
            <p class="no-print">
                <button type="button" class="link-button" node_ref=toggle aria-controls=controls
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| {
                        // A theme switched off since cannot be chosen again.
                        let enabled = names.enabled_keys();
                        let mut start = stored.get_untracked();
                        start.themes.retain(|k| enabled.contains(k));
                        draft.set(start);
                        message.set(None);
                        editing.update(|e| *e = !*e);
                    }>
                    {move || t.get().correct_themes}
                </button>
            </p>
            {form}
            {share}
            <p role="status">{move || message.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
        </li>
    }
}
