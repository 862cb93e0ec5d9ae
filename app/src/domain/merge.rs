//! Bringing copies of one interview together: a change pulled from the server, a backup read
//! back, two tablets that edited the same interview. An interview is a set of last-writer-wins
//! registers — one per section (details, opening, guide, answers, closing, status) and one per
//! note — each holding the value with the highest [`Stamp`]. A note deleted anywhere stays
//! deleted (a tombstone) and no note is ever dropped. [`resolve`] is the rule for one
//! register, used here on the device and by the server on its rows; the property tests below
//! show that replicas that saw the same changes agree, whatever the order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DeviceId, Interview, InterviewId, Op, Stamp, Target};

/// The winner of two values of one register: the later stamp; for a note, deleted if
/// either is. Commutative, associative and idempotent. Two values under one stamp (two
/// copies of one browser profile, same clock and device id) are ordered by their JSON, so
/// every replica still picks the same one.
pub fn resolve(a: (Stamp, Op), b: (Stamp, Op)) -> (Stamp, Op) {
    let b_later = match b.0.cmp(&a.0) {
        std::cmp::Ordering::Equal if a.1 != b.1 => value_key(&b.1) > value_key(&a.1),
        order => order.is_gt(),
    };
    let (mut later, earlier) = if b_later { (b, a) } else { (a, b) };
    if let (Op::Note(kept), Op::Note(other)) = (&mut later.1, &earlier.1) {
        kept.deleted |= other.deleted;
    }
    (later.0, settled(later.1))
}

/// What a register holds once `incoming` arrived where `current` was (if it was written):
/// the rule every replica applies, the tablet in [`Interview::apply`] and the server on its
/// rows.
pub fn merged(current: Option<(Stamp, Op)>, incoming: (Stamp, Op)) -> (Stamp, Op) {
    match current {
        Some(current) => resolve(current, incoming),
        None => (incoming.0, settled(incoming.1)),
    }
}

fn value_key(op: &Op) -> String {
    serde_json::to_string(op).unwrap_or_default()
}

/// A deleted note keeps no text: the deletion is what is synced, and the words of a note
/// someone removed are kept nowhere.
fn settled(mut op: Op) -> Op {
    if let Op::Note(note) = &mut op {
        if note.deleted {
            note.text.clear();
        }
    }
    op
}

/// The earlier of two creation times, where 0 means "not known yet".
fn earliest(a: i64, b: i64) -> i64 {
    match (a, b) {
        (0, x) | (x, 0) => x,
        (a, b) => a.min(b),
    }
}

/// The stamp of each register that has been written. A register without one is absent: a new
/// interview's sections until its first save, or the sections of an interview known only by
/// id. Data from before stamps existed gets them once ([`Interview::stamp_unstamped`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<(Target, Stamp)>", into = "Vec<(Target, Stamp)>")]
pub struct Stamps(BTreeMap<Target, Stamp>);

impl Stamps {
    pub fn get(&self, target: Target) -> Option<Stamp> {
        self.0.get(&target).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<(Target, Stamp)>> for Stamps {
    fn from(pairs: Vec<(Target, Stamp)>) -> Self {
        Self(pairs.into_iter().collect())
    }
}

impl From<Stamps> for Vec<(Target, Stamp)> {
    fn from(stamps: Stamps) -> Self {
        stamps.0.into_iter().collect()
    }
}

/// The section registers, in the order they are applied.
const SECTIONS: [Target; 6] = [
    Target::Details,
    Target::Opening,
    Target::Guide,
    Target::Answers,
    Target::Closing,
    Target::Status,
];

impl Interview {
    /// An interview known only by its id, before any of its registers arrived.
    pub fn blank(id: InterviewId) -> Self {
        let mut blank = Self::new(Default::default(), "", 0);
        blank.id = id;
        blank.guide.clear();
        blank
    }

    /// The current value of one register as an op (`None`: a note this copy lacks).
    pub fn register(&self, target: Target) -> Option<Op> {
        Some(match target {
            Target::Details => Op::Details(self.details.clone()),
            Target::Opening => Op::Opening(self.opening.clone()),
            Target::Guide => Op::Guide(self.guide.clone()),
            Target::Answers => Op::Answers(self.answers.clone()),
            Target::Closing => Op::Closing(self.closing),
            Target::Status => Op::status_of(self),
            Target::Note(id) => Op::Note(self.notes.iter().find(|n| n.id == id)?.clone()),
        })
    }

    /// The stamp of one register, if it was written.
    pub fn stamp_of(&self, target: Target) -> Option<Stamp> {
        self.stamps.get(target)
    }

    /// Every written register with its stamp: sections first, then the notes.
    pub fn registers(&self) -> impl Iterator<Item = (Stamp, Op)> + '_ {
        self.stamps
            .0
            .iter()
            .filter_map(|(target, stamp)| Some((*stamp, self.register(*target)?)))
    }

    /// Gives every register without a stamp one at its `updated_at` (a note's own), from
    /// `device`: for data written before stamps existed (old stored data, old backups).
    pub fn stamp_unstamped(&mut self, device: DeviceId) {
        let notes = self
            .notes
            .iter()
            .map(|n| (Target::Note(n.id), n.updated_at));
        let sections = SECTIONS.into_iter().map(|t| (t, self.updated_at));
        let missing: Vec<_> = sections
            .chain(notes)
            .filter(|(t, _)| self.stamps.get(*t).is_none())
            .collect();
        for (target, wall) in missing {
            let stamp = Stamp {
                wall,
                counter: 0,
                device,
            };
            self.stamps.0.insert(target, stamp);
        }
    }

    /// Applies one change by [`resolve`]. Answers whether the interview changed.
    pub fn apply(&mut self, stamp: Stamp, op: Op) -> bool {
        let target = op.target();
        let created_at = earliest(self.created_at, stamp.wall);
        let moved = created_at != self.created_at;
        self.created_at = created_at;
        let current = self.stamp_of(target).zip(self.register(target));
        let (stamp, op) = merged(current.clone(), (stamp, op));
        if current
            .as_ref()
            .is_some_and(|(s, v)| *s == stamp && *v == op)
        {
            return moved;
        }
        self.stamps.0.insert(target, stamp);
        self.updated_at = self.updated_at.max(stamp.wall);
        match op {
            Op::Details(v) => self.details = v,
            Op::Opening(v) => self.opening = v,
            Op::Guide(v) => self.guide = v,
            Op::Answers(v) => self.answers = v,
            Op::Closing(v) => self.closing = v,
            Op::Status { status, started_at } => {
                self.status = status;
                self.started_at = started_at;
            }
            Op::Note(note) => {
                match self.notes.iter_mut().find(|n| n.id == note.id) {
                    Some(mine) => *mine = note,
                    None => self.notes.push(note),
                }
                self.notes.sort_by_key(|n| (n.created_at, n.id));
            }
        }
        true
    }

    /// Gives a written register a new stamp and answers its value: for edits that a clock
    /// running far ahead stamped (the server refused them), once the clock was put right.
    /// Unlike [`Interview::apply`], the new stamp may be lower than the old one.
    pub fn restamp(&mut self, target: Target, stamp: Stamp) -> Option<Op> {
        let value = self.register(target)?;
        self.stamps.0.insert(target, stamp);
        self.created_at = earliest(self.created_at, stamp.wall);
        self.updated_at = self
            .stamps
            .0
            .values()
            .map(|s| s.wall)
            .max()
            .unwrap_or(stamp.wall);
        Some(value)
    }

    /// Merges `other` (the same interview) into `self`. Never drops a note.
    pub fn absorb(mut self, other: Interview) -> Interview {
        debug_assert_eq!(self.id, other.id);
        self.created_at = earliest(self.created_at, other.created_at);
        for (stamp, op) in other.registers() {
            self.apply(stamp, op);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{Closing, Details, Note, NoteId, NoteKind, QuestionId};

    fn note(interview: &Interview, text: &str, at: i64) -> Note {
        Note::new(interview.guide[0].id.clone(), NoteKind::Example, text, at).expect("note")
    }

    #[test]
    fn absorbing_a_backup_keeps_every_note_in_its_latest_version() {
        let mut local = Interview::new(Details::default(), "", 1);
        let shared = note(&local, "gedeeld", 1);
        local.notes.push(shared.clone());
        let mut backup = local.clone();
        local.notes.push(note(&local, "alleen lokaal", 2));
        backup.notes.push(note(&local, "alleen in back-up", 3));
        local.delete_note(shared.id, 10);
        backup.details.leaver = "A.B.".into();
        backup.updated_at = 5;
        local.updated_at = 10;
        // Data from before stamps: stamped at their update times.
        local.stamp_unstamped(DeviceId::NIL);
        backup.stamp_unstamped(DeviceId::NIL);

        let merged = local.clone().absorb(backup.clone());
        let texts: Vec<_> = merged
            .notes
            .iter()
            .map(|n| (n.text.as_str(), n.deleted))
            .collect();
        assert_eq!(
            texts,
            [
                ("", true),
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

    /// A small world: three devices, four notes, a few values per section.
    fn devices() -> [DeviceId; 3] {
        static IDS: std::sync::OnceLock<[DeviceId; 3]> = std::sync::OnceLock::new();
        *IDS.get_or_init(|| [DeviceId::new(), DeviceId::new(), DeviceId::new()])
    }

    fn note_ids() -> [NoteId; 4] {
        static IDS: std::sync::OnceLock<[NoteId; 4]> = std::sync::OnceLock::new();
        *IDS.get_or_init(|| [NoteId::new(), NoteId::new(), NoteId::new(), NoteId::new()])
    }

    fn interview_id() -> InterviewId {
        static ID: std::sync::OnceLock<InterviewId> = std::sync::OnceLock::new();
        *ID.get_or_init(InterviewId::new)
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            "[a-c]{1,2}".prop_map(|leaver| Op::Details(Details {
                leaver,
                ..Details::default()
            })),
            any::<bool>().prop_map(|thanked| Op::Closing(Closing {
                thanked,
                ..Closing::default()
            })),
            (0..4usize, "[x-z]{1,3}", any::<bool>(), 0..3i64).prop_map(
                |(n, text, deleted, created)| {
                    let mut note =
                        Note::new(QuestionId::standard("why"), NoteKind::Quote, &text, created)
                            .expect("text");
                    note.id = note_ids()[n];
                    // One note has one creation time, whoever edits it.
                    note.created_at = n as i64;
                    note.deleted = deleted;
                    Op::Note(note)
                }
            ),
        ]
    }

    /// Changes with (practically) unique stamps, as real devices make them: one stamp, one
    /// value. Few wall times, so many edits are concurrent.
    fn changes() -> impl Strategy<Value = Vec<(Stamp, Op)>> {
        let change =
            (1..50i64, any::<u32>(), 0..3usize, op()).prop_map(|(wall, counter, device, op)| {
                let device = devices()[device];
                (
                    Stamp {
                        wall,
                        counter,
                        device,
                    },
                    op,
                )
            });
        prop::collection::vec(change, 0..12)
    }

    fn replica(changes: &[(Stamp, Op)]) -> Interview {
        let mut r = Interview::blank(interview_id());
        for (stamp, op) in changes {
            r.apply(*stamp, op.clone());
        }
        r
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in changes(), b in changes()) {
            prop_assert_eq!(replica(&a).absorb(replica(&b)), replica(&b).absorb(replica(&a)));
        }

        #[test]
        fn merge_is_associative(a in changes(), b in changes(), c in changes()) {
            let left = replica(&a).absorb(replica(&b)).absorb(replica(&c));
            let right = replica(&a).absorb(replica(&b).absorb(replica(&c)));
            prop_assert_eq!(left, right);
        }

        #[test]
        fn merge_is_idempotent(a in changes()) {
            prop_assert_eq!(replica(&a).absorb(replica(&a)), replica(&a));
        }

        #[test]
        fn the_order_changes_arrive_in_does_not_matter(a in changes(), seed in any::<u64>()) {
            let mut shuffled = a.clone();
            let n = shuffled.len();
            for i in (1..n).rev() {
                let j = (seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)) as usize;
                shuffled.swap(i, j);
            }
            prop_assert_eq!(replica(&a), replica(&shuffled));
        }

        #[test]
        fn no_note_is_ever_lost_and_deletions_stick(a in changes(), b in changes()) {
            let merged = replica(&a).absorb(replica(&b));
            for note in &merged.notes {
                prop_assert!(!note.deleted || note.text.is_empty(), "a tombstone keeps text");
            }
            for (_, op) in a.iter().chain(&b) {
                if let Op::Note(note) = op {
                    let kept = merged.notes.iter().find(|n| n.id == note.id);
                    prop_assert!(kept.is_some(), "note {} lost", note.id);
                    if note.deleted {
                        prop_assert!(kept.is_some_and(|n| n.deleted), "tombstone lost");
                    }
                }
            }
        }
    }

    #[test]
    fn two_values_under_one_stamp_resolve_the_same_way_in_either_order() {
        let [a, ..] = devices();
        let stamp = Stamp {
            wall: 5,
            counter: 1,
            device: a,
        };
        let details = |leaver: &str| {
            Op::Details(Details {
                leaver: leaver.into(),
                ..Details::default()
            })
        };
        let mut note =
            Note::new(QuestionId::standard("why"), NoteKind::Quote, "een", 1).expect("note");
        let mut other = note.clone();
        other.text = "twee".into();
        let cases = [
            (details("Jan"), details("Piet")),
            (Op::Note(note.clone()), Op::Note(other.clone())),
            (Op::Note(note.clone()), {
                note.deleted = true;
                Op::Note(note.clone())
            }),
        ];
        for (x, y) in cases {
            let one = resolve((stamp, x.clone()), (stamp, y.clone()));
            let two = resolve((stamp, y.clone()), (stamp, x.clone()));
            assert_eq!(one, two, "{x:?} / {y:?}");
        }
        other.deleted = true;
        let one = resolve(
            (stamp, Op::Note(other.clone())),
            (stamp, Op::Note(note.clone())),
        );
        assert!(matches!(one.1, Op::Note(n) if n.deleted && n.text.is_empty()));
    }

    #[test]
    fn the_later_stamp_wins_a_section_whichever_arrives_first() {
        let [a, b, _] = devices();
        let early = Stamp {
            wall: 1,
            counter: 0,
            device: b,
        };
        let late = Stamp {
            wall: 2,
            counter: 0,
            device: a,
        };
        let details = |leaver: &str| {
            Op::Details(Details {
                leaver: leaver.into(),
                ..Details::default()
            })
        };
        let one = replica(&[(early, details("oud")), (late, details("nieuw"))]);
        let two = replica(&[(late, details("nieuw")), (early, details("oud"))]);
        assert_eq!(one, two);
        assert_eq!(one.details.leaver, "nieuw");
        assert!(
            !one.clone().apply(early, details("oud")),
            "an older value changes nothing"
        );
    }
}
