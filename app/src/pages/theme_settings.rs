//! `/beheer/themas` (HR): the theme list as HR wants it. Built-in themes can be renamed,
//! switched off or given extra keywords; HR can add themes of its own with keywords. Saving
//! tags every stored note again, so the dashboard follows at once. Below: the theme model's
//! versions, trained with HR's corrections, to compare and switch between.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api,
    domain::{Retagged, ThemeId},
    i18n::{use_texts, Texts},
    themes::{Catalogue, ThemeSetting},
};

/// One row of the form, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Row {
    key: String,
    builtin: bool,
    enabled: bool,
    label_nl: String,
    label_en: String,
    /// Comma-separated.
    keywords: String,
}

impl Row {
    fn from_setting(s: &ThemeSetting) -> Self {
        Self {
            key: s.key.clone(),
            builtin: ThemeId::from_key(&s.key).is_some(),
            enabled: s.enabled,
            label_nl: s.label_nl.clone(),
            label_en: s.label_en.clone(),
            keywords: s.keywords.join(", "),
        }
    }

    /// The setting to store; `None` for a built-in theme left as shipped.
    fn setting(&self) -> Option<ThemeSetting> {
        let keywords: Vec<String> = self
            .keywords
            .split(',')
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect();
        let label_nl = self.label_nl.trim().to_owned();
        let label_en = self.label_en.trim().to_owned();
        let as_shipped = self.builtin
            && self.enabled
            && label_nl.is_empty()
            && label_en.is_empty()
            && keywords.is_empty();
        let key = if self.key.is_empty() {
            crate::themes::catalogue::key_for(&label_nl, &label_en)
        } else {
            self.key.clone()
        };
        (!as_shipped).then_some(ThemeSetting {
            key,
            label_nl,
            label_en,
            enabled: self.enabled,
            keywords,
        })
    }
}

/// The built-in themes first (in their order, with HR's settings), then HR's own.
fn rows_of(catalogue: &Catalogue) -> Vec<Row> {
    let mut rows: Vec<Row> = ThemeId::ALL
        .iter()
        .map(|id| match catalogue.setting(id.key()) {
            Some(s) => Row::from_setting(s),
            None => Row {
                key: id.key().into(),
                builtin: true,
                enabled: true,
                ..Row::default()
            },
        })
        .collect();
    rows.extend(
        catalogue
            .settings
            .iter()
            .filter(|s| ThemeId::from_key(&s.key).is_none())
            .map(Row::from_setting),
    );
    rows
}

#[component]
pub fn ThemeSettingsPage() -> impl IntoView {
    let t = use_texts();
    let rows = RwSignal::new(Vec::<Row>::new());
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        spawn_local(async move {
            match api::call::<Catalogue>("GET", "/themes", None::<&()>).await {
                Ok(c) => rows.set(rows_of(&c)),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let catalogue = Catalogue {
            settings: rows
                .get_untracked()
                .iter()
                .filter_map(Row::setting)
                .collect(),
        };
        message.set(None);
        spawn_local(async move {
            match api::call::<Retagged>("PUT", "/themes", Some(&catalogue)).await {
                Ok(r) => {
                    error.set(None);
                    message.set(Some(
                        t.get_untracked()
                            .retagged
                            .replace("{n}", &r.notes.to_string()),
                    ));
                    // Keys of new themes were made from their labels: show them as stored.
                    rows.set(rows_of(&catalogue));
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let text = move |i: usize,
                     get: fn(&Row) -> String,
                     set: fn(&mut Row, String),
                     label: fn(&Texts) -> &'static str,
                     placeholder: String| {
        view! {
            <input aria-label=move || label(t.get()) placeholder=placeholder prop:value=move || rows.with(|r| r.get(i).map(get).unwrap_or_default())
                on:input=move |ev| rows.update(|r| if let Some(row) = r.get_mut(i) { set(row, event_target_value(&ev)) })/>
        }
    };
    let line = move |i: usize| {
        let row = rows
            .with_untracked(|r| r.get(i).cloned())
            .unwrap_or_default();
        let shipped = ThemeId::from_key(&row.key).map(|id| id.index());
        let name = move || match shipped {
            Some(n) => t.get().themes[n].to_owned(),
            None => rows.with(|r| r.get(i).map(|r| r.label_nl.clone()).unwrap_or_default()),
        };
        let placeholder = |nl: bool| {
            shipped
                .map(|n| {
                    if nl {
                        crate::i18n::Lang::Nl
                    } else {
                        crate::i18n::Lang::En
                    }
                    .texts()
                    .themes[n]
                        .to_owned()
                })
                .unwrap_or_default()
        };
        view! {
            <tr>
                <td>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || rows.with(|r| r.get(i).is_some_and(|r| r.enabled))
                            on:change=move |ev| rows.update(|r| if let Some(row) = r.get_mut(i) { row.enabled = event_target_checked(&ev) })/>
                        <span>{name}</span>
                    </label>
                </td>
                <td>{text(i, |r| r.label_nl.clone(), |r, v| r.label_nl = v, |t| t.label_nl, placeholder(true))}</td>
                <td>{text(i, |r| r.label_en.clone(), |r, v| r.label_en = v, |t| t.label_en, placeholder(false))}</td>
                <td>{text(i, |r| r.keywords.clone(), |r, v| r.keywords = v, |t| t.keywords, String::new())}</td>
            </tr>
        }
    };
    view! {
        <section class="page wide-page">
            <h1>{move || t.get().themes_title}</h1>
            <p class="hint">{move || t.get().themes_hint}</p>
            <form class="theme-settings" on:submit=save>
                <table class="figures">
                    <thead><tr>
                        <th scope="col">{move || t.get().dashboard_theme}</th>
                        <th scope="col">{move || t.get().label_nl}</th>
                        <th scope="col">{move || t.get().label_en}</th>
                        <th scope="col">{move || t.get().keywords}</th>
                    </tr></thead>
                    <tbody>{move || (0..rows.with(Vec::len)).map(line).collect_view()}</tbody>
                </table>
                <div class="actions">
                    <button type="button" on:click=move |_| rows.update(|r| r.push(Row { enabled: true, ..Row::default() }))>
                        {move || t.get().add_theme}
                    </button>
                    <button type="submit" class="primary">{move || t.get().save}</button>
                </div>
                <p role="status">{move || message.get()}</p>
                <p class="error" role="alert">{move || error.get()}</p>
            </form>
            <super::theme_models::ModelVersions/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_built_in_themes_and_every_own_theme_are_stored() {
        let shipped = Row {
            key: "pay".into(),
            builtin: true,
            enabled: true,
            ..Row::default()
        };
        assert_eq!(shipped.setting(), None);
        let off = Row {
            enabled: false,
            ..shipped.clone()
        };
        assert_eq!(off.setting().map(|s| s.enabled), Some(false));
        let own = Row {
            enabled: true,
            label_nl: "Parkeren".into(),
            keywords: "parkeer, *parkeerplaats ,".into(),
            ..Row::default()
        };
        let s = own.setting().expect("stored");
        assert_eq!((s.key.as_str(), s.keywords.len()), ("parkeren", 2));
        let catalogue = Catalogue {
            settings: vec![off.setting().expect("off"), s],
        };
        let rows = rows_of(&catalogue);
        assert_eq!(rows.len(), ThemeId::ALL.len() + 1);
        assert!(!rows[ThemeId::Pay.index()].enabled);
    }
}
