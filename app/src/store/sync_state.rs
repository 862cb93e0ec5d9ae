//! What this device knows about the server: where the next pull starts, which interviews the
//! server has, and which were removed from this device after sync (pulls skip those).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::PendingLog;
use crate::domain::{GoneReason, InterviewId, Millis};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncState {
    pub cursor: i64,
    pub last_synced_at: Option<Millis>,
    pub on_server: BTreeSet<InterviewId>,
    pub removed: BTreeSet<InterviewId>,
    /// Erased or anonymised on the server: never kept here again, not even from a backup.
    pub gone: BTreeSet<InterviewId>,
    /// What the interviewer should read about interviews that left this device.
    pub notices: Vec<Notice>,
}

/// An interview left this device because the server no longer keeps it (no name: an erased
/// leaver's name is not kept, not even here), and how many of its unsent or refused changes
/// went with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub reason: GoneReason,
    pub dropped: usize,
    pub at: Millis,
}

/// Where one interview stands with the server, as the list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMark {
    /// Changes wait to be sent.
    Waiting(usize),
    /// The server refused changes; they stay on the device.
    Refused(usize),
    /// The server has every change.
    Synced,
    /// Nothing waits, but the server never took it (its refused changes were let go).
    LocalOnly,
}

impl SyncMark {
    pub fn of(log: &PendingLog, state: &SyncState, id: InterviewId) -> SyncMark {
        match log.count_for(id) {
            (_, refused) if refused > 0 => SyncMark::Refused(refused),
            (0, _) if state.on_server.contains(&id) => SyncMark::Synced,
            (0, _) => SyncMark::LocalOnly,
            (waiting, _) => SyncMark::Waiting(waiting),
        }
    }
}
