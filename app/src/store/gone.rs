//! Interviews that must leave this device: HR erased them at the leaver's request, or the
//! retention period anonymised them. The interview goes with its drafts and every unsent or
//! refused change (erasure wins over what is still on the tablet), the interviewer gets a
//! notice saying so, and neither a pull nor a backup brings it back. Also: letting a refused
//! change go once read, so its interview can be removed like any synced one.

use uuid::Uuid;

use super::{Backend, Notice, Store, StoreError, INDEX_KEY, PENDING_KEY, SYNC_KEY};
use crate::domain::{Gone, Millis};

impl<B: Backend> Store<B> {
    /// Removes the `gone` interviews from this device; answers how many were here.
    pub fn forget_gone(&self, gone: &[Gone], now: Millis) -> Result<usize, StoreError> {
        if gone.is_empty() {
            return Ok(0);
        }
        let mut state = self.sync_state()?;
        let mut log = self.pending()?;
        let mut index = self.index()?;
        let mut removed = 0;
        for g in gone {
            let dropped = log.drop_interview(g.interview);
            let here = index.contains(&g.interview);
            if here || dropped > 0 {
                state.notices.push(Notice {
                    reason: g.reason,
                    dropped,
                    at: now,
                });
            }
            if here {
                removed += 1;
                index.retain(|id| *id != g.interview);
            }
            state.gone.insert(g.interview);
            state.on_server.remove(&g.interview);
        }
        // The marks first: should a later write fail, the next pull repeats the removal.
        self.write(SYNC_KEY, &state)?;
        self.write(PENDING_KEY, &log)?;
        self.write(INDEX_KEY, &index)?;
        for g in gone {
            self.remove_interview(g.interview)?;
        }
        Ok(removed)
    }

    /// The interviewer read why changes were refused and lets them go.
    pub fn dismiss_refused(&self, changes: &[Uuid]) -> Result<(), StoreError> {
        let mut log = self.pending()?;
        let mut dismissed = false;
        for change in changes {
            dismissed |= log.dismiss(*change);
        }
        if dismissed {
            self.write(PENDING_KEY, &log)?;
        }
        Ok(())
    }

    /// The interviewer read the notices about interviews that left the device.
    pub fn dismiss_notices(&self) -> Result<(), StoreError> {
        let mut state = self.sync_state()?;
        if !state.notices.is_empty() {
            state.notices.clear();
            self.write(SYNC_KEY, &state)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        domain::{Details, GoneReason, Interview, Op, Rejection, RemoteChange},
        store::{MemoryStorage, Removal, SyncMark},
    };

    fn create(store: &Store<&MemoryStorage>, leaver: &str) -> Interview {
        let details = Details {
            leaver: leaver.into(),
            ..Details::default()
        };
        let iv = Interview::new(details, "vertrouwelijk", 100);
        store.save(&iv, Op::all_of(&iv), 100).expect("saved")
    }

    #[test]
    fn an_erased_interview_leaves_with_its_changes_and_a_notice_and_stays_gone() {
        let memory = MemoryStorage::default();
        let store = Store::open(&memory).expect("opens");
        let erased = create(&store, "Weg");
        let kept = create(&store, "Blijft");
        let backup = store.export(150).expect("backup");
        let gone = [Gone {
            interview: erased.id,
            reason: GoneReason::Erased,
        }];

        assert_eq!(store.forget_gone(&gone, 200), Ok(1));
        assert_eq!(store.load(erased.id), Ok(None));
        assert_eq!(store.pending().expect("log").count_for(erased.id), (0, 0));
        assert_eq!(store.pending().expect("log").count_for(kept.id), (6, 0));
        let state = store.sync_state().expect("state");
        assert_eq!(
            state.notices,
            [Notice {
                reason: GoneReason::Erased,
                dropped: 6,
                at: 200
            }]
        );

        // Neither a backup nor a pull brings it back.
        assert_eq!(store.import(&backup, 300), Ok(0));
        assert_eq!(store.load(erased.id), Ok(None));
        let remote: Vec<RemoteChange> = erased
            .registers()
            .map(|(stamp, op)| RemoteChange {
                interview: erased.id,
                stamp,
                op,
            })
            .collect();
        assert_eq!(store.absorb_remote(remote, 9, 400), Ok(0));
        assert_eq!(store.list().map(|l| l.len()), Ok(1));
        store.dismiss_notices().expect("dismissed");
        assert!(store.sync_state().expect("state").notices.is_empty());
    }

    #[test]
    fn a_refused_change_once_dismissed_lets_its_interview_be_removed() {
        let memory = MemoryStorage::default();
        let store = Store::open(&memory).expect("opens");
        let iv = create(&store, "J.");
        let batch = store.take_batch(100).expect("batch");
        let refused = Rejection {
            id: batch[0].id,
            seq: batch[0].seq,
            problem: crate::domain::ChangeProblem::LeaverMissing,
        };
        let upto = batch.last().map_or(0, |c| c.seq);
        store
            .acknowledge(&batch, upto, &[refused], 1)
            .expect("answer");
        assert_eq!(store.sync_mark(iv.id), Ok(SyncMark::Refused(1)));
        let counts = store.pending_counts().expect("counts");
        assert_eq!((counts.unsent(), counts.refused()), (0, 1));
        assert_eq!(store.remove_synced(Removal::One(iv.id)), Ok(0));

        store.dismiss_refused(&[batch[0].id]).expect("dismissed");
        assert_eq!(store.sync_mark(iv.id), Ok(SyncMark::Synced));
        assert_eq!(store.remove_synced(Removal::One(iv.id)), Ok(1));
    }
}
