//! `/gesprekken`: the interviews on this device with their state, local storage in use, and
//! the backup export/import.

use chrono::Datelike;
use leptos::{either::EitherOf3, prelude::*};

use crate::{
    clock,
    components::StorageBanner,
    domain::Interview,
    i18n::use_texts,
    pwa::use_pwa,
    store::{self, StoreError},
};

#[component]
pub fn InterviewList() -> impl IntoView {
    let t = use_texts();
    let interviews = RwSignal::new(None::<Vec<Interview>>);
    let used_kb = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<StoreError>);
    let notice = RwSignal::new(None::<String>);

    let reload = move || match store::browser().and_then(|s| Ok((s.list()?, s.used_chars()?))) {
        Ok((list, chars)) => {
            interviews.set(Some(list));
            // localStorage keeps UTF-16: two bytes per character. Whole KB, rounded.
            used_kb.set(Some((chars * 2 + 512) / 1024));
        }
        Err(e) => error.set(Some(e)),
    };
    Effect::new(move |_| reload());

    let export = move |_| match store::browser().and_then(|s| s.export(clock::now())) {
        Ok(json) => crate::pages::download::offer("exitgesprek-backup.json", &json),
        Err(e) => error.set(Some(e)),
    };
    let import = move |text: String| match store::browser().and_then(|s| s.import(&text)) {
        Ok(n) => {
            notice.set(Some(format!("{}: {n}", t.get_untracked().imported)));
            reload();
        }
        Err(e) => error.set(Some(e)),
    };

    let pwa = use_pwa();
    let persistence = move || match pwa.persisted.get() {
        Some(true) => t.get().storage_persisted,
        Some(false) => t.get().storage_not_persisted,
        None => "",
    };

    view! {
        <section class="page">
            <h1>{move || t.get().interviews_title}</h1>
            <StorageBanner error/>
            <p class="notice" role="status">{move || notice.get()}</p>
            <p><a class="button primary" href="/gesprekken/nieuw">{move || t.get().new_interview}</a></p>
            {move || match interviews.get() {
                None => EitherOf3::A(view! { <p>{t.get().loading}</p> }),
                Some(list) if list.is_empty() => EitherOf3::B(view! { <p>{t.get().interviews_empty}</p> }),
                Some(list) => EitherOf3::C(view! { <ul class="interview-list">{list.into_iter().map(|iv| view! { <Row iv/> }).collect_view()}</ul> }),
            }}
            <footer class="storage">
                <p>
                    {move || t.get().storage_used} ": "
                    {move || used_kb.get().map(|kb| format!("{kb} KB")).unwrap_or_default()}
                </p>
                <p class="persistence">{persistence}</p>
                <button type="button" on:click=export>{move || t.get().export_backup}</button>
                <crate::pages::download::FilePicker label=Signal::derive(move || t.get().import_backup) on_text=import/>
            </footer>
        </section>
    }
}

#[component]
fn Row(iv: Interview) -> impl IntoView {
    let t = use_texts();
    let href = format!("/gesprekken/{}", iv.id);
    let d = iv.details;
    let status = iv.status.index();
    let dates = d
        .interview_date
        .map(|x| format!("{:02}-{:02}-{}", x.day(), x.month(), x.year()))
        .unwrap_or_default();
    view! {
        <li>
            <a href=href class="row-link">
                <strong>{d.leaver}</strong>
                <span class="meta">{d.department} " · " {d.role} " · " {dates}</span>
                <span class=format!("status status-{status}")>{move || t.get().status_labels[status]}</span>
            </a>
        </li>
    }
}
