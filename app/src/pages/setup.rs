//! `/setup`: first run. While no account exists, whoever reaches the server creates the
//! first HR account here; after that the page only points to the login.

use leptos::{either::EitherOf3, prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{use_hydrated, Field},
    domain::{check_password, DisplayName, Email, NewUser, Role, SetupStatus, User},
    i18n::use_texts,
    session::use_session,
};

#[component]
pub fn SetupPage() -> impl IntoView {
    let t = use_texts();
    let open = RwSignal::new(None::<bool>);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        spawn_local(async move {
            match api::call::<SetupStatus>("GET", "/setup", None::<&()>).await {
                Ok(status) => open.set(Some(status.open)),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    let form = move || match open.get() {
        Some(true) => EitherOf3::A(view! { <SetupForm/> }),
        Some(false) => EitherOf3::B(view! {
            <p>{t.get().setup_closed} " " <a href="/inloggen">{t.get().nav_login}</a></p>
        }),
        None => EitherOf3::C(view! { <p>{t.get().loading}</p> }),
    };
    view! {
        <section class="page narrow">
            <h1>{move || t.get().setup_title}</h1>
            <p class="error" role="alert">{move || error.get()}</p>
            {form}
        </section>
    }
}

#[component]
fn SetupForm() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let navigate = use_navigate();
    let hydrated = use_hydrated();
    let (email, name) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (password, repeat) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let texts = t.get_untracked();
        let pw = password.get_untracked();
        if check_password(&pw).is_err() {
            return error.set(Some(texts.password_hint.to_owned()));
        }
        if pw != repeat.get_untracked() {
            return error.set(Some(texts.passwords_differ.to_owned()));
        }
        let new = match (
            Email::parse(&email.get_untracked()),
            DisplayName::parse(&name.get_untracked()),
        ) {
            (Ok(email), Ok(name)) => NewUser {
                email,
                name,
                role: Role::Hr,
                departments: vec![],
                password: pw,
            },
            (Err(e), _) | (_, Err(e)) => return error.set(Some(texts.account_problem(&e))),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::call::<User>("POST", "/setup", Some(&new)).await {
                Ok(user) => {
                    session.user.set(Some(user));
                    navigate("/beheer/gebruikers", Default::default());
                }
                Err(e) => error.set(Some(texts.api_failure(&e))),
            }
        });
    };

    view! {
        <p>{move || t.get().setup_lead}</p>
        <form class="stack" method="post" on:submit=submit>
            <Field label=Signal::derive(move || t.get().email) value=email kind="email" autocomplete="username"/>
            <Field label=Signal::derive(move || t.get().name) value=name autocomplete="name"/>
            <Field label=Signal::derive(move || t.get().password) value=password kind="password" autocomplete="new-password"/>
            <Field label=Signal::derive(move || t.get().password_repeat) value=repeat kind="password" autocomplete="new-password"/>
            <p class="hint">{move || t.get().password_hint}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary" disabled=move || !hydrated.get()>{move || t.get().create_account}</button>
        </form>
    }
}
