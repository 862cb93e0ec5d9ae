//! The pending-change log: every edit not yet acknowledged by the server, in order.
//!
//! Typing changes a section many times a second; consecutive edits of the same target are
//! coalesced into the last unsent change (its value and time replaced, its sequence number
//! kept), so the log grows with what changed, not with keystrokes.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{Change, InterviewId, Millis, Op};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingLog {
    /// The sequence number the next new change gets; starts at 1, never reused.
    pub next_seq: u64,
    /// Changes at or below this sequence number were handed to sync and must not be
    /// rewritten any more (sync sets it; 0 = nothing handed out).
    #[serde(default)]
    pub sealed_upto: u64,
    pub changes: Vec<Change>,
}

impl PendingLog {
    /// Records `op`, coalescing it with the last change when that one is unsealed and has
    /// the same interview and target.
    pub fn record(&mut self, interview: InterviewId, op: Op, at: Millis) {
        if let Some(last) = self.changes.last_mut() {
            let same = last.interview == interview && last.op.target() == op.target();
            if same && last.seq > self.sealed_upto {
                last.op = op;
                last.at = at;
                return;
            }
        }
        self.next_seq = self.next_seq.max(1);
        self.changes.push(Change {
            seq: self.next_seq,
            id: Uuid::now_v7(),
            at,
            interview,
            op,
        });
        self.next_seq += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Closing, Details, Note, NoteKind, QuestionId};

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

    #[test]
    fn sequence_numbers_start_at_one_and_increase() {
        let mut log = PendingLog::default();
        let a = InterviewId::new();
        log.record(a, details("J"), 1);
        log.record(a, Op::Closing(Closing::default()), 2);
        log.record(a, note("x"), 3);
        let seqs: Vec<_> = log.changes.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
        assert_eq!(log.next_seq, 4);
    }

    #[test]
    fn typing_in_one_section_coalesces_into_one_change() {
        let mut log = PendingLog::default();
        let a = InterviewId::new();
        for (i, text) in ["J", "Ja", "Jan"].into_iter().enumerate() {
            log.record(a, details(text), i as Millis);
        }
        assert_eq!(log.changes.len(), 1);
        assert_eq!(log.changes[0].op, details("Jan"));
        assert_eq!((log.changes[0].seq, log.changes[0].at), (1, 2));
    }

    #[test]
    fn different_targets_interviews_or_sealed_changes_are_not_coalesced() {
        let mut log = PendingLog::default();
        let (a, b) = (InterviewId::new(), InterviewId::new());
        log.record(a, details("A"), 1);
        log.record(b, details("B"), 2);
        log.record(b, note("een"), 3);
        log.record(b, note("twee"), 4); // another note: another target
        assert_eq!(log.changes.len(), 4);
        log.sealed_upto = 4;
        log.record(b, log.changes[3].op.clone(), 5);
        assert_eq!(log.changes.len(), 5, "a sealed change is never rewritten");
        assert_eq!(log.changes[4].seq, 5);
    }
}
