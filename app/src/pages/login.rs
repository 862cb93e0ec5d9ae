//! `/inloggen`: e-mail address and password; once the server accepts them, the user's vault
//! on this device opens (or is made), then the page that fits the role.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api,
    components::{use_hydrated, Field},
    domain::{Login, Role, User},
    i18n::use_texts,
    session::use_session,
    vault::{use_vaults, VaultError},
};

/// Where a role starts after logging in.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::Interviewer => "/gesprekken",
        Role::Hr => "/beheer/gebruikers",
        Role::Manager => "/inzichten",
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let vaults = use_vaults();
    let navigate = use_navigate();
    let hydrated = use_hydrated();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The server accepted a password that does not open this user's vault here.
    let changed = RwSignal::new(None::<User>);
    // After a logout: how many interviews were removed from this device.
    let query = use_query_map();
    let logged_out = move || {
        query
            .with(|q| q.get("verwijderd"))
            .map(|n| format!("{}: {n}", t.get().logged_out_removed))
    };
    let done = move |user: User| {
        password.set(String::new());
        error.set(None);
        changed.set(None);
        let to = home_for(user.role);
        session.user.set(Some(user));
        navigate(to, Default::default());
    };

    let done_submit = done.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let login = Login {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        busy.set(true);
        let done = done_submit.clone();
        spawn_local(async move {
            match api::call::<User>("POST", "/session", Some(&login)).await {
                Ok(user) => match vaults.open_for_login(&user, &login.password).await {
                    Ok(()) => done(user),
                    Err(VaultError::WrongPassword) => changed.set(Some(user)),
                    Err(e) => error.set(Some(e.to_string())),
                },
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="page narrow">
            <h1>{move || t.get().login_title}</h1>
            <p class="notice" role="status">{logged_out}</p>
            <Show when=move || changed.with(Option::is_none)>
                <form class="stack" method="post" on:submit=submit.clone()>
                    <Field label=Signal::derive(move || t.get().email) value=email kind="email" autocomplete="username"/>
                    <Field label=Signal::derive(move || t.get().password) value=password kind="password" autocomplete="current-password"/>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <button type="submit" class="primary" disabled=move || busy.get() || !hydrated.get()>
                        {move || t.get().login_title}
                    </button>
                </form>
            </Show>
            {move || changed.get().map(|user| view! { <PasswordChanged user password=password.get_untracked() done=done.clone()/> })}
        </section>
    }
}

/// The password the server accepted does not open the vault on this tablet: it was changed
/// or reset since the vault was made. The old password keeps the vault; otherwise a new one
/// starts, and what it held that was not sent is lost (said with the count).
#[component]
fn PasswordChanged(
    user: User,
    password: String,
    done: impl Fn(User) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let vaults = use_vaults();
    let old = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let unsent = vaults
        .listed
        .get_untracked()
        .iter()
        .find(|v| v.user == user.id)
        .map_or(0, |v| v.unsent);
    let new = StoredValue::new(password);
    let who = StoredValue::new(user);
    let keep = {
        let done = done.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let done = done.clone();
            spawn_local(async move {
                let user = who.get_value();
                match vaults
                    .keep(user.id, &old.get_untracked(), &new.get_value())
                    .await
                {
                    Ok(()) => done(user),
                    Err(VaultError::WrongPassword) => {
                        error.set(Some(t.get_untracked().vault_wrong.into()))
                    }
                    Err(e) => error.set(Some(e.to_string())),
                }
            });
        }
    };
    let afresh = move |_| {
        let done = done.clone();
        spawn_local(async move {
            let user = who.get_value();
            match vaults.start_afresh(&user, &new.get_value()).await {
                Ok(()) => done(user),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <div class="warning password-changed" role="alert">
            <p>{move || t.get().vault_password_changed}</p>
            <p><strong>{move || format!("{unsent} {}", t.get().vault_unsent)}</strong></p>
        </div>
        <form class="stack" on:submit=keep>
            <Field label=Signal::derive(move || t.get().vault_old_password) value=old kind="password" autocomplete="off"/>
            <p class="error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary">{move || t.get().vault_keep}</button>
        </form>
        <button type="button" class="danger" on:click=afresh>
            {move || t.get().vault_afresh.replace("{n}", &unsent.to_string())}
        </button>
    }
}
