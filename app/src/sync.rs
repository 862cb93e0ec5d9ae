//! Sync, the device's side: push every pending change in order, in batches, then pull what
//! changed elsewhere until the server has no more. The steps are here, over any
//! [`Transport`], so the server's integration tests run this very code against a real
//! server; [`agent`] decides when it runs in the browser and shows how it went.

use std::future::Future;

use crate::{
    api::ApiFailure,
    clock,
    domain::{DeviceId, PullResponse, PushRequest, PushResponse},
    store::{Backend, Removal, Store, StoreError},
};

pub mod agent;

/// Changes per push: small enough for a slow meeting-room network, large enough to be quick.
pub const BATCH: usize = 100;

/// How the device reaches the server.
pub trait Transport {
    fn push(&self, request: &PushRequest)
        -> impl Future<Output = Result<PushResponse, ApiFailure>>;
    fn pull(
        &self,
        device: DeviceId,
        cursor: i64,
    ) -> impl Future<Output = Result<PullResponse, ApiFailure>>;
}

/// Why a sync stopped. Nothing is lost in any case: unsent changes stay pending.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncFailure {
    Api(ApiFailure),
    Storage(StoreError),
}

impl From<ApiFailure> for SyncFailure {
    fn from(e: ApiFailure) -> Self {
        Self::Api(e)
    }
}

impl From<StoreError> for SyncFailure {
    fn from(e: StoreError) -> Self {
        Self::Storage(e)
    }
}

impl SyncFailure {
    /// The session is gone: log in again (changes stay pending).
    pub fn needs_login(&self) -> bool {
        matches!(self, Self::Api(e) if e.status() == Some(401))
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub pushed: usize,
    pub refused: usize,
    pub pulled: usize,
    /// Finished interviews removed from the device (HR's setting for shared tablets).
    pub removed: usize,
}

/// Pushes everything pending, then pulls. `progress(sent, total)` follows the push.
pub async fn run<B: Backend, T: Transport>(
    store: &Store<B>,
    transport: &T,
    mut progress: impl FnMut(usize, usize),
) -> Result<Report, SyncFailure> {
    let device = store.device_id()?;
    let total = store.pending()?.changes.len();
    let mut report = Report::default();
    loop {
        let batch = store.take_batch(BATCH)?;
        let Some(last) = batch.last().map(|c| c.seq) else {
            break;
        };
        progress(report.pushed, total);
        let request = PushRequest {
            device,
            changes: batch,
        };
        let answer = transport.push(&request).await?;
        store.acknowledge(answer.applied_upto, &answer.rejected, clock::now())?;
        report.pushed += request.changes.len();
        report.refused += answer.rejected.len();
        if answer.applied_upto < last {
            // The server kept part of the batch for later; never spin on it.
            break;
        }
    }
    progress(report.pushed, total);
    loop {
        let cursor = store.sync_state()?.cursor;
        let answer = transport.pull(device, cursor).await?;
        report.pulled += answer.changes.len();
        let more = answer.more && answer.cursor > cursor;
        store.absorb_remote(answer.changes, answer.cursor, clock::now())?;
        if !more {
            store.set_catalogue(&answer.catalogue)?;
            if answer.settings.remove_after_sync {
                report.removed = store.remove_synced(Removal::Finished)?;
            }
            break;
        }
    }
    Ok(report)
}
