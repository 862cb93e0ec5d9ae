//! Themes and tone of a push's notes, worked out before its transaction opens, so the
//! detector's work (stemming, lexicon, model) does not hold the write lock on SQLite nor the
//! version on PostgreSQL. The tags depend on HR's theme settings and the active model
//! version; the push reads both again under its lock and uses what was worked out only when
//! they are the same ([`Tagger::settle`]). When HR changed them in between, the notes are
//! tagged inside the transaction as before: never with settings that are no longer current.

use std::collections::HashMap;

use app::{domain::Op, themes::Catalogue};

use super::{Incoming, SyncError};
use crate::{
    db::Tx,
    sync::{
        catalogue::{from_rows, tags, SettingRow, SETTINGS_SQL},
        models::Detector,
        Interviews,
    },
};

/// A note's text and the interviewer's own choice of themes: what its tags follow from.
type Key = (String, Option<Vec<String>>);

/// The settings and detector a push tags with, and the tags already worked out.
pub(super) struct Tagger {
    rows: Vec<SettingRow>,
    catalogue: Catalogue,
    detector: Detector,
    /// (theme ids, sentiment) per text, worked out by [`Tagger::prepare`].
    done: HashMap<Key, (String, String)>,
}

impl Tagger {
    /// HR's settings and the active detector as `tx` sees them.
    pub(super) async fn read(interviews: &Interviews, tx: &mut Tx) -> Result<Self, SyncError> {
        let rows: Vec<SettingRow> = tx.all(SETTINGS_SQL, vec![]).await?;
        let detector = interviews.detector(tx).await?;
        Ok(Self {
            catalogue: from_rows(rows.clone()),
            rows,
            detector,
            done: HashMap::new(),
        })
    }

    /// Tags the text of every note change in `changes`: the CPU work of a push, done
    /// before it takes any lock.
    pub(super) fn prepare(&mut self, changes: &[Incoming]) {
        for incoming in changes {
            let Incoming::Readable(change) = incoming else {
                continue;
            };
            let Op::Note(note) = &change.op else {
                continue;
            };
            let key = (note.text.clone(), note.themes.clone());
            if !self.done.contains_key(&key) {
                let found = self.work_out(&key);
                self.done.insert(key, found);
            }
        }
    }

    /// The tagger to use under the lock, where `current` was just read: this one, with what
    /// it worked out, when the settings and the detector are still the same; else `current`.
    pub(super) fn settle(self, current: Tagger) -> Tagger {
        if self.rows == current.rows && self.detector.same(&current.detector) {
            self
        } else {
            current
        }
    }

    /// (theme ids, sentiment) of `text`, where `fixed` is the interviewer's own choice.
    pub(super) fn tags(&self, text: &str, fixed: Option<&[String]>) -> (String, String) {
        let key = (text.to_owned(), fixed.map(<[String]>::to_vec));
        match self.done.get(&key) {
            Some(found) => found.clone(),
            None => self.work_out(&key),
        }
    }

    fn work_out(&self, (text, fixed): &Key) -> (String, String) {
        tags(
            &self.catalogue,
            self.detector.model(),
            text,
            fixed.as_deref(),
        )
    }

    /// How many texts were tagged before the lock (for tests).
    #[cfg(test)]
    fn prepared(&self) -> usize {
        self.done.len()
    }
}

#[cfg(test)]
mod tests {
    use app::domain::{Change, DeviceId, InterviewId, Note, NoteId, NoteKind, QuestionId, Stamp};
    use uuid::Uuid;

    use super::*;

    fn tagger(rows: Vec<SettingRow>) -> Tagger {
        Tagger {
            catalogue: from_rows(rows.clone()),
            rows,
            detector: Detector::Builtin,
            done: HashMap::new(),
        }
    }

    /// HR's settings with the manager theme on or off.
    fn rows(manager: bool) -> Vec<SettingRow> {
        vec![(
            "manager".into(),
            String::new(),
            String::new(),
            manager,
            String::new(),
        )]
    }

    fn note(text: &str) -> Incoming {
        Incoming::Readable(Change {
            seq: 1,
            id: Uuid::now_v7(),
            stamp: Stamp {
                wall: 1,
                counter: 0,
                device: DeviceId::NIL,
            },
            interview: InterviewId::new(),
            op: Op::Note(Note {
                id: NoteId::new(),
                question: QuestionId::standard("reason"),
                kind: NoteKind::Example,
                text: text.into(),
                created_at: 1,
                updated_at: 1,
                deleted: false,
                themes: None,
            }),
        })
    }

    #[test]
    fn what_was_worked_out_before_the_lock_is_what_the_lock_would_give() {
        let text = "Mijn leidinggevende gaf nooit feedback, het salaris bleef achter";
        let mut early = tagger(rows(true));
        early.prepare(&[note(text), note(text), note("")]);
        assert_eq!(early.prepared(), 2);
        let late = tagger(rows(true));
        let expected = late.tags(text, None);
        assert!(expected.0.contains("manager"), "{expected:?}");
        let settled = early.settle(tagger(rows(true)));
        assert_eq!(settled.prepared(), 2);
        assert_eq!(settled.tags(text, None), expected);
    }

    #[test]
    fn settings_changed_in_between_drop_what_was_worked_out() {
        let text = "Mijn leidinggevende gaf nooit feedback";
        let mut early = tagger(rows(true));
        early.prepare(&[note(text)]);
        let settled = early.settle(tagger(rows(false)));
        assert_eq!(settled.prepared(), 0);
        assert!(!settled.tags(text, None).0.contains("manager"));
    }
}
