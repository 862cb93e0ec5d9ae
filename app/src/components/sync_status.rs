//! The sync indicator under the top bar, always visible: offline, changes queued, busy (with
//! progress for big batches), all synced at a time, or what went wrong; and "Nu
//! synchroniseren".

use leptos::prelude::*;

use crate::{
    clock,
    i18n::use_texts,
    sync::agent::{use_sync, Problem, SyncAgent},
};

/// The problem worth showing: being logged out only matters when something waits.
fn shown_problem(sync: SyncAgent) -> Option<Problem> {
    let pending = sync.pending.get() + sync.refused.get();
    sync.problem
        .get()
        .filter(|p| pending > 0 || *p != Problem::NeedsLogin)
}

#[component]
pub fn SyncStatus() -> impl IntoView {
    let t = use_texts();
    let sync = use_sync();
    let vaults = crate::vault::use_vaults();
    let text = move || {
        let t = t.get();
        if vaults.open.with(Option::is_none) {
            return t.sync_locked.to_owned();
        }
        let pending = sync.pending.get();
        if let Some((sent, total)) = sync.progress.get() {
            return if total > crate::sync::BATCH {
                format!("{} {sent}/{total}", t.sync_running)
            } else {
                t.sync_running.to_owned()
            };
        }
        let queued = (pending > 0).then(|| format!("{pending} {}", t.sync_queued));
        match (shown_problem(sync), queued, sync.last_synced.get()) {
            (Some(problem), Some(queued), _) => format!("{} · {queued}", problem.text(t)),
            (Some(problem), None, _) => problem.text(t),
            (None, Some(queued), _) => queued,
            (None, None, Some(at)) => format!("{} {}", t.sync_done_at, clock::hhmm(at)),
            (None, None, None) => t.sync_never.to_owned(),
        }
    };
    let state = move || {
        if sync.progress.with(Option::is_some) {
            "busy"
        } else if shown_problem(sync).is_some() {
            "problem"
        } else if sync.pending.get() > 0 {
            "queued"
        } else {
            "done"
        }
    };
    let session = crate::session::use_session();
    let refused = move || {
        let n = sync.refused.get();
        (n > 0).then(|| format!("{n} {}", t.get().sync_refused))
    };
    view! {
        <Show when=move || !session.is_manager()>
        <div class=move || format!("syncbar {}", state()) data-sync=state>
            <span class="sync-text" aria-live="polite">{text}</span>
            <span class="sync-refused">{refused}</span>
            <button type="button" disabled=move || sync.progress.with(Option::is_some) on:click=move |_| sync.sync_now()>
                {move || t.get().sync_now}
            </button>
        </div>
        </Show>
    }
}
