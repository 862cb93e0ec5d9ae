//! `/dashboard/<theme>` (HR): the quotes, suggestions and examples behind one theme, for
//! the dashboard's filter (carried in the query string), each with a link to its interview,
//! its themes and tone, which HR can correct.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::{use_location, use_params_map};

use super::dashboard::CorrectableNote;
use crate::{api, domain::ThemeDetail, i18n::use_texts};

#[component]
pub fn ThemeNotes() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let location = use_location();
    let theme = move || params.with(|p| p.get("theme").unwrap_or_default());
    let detail = RwSignal::new(None::<ThemeDetail>);
    let error = RwSignal::new(None::<String>);
    let names = super::dashboard::use_theme_names();
    // The router gives the query string without its `?`.
    let query = move || {
        let search = location.search.get();
        if search.is_empty() {
            search
        } else {
            format!("?{search}")
        }
    };
    Effect::new(move |_| {
        let path = format!(
            "/dashboard/themes/{}{}",
            super::archive::encode(&theme()),
            query()
        );
        spawn_local(async move {
            match api::call::<ThemeDetail>("GET", &path, None::<&()>).await {
                Ok(d) => detail.set(Some(d)),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    let back = move || format!("/dashboard{}", query());
    let notes = move || {
        detail.get().map(|d| {
            if d.notes.is_empty() {
                return view! { <p>{t.get().theme_notes_empty}</p> }.into_any();
            }
            d.notes
                .into_iter()
                .map(|note| view! { <CorrectableNote note=note names=names/> })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <section class="page wide-page">
            <p class="no-print"><a href=back>{move || t.get().back_to_dashboard}</a></p>
            <h1>{move || t.get().theme_notes_title} " " {move || names.name(&theme())}</h1>
            <p>{move || detail.get().map(|d| d.interviews)} " " {move || t.get().dashboard_count}</p>
            <p class="no-print">
                <a href=move || format!("/verbeterplan?thema={}", super::archive::encode(&theme()))>{move || t.get().plan_actions_on_theme}</a>
                " · "
                <a href=move || format!("/verbeterplan?thema={}&nieuw=1", super::archive::encode(&theme()))>{move || t.get().plan_start_action}</a>
            </p>
            <p class="error" role="alert">{move || error.get()}</p>
            <ul class="theme-notes">{notes}</ul>
        </section>
    }
}
