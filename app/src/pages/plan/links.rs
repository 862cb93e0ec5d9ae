//! HR publishes a department's progress page (`/voortgang/<token>`) as a link that needs no
//! login and expires, sees every link made and revokes one. The link is shown once: the
//! server keeps only a hash of its token.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api,
    domain::{NewProgressLink, ProgressLink, DEFAULT_LINK_DAYS, MAX_LINK_DAYS},
    i18n::{use_texts, Texts},
    pages::progress::day_of,
};

/// `https://host` of this page, for a link that works when copied.
fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
        return origin;
    }
    String::new()
}

/// "Actief tot 31-12-2026", "Verlopen op …", "Ingetrokken op …".
fn state_line(t: &Texts, link: &ProgressLink, now: i64) -> String {
    let (state, at) = match link.revoked_at {
        Some(at) => (2, at),
        None if now >= link.expires_at => (1, link.expires_at),
        None => (0, link.expires_at),
    };
    t.publish_states[state].replace("{date}", &day_of(at))
}

#[component]
pub fn ProgressLinks(departments: Signal<Vec<String>>) -> impl IntoView {
    let t = use_texts();
    let links = RwSignal::new(Vec::<ProgressLink>::new());
    let department = RwSignal::new(String::new());
    let days = RwSignal::new(DEFAULT_LINK_DAYS.to_string());
    let made = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            match api::call::<Vec<ProgressLink>>("GET", "/progress-links", None::<&()>).await {
                Ok(list) => links.set(list),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    Effect::new(move |_| reload());
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        made.set(None);
        let chosen = department.get_untracked();
        let chosen = if chosen.is_empty() {
            departments
                .get_untracked()
                .first()
                .cloned()
                .unwrap_or_default()
        } else {
            chosen
        };
        let asked = NewProgressLink {
            department: chosen,
            days: days.get_untracked().trim().parse().ok(),
        };
        spawn_local(async move {
            match api::call::<ProgressLink>("POST", "/progress-links", Some(&asked)).await {
                Ok(link) => {
                    let token = link.token.unwrap_or_default();
                    made.set(Some(format!("{}/voortgang/{token}", origin())));
                    error.set(None);
                    reload();
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let revoke = move |id: String| {
        spawn_local(async move {
            let path = format!("/progress-links/{id}");
            match api::call::<()>("DELETE", &path, None::<&()>).await {
                Ok(()) => reload(),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    let made_view = move || {
        made.get().map(|url| {
            let href = url.clone();
            view! {
                <div class="published" role="status">
                    <p>{move || t.get().publish_made}</p>
                    <label class="field">
                        <span>{move || t.get().publish_link}</span>
                        <input type="text" readonly prop:value=url/>
                    </label>
                    <a href=href target="_blank" rel="noopener noreferrer">{move || t.get().publish_open}</a>
                </div>
            }
        })
    };
    let list = move || {
        let all = links.get();
        if all.is_empty() {
            return view! { <p class="meta">{move || t.get().publish_none}</p> }.into_any();
        }
        let now = crate::clock::now();
        let items = all
            .into_iter()
            .map(|link| {
                let open = link.open_at(now);
                let id = link.id.clone();
                let state = {
                    let link = link.clone();
                    move || state_line(t.get(), &link, now)
                };
                view! {
                    <li data-link=link.department.clone()>
                        <strong>{link.department.clone()}</strong> " · " {state}
                        " · " {move || t.get().publish_by} " " {link.created_by.clone()}
                        {open.then(|| view! {
                            " " <button type="button" on:click=move |_| revoke(id.clone())>
                                {move || t.get().publish_revoke}
                            </button>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="links-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="publish no-print" aria-labelledby="publish-title">
            <h2 id="publish-title">{move || t.get().publish_title}</h2>
            <p class="meta">{move || t.get().publish_lead}</p>
            <form class="filters" on:submit=publish>
                <label class="field">
                    <span>{move || t.get().department}</span>
                    <select prop:value=department on:change=move |ev| department.set(event_target_value(&ev))>
                        {move || departments.get().into_iter().map(|d| {
                            let value = d.clone();
                            view! { <option value=value>{d}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().publish_days}</span>
                    <input type="number" min="1" max=MAX_LINK_DAYS.to_string() inputmode="numeric"
                        prop:value=days on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="primary">{move || t.get().publish_make}</button>
            </form>
            {made_view}
            <p class="error" role="alert">{move || error.get()}</p>
            <h3>{move || t.get().publish_links}</h3>
            {list}
        </section>
    }
}
