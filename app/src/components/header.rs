//! The top bar: app name, navigation, the language switch (remembered on the device) and
//! who is logged in, with logging out (which offers to clear a shared tablet).

// Either, not AnyView: each AnyView adds a whole async-hydration copy of its view to the wasm.
use leptos::{either::Either, prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;

use crate::{
    domain::Role,
    i18n::{use_texts, Lang, LangSignal},
    session::use_session,
};

#[component]
pub fn Header() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let vaults = crate::vault::use_vaults();
    let lang = use_context::<LangSignal>().map(|l| l.0);
    let switch = move |_| {
        let Some(lang) = lang else { return };
        let next = match lang.get_untracked() {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        };
        lang.set(next);
        // A language that is not remembered is a small loss; the switch still works.
        crate::prefs::set_lang(next.code());
    };
    let is_hr = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Hr))
    };
    let sees_insights = move || {
        session.user.with(|u| {
            u.as_ref()
                .is_some_and(|u| matches!(u.role, Role::Hr | Role::Manager))
        })
    };
    let account = move || match session.user.get() {
        Some(user) => Either::Left(view! { <LogoutButton name=user.name.to_string()/> }),
        None => {
            Either::Right(view! { <a class="account" href="/inloggen">{t.get().nav_login}</a> })
        }
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Exitgesprek"</a>
            <nav>
                <a href="/gesprekken">{move || t.get().nav_interviews}</a>
                <Show when=move || session.user.with(Option::is_some)>
                    <a href="/archief">{move || t.get().nav_archive}</a>
                </Show>
                <Show when=sees_insights>
                    <a href="/inzichten">{move || t.get().nav_insights}</a>
                    <a href="/verbeterplan">{move || t.get().nav_plan}</a>
                </Show>
                <Show when=is_hr>
                    <a href="/dashboard">{move || t.get().nav_dashboard}</a>
                    <a href="/beheer/gebruikers">{move || t.get().nav_users}</a>
                    <a href="/beheer/themas">{move || t.get().nav_themes}</a>
                    <a href="/beheer/inzagelog">{move || t.get().nav_audit}</a>
                </Show>
            </nav>
            <Show when=move || vaults.open.get().is_some()>
                <button type="button" class="lock" on:click=move |_| spawn_local(vaults.lock())>
                    {move || t.get().vault_lock}
                </button>
            </Show>
            {account}
            <button type="button" class="lang" on:click=switch>{move || t.get().lang_switch}</button>
        </header>
    }
}

/// "Uitloggen", then a small panel: confirm, optionally clearing the synced interviews.
#[component]
fn LogoutButton(name: String) -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let vaults = crate::vault::use_vaults();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let remove_synced = RwSignal::new(true);
    let message = RwSignal::new(None::<String>);
    let confirm = move |_| {
        let texts = t.get_untracked();
        let navigate = navigate.clone();
        spawn_local(async move {
            // On the tablet first: removed and locked even when the server cannot be reached.
            let removed = if remove_synced.get_untracked() {
                crate::session::remove_synced(texts)
            } else {
                Ok(0)
            };
            vaults.lock().await;
            match (removed, session.logout(texts).await) {
                (Ok(removed), Ok(())) => {
                    open.set(false);
                    navigate(
                        &format!("/inloggen?verwijderd={removed}"),
                        Default::default(),
                    );
                }
                (Err(e), _) | (_, Err(e)) => message.set(Some(e)),
            }
        });
    };
    view! {
        <div class="account">
            <span class="who">{name}</span>
            <button type="button" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || t.get().logout}
            </button>
            <Show when=move || open.get()>
                <div class="logout-panel" role="dialog" aria-label=move || t.get().logout_title>
                    <label class="check">
                        <input type="checkbox" prop:checked=remove_synced on:change=move |ev| remove_synced.set(event_target_checked(&ev))/>
                        <span>{move || t.get().logout_remove_synced}</span>
                    </label>
                    <p class="error" role="alert">{move || message.get()}</p>
                    <button type="button" class="primary" on:click=confirm.clone()>{move || t.get().logout}</button>
                    <button type="button" on:click=move |_| open.set(false)>{move || t.get().cancel}</button>
                </div>
            </Show>
        </div>
    }
}
