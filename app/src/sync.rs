//! Sync, the device's side: push every pending change in order, in batches, then pull what
//! changed elsewhere until the server has no more. The steps are here, over any
//! [`Transport`], so the server's integration tests run this very code against a real
//! server; [`agent`] decides when it runs in the browser and shows how it went.
//!
//! One bad change never stops the queue: a batch too large for a request is halved down to
//! one change, and a single change the server cannot take at all is set aside as refused.
//! An answer that acknowledges more than was sent is an error, never an acknowledgement.

use std::future::Future;

use crate::{
    api::ApiFailure,
    clock,
    domain::{
        ChangeProblem, DeviceId, Millis, PullResponse, PushRequest, PushResponse, TabletSettings,
        UserId,
    },
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
    /// The server said it applied changes up to `applied_upto`, but only changes up to
    /// `sent` were sent: nothing was taken as acknowledged.
    Overreach {
        applied_upto: u64,
        sent: u64,
    },
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
    /// Interviews removed because the server erased or anonymised them.
    pub gone: usize,
    /// HR's settings for tablets, as the last pull brought them.
    pub settings: Option<TabletSettings>,
}

/// What to do after a push of `len` changes failed with `failure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setback {
    /// Too large or unreadable as a whole: send half as many.
    Halve,
    /// This one change cannot be taken at all: keep it as refused, go on with the rest.
    SetAside(ChangeProblem),
    /// The server holds this device id for another user, or further along than this device
    /// (a restored or cloned copy): send everything again under a new id.
    NewDevice,
    /// Stop and report (offline, logged out, server trouble): everything stays pending.
    Stop,
}

impl Setback {
    pub fn of(failure: &ApiFailure, len: usize) -> Setback {
        let ApiFailure::Refused { status, error, .. } = failure else {
            return Setback::Stop;
        };
        // Too large is too large, whoever says so (a proxy may have a smaller limit); a bad
        // request only when our server says so, in its own words.
        match (*status, error.as_str(), len) {
            (_, "device_taken" | "device_behind", _) => Setback::NewDevice,
            (413, _, 2..) | (400, "bad_request", 2..) => Setback::Halve,
            (413, _, 1) => Setback::SetAside(ChangeProblem::TooLong),
            (400, "bad_request", 1) => Setback::SetAside(ChangeProblem::Malformed),
            _ => Setback::Stop,
        }
    }
}

/// Pushes everything pending as `user`, then pulls. `progress(sent, total)` follows the push.
pub async fn run<B: Backend, T: Transport>(
    store: &Store<B>,
    transport: &T,
    user: UserId,
    progress: impl FnMut(usize, usize),
) -> Result<Report, SyncFailure> {
    let mut sync = Sync {
        store,
        transport,
        user,
        device: store.device_for(user)?,
        renewed: false,
        report: Report::default(),
    };
    sync.push(progress).await?;
    let server_time = sync.pull().await?;
    // A clock that ran ahead and was put right: the refused edits, stamped again, go now.
    if store.rewind_clock(clock::now(), server_time)? > 0 {
        sync.push(|_, _| {}).await?;
    }
    Ok(sync.report)
}

/// One sync in progress.
struct Sync<'a, B: Backend, T: Transport> {
    store: &'a Store<B>,
    transport: &'a T,
    user: UserId,
    device: DeviceId,
    /// The device id is renewed at most once per sync: a second refusal is reported.
    renewed: bool,
    report: Report,
}

impl<B: Backend, T: Transport> Sync<'_, B, T> {
    /// After `failure`, a new device id when the server asks for one; else the failure.
    fn renew(&mut self, failure: ApiFailure) -> Result<(), SyncFailure> {
        if self.renewed || Setback::of(&failure, 0) != Setback::NewDevice {
            return Err(SyncFailure::Api(failure));
        }
        self.renewed = true;
        self.device = self.store.new_device_for(self.user)?;
        Ok(())
    }

    async fn push(&mut self, mut progress: impl FnMut(usize, usize)) -> Result<(), SyncFailure> {
        let store = self.store;
        let total = store.pending()?.changes.len();
        let mut limit = BATCH;
        let mut sent = 0;
        loop {
            let batch = store.take_batch(limit)?;
            let Some(last) = batch.last().map(|c| c.seq) else {
                break;
            };
            progress(sent, total);
            let request = PushRequest {
                device: self.device,
                changes: batch,
            };
            let answer = match self.transport.push(&request).await {
                Ok(answer) => answer,
                Err(failure) => {
                    match Setback::of(&failure, request.changes.len()) {
                        Setback::Halve => limit = (request.changes.len() / 2).max(1),
                        Setback::SetAside(problem) => {
                            store.refuse(request.changes[0].id, problem)?;
                            self.report.refused += 1;
                        }
                        Setback::NewDevice | Setback::Stop => self.renew(failure)?,
                    }
                    continue;
                }
            };
            if answer.applied_upto > last {
                return Err(SyncFailure::Overreach {
                    applied_upto: answer.applied_upto,
                    sent: last,
                });
            }
            let now = clock::now();
            store.acknowledge(&request.changes, answer.applied_upto, &answer.rejected, now)?;
            // After a halving, grow back: one large change must not make the rest go alone.
            limit = (limit * 2).min(BATCH);
            sent += request.changes.len();
            self.report.pushed += request.changes.len();
            self.report.refused += answer.rejected.len();
            if answer.applied_upto < last {
                // The server kept part of the batch for later; never spin on it.
                break;
            }
        }
        progress(sent, total);
        Ok(())
    }

    /// Pulls until the server has no more; answers the server's clock.
    async fn pull(&mut self) -> Result<Millis, SyncFailure> {
        let store = self.store;
        loop {
            let cursor = store.sync_state()?.cursor;
            let answer = match self.transport.pull(self.device, cursor).await {
                Ok(answer) => answer,
                Err(failure) => {
                    self.renew(failure)?;
                    continue;
                }
            };
            self.report.pulled += answer.changes.len();
            let more = answer.more && answer.cursor > cursor;
            self.report.gone += store.forget_gone(&answer.gone, clock::now())?;
            store.absorb_remote(answer.changes, answer.cursor, clock::now())?;
            if !more {
                store.set_catalogue(&answer.catalogue)?;
                self.report.settings = Some(answer.settings);
                if answer.settings.remove_after_sync {
                    self.report.removed = store.remove_synced(Removal::Finished)?;
                }
                return Ok(answer.server_time);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(status: u16, error: &str) -> ApiFailure {
        ApiFailure::Refused {
            status,
            error: error.into(),
            message: String::new(),
            retry_after: None,
        }
    }

    #[test]
    fn a_failed_push_halves_sets_aside_renews_or_stops() {
        let cases = [
            (refused(413, "bad_request"), 100, Setback::Halve),
            (refused(413, "bad_request"), 2, Setback::Halve),
            (
                refused(413, "bad_request"),
                1,
                Setback::SetAside(ChangeProblem::TooLong),
            ),
            (refused(413, ""), 100, Setback::Halve),
            (
                refused(413, ""),
                1,
                Setback::SetAside(ChangeProblem::TooLong),
            ),
            (refused(400, ""), 7, Setback::Stop),
            (refused(400, ""), 1, Setback::Stop),
            (refused(400, "bad_request"), 7, Setback::Halve),
            (
                refused(400, "bad_request"),
                1,
                Setback::SetAside(ChangeProblem::Malformed),
            ),
            (refused(403, "device_taken"), 5, Setback::NewDevice),
            (refused(409, "device_behind"), 1, Setback::NewDevice),
            (refused(403, "forbidden"), 5, Setback::Stop),
            (refused(403, "wrong_user"), 5, Setback::Stop),
            (refused(401, "unauthorized"), 1, Setback::Stop),
            (refused(500, "internal"), 1, Setback::Stop),
            (ApiFailure::Offline, 3, Setback::Stop),
            (ApiFailure::Unreadable, 3, Setback::Stop),
        ];
        for (failure, len, want) in cases {
            assert_eq!(Setback::of(&failure, len), want, "{failure:?} × {len}");
        }
    }
}
