//! A clock that ran ahead, put right. A tablet whose date was set days ahead stamps its edits
//! in the future; the server refuses them (`clock_ahead`) and the interviewer is asked to
//! check the date. Once it is right, the hybrid clock would still never go back, so every
//! later edit would be refused too. Here the clock starts from the present again, and every
//! register still stamped beyond what the server accepts gets a fresh stamp and is queued
//! once more, with the value the tablet holds now: nothing typed is lost.
//!
//! Only when this device's clock agrees with the server's: a tablet whose date went back to
//! 2001 must not stamp its edits there.

use std::collections::BTreeSet;

use super::{Backend, Store, StoreError, CLOCK_KEY, PENDING_KEY};
use crate::domain::{ChangeProblem, Hlc, InterviewId, Millis, Target, MAX_CLOCK_AHEAD};

impl<B: Backend> Store<B> {
    /// Answers how many registers were stamped again (and queued).
    pub fn rewind_clock(&self, now: Millis, server_time: Millis) -> Result<usize, StoreError> {
        let agrees = server_time > 0 && now.abs_diff(server_time) <= MAX_CLOCK_AHEAD as u64;
        let limit = server_time.saturating_add(MAX_CLOCK_AHEAD);
        let mut log = self.pending()?;
        let refused_ahead = log
            .rejected
            .iter()
            .any(|r| r.problem == ChangeProblem::ClockAhead);
        if !agrees || (self.clock()?.wall() <= limit && !refused_ahead) {
            return Ok(0);
        }
        // The refused ones and the unsent ones stamped ahead give way to the values queued
        // below (the server never took a change stamped ahead). A refused register is queued
        // again even when its stamp is no longer ahead: days may have passed since.
        let mut refused: BTreeSet<(InterviewId, Target)> = BTreeSet::new();
        log.rejected.retain(|r| {
            let ahead = r.problem == ChangeProblem::ClockAhead;
            if ahead {
                refused.insert((r.change.interview, r.change.op.target()));
            }
            !ahead
        });
        log.changes.retain(|c| c.stamp.wall <= limit);
        let mut fresh = Hlc::default();
        let mut interviews = Vec::new();
        for id in self.index()? {
            let Some(interview) = self.load(id)? else {
                continue;
            };
            let mut again = Vec::new();
            for (stamp, op) in interview.registers() {
                let target = op.target();
                if stamp.wall > limit || refused.contains(&(id, target)) {
                    again.push(target);
                } else {
                    fresh.observe(stamp, now);
                }
            }
            if !again.is_empty() {
                interviews.push((interview, again));
            }
        }
        let device = self.device_id()?;
        let mut restamped = 0;
        for (mut interview, ahead) in interviews {
            for target in ahead {
                let stamp = fresh.tick(now, device);
                if let Some(op) = interview.restamp(target, stamp) {
                    log.record(interview.id, stamp, op);
                    restamped += 1;
                }
            }
            self.write(&super::interview_key(interview.id), &interview)?;
        }
        self.write(PENDING_KEY, &log)?;
        // Last: should a write above fail, the clock still runs ahead and this runs again.
        self.write(CLOCK_KEY, &fresh)?;
        Ok(restamped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        domain::{Details, Interview, Op, Rejection},
        store::MemoryStorage,
    };

    const DAY: Millis = MAX_CLOCK_AHEAD;
    const NOW: Millis = 1_800_000_000_000;

    /// A tablet whose date ran three days ahead: an interview saved and pushed, all refused.
    fn ahead(memory: &MemoryStorage) -> (Store<&MemoryStorage>, Interview) {
        let store = Store::open(memory).expect("opens");
        let details = Details {
            leaver: "Els".into(),
            ..Details::default()
        };
        let base = Interview::new(details, "", NOW + 3 * DAY);
        let iv = store
            .save(&base, Op::all_of(&base), NOW + 3 * DAY)
            .expect("saved");
        let batch = store.take_batch(100).expect("batch");
        let refused: Vec<Rejection> = batch
            .iter()
            .map(|c| Rejection {
                id: c.id,
                seq: c.seq,
                problem: ChangeProblem::ClockAhead,
            })
            .collect();
        let upto = batch.last().map_or(0, |c| c.seq);
        store
            .acknowledge(&batch, upto, &refused, NOW)
            .expect("answered");
        (store, iv)
    }

    #[test]
    fn once_the_date_is_right_refused_edits_are_stamped_again_and_queued() {
        let memory = MemoryStorage::default();
        let (store, iv) = ahead(&memory);
        assert_eq!(store.pending().expect("log").rejected.len(), 6);

        assert_eq!(store.rewind_clock(NOW, NOW + 500), Ok(6));
        let log = store.pending().expect("log");
        assert!(log.rejected.is_empty());
        assert_eq!(log.changes.len(), 6);
        assert!(log.changes.iter().all(|c| c.stamp.wall <= NOW + DAY));
        let stored = store.load(iv.id).expect("read").expect("there");
        assert_eq!(stored.details.leaver, "Els", "the values stay");
        assert!(stored.registers().all(|(s, _)| s.wall <= NOW + DAY));

        // A later edit wins over the re-stamped value, and nothing runs twice.
        let mut details = stored.details.clone();
        details.leaver = "Els de Vries".into();
        let after = store
            .save(&stored, vec![Op::Details(details)], NOW + 1)
            .expect("saved");
        assert_eq!(after.details.leaver, "Els de Vries");
        assert_eq!(store.rewind_clock(NOW + 2, NOW + 2), Ok(0));
    }

    #[test]
    fn a_refused_edit_is_queued_again_even_when_the_date_was_put_right_days_later() {
        let memory = MemoryStorage::default();
        let (store, iv) = ahead(&memory);
        // A weekend later the refused stamps are no longer ahead of the server.
        let later = NOW + 3 * DAY;
        assert_eq!(store.rewind_clock(later, later), Ok(6));
        let log = store.pending().expect("log");
        assert!(log.rejected.is_empty());
        assert_eq!(log.changes.len(), 6);
        let stored = store.load(iv.id).expect("read").expect("there");
        assert!(stored.registers().all(|(s, _)| s.wall >= later));
    }

    #[test]
    fn a_clock_that_disagrees_with_the_server_changes_nothing() {
        let memory = MemoryStorage::default();
        let (store, _) = ahead(&memory);
        let before = store.pending().expect("log");
        // Still ahead, or now far behind: either way the tablet's clock is not to be trusted.
        for (now, server) in [(NOW + 3 * DAY, NOW), (NOW - 30 * DAY, NOW), (NOW, 0)] {
            assert_eq!(store.rewind_clock(now, server), Ok(0));
            assert_eq!(store.pending().expect("log"), before);
        }
    }
}
