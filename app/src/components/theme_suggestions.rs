//! Themes suggested live while a note is typed (the shared detector, offline), which the
//! interviewer can correct: tapping a theme removes it, the menu adds one. Once corrected,
//! the choice is kept with the note and wins over the detector, on the server too.

use leptos::prelude::*;

use crate::{domain::ThemeId, i18n::use_texts, themes::detect};

/// The theme keys the detector finds in `text`.
pub fn suggested(text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    detect(text, None)
        .theme_ids()
        .into_iter()
        .map(|t| t.key().to_owned())
        .collect()
}

/// `shown` without `key`, or with it added at the end.
pub fn toggled(shown: &[String], key: &str) -> Vec<String> {
    if shown.iter().any(|k| k == key) {
        shown.iter().filter(|k| *k != key).cloned().collect()
    } else {
        shown.iter().cloned().chain([key.to_owned()]).collect()
    }
}

#[component]
pub fn ThemeSuggestions(
    text: Signal<String>,
    /// `None` while the interviewer follows the suggestion.
    chosen: RwSignal<Option<Vec<String>>>,
) -> impl IntoView {
    let t = use_texts();
    let detected = Memo::new(move |_| text.with(|s| suggested(s)));
    let shown = Memo::new(move |_| chosen.get().unwrap_or_else(|| detected.get()));
    let toggle = move |key: &str| chosen.set(Some(toggled(&shown.get_untracked(), key)));
    let label = move |key: &str| t.get().theme_label(key);
    view! {
        <Show when=move || !text.with(|s| s.trim().is_empty())>
            <div class="theme-suggestions">
                <span class="hint">{move || t.get().suggested_themes}</span>
                <For each=move || shown.get() key=|k| k.clone() let:key>
                    {
                        let name = key.clone();
                        view! {
                            <button type="button" class="chip theme-chip"
                                aria-label=move || format!("{} {}", t.get().remove_theme, label(&name))
                                on:click=move |_| toggle(&key)>{label(&key)} " ✕"</button>
                        }
                    }
                </For>
                <select class="add-theme" aria-label=move || t.get().add_theme_to_note
                    prop:value=""
                    on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if !key.is_empty() {
                            toggle(&key);
                        }
                    }>
                    <option value="">{move || t.get().add_theme_to_note}</option>
                    {ThemeId::ALL.iter().map(|id| {
                        let i = id.index();
                        view! { <option value=id.key()>{move || t.get().themes[i]}</option> }
                    }).collect_view()}
                </select>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_the_text_and_a_tap_toggles_a_theme() {
        assert_eq!(suggested("  "), Vec::<String>::new());
        assert_eq!(suggested("De werkdruk was te hoog"), ["workload"]);
        let shown = vec!["workload".to_owned(), "pay".to_owned()];
        assert_eq!(toggled(&shown, "pay"), ["workload"]);
        assert_eq!(toggled(&shown, "manager"), ["workload", "pay", "manager"]);
    }
}
