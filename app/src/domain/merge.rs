//! Bringing two copies of one interview together (a backup read back, later a sync).
//! Notes are records of their own: the union is kept, each note in its latest version.
//! Sections come from the copy edited last.

use super::{Interview, Note};

impl Interview {
    /// Merges `other` (the same interview) into `self`. Never drops a note.
    pub fn absorb(self, other: Interview) -> Interview {
        debug_assert_eq!(self.id, other.id);
        let (mut newer, older) = if other.updated_at > self.updated_at {
            (other, self)
        } else {
            (self, other)
        };
        for note in older.notes {
            match newer.notes.iter_mut().find(|n| n.id == note.id) {
                Some(mine) => {
                    if later(&note, mine) {
                        *mine = note;
                    }
                }
                None => newer.notes.push(note),
            }
        }
        newer.notes.sort_by_key(|n| (n.created_at, n.id));
        newer
    }
}

/// Is `a` a later version of the note than `b`? On equal times a tombstone wins.
fn later(a: &Note, b: &Note) -> bool {
    (a.updated_at, a.deleted) > (b.updated_at, b.deleted)
}

#[cfg(test)]
mod tests {
    use crate::domain::{Details, Interview, Note, NoteKind};

    fn note(interview: &Interview, text: &str, at: i64) -> Note {
        Note::new(interview.guide[0].id.clone(), NoteKind::Example, text, at).expect("note")
    }

    #[test]
    fn absorbing_keeps_every_note_in_its_latest_version() {
        let mut local = Interview::new(Details::default(), "", 0);
        let shared = note(&local, "gedeeld", 1);
        local.notes.push(shared.clone());
        let mut backup = local.clone();
        local.notes.push(note(&local, "alleen lokaal", 2));
        backup.notes.push(note(&local, "alleen in back-up", 3));
        local.delete_note(shared.id, 10);
        backup.details.leaver = "A.B.".into();
        backup.updated_at = 5;
        local.updated_at = 10;

        let merged = local.clone().absorb(backup.clone());
        let texts: Vec<_> = merged
            .notes
            .iter()
            .map(|n| (n.text.as_str(), n.deleted))
            .collect();
        assert_eq!(
            texts,
            [
                ("gedeeld", true),
                ("alleen lokaal", false),
                ("alleen in back-up", false)
            ]
        );
        assert_eq!(
            merged.details.leaver, "",
            "sections come from the newer copy"
        );
        assert_eq!(backup.absorb(local), merged, "order does not matter");
    }
}
