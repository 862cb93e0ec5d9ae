//! Starting or changing an action: title, description, themes, departments, owner, dates
//! and status. Checked here first (in the reader's language), then by the server, which
//! also refuses a save over someone else's newer one.

use chrono::{Datelike, NaiveDate};
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api,
    domain::{Action, ActionDraft, ActionStatus, UserId},
    i18n::use_texts,
    pages::dashboard::ThemeNames,
};

/// A set of checkboxes over `options`, kept in `chosen`.
#[component]
fn Choices(
    legend: Signal<&'static str>,
    options: Signal<Vec<(String, String)>>,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let boxes = move || {
        options
            .get()
            .into_iter()
            .map(|(key, label)| {
                let checked = {
                    let key = key.clone();
                    move || chosen.with(|c| c.contains(&key))
                };
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|k| *k != key);
                                    if on {
                                        c.push(key.clone());
                                    }
                                });
                            }/>
                        <span>{label}</span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset>
            <legend>{move || legend.get()}</legend>
            <div class="theme-choices">{boxes}</div>
        </fieldset>
    }
}

/// What the form needs from the page.
#[derive(Clone, Copy)]
pub struct FormContext {
    pub names: ThemeNames,
    /// Departments the reader may choose.
    pub departments: Signal<Vec<String>>,
    /// (id, name) of who may own an action.
    pub owners: Signal<Vec<(UserId, String)>>,
    pub is_hr: Signal<bool>,
}

#[component]
pub fn ActionForm(
    /// The action changed, or `None` for a new one.
    editing: Option<Action>,
    /// The theme a new action starts with (from a theme page).
    theme: Option<String>,
    cx: FormContext,
    on_saved: Callback<Action>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let today = crate::clock::today().unwrap_or_default();
    let date_text = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let old = editing.clone();
    let title = RwSignal::new(old.as_ref().map(|a| a.title.clone()).unwrap_or_default());
    let description = RwSignal::new(
        old.as_ref()
            .map(|a| a.description.clone())
            .unwrap_or_default(),
    );
    let themes = RwSignal::new(
        old.as_ref()
            .map(|a| a.themes.clone())
            .unwrap_or_else(|| theme.into_iter().collect()),
    );
    let departments = RwSignal::new(
        old.as_ref()
            .map(|a| a.departments.clone())
            .unwrap_or_default(),
    );
    let owner = RwSignal::new(
        old.as_ref()
            .and_then(|a| a.owner)
            .map(|o| o.to_string())
            .unwrap_or_default(),
    );
    let start = RwSignal::new(date_text(Some(old.as_ref().map_or(today, |a| a.start))));
    let due = RwSignal::new(date_text(old.as_ref().and_then(|a| a.due)));
    let status = RwSignal::new(old.as_ref().map_or(0, |a| a.status.index()));
    let problems = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let kept_start = old.as_ref().map(|a| a.start);
    let id = old.as_ref().map(|a| a.id);
    let version = old.as_ref().map_or(0, |a| a.version);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let texts = t.get_untracked();
        let Ok(start_date) = start.get_untracked().parse::<NaiveDate>() else {
            problems.set(vec![texts.plan_start.to_owned()]);
            return;
        };
        let draft = ActionDraft {
            title: title.get_untracked(),
            description: description.get_untracked(),
            themes: themes.get_untracked(),
            departments: departments.get_untracked(),
            owner: UserId::parse(&owner.get_untracked()),
            start: start_date,
            due: due.get_untracked().parse().ok(),
            status: ActionStatus::ALL[status.get_untracked()],
            version,
        }
        .tidy();
        let mut found: Vec<String> = draft
            .problems()
            .into_iter()
            .map(|p| texts.plan_problems[p.index()].to_owned())
            .collect();
        let month = today.with_day(1).unwrap_or(today);
        if !cx.is_hr.get_untracked() && start_date < month && kept_start != Some(start_date) {
            found.push(texts.plan_back_dated.to_owned());
        }
        problems.set(found.clone());
        if !found.is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let answer = match id {
                Some(id) => {
                    api::call::<Action>("PUT", &format!("/actions/{id}"), Some(&draft)).await
                }
                None => api::call::<Action>("POST", "/actions", Some(&draft)).await,
            };
            match answer {
                Ok(action) => on_saved.run(action),
                Err(e) => problems.set(vec![t.get_untracked().api_failure(&e)]),
            }
            busy.set(false);
        });
    };
    let theme_options = Signal::derive(move || {
        let mut keys = cx.names.enabled_keys();
        // A theme switched off since stays choosable on the action that has it.
        for k in themes.get_untracked() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys.into_iter()
            .map(|k| (k.clone(), cx.names.name(&k)))
            .collect()
    });
    let department_options = Signal::derive(move || {
        let mut all = cx.departments.get();
        for d in departments.get_untracked() {
            if !all.contains(&d) {
                all.push(d);
            }
        }
        all.into_iter().map(|d| (d.clone(), d)).collect()
    });
    view! {
        <form class="action-form" on:submit=submit>
            <label class="field">
                <span>{move || t.get().plan_title_field}</span>
                <input type="text" maxlength="120" required prop:value=title
                    on:input=move |ev| title.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <span>{move || t.get().plan_description}</span>
                <textarea rows="3" prop:value=description
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </label>
            <Choices legend=Signal::derive(move || t.get().plan_themes) options=theme_options chosen=themes/>
            <Choices legend=Signal::derive(move || t.get().plan_departments) options=department_options chosen=departments/>
            <div class="row">
                <label class="field">
                    <span>{move || t.get().plan_owner}</span>
                    <select prop:value=owner on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="">{move || t.get().plan_nobody}</option>
                        {move || cx.owners.get().into_iter().map(|(id, name)| {
                            view! { <option value=id.to_string()>{name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().plan_start}</span>
                    <input type="date" required prop:value=start on:input=move |ev| start.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{move || t.get().plan_due}</span>
                    <input type="date" prop:value=due on:input=move |ev| due.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{move || t.get().plan_status}</span>
                    <select prop:value=move || status.get().to_string()
                        on:change=move |ev| status.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || t.get().plan_statuses.iter().enumerate().map(|(i, s)| {
                            view! { <option value=i.to_string()>{*s}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <ul class="error" role="alert">
                {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get()>{move || t.get().save}</button>
                <button type="button" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
            </div>
        </form>
    }
}
