//! `/beheer/inzagelog` (HR): who opened or erased which interview, and when; newest first.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    api, clock,
    domain::{AuditAction, AuditEntry},
    i18n::use_texts,
};

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_texts();
    let entries = RwSignal::new(None::<Vec<AuditEntry>>);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        spawn_local(async move {
            match api::call::<Vec<AuditEntry>>("GET", "/audit", None::<&()>).await {
                Ok(found) => entries.set(Some(found)),
                Err(e) => error.set(Some(t.get_untracked().api_failure(&e))),
            }
        });
    });
    let rows = move || {
        entries.get().map(|list| {
            list.into_iter()
                .map(|e| {
                    let action = match e.action {
                        AuditAction::Read => 0,
                        AuditAction::Erase => 1,
                    };
                    let when = chrono::DateTime::from_timestamp_millis(e.at)
                        .map(|d| d.format("%d-%m-%Y").to_string())
                        .unwrap_or_default();
                    view! {
                        <tr>
                            <td>{when} " " {clock::hhmm(e.at)}</td>
                            <td>{e.user_name}</td>
                            <td><a href=format!("/archief/{}", e.interview)>{e.interview.to_string()}</a></td>
                            <td>{move || t.get().audit_actions[action]}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="page wide-page">
            <h1>{move || t.get().audit_title}</h1>
            <p class="error" role="alert">{move || error.get()}</p>
            <table class="audit">
                <thead><tr>
                    <th>{move || t.get().audit_when}</th><th>{move || t.get().audit_who}</th>
                    <th>{move || t.get().audit_interview}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
