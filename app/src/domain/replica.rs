//! An interview as last-writer-wins registers, merged the same way on every device and on the
//! server: one register per section (details, opening, guide, answers, closing, status) and
//! one per note. A register keeps the value with the highest [`Stamp`]; a note that was
//! deleted anywhere stays deleted (a tombstone), and no note is ever dropped. Merging is
//! commutative, associative and idempotent (property-tested), so replicas that saw the same
//! changes agree whatever the order.

use std::collections::BTreeMap;

use super::{Op, Stamp, Target};

/// The registers of one interview.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replica {
    registers: BTreeMap<Target, (Stamp, Op)>,
}

impl Replica {
    /// Applies one change; an older stamp than the register's loses (a note's tombstone stays).
    pub fn apply(&mut self, stamp: Stamp, op: Op) {
        let target = op.target();
        let incoming = (stamp, op);
        let joined = match self.registers.remove(&target) {
            Some(current) => join(current, incoming),
            None => incoming,
        };
        self.registers.insert(target, joined);
    }

    /// Both replicas' changes in one.
    pub fn merge(mut self, other: Replica) -> Replica {
        for (stamp, op) in other.registers.into_values() {
            self.apply(stamp, op);
        }
        self
    }

    /// The current value of every register, sections first, then notes by id.
    pub fn ops(&self) -> impl Iterator<Item = &Op> {
        self.registers.values().map(|(_, op)| op)
    }
}

/// The later of two values of one register; for notes, deleted if either is.
fn join(a: (Stamp, Op), b: (Stamp, Op)) -> (Stamp, Op) {
    let (mut later, earlier) = if b.0 > a.0 { (b, a) } else { (a, b) };
    if let (Op::Note(kept), Op::Note(other)) = (&mut later.1, &earlier.1) {
        kept.deleted |= other.deleted;
    }
    later
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{Closing, Details, DeviceId, Note, NoteId, NoteKind, QuestionId};

    /// A small world: three devices, four notes, a few values per section.
    fn devices() -> [DeviceId; 3] {
        static IDS: std::sync::OnceLock<[DeviceId; 3]> = std::sync::OnceLock::new();
        *IDS.get_or_init(|| [DeviceId::new(), DeviceId::new(), DeviceId::new()])
    }

    fn note_ids() -> [NoteId; 4] {
        static IDS: std::sync::OnceLock<[NoteId; 4]> = std::sync::OnceLock::new();
        *IDS.get_or_init(|| [NoteId::new(), NoteId::new(), NoteId::new(), NoteId::new()])
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
            (0..4usize, "[x-z]{1,3}", any::<bool>()).prop_map(|(n, text, deleted)| {
                let mut note = Note::new(QuestionId::standard("why"), NoteKind::Quote, &text, 0)
                    .expect("text");
                note.id = note_ids()[n];
                note.deleted = deleted;
                Op::Note(note)
            }),
        ]
    }

    /// Changes with unique stamps (as real devices make them).
    fn changes() -> impl Strategy<Value = Vec<(Stamp, Op)>> {
        prop::collection::vec((0..50i64, 0..3usize, op()), 0..12).prop_map(|raw| {
            raw.into_iter()
                .enumerate()
                .map(|(i, (wall, device, op))| {
                    let stamp = Stamp {
                        wall,
                        counter: i as u32,
                        device: devices()[device],
                    };
                    (stamp, op)
                })
                .collect()
        })
    }

    fn replica(changes: &[(Stamp, Op)]) -> Replica {
        let mut r = Replica::default();
        for (stamp, op) in changes {
            r.apply(*stamp, op.clone());
        }
        r
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in changes(), b in changes()) {
            prop_assert_eq!(replica(&a).merge(replica(&b)), replica(&b).merge(replica(&a)));
        }

        #[test]
        fn merge_is_associative(a in changes(), b in changes(), c in changes()) {
            let left = replica(&a).merge(replica(&b)).merge(replica(&c));
            let right = replica(&a).merge(replica(&b).merge(replica(&c)));
            prop_assert_eq!(left, right);
        }

        #[test]
        fn merge_is_idempotent(a in changes()) {
            prop_assert_eq!(replica(&a).merge(replica(&a)), replica(&a));
        }

        #[test]
        fn the_order_changes_arrive_in_does_not_matter(a in changes(), seed in any::<u64>()) {
            let mut shuffled = a.clone();
            // A deterministic shuffle from the seed.
            let n = shuffled.len();
            for i in (1..n).rev() {
                let j = (seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)) as usize;
                shuffled.swap(i, j);
            }
            prop_assert_eq!(replica(&a), replica(&shuffled));
        }

        #[test]
        fn no_note_is_ever_lost_and_deletions_stick(a in changes(), b in changes()) {
            let merged = replica(&a).merge(replica(&b));
            for (_, op) in a.iter().chain(&b) {
                if let Op::Note(note) = op {
                    let kept = merged.ops().find_map(|o| match o {
                        Op::Note(n) if n.id == note.id => Some(n),
                        _ => None,
                    });
                    prop_assert!(kept.is_some(), "note {} lost", note.id);
                    if note.deleted {
                        prop_assert!(kept.is_some_and(|n| n.deleted), "tombstone lost");
                    }
                }
            }
        }
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
        assert_eq!(one.ops().next(), Some(&details("nieuw")));
    }
}
