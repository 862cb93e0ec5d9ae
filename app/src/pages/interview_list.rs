//! `/gesprekken`: the interviews on this device with their state and where each stands with
//! the server (synced ones can be removed from a shared tablet; a refused change can be let
//! go once read), notices about interviews the server erased or anonymised, local storage in
//! use, and the backup export/import.

use chrono::Datelike;
use leptos::{either::EitherOf3, prelude::*};
use uuid::Uuid;

use crate::{
    components::StorageBanner,
    domain::{ChangeProblem, GoneReason, Interview},
    i18n::use_texts,
    pwa::use_pwa,
    store::{self, Notice, StoreError, SyncMark},
    sync::agent::use_sync,
};

/// One interview of the list with its sync state and its refused changes, by reason.
#[derive(Clone)]
struct Entry {
    interview: Interview,
    mark: SyncMark,
    refused: Vec<(ChangeProblem, Vec<Uuid>)>,
}

/// The refused changes of one interview grouped by reason, in the order first refused.
fn by_reason<'a>(
    refused: impl Iterator<Item = &'a store::Refused>,
) -> Vec<(ChangeProblem, Vec<Uuid>)> {
    let mut groups: Vec<(ChangeProblem, Vec<Uuid>)> = Vec::new();
    for r in refused {
        match groups.iter_mut().find(|(p, _)| *p == r.problem) {
            Some((_, ids)) => ids.push(r.change.id),
            None => groups.push((r.problem, vec![r.change.id])),
        }
    }
    groups
}

fn entries<B: store::Backend>(store: &store::Store<B>) -> Result<Vec<Entry>, StoreError> {
    let log = store.pending()?;
    let state = store.sync_state()?;
    Ok(store
        .list()?
        .into_iter()
        .map(|interview| {
            let id = interview.id;
            let refused = by_reason(log.rejected.iter().filter(|r| r.change.interview == id));
            Entry {
                mark: SyncMark::of(&log, &state, id),
                refused,
                interview,
            }
        })
        .collect())
}

#[component]
pub fn InterviewList() -> impl IntoView {
    let t = use_texts();
    let interviews = RwSignal::new(None::<Vec<Entry>>);
    let sync = use_sync();
    let used_kb = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<StoreError>);
    let notice = RwSignal::new(None::<String>);

    let notices = RwSignal::new(Vec::<Notice>::new());
    let reload = move || match store::browser()
        .and_then(|s| Ok((entries(&s)?, s.used_chars()?, s.sync_state()?.notices)))
    {
        Ok((list, chars, gone)) => {
            interviews.set(Some(list));
            notices.set(gone);
            // localStorage keeps UTF-16: two bytes per character. Whole KB, rounded.
            used_kb.set(Some((chars * 2 + 512) / 1024));
        }
        Err(e) => error.set(Some(e)),
    };
    Effect::new(move |_| {
        // Also after a sync changed what is on the device.
        sync.revision.track();
        sync.pending.track();
        reload();
    });
    let remove =
        move |id| match store::browser().and_then(|s| s.remove_synced(store::Removal::One(id))) {
            Ok(_) => {
                notice.set(Some(t.get_untracked().removed_from_device.to_owned()));
                reload();
            }
            Err(e) => error.set(Some(e)),
        };

    let dismiss = move |changes: Vec<Uuid>| match store::browser()
        .and_then(|s| s.dismiss_refused(&changes))
    {
        Ok(()) => {
            sync.refresh();
            reload();
        }
        Err(e) => error.set(Some(e)),
    };
    let dismiss_notices = move |_| match store::browser().and_then(|s| s.dismiss_notices()) {
        Ok(()) => reload(),
        Err(e) => error.set(Some(e)),
    };

    let imported = move |n: usize| {
        notice.set(Some(format!("{}: {n}", t.get_untracked().imported)));
        reload();
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
            <Show when=move || !notices.with(Vec::is_empty)>
                <div class="gone-notices" role="alert">
                    <ul>
                        {move || notices.get().into_iter().map(|n| view! { <li>{gone_text(t.get(), n)}</li> }).collect_view()}
                    </ul>
                    <button type="button" on:click=dismiss_notices>{move || t.get().gone_read}</button>
                </div>
            </Show>
            <p><a class="button primary" href="/gesprekken/nieuw">{move || t.get().new_interview}</a></p>
            {move || match interviews.get() {
                None => EitherOf3::A(view! { <p>{t.get().loading}</p> }),
                Some(list) if list.is_empty() => EitherOf3::B(view! { <p>{t.get().interviews_empty}</p> }),
                Some(list) => EitherOf3::C(view! { <ul class="interview-list">{list.into_iter().map(|entry| view! { <Row entry remove dismiss/> }).collect_view()}</ul> }),
            }}
            <footer class="storage">
                <p>
                    {move || t.get().storage_used} ": "
                    {move || used_kb.get().map(|kb| format!("{kb} KB")).unwrap_or_default()}
                </p>
                <p class="persistence">{persistence}</p>
                <crate::components::Backup on_imported=imported error/>
            </footer>
        </section>
    }
}

/// What the interviewer reads about an interview that left the device (no name: HR may
/// have erased it at the leaver's request).
fn gone_text(t: &crate::i18n::Texts, notice: Notice) -> String {
    let why = match notice.reason {
        GoneReason::Erased => t.gone_erased,
        GoneReason::Anonymised => t.gone_anonymised,
    };
    match notice.dropped {
        0 => why.to_owned(),
        1 => format!("{why} {}", t.gone_dropped_one),
        n => format!("{why} {n} {}", t.gone_dropped),
    }
}

#[component]
fn Row(
    entry: Entry,
    remove: impl Fn(crate::domain::InterviewId) + Copy + Send + Sync + 'static,
    dismiss: impl Fn(Vec<Uuid>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let Entry {
        interview: iv,
        mark,
        refused,
    } = entry;
    let id = iv.id;
    let href = format!("/gesprekken/{id}");
    let d = iv.details;
    let status = iv.status.index();
    let dates = d
        .interview_date
        .map(|x| format!("{:02}-{:02}-{}", x.day(), x.month(), x.year()))
        .unwrap_or_default();
    let (mark_index, mark_class) = match mark {
        SyncMark::Waiting(_) => (0, "waiting"),
        SyncMark::Refused(_) => (1, "refused"),
        SyncMark::Synced => (2, "synced"),
        SyncMark::LocalOnly => (3, "local-only"),
    };
    let synced = mark == SyncMark::Synced;
    view! {
        <li>
            <a href=href class="row-link">
                <strong>{d.leaver}</strong>
                <span class="meta">{d.department} " · " {d.role} " · " {dates}</span>
                <span class=format!("status status-{status}")>{move || t.get().status_labels[status]}</span>
                <span class=format!("sync-mark {mark_class}")>{move || t.get().sync_marks[mark_index]}</span>
            </a>
            <ul class="refused">
                {refused.into_iter().map(|(p, changes)| {
                    let n = changes.len();
                    let changes = StoredValue::new(changes);
                    view! {
                        <li>
                            <span>{move || t.get().change_problem(p)}</span>
                            <button type="button" class="dismiss" on:click=move |_| dismiss(changes.get_value())>
                                {move || t.get().refused_dismiss(n)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || synced>
                <button type="button" class="remove-local" on:click=move |_| remove(id)>{move || t.get().remove_from_device}</button>
            </Show>
        </li>
    }
}
