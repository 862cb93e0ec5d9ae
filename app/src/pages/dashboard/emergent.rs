//! The dashboard's emergent themes: words that recur in notes no theme covers, with
//! example notes, and one click to make one a theme of HR's own (every note is tagged
//! again, so the dashboard counts it at once).

use leptos::{prelude::*, task::spawn_local};

use super::ThemeNames;
use crate::{
    api,
    domain::{Emergent, EmergentTerm, Retagged},
    i18n::use_texts,
    themes::Catalogue,
};

#[component]
pub fn EmergentSection(
    query: Signal<String>,
    reload: RwSignal<u32>,
    names: ThemeNames,
) -> impl IntoView {
    let t = use_texts();
    let found = RwSignal::new(None::<Emergent>);
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let path = format!("/dashboard/emergent{}", query.get());
        reload.track();
        spawn_local(async move {
            match api::call::<Emergent>("GET", &path, None::<&()>).await {
                Ok(e) => found.set(Some(e)),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    let make_theme = move |term: EmergentTerm| {
        message.set(None);
        spawn_local(async move {
            let added = async {
                let current = api::call::<Catalogue>("GET", "/themes", None::<&()>).await?;
                let catalogue = current.with_own_theme(&term.term, &term.keyword);
                let retagged = api::call::<Retagged>("PUT", "/themes", Some(&catalogue)).await?;
                Ok((catalogue, retagged))
            };
            match added.await {
                Ok((catalogue, retagged)) => {
                    let key = catalogue.settings.last().map(|s| s.key.clone());
                    names.set(catalogue);
                    let name = key.map(|k| names.name(&k)).unwrap_or_default();
                    error.set(None);
                    message.set(Some(
                        t.get_untracked()
                            .emergent_made
                            .replace("{theme}", &name)
                            .replace("{n}", &retagged.notes.to_string()),
                    ));
                    reload.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let terms = move || {
        found.get().map(|e| {
            if e.terms.is_empty() {
                return view! { <p>{move || t.get().emergent_none}</p> }.into_any();
            }
            let items = e.terms.into_iter().map(|term| {
                let counts = t
                    .get_untracked()
                    .emergent_counts
                    .replace("{i}", &term.interviews.to_string())
                    .replace("{n}", &term.notes.to_string());
                let examples = term
                    .examples
                    .iter()
                    .map(|n| {
                        view! {
                            <li>
                                <blockquote>{n.text.clone()}</blockquote>
                                <a class="no-print" href=format!("/archief/{}", n.interview)>{move || t.get().open_interview}</a>
                            </li>
                        }
                    })
                    .collect_view();
                let label = term.term.clone();
                let related = (!term.related.is_empty()).then(|| {
                    let words = term.related.join(", ");
                    view! { <p class="related">{move || t.get().emergent_related} " " {words.clone()}</p> }
                });
                view! {
                    <li class="emergent-term">
                        <div class="emergent-head">
                            <strong>{label}</strong>
                            <span class="meta">{counts}</span>
                            <button type="button" class="no-print" on:click=move |_| make_theme(term.clone())>
                                {move || t.get().emergent_make_theme}
                            </button>
                        </div>
                        {related}
                        <ul class="emergent-examples">{examples}</ul>
                    </li>
                }
            });
            view! { <ul class="emergent">{items.collect_view()}</ul> }.into_any()
        })
    };
    let hint = move || {
        let read = found.with(|e| e.as_ref().map_or(0, |e| e.notes_read));
        t.get().emergent_hint.replace("{n}", &read.to_string())
    };
    view! {
        <section class="panel emergent-panel" aria-labelledby="emergent-title">
            <h2 id="emergent-title">{move || t.get().emergent_title}</h2>
            <p class="hint">{hint}</p>
            <p class="status" role="status">{move || message.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            {terms}
        </section>
    }
}
