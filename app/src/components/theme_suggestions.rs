//! Themes suggested live while a note is typed (the shared detector, offline, under HR's
//! theme settings as the last sync brought them), which the interviewer can correct: tapping
//! a theme removes it, the menu adds one. Once corrected, the choice is kept with the note
//! and wins over the detector, on the server too.

use leptos::prelude::*;

use crate::{
    i18n::{use_texts, Lang, LangSignal},
    sync::agent::SyncAgent,
    themes::Catalogue,
};

/// The theme keys `catalogue` finds in `text`, as the server will tag it.
pub fn suggested(text: &str, catalogue: &Catalogue) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let (tags, _) = catalogue.tag(text, None);
    tags.into_iter().map(|t| t.theme).collect()
}

/// HR's theme settings as the last sync brought them, and a theme's name under them in the
/// chosen language.
#[derive(Clone, Copy)]
pub struct ThemeNames {
    pub catalogue: Signal<Catalogue>,
    lang: Signal<Lang>,
}

/// The [`ThemeNames`] of this page: from the sync agent and the language switch (the
/// shipped themes in Dutch where there are none).
pub fn use_theme_names() -> ThemeNames {
    let catalogue = use_context::<SyncAgent>()
        .map(|agent| agent.catalogue.into())
        .unwrap_or_else(|| Signal::stored(Catalogue::default()));
    let lang = use_context::<LangSignal>()
        .map(|l| l.0.into())
        .unwrap_or_else(|| Signal::stored(Lang::default()));
    ThemeNames { catalogue, lang }
}

impl ThemeNames {
    pub fn name(self, key: &str) -> String {
        let lang = self.lang.get();
        self.catalogue.with(|c| c.name(key, lang))
    }
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
    let names = use_theme_names();
    let detected = Memo::new(move |_| text.with(|s| names.catalogue.with(|c| suggested(s, c))));
    let shown = Memo::new(move |_| chosen.get().unwrap_or_else(|| detected.get()));
    let toggle = move |key: &str| chosen.set(Some(toggled(&shown.get_untracked(), key)));
    let label = move |key: &str| names.name(key);
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
                    <For each=move || names.catalogue.with(Catalogue::enabled_keys) key=|k| k.clone() let:key>
                        {
                            let value = key.clone();
                            view! { <option value=value>{move || names.name(&key)}</option> }
                        }
                    </For>
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
        let shipped = Catalogue::default();
        assert_eq!(suggested("  ", &shipped), Vec::<String>::new());
        assert_eq!(suggested("De werkdruk was te hoog", &shipped), ["workload"]);
        // HR switched workload off and made a theme of its own: the tablet follows.
        let hr = Catalogue {
            settings: vec![crate::themes::ThemeSetting {
                key: "workload".into(),
                label_nl: String::new(),
                label_en: String::new(),
                enabled: false,
                keywords: vec![],
            }],
        }
        .with_own_theme("Laptops", "laptop");
        assert_eq!(
            suggested("De werkdruk was te hoog en de laptop traag", &hr),
            ["laptops"]
        );
        let keys = hr.enabled_keys();
        assert!(!keys.contains(&"workload".to_owned()));
        assert_eq!(keys.len(), 14);
        assert_eq!(keys.last().map(String::as_str), Some("laptops"));
        let shown = vec!["workload".to_owned(), "pay".to_owned()];
        assert_eq!(toggled(&shown, "pay"), ["workload"]);
        assert_eq!(toggled(&shown, "manager"), ["workload", "pay", "manager"]);
    }
}
