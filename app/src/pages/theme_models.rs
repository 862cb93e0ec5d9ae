//! The theme model's versions on `/beheer/themas` (HR): each with its scores on the corpus's
//! test notes; "Vergelijken" shows the version in use beside the chosen one and how many
//! notes switching would tag otherwise, and "Overstappen" switches (every note is tagged again).

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api,
    domain::{ModelFigures, ModelPreview, ModelVersion, Retagged},
    i18n::{use_texts, Texts},
};

fn percent(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

fn day(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

/// The figures of a version as table cells.
fn figure_cells(f: ModelFigures) -> impl IntoView {
    view! {
        <td>{percent(f.micro_f1)}</td>
        <td>{percent(f.precision)}</td>
        <td>{percent(f.recall)}</td>
        <td>{percent(f.sentiment)}</td>
    }
}

fn figure_headers(t: Signal<&'static Texts>) -> impl IntoView {
    view! {
        <th scope="col">"F1"</th>
        <th scope="col">{move || t.get().model_precision}</th>
        <th scope="col">{move || t.get().model_recall}</th>
        <th scope="col">{move || t.get().model_tone}</th>
    }
}

#[component]
pub fn ModelVersions() -> impl IntoView {
    let t = use_texts();
    let versions = RwSignal::new(None::<Vec<ModelVersion>>);
    let preview = RwSignal::new(None::<ModelPreview>);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // Switching tags every note again: once per click.
    let busy = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            match api::call::<Vec<ModelVersion>>("GET", "/themes/models", None::<&()>).await {
                Ok(v) => versions.set(Some(v)),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    Effect::new(move |_| load());
    let compare = move |id: i64| {
        message.set(None);
        spawn_local(async move {
            let path = format!("/themes/models/{id}/preview");
            match api::call::<ModelPreview>("GET", &path, None::<&()>).await {
                Ok(p) => {
                    error.set(None);
                    preview.set(Some(p));
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let switch = move |id: i64| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let path = format!("/themes/models/{id}/activate");
            match api::call::<Retagged>("POST", &path, None::<&()>).await {
                Ok(r) => {
                    error.set(None);
                    preview.set(None);
                    message.set(Some(
                        t.get_untracked()
                            .model_switched
                            .replace("{n}", &r.notes.to_string()),
                    ));
                    load();
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
            busy.set(false);
        });
    };
    let row = move |v: ModelVersion| {
        let id = v.id;
        let name = {
            let v = v.clone();
            move || version_name(t.get(), &v)
        };
        view! {
            <tr>
                <td class:active=v.active title=v.label.clone()>{name}</td>
                <td>{day(v.created_at)}</td>
                <td>{v.corrections}</td>
                {figure_cells(v.figures)}
                <td>
                    {if v.active {
                        view! { <strong>{move || t.get().model_in_use}</strong> }.into_any()
                    } else {
                        view! { <button type="button" on:click=move |_| compare(id)>{move || t.get().model_compare}</button> }.into_any()
                    }}
                </td>
            </tr>
        }
    };
    let table = move || {
        versions.get().map(|v| {
            if v.is_empty() {
                return view! { <p>{move || t.get().models_none}</p> }.into_any();
            }
            view! {
                <table class="figures models">
                    <thead><tr>
                        <th scope="col">{move || t.get().model_version}</th>
                        <th scope="col">{move || t.get().model_trained}</th>
                        <th scope="col">{move || t.get().model_corrections}</th>
                        {figure_headers(t)}
                        <th scope="col"><span class="visually-hidden">{move || t.get().model_in_use}</span></th>
                    </tr></thead>
                    <tbody>{v.into_iter().map(row).collect_view()}</tbody>
                </table>
            }
            .into_any()
        })
    };
    let comparison = move || {
        preview.get().map(|p| {
            let id = p.candidate.id;
            let line = move |name: &'static str, v: ModelVersion| {
                let label = version_name(t.get(), &v);
                view! { <tr><th scope="row">{name} ": " {label}</th>{figure_cells(v.figures)}</tr> }
            };
            let changes = t
                .get()
                .model_changes
                .replace("{changed}", &p.notes_changed.to_string())
                .replace("{notes}", &p.notes.to_string());
            view! {
                <div class="model-compare panel">
                    <table class="figures">
                        <thead><tr><th scope="col">{move || t.get().model_version}</th>{figure_headers(t)}</tr></thead>
                        <tbody>
                            {p.current.map(|c| line(t.get().model_current, c))}
                            {line(t.get().model_candidate, p.candidate)}
                        </tbody>
                    </table>
                    <p>{changes}</p>
                    <div class="actions">
                        <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| switch(id)>{move || t.get().model_switch}</button>
                        <button type="button" on:click=move |_| preview.set(None)>{move || t.get().cancel}</button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <section class="theme-models" aria-labelledby="models-title">
            <h2 id="models-title">{move || t.get().models_title}</h2>
            <p class="hint">{move || t.get().models_hint}</p>
            {table}
            {comparison}
            <p role="status">{move || message.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// A version as HR reads it: the built-in model, or "Versie 3" (the technical label is its
/// tooltip).
fn version_name(t: &Texts, v: &ModelVersion) -> String {
    if v.is_built_in() {
        t.model_built_in.to_owned()
    } else {
        format!("{} {}", t.model_version, v.id)
    }
}
