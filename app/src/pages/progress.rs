//! `/voortgang/<token>`: a department's progress page as HR published it, for anyone with the
//! link and no account: the actions for that department, their status, latest progress and
//! effect (anonymised by the server). Printable; an unknown, expired or revoked link says so.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_params_map;

use super::plan::{effect::EffectView, period};
use crate::{
    api,
    domain::{Millis, ProgressPage, PublicAction},
    i18n::{use_texts, Lang, LangSignal},
};

/// `31-12-2026`, the day of `at` (UTC).
pub(super) fn day_of(at: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(at)
        .map(|t| t.date_naive().format("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

fn print_page() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

#[component]
pub fn ProgressPublic() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    // `None` while loading, then the page or the failure.
    let page = RwSignal::new(None::<Result<ProgressPage, api::ApiFailure>>);
    Effect::new(move |_| {
        let token = params.with(|p| p.get("token").unwrap_or_default());
        spawn_local(async move {
            let path = format!("/public/progress/{token}");
            page.set(Some(
                api::call::<ProgressPage>("GET", &path, None::<&()>).await,
            ));
        });
    });
    let body = move || match page.get() {
        None => ().into_any(),
        Some(Err(e)) if e.status() == Some(404) => {
            view! { <p class="error" role="alert">{move || t.get().progress_gone}</p> }.into_any()
        }
        Some(Err(e)) => {
            view! { <p class="error" role="alert">{move || t.get().api_failure(&e)}</p> }.into_any()
        }
        Some(Ok(p)) => view! { <Published page=p/> }.into_any(),
    };
    view! {
        <section class="page wide-page progress-public">
            <h1>{move || t.get().progress_title}</h1>
            {body}
        </section>
    }
}

#[component]
fn Published(page: ProgressPage) -> impl IntoView {
    let t = use_texts();
    let department = page.department.clone();
    let until = day_of(page.expires_at);
    let lead = {
        let department = department.clone();
        move || t.get().progress_lead.replace("{department}", &department)
    };
    let actions = if page.actions.is_empty() {
        view! { <p>{move || t.get().progress_empty}</p> }.into_any()
    } else {
        let cards = page
            .actions
            .into_iter()
            .map(|action| view! { <PublicCard action/> })
            .collect_view();
        view! { <ul class="actions-list">{cards}</ul> }.into_any()
    };
    view! {
        <p class="lead">{lead}</p>
        <p class="no-print">
            <button type="button" on:click=|_| print_page()>{move || t.get().progress_print}</button>
        </p>
        <h2>{department}</h2>
        {actions}
        <p class="meta">{move || t.get().progress_anonymous}</p>
        <p class="meta">{move || t.get().progress_until.replace("{date}", &until)}</p>
    }
}

#[component]
fn PublicCard(action: PublicAction) -> impl IntoView {
    let t = use_texts();
    let lang = use_context::<LangSignal>().map(|l| l.0);
    let status = action.status.index();
    let dates = period(action.start, action.due);
    let themes = action
        .themes
        .into_iter()
        .map(|label| {
            let name = move || match lang.map_or(Lang::Nl, |l| l.get()) {
                Lang::Nl => label.nl.clone(),
                Lang::En => label.en.clone(),
            };
            view! { <li class="chip">{name}</li> }
        })
        .collect_view();
    let latest = match action.latest {
        Some(u) => {
            let on = u.on.format("%d-%m-%Y").to_string();
            view! { <p><span class="meta">{on}</span> " " {u.text}</p> }.into_any()
        }
        None => view! { <p class="meta">{move || t.get().plan_no_updates}</p> }.into_any(),
    };
    view! {
        <li class="action-card">
            <h3>{action.title}</h3>
            <p class="meta">
                <span class=format!("status status-{}", action.status.key())>{move || t.get().plan_statuses[status]}</span>
                " · " {dates}
            </p>
            <ul class="chips" aria-label=move || t.get().plan_themes>{themes}</ul>
            <p class="description">{action.description}</p>
            <EffectView effect=action.effect/>
            <h4>{move || t.get().progress_latest}</h4>
            {latest}
        </li>
    }
}
