//! `/verbeterplan` (HR, and managers for their departments): the actions taken on the
//! reasons people leave, by theme, with filters, their dated progress and their effect. A
//! theme page links here with `?thema=<key>` (its actions) and `&nieuw=1` (start one).

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_query_map;

use crate::{
    api,
    domain::{Action, ActionStatus, Dashboard, NewUpdate, Role, User, UserId},
    i18n::use_texts,
    pages::{
        archive::query_string,
        dashboard::{use_theme_names, ThemeNames},
    },
    session::use_session,
};

pub(super) mod effect;
mod form;
mod links;

use effect::EffectView;
use form::{ActionForm, FormContext};
use links::ProgressLinks;

/// "01-09-2026 – 31-12-2026": an action's start and, when it has one, its due date.
pub(super) fn period(start: chrono::NaiveDate, due: Option<chrono::NaiveDate>) -> String {
    let due = due.map(|d| format!(" – {}", d.format("%d-%m-%Y")));
    format!("{}{}", start.format("%d-%m-%Y"), due.unwrap_or_default())
}

/// Whether `user` may change `action`: HR always, a manager when all its departments are theirs.
fn may_write(user: Option<&User>, action: &Action) -> bool {
    user.is_some_and(|u| match u.role {
        Role::Hr => true,
        Role::Manager => action
            .departments
            .iter()
            .all(|d| u.departments.iter().any(|own| own.to_string() == *d)),
        Role::Interviewer => false,
    })
}

/// Actions grouped under their first theme, themes by name.
fn by_theme(actions: Vec<Action>, names: ThemeNames) -> Vec<(String, Vec<Action>)> {
    let mut groups: Vec<(String, Vec<Action>)> = Vec::new();
    for action in actions {
        let key = action.themes.first().cloned().unwrap_or_default();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(action),
            None => groups.push((key, vec![action])),
        }
    }
    groups.sort_by_key(|(k, _)| names.name(k).to_lowercase());
    groups
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let names = use_theme_names();
    let query = use_query_map();
    let asked_theme = query.with_untracked(|q| q.get("thema").unwrap_or_default());
    let start_new = query.with_untracked(|q| q.get("nieuw").is_some());
    let theme = RwSignal::new(asked_theme.clone());
    let department = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let actions = RwSignal::new(None::<Vec<Action>>);
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let creating = RwSignal::new(start_new);
    let is_hr = Signal::derive(move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Hr))
    });
    let reload = Callback::new(move |()| {
        let q = query_string(&[
            ("theme", &theme.get_untracked()),
            ("department", &department.get_untracked()),
            ("status", &status.get_untracked()),
        ]);
        spawn_local(async move {
            match api::call::<Vec<Action>>("GET", &format!("/actions{q}"), None::<&()>).await {
                Ok(list) => {
                    actions.set(Some(list));
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    Effect::new(move |_| {
        theme.track();
        department.track();
        status.track();
        reload.run(());
    });

    // Who may own an action and which departments may be chosen: HR every one, a manager
    // themselves and their own.
    let all_departments = RwSignal::new(Vec::<String>::new());
    let owners = RwSignal::new(Vec::<(UserId, String)>::new());
    Effect::new(move |_| {
        let Some(user) = session.user.get() else {
            return;
        };
        if user.role != Role::Hr {
            all_departments.set(user.departments.iter().map(|d| d.to_string()).collect());
            owners.set(vec![(user.id, t.get_untracked().plan_me.to_owned())]);
            return;
        }
        spawn_local(async move {
            if let Ok(d) = api::call::<Dashboard>("GET", "/dashboard", None::<&()>).await {
                all_departments.set(d.departments);
            }
            if let Ok(users) = api::call::<Vec<User>>("GET", "/users", None::<&()>).await {
                owners.set(
                    users
                        .into_iter()
                        .filter(|u| u.active && matches!(u.role, Role::Hr | Role::Manager))
                        .map(|u| (u.id, u.name.to_string()))
                        .collect(),
                );
            }
        });
    });
    let cx = FormContext {
        names,
        departments: all_departments.into(),
        owners: owners.into(),
        is_hr,
    };
    let saved = Callback::new(move |_: Action| {
        creating.set(false);
        message.set(Some(t.get_untracked().plan_saved.to_owned()));
        reload.run(());
    });
    let new_form = move || {
        creating.get().then(|| {
            let theme = (!asked_theme.is_empty()).then(|| asked_theme.clone());
            view! {
                <ActionForm editing=None theme cx on_saved=saved
                    on_cancel=Callback::new(move |()| creating.set(false))/>
            }
        })
    };
    let list = move || {
        actions.get().map(|list| {
            if list.is_empty() {
                return view! { <p>{move || t.get().plan_empty}</p> }.into_any();
            }
            let user = session.user.get();
            by_theme(list, names)
                .into_iter()
                .map(|(key, group)| {
                    let cards = group
                        .into_iter()
                        .map(|action| {
                            let writable = may_write(user.as_ref(), &action);
                            view! { <ActionCard action writable cx on_changed=reload/> }
                        })
                        .collect_view();
                    view! {
                        <h2>{move || names.name(&key)}</h2>
                        <ul class="actions-list">{cards}</ul>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let select =
        |value: RwSignal<String>| move |ev: leptos::ev::Event| value.set(event_target_value(&ev));
    view! {
        <section class="page wide-page plan">
            <h1>{move || t.get().plan_title}</h1>
            <p class="lead">{move || t.get().plan_lead}</p>
            <form class="filters no-print" on:submit=|ev| ev.prevent_default()>
                <label class="field">
                    <span>{move || t.get().dashboard_theme}</span>
                    <select prop:value=theme on:change=select(theme)>
                        <option value="">{move || t.get().all}</option>
                        {move || names.enabled_keys().into_iter().map(|k| {
                            let label = names.name(&k);
                            view! { <option value=k>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().department}</span>
                    <select prop:value=department on:change=select(department)>
                        <option value="">{move || t.get().all}</option>
                        {move || all_departments.get().into_iter().map(|d| {
                            let value = d.clone();
                            view! { <option value=value>{d}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().plan_status}</span>
                    <select prop:value=status on:change=select(status)>
                        <option value="">{move || t.get().all}</option>
                        {move || ActionStatus::ALL.into_iter().map(|s| {
                            view! { <option value=s.key()>{t.get().plan_statuses[s.index()]}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </form>
            <p class="no-print">
                <button type="button" class="primary" aria-expanded=move || creating.get().to_string()
                    on:click=move |_| { message.set(None); creating.update(|c| *c = !*c); }>
                    {move || t.get().plan_new}
                </button>
            </p>
            {new_form}
            <p role="status">{move || message.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            {list}
            <Show when=move || is_hr.get()>
                <ProgressLinks departments=all_departments.into()/>
            </Show>
        </section>
    }
}

#[component]
fn ActionCard(
    action: Action,
    writable: bool,
    cx: FormContext,
    on_changed: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let update = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = action.id;
    let status = action.status.index();
    let dates = period(action.start, action.due);
    let themes = action
        .themes
        .iter()
        .map(|k| {
            let k = k.clone();
            view! { <li class="chip">{move || cx.names.name(&k)}</li> }
        })
        .collect_view();
    let owner = (!action.owner_name.is_empty()).then(|| action.owner_name.clone());
    let updates = if action.updates.is_empty() {
        view! { <p class="meta">{move || t.get().plan_no_updates}</p> }.into_any()
    } else {
        let items = action
            .updates
            .iter()
            .map(|u| {
                let on = u.on.format("%d-%m-%Y").to_string();
                view! { <li><span class="meta">{on} " · " {u.by.clone()}</span> " " {u.text.clone()}</li> }
            })
            .collect_view();
        view! { <ul class="updates">{items}</ul> }.into_any()
    };
    let add_update = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = update.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        spawn_local(async move {
            let path = format!("/actions/{id}/updates");
            match api::call::<Action>("POST", &path, Some(&NewUpdate { text })).await {
                Ok(_) => on_changed.run(()),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let delete = move |_| {
        spawn_local(async move {
            match api::call::<()>("DELETE", &format!("/actions/{id}"), None::<&()>).await {
                Ok(()) => on_changed.run(()),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let edit_form = {
        let action = action.clone();
        move || {
            editing.get().then(|| {
                view! {
                    <ActionForm editing=Some(action.clone()) theme=None cx
                        on_saved=Callback::new(move |_| { editing.set(false); on_changed.run(()); })
                        on_cancel=Callback::new(move |()| editing.set(false))/>
                }
            })
        }
    };
    let update_label = format!("update-{id}");
    let controls = move || {
        writable.then(|| {
            view! {
                <form class="add-update no-print" on:submit=add_update>
                    <label class="field" for=update_label.clone()>
                        <span>{move || t.get().plan_add_update}</span>
                    </label>
                    <textarea id=update_label.clone() rows="2" maxlength="2000" prop:value=update
                        on:input=move |ev| update.set(event_target_value(&ev))></textarea>
                    <button type="submit">{move || t.get().plan_add_update}</button>
                </form>
                <p class="no-print actions">
                    <button type="button" aria-expanded=move || editing.get().to_string()
                        on:click=move |_| editing.update(|e| *e = !*e)>{move || t.get().plan_edit}</button>
                    <button type="button" on:click=move |_| deleting.set(true)>{move || t.get().plan_delete}</button>
                </p>
                <Show when=move || deleting.get()>
                    <div role="alertdialog" class="confirm" aria-label=move || t.get().plan_delete_confirm>
                        <p>{move || t.get().plan_delete_confirm}</p>
                        <button type="button" class="danger" on:click=delete>{move || t.get().plan_delete}</button>
                        <button type="button" on:click=move |_| deleting.set(false)>{move || t.get().cancel}</button>
                    </div>
                </Show>
            }
        })
    };
    view! {
        <li class="action-card">
            <h3>{action.title.clone()}</h3>
            <p class="meta">
                <span class=format!("status status-{}", action.status.key())>{move || t.get().plan_statuses[status]}</span>
                " · " {action.departments.join(", ")} " · " {dates}
                {owner.map(|o| view! { " · " {move || t.get().plan_owner} ": " {o.clone()} })}
            </p>
            <ul class="chips" aria-label=move || t.get().plan_themes>{themes}</ul>
            <p class="description">{action.description.clone()}</p>
            <EffectView effect=action.effect.clone()/>
            <h4>{move || t.get().plan_progress}</h4>
            {updates}
            {controls}
            {edit_form}
            <p class="error" role="alert">{move || error.get()}</p>
        </li>
    }
}
