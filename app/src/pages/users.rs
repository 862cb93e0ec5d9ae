//! `/beheer/gebruikers` (HR): every account with its role and state; change a role,
//! disable or enable an account, add one. The server decides who may; others see why not.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api,
    components::{use_hydrated, Field},
    domain::{Department, DisplayName, Email, NewUser, Role, TabletSettings, User, UserChange},
    i18n::use_texts,
    session::use_session,
};

fn role_index(role: Role) -> usize {
    Role::ALL.iter().position(|r| *r == role).unwrap_or(0)
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let t = use_texts();
    let users = RwSignal::new(None::<Vec<User>>);
    let error = RwSignal::new(None::<String>);
    let reload = Callback::new(move |()| {
        spawn_local(async move {
            match api::call::<Vec<User>>("GET", "/users", None::<&()>).await {
                Ok(list) => {
                    users.set(Some(list));
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    Effect::new(move |_| reload.run(()));

    let table = move || {
        users.get().map(|list| {
            view! {
                <table class="users">
                    <thead><tr>
                        <th>{t.get().name}</th><th>{t.get().email}</th><th>{t.get().account_role}</th><th>{t.get().status}</th>
                    </tr></thead>
                    <tbody>{list.into_iter().map(|user| view! { <UserRow user on_change=reload error/> }).collect_view()}</tbody>
                </table>
            }
        })
    };
    view! {
        <section class="page wide-page">
            <h1>{move || t.get().users_title}</h1>
            <p class="error" role="alert">{move || error.get()}</p>
            {table}
            // Outside the list's closure, so its notice survives the list reloading.
            <Show when=move || users.with(Option::is_some)>
                <AddUser on_added=reload/>
                <TabletSettingsForm/>
            </Show>
        </section>
    }
}

#[component]
fn UserRow(user: User, on_change: Callback<()>, error: RwSignal<Option<String>>) -> impl IntoView {
    let t = use_texts();
    let path = format!("/users/{}", user.id);
    let patch = move |body: UserChange| {
        let path = path.clone();
        spawn_local(async move {
            match api::call::<User>("PATCH", &path, Some(&body)).await {
                Ok(_) => on_change.run(()),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let set_role = {
        let patch = patch.clone();
        move |ev| {
            let role = Role::from_key(&event_target_value(&ev));
            patch(UserChange {
                role,
                ..UserChange::default()
            });
        }
    };
    let active = user.active;
    let toggle = move |_| {
        patch(UserChange {
            active: Some(!active),
            ..UserChange::default()
        })
    };
    let departments: Vec<_> = user.departments.iter().map(Department::as_str).collect();
    let departments = departments.join(", ");
    let current = user.role;
    // HR cannot disable or demote themselves (the server refuses too); say so up front.
    let session = use_session();
    let id = user.id;
    let is_self = move || {
        session
            .user
            .with(|me| me.as_ref().is_some_and(|me| me.id == id))
    };
    view! {
        <tr class:disabled=!active>
            <td>
                {user.name.to_string()} " " {move || is_self().then(|| t.get().you)}
                <br/><small>{departments}</small>
            </td>
            <td>{user.email.to_string()}</td>
            <td>
                <select aria-label=move || t.get().account_role disabled=is_self on:change=set_role>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.key() selected=r == current>{move || t.get().role_labels[role_index(r)]}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                <span>{move || if active { t.get().active } else { t.get().disabled }}</span>
                " "
                <button type="button" disabled=is_self on:click=toggle>{move || if active { t.get().disable } else { t.get().enable }}</button>
            </td>
        </tr>
    }
}

#[component]
fn AddUser(on_added: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let hydrated = use_hydrated();
    let (email, name) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (departments, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let role = RwSignal::new(Role::Interviewer);
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let texts = t.get_untracked();
        let parsed = (|| {
            Ok::<_, crate::domain::AccountProblem>(NewUser {
                email: Email::parse(&email.get_untracked())?,
                name: DisplayName::parse(&name.get_untracked())?,
                role: role.get_untracked(),
                departments: departments
                    .get_untracked()
                    .split(',')
                    .filter(|d| !d.trim().is_empty())
                    .map(Department::parse)
                    .collect::<Result<_, _>>()?,
                password: password.get_untracked(),
            })
        })();
        let new = match parsed.and_then(|new| new.check().map(|()| new)) {
            Ok(new) => new,
            Err(e) => return error.set(Some(texts.account_problem(&e))),
        };
        spawn_local(async move {
            match api::call::<User>("POST", "/users", Some(&new)).await {
                Ok(user) => {
                    error.set(None);
                    notice.set(Some(format!("{}: {}", texts.user_added, user.email)));
                    for field in [email, name, departments, password] {
                        field.set(String::new());
                    }
                    on_added.run(());
                }
                Err(e) => error.set(Some(texts.api_failure(&e))),
            }
        });
    };
    let pick_role = move |ev| {
        if let Some(r) = Role::from_key(&event_target_value(&ev)) {
            role.set(r);
        }
    };

    view! {
        <h2>{move || t.get().add_user_title}</h2>
        <form class="form-grid" method="post" on:submit=submit>
            <Field label=Signal::derive(move || t.get().email) value=email kind="email"/>
            <Field label=Signal::derive(move || t.get().name) value=name/>
            <label class="field">
                <span>{move || t.get().account_role}</span>
                <select on:change=pick_role>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.key() selected=r == Role::Interviewer>{move || t.get().role_labels[role_index(r)]}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{move || t.get().departments}</span>
                <input type="text" prop:value=departments on:input=move |ev| departments.set(event_target_value(&ev))
                    disabled=move || role.get() != Role::Manager/>
            </label>
            <Field label=Signal::derive(move || t.get().initial_password) value=password kind="password" autocomplete="new-password"/>
            <div class="wide">
                <p class="hint">{move || t.get().password_hint}</p>
                <p class="error" role="alert">{move || error.get()}</p>
                <p class="notice" role="status">{move || notice.get()}</p>
                <button type="submit" class="primary" disabled=move || !hydrated.get()>{move || t.get().add_user}</button>
            </div>
        </form>
    }
}

/// HR's settings for shared tablets: remove finished interviews once synced, and how long an
/// open vault stays open without input.
#[component]
fn TabletSettingsForm() -> impl IntoView {
    let t = use_texts();
    let settings = RwSignal::new(None::<TabletSettings>);
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        spawn_local(async move {
            if let Ok(found) = api::call::<TabletSettings>("GET", "/settings", None::<&()>).await {
                settings.set(Some(found));
            }
        });
    });
    let save = move |wanted: TabletSettings| {
        spawn_local(async move {
            let texts = t.get_untracked();
            match api::call::<TabletSettings>("PATCH", "/settings", Some(&wanted)).await {
                Ok(now) => {
                    settings.set(Some(now));
                    notice.set(Some(texts.saved.to_owned()));
                }
                Err(e) => notice.set(Some(texts.api_failure(&e))),
            }
        });
    };
    let current = move || settings.get_untracked().unwrap_or_default();
    let change = move |ev| {
        save(TabletSettings {
            remove_after_sync: event_target_checked(&ev),
            ..current()
        })
    };
    let minutes = move |ev| {
        let Ok(lock_after_minutes) = event_target_value(&ev).trim().parse() else {
            notice.set(Some(t.get_untracked().lock_minutes_invalid.to_owned()));
            return;
        };
        save(TabletSettings {
            lock_after_minutes,
            ..current()
        })
    };
    view! {
        <section class="card tablets">
            <h2>{move || t.get().tablets_title}</h2>
            <label class="check">
                <input
                    type="checkbox"
                    disabled=move || settings.with(Option::is_none)
                    prop:checked=move || settings.get().is_some_and(|s| s.remove_after_sync)
                    on:change=change
                />
                <span>{move || t.get().remove_after_sync}</span>
            </label>
            <label class="field short">
                <span>{move || t.get().lock_minutes}</span>
                <input
                    type="number" min="1" max="240" inputmode="numeric"
                    disabled=move || settings.with(Option::is_none)
                    prop:value=move || settings.get().map(|s| s.lock_after_minutes.to_string()).unwrap_or_default()
                    on:change=minutes
                />
            </label>
            <p role="status">{move || notice.get()}</p>
        </section>
    }
}
