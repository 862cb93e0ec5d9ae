//! The pending-change log: every edit not yet acknowledged by the server, in order, and the
//! changes the server refused ("geweigerd"), kept with their reason.
//!
//! Typing changes a section many times a second; consecutive edits of the same target are
//! coalesced into the last unsent change (its value and stamp replaced, its sequence number
//! kept), so the log grows with what changed, not with keystrokes. A change handed to sync is
//! sealed: it is never rewritten, since the server may already have it.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{Change, ChangeProblem, InterviewId, Op, Rejection, Stamp};

/// The sizes of a stored [`PendingLog`], read without decoding its changes.
#[derive(Debug, Default, Deserialize)]
pub struct PendingCounts {
    #[serde(default, deserialize_with = "count")]
    changes: usize,
    #[serde(default, deserialize_with = "count")]
    rejected: usize,
}

impl PendingCounts {
    /// Changes waiting to be sent.
    pub fn unsent(&self) -> usize {
        self.changes
    }

    /// Changes the server refused.
    pub fn refused(&self) -> usize {
        self.rejected
    }
}

fn count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    Ok(Vec::<serde::de::IgnoredAny>::deserialize(d)?.len())
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingLog {
    /// The sequence number the next new change gets; starts at 1, never reused.
    pub next_seq: u64,
    /// Changes at or below this sequence number were handed to sync and must not be
    /// rewritten any more (sync sets it; 0 = nothing handed out).
    #[serde(default)]
    pub sealed_upto: u64,
    pub changes: Vec<Change>,
    /// Refused by the server: never sent again, never silently dropped.
    #[serde(default)]
    pub rejected: Vec<Refused>,
}

/// A change the server refused, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub change: Change,
    pub problem: ChangeProblem,
}

impl PendingLog {
    /// Records `op`, coalescing it with the last change when that one is unsealed and has
    /// the same interview and target.
    pub fn record(&mut self, interview: InterviewId, stamp: Stamp, op: Op) {
        if let Some(last) = self.changes.last_mut() {
            let same = last.interview == interview && last.op.target() == op.target();
            if same && last.seq > self.sealed_upto {
                last.op = op;
                last.stamp = stamp;
                return;
            }
        }
        self.next_seq = self.next_seq.max(1);
        self.changes.push(Change {
            seq: self.next_seq,
            id: Uuid::now_v7(),
            stamp,
            interview,
            op,
        });
        self.next_seq += 1;
    }

    /// The next changes to push, at most `limit`, sealed from now on.
    pub fn take_batch(&mut self, limit: usize) -> Vec<Change> {
        let batch: Vec<Change> = self.changes.iter().take(limit).cloned().collect();
        if let Some(last) = batch.last() {
            self.sealed_upto = self.sealed_upto.max(last.seq);
        }
        batch
    }

    /// The server settled the `sent` changes up to `applied_upto`: those leave the log, the
    /// refused ones move to [`PendingLog::rejected`]. A change that was not sent is never
    /// dropped, whatever the answer says. Answers the interviews acknowledged.
    pub fn acknowledge(
        &mut self,
        sent: &[Uuid],
        applied_upto: u64,
        rejected: &[Rejection],
    ) -> Vec<InterviewId> {
        let mut done = Vec::new();
        let mut kept = Vec::new();
        for change in std::mem::take(&mut self.changes) {
            if change.seq > applied_upto || !sent.contains(&change.id) {
                kept.push(change);
            } else if let Some(r) = rejected.iter().find(|r| r.id == change.id) {
                self.rejected.push(Refused {
                    change,
                    problem: r.problem,
                });
            } else {
                done.push(change.interview);
            }
        }
        self.changes = kept;
        done.sort();
        done.dedup();
        done
    }

    /// Sets a waiting change aside as refused (the server cannot take it at all); answers
    /// whether it was waiting.
    pub fn refuse(&mut self, id: Uuid, problem: ChangeProblem) -> bool {
        let Some(at) = self.changes.iter().position(|c| c.id == id) else {
            return false;
        };
        let change = self.changes.remove(at);
        self.rejected.push(Refused { change, problem });
        true
    }

    /// The interviewer read a refusal and lets it go; answers whether it was there.
    pub fn dismiss(&mut self, id: Uuid) -> bool {
        let before = self.rejected.len();
        self.rejected.retain(|r| r.change.id != id);
        self.rejected.len() < before
    }

    /// Drops every waiting and refused change of `interview`; answers how many there were.
    pub fn drop_interview(&mut self, interview: InterviewId) -> usize {
        let before = self.changes.len() + self.rejected.len();
        self.changes.retain(|c| c.interview != interview);
        self.rejected.retain(|r| r.change.interview != interview);
        before - self.changes.len() - self.rejected.len()
    }

    /// Changes of `interview` still waiting to be sent, and refused ones.
    pub fn count_for(&self, interview: InterviewId) -> (usize, usize) {
        let waiting = self
            .changes
            .iter()
            .filter(|c| c.interview == interview)
            .count();
        let refused = self
            .rejected
            .iter()
            .filter(|r| r.change.interview == interview)
            .count();
        (waiting, refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Closing, Details, DeviceId, Millis, Note, NoteKind, QuestionId};

    fn details(leaver: &str) -> Op {
        Op::Details(Details {
            leaver: leaver.into(),
            ..Details::default()
        })
    }

    fn note(text: &str) -> Op {
        Op::Note(
            Note::new(QuestionId::standard("culture"), NoteKind::Quote, text, 0).expect("note"),
        )
    }

    fn at(wall: Millis) -> Stamp {
        Stamp {
            wall,
            counter: 0,
            device: DeviceId::NIL,
        }
    }

    #[test]
    fn sequence_numbers_start_at_one_and_increase() {
        let mut log = PendingLog::default();
        let a = InterviewId::new();
        log.record(a, at(1), details("J"));
        log.record(a, at(2), Op::Closing(Closing::default()));
        log.record(a, at(3), note("x"));
        let seqs: Vec<_> = log.changes.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
        assert_eq!(log.next_seq, 4);
    }

    #[test]
    fn typing_in_one_section_coalesces_into_one_change() {
        let mut log = PendingLog::default();
        let a = InterviewId::new();
        for (i, text) in ["J", "Ja", "Jan"].into_iter().enumerate() {
            log.record(a, at(i as Millis), details(text));
        }
        assert_eq!(log.changes.len(), 1);
        assert_eq!(log.changes[0].op, details("Jan"));
        assert_eq!((log.changes[0].seq, log.changes[0].stamp), (1, at(2)));
    }

    #[test]
    fn different_targets_interviews_or_sealed_changes_are_not_coalesced() {
        let mut log = PendingLog::default();
        let (a, b) = (InterviewId::new(), InterviewId::new());
        log.record(a, at(1), details("A"));
        log.record(b, at(2), details("B"));
        log.record(b, at(3), note("een"));
        log.record(b, at(4), note("twee")); // another note: another target
        assert_eq!(log.changes.len(), 4);
        assert_eq!(log.take_batch(10).len(), 4);
        log.record(b, at(5), log.changes[3].op.clone());
        assert_eq!(log.changes.len(), 5, "a sealed change is never rewritten");
        assert_eq!(log.changes[4].seq, 5);
    }

    #[test]
    fn acknowledged_changes_leave_and_refused_ones_are_kept_with_their_reason() {
        let mut log = PendingLog::default();
        let (a, b) = (InterviewId::new(), InterviewId::new());
        log.record(a, at(1), details("A"));
        log.record(b, at(2), details(""));
        log.record(a, at(3), note("later"));
        let batch = log.take_batch(2);
        assert_eq!(batch.len(), 2);
        log.record(a, at(4), note("nog later"));
        let refused = Rejection {
            id: batch[1].id,
            seq: batch[1].seq,
            problem: ChangeProblem::LeaverMissing,
        };
        let sent: Vec<Uuid> = batch.iter().map(|c| c.id).collect();
        let done = log.acknowledge(&sent, 2, &[refused]);
        assert_eq!(done, [a]);
        let left: Vec<_> = log.changes.iter().map(|c| c.seq).collect();
        assert_eq!(left, [3, 4], "unsent changes stay");
        assert_eq!(log.rejected.len(), 1);
        assert_eq!(log.rejected[0].problem, ChangeProblem::LeaverMissing);
        assert_eq!(log.count_for(b), (0, 1));
        assert_eq!(log.count_for(a), (2, 0));
        assert_eq!(
            log.acknowledge(&sent, 2, &[]),
            Vec::<InterviewId>::new(),
            "a repeat is harmless"
        );
    }

    #[test]
    fn an_answer_never_drops_a_change_that_was_not_sent() {
        let mut log = PendingLog::default();
        let a = InterviewId::new();
        log.record(a, at(1), details("A"));
        log.record(a, at(2), note("een"));
        let batch = log.take_batch(1);
        log.record(a, at(3), note("twee"));
        let sent: Vec<Uuid> = batch.iter().map(|c| c.id).collect();
        // An answer that claims far more than was sent settles only what was sent.
        assert_eq!(log.acknowledge(&sent, 1_000_000, &[]), [a]);
        let left: Vec<_> = log.changes.iter().map(|c| c.seq).collect();
        assert_eq!(left, [2, 3]);
    }

    #[test]
    fn refusals_can_be_set_aside_dismissed_and_dropped_per_interview() {
        let mut log = PendingLog::default();
        let (a, b) = (InterviewId::new(), InterviewId::new());
        log.record(a, at(1), details("A"));
        log.record(b, at(2), details("B"));
        log.record(b, at(3), note("x"));
        let first = log.changes[0].id;
        assert!(log.refuse(first, ChangeProblem::Malformed));
        assert!(!log.refuse(first, ChangeProblem::Malformed), "only once");
        assert_eq!(log.count_for(a), (0, 1));
        assert!(log.dismiss(first));
        assert_eq!(log.count_for(a), (0, 0));
        assert_eq!(log.drop_interview(b), 2);
        assert!(log.changes.is_empty());
    }
}
