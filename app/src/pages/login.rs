//! `/inloggen`: e-mail address and password; afterwards the page that fits the role.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api,
    components::{use_hydrated, Field},
    domain::{Login, Role, User},
    i18n::use_texts,
    session::use_session,
};

/// Where a role starts after logging in.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::Interviewer => "/gesprekken",
        Role::Hr => "/beheer/gebruikers",
        Role::Manager => "/",
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let navigate = use_navigate();
    let hydrated = use_hydrated();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // After a logout: how many interviews were removed from this device.
    let query = use_query_map();
    let logged_out = move || {
        query
            .with(|q| q.get("verwijderd"))
            .map(|n| format!("{}: {n}", t.get().logged_out_removed))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let login = Login {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::call::<User>("POST", "/session", Some(&login)).await {
                Ok(user) => {
                    password.set(String::new());
                    error.set(None);
                    let to = home_for(user.role);
                    session.user.set(Some(user));
                    navigate(to, Default::default());
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="page narrow">
            <h1>{move || t.get().login_title}</h1>
            <p class="notice" role="status">{logged_out}</p>
            <form class="stack" method="post" on:submit=submit>
                <Field label=Signal::derive(move || t.get().email) value=email kind="email" autocomplete="username"/>
                <Field label=Signal::derive(move || t.get().password) value=password kind="password" autocomplete="current-password"/>
                <p class="error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary" disabled=move || busy.get() || !hydrated.get()>
                    {move || t.get().login_title}
                </button>
            </form>
        </section>
    }
}
