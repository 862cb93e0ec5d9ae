//! `/archief`: the interviews on the server, for reading at a desk. HR sees every interview
//! and filters by department, leaving period, interviewer, state and primary reason, or
//! searches words; anyone else sees their own. Each row opens the reading view.

use leptos::{either::Either, prelude::*, task::spawn_local};

use crate::{
    api,
    domain::{InterviewSummary, Role, Status, ThemeId, User},
    i18n::use_texts,
    session::use_session,
};

/// Percent-encodes a query value (everything but the unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The filter form's values, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub q: String,
    pub department: String,
    pub from: String,
    pub to: String,
    pub owner: String,
    pub status: String,
    pub reason: String,
}

impl Filters {
    /// `?q=…&department=…` with the filled-in fields only.
    pub fn query(&self) -> String {
        query_string(&[
            ("q", &self.q),
            ("department", &self.department),
            ("from", &self.from),
            ("to", &self.to),
            ("owner", &self.owner),
            ("status", &self.status),
            ("reason", &self.reason),
        ])
    }
}

/// `?key=value&…` of the pairs whose value is not blank; empty when none is.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let filled: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect();
    if filled.is_empty() {
        String::new()
    } else {
        format!("?{}", filled.join("&"))
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d-%m-%Y").to_string())
        .unwrap_or_default()
}

#[component]
pub fn ArchivePage() -> impl IntoView {
    let t = use_texts();
    let session = use_session();
    let filters = RwSignal::new(Filters::default());
    let list = RwSignal::new(None::<Vec<InterviewSummary>>);
    let users = RwSignal::new(Vec::<User>::new());
    let error = RwSignal::new(None::<String>);
    let is_hr = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Hr))
    };

    let load = move || {
        let query = filters.get_untracked().query();
        spawn_local(async move {
            match api::call::<Vec<InterviewSummary>>(
                "GET",
                &format!("/interviews{query}"),
                None::<&()>,
            )
            .await
            {
                Ok(found) => {
                    list.set(Some(found));
                    error.set(None);
                }
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    };
    Effect::new(move |_| {
        // Again when the session becomes known (a page opened straight after login).
        session.user.track();
        load();
    });
    Effect::new(move |_| {
        if is_hr() {
            spawn_local(async move {
                if let Ok(all) = api::call::<Vec<User>>("GET", "/users", None::<&()>).await {
                    users.set(all);
                }
            });
        }
    });

    let text_input = move |label: fn(&crate::i18n::Texts) -> &'static str,
                           kind: &'static str,
                           get: fn(&Filters) -> String,
                           set: fn(&mut Filters, String)| {
        view! {
            <label class="field">
                <span>{move || label(t.get())}</span>
                <input type=kind prop:value=move || filters.with(get) on:input=move |ev| filters.update(|f| set(f, event_target_value(&ev)))/>
            </label>
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load();
    };
    let rows = move || {
        list.get().map(|found| {
            if found.is_empty() {
                return Either::Left(view! { <p>{t.get().archive_empty}</p> });
            }
            Either::Right(view! {
                <table class="archive">
                    <thead><tr>
                        <th>{t.get().leaver}</th><th>{t.get().department}</th><th>{t.get().role}</th>
                        <th>{t.get().interviewer}</th><th>{t.get().leaving_date}</th><th>{t.get().status}</th>
                        <th>{t.get().primary_reason}</th><th>{t.get().notes_count}</th>
                    </tr></thead>
                    <tbody>{found.into_iter().map(|s| view! { <SummaryRow s/> }).collect_view()}</tbody>
                </table>
            })
        })
    };
    view! {
        <section class="page wide-page">
            <h1>{move || t.get().archive_title}</h1>
            <Show when=move || !is_hr()>
                <p class="hint">{move || t.get().archive_own_only}</p>
            </Show>
            <form class="filters" on:submit=submit>
                {text_input(|t| t.search, "search", |f| f.q.clone(), |f, v| f.q = v)}
                {text_input(|t| t.department, "text", |f| f.department.clone(), |f, v| f.department = v)}
                {text_input(|t| t.leaving_from, "date", |f| f.from.clone(), |f, v| f.from = v)}
                {text_input(|t| t.leaving_to, "date", |f| f.to.clone(), |f, v| f.to = v)}
                <label class="field">
                    <span>{move || t.get().status}</span>
                    <select on:change=move |ev| filters.update(|f| f.status = event_target_value(&ev))>
                        <option value="">{move || t.get().all}</option>
                        {Status::ALL[..3].iter().map(|s| {
                            let i = s.index();
                            view! { <option value=s.key()>{move || t.get().status_labels[i]}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().primary_reason}</span>
                    <select on:change=move |ev| filters.update(|f| f.reason = event_target_value(&ev))>
                        <option value="">{move || t.get().all}</option>
                        {ThemeId::ALL.iter().map(|theme| {
                            let i = theme.index();
                            view! { <option value=theme.key()>{move || t.get().themes[i]}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=is_hr>
                    <label class="field">
                        <span>{move || t.get().interviewer}</span>
                        <select on:change=move |ev| filters.update(|f| f.owner = event_target_value(&ev))>
                            <option value="">{move || t.get().all}</option>
                            {move || users.get().into_iter().map(|u| view! { <option value=u.id.to_string()>{u.name.to_string()}</option> }).collect_view()}
                        </select>
                    </label>
                </Show>
                <button type="submit" class="primary">{move || t.get().filter}</button>
            </form>
            <p class="error" role="alert">{move || error.get()}</p>
            {rows}
        </section>
    }
}

#[component]
fn SummaryRow(s: InterviewSummary) -> impl IntoView {
    let t = use_texts();
    let href = format!("/archief/{}", s.id);
    let status = s.status.index();
    let reason = s.primary_reason.map(ThemeId::index);
    let anonymised = s.anonymised;
    view! {
        <tr>
            <td>
                <a href=href>{if anonymised { None } else { Some(s.leaver) }}</a>
                <Show when=move || anonymised>
                    <a href=format!("/archief/{}", s.id) class="muted">{move || t.get().anonymised}</a>
                </Show>
            </td>
            <td>{s.department}</td>
            <td>{s.role}</td>
            <td>{s.interviewer}</td>
            <td>{date(s.leaving_date)}</td>
            <td>{move || t.get().status_labels[status]}</td>
            <td>{move || reason.map(|i| t.get().themes[i])}</td>
            <td class="num">{s.notes}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_holds_the_filled_in_filters_encoded() {
        assert_eq!(Filters::default().query(), "");
        let f = Filters {
            q: " 100% werkdruk ".into(),
            department: "R&D".into(),
            from: "2026-01-01".into(),
            ..Filters::default()
        };
        assert_eq!(
            f.query(),
            "?q=100%25%20werkdruk&department=R%26D&from=2026-01-01"
        );
        assert_eq!(encode("één"), "%C3%A9%C3%A9n");
    }
}
