//! Hybrid logical clock stamps: they follow the wall clock, never go backwards on one device,
//! sort after every stamp the device has seen, and break ties by device id, so every replica
//! orders any two edits the same way (the "last writer" of last-writer-wins).

use serde::{Deserialize, Serialize};

use super::{DeviceId, Millis};

/// When an edit was made, totally ordered: wall time, then counter, then device.
/// Wire format — do not reorder the fields (the derived order depends on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub wall: Millis,
    pub counter: u32,
    pub device: DeviceId,
}

impl Stamp {
    /// A text form whose byte order is the stamp order, for databases:
    /// `<wall, 16 hex>.<counter, 8 hex>.<device>`. Wall times before 1970 count as 0.
    pub fn key(&self) -> String {
        format!(
            "{:016x}.{:08x}.{}",
            self.wall.max(0),
            self.counter,
            self.device
        )
    }

    pub fn from_key(key: &str) -> Option<Stamp> {
        let mut parts = key.splitn(3, '.');
        let wall = i64::from_str_radix(parts.next()?, 16).ok()?;
        let counter = u32::from_str_radix(parts.next()?, 16).ok()?;
        let device = DeviceId::parse(parts.next()?)?;
        Some(Stamp {
            wall,
            counter,
            device,
        })
    }
}

/// One device's clock state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hlc {
    wall: Millis,
    counter: u32,
}

impl Hlc {
    /// The wall time of the latest stamp made or seen.
    pub fn wall(&self) -> Millis {
        self.wall
    }

    /// The stamp of a local edit at wall time `now` (which may lag: the stamp still grows).
    /// Arithmetic saturates: a clock at the end of time stays there instead of wrapping.
    pub fn tick(&mut self, now: Millis, device: DeviceId) -> Stamp {
        if now > self.wall {
            self.wall = now;
            self.counter = 0;
        } else {
            self.bump();
        }
        Stamp {
            wall: self.wall,
            counter: self.counter,
            device,
        }
    }

    /// Takes in a stamp seen elsewhere (a pulled change), so later local stamps sort after it.
    pub fn observe(&mut self, seen: Stamp, now: Millis) {
        let wall = now.max(self.wall).max(seen.wall);
        let counter = match (wall == self.wall, wall == seen.wall) {
            (true, true) => Some(self.counter.max(seen.counter)),
            (true, false) => Some(self.counter),
            (false, true) => Some(seen.counter),
            (false, false) => None,
        };
        self.wall = wall;
        match counter {
            Some(counter) => {
                self.counter = counter;
                self.bump();
            }
            None => self.counter = 0,
        }
    }

    /// The next position after the current one: the counter, or when it is full the next
    /// millisecond; at the very end of time it stays put.
    fn bump(&mut self) {
        match self.counter.checked_add(1) {
            Some(next) => self.counter = next,
            None if self.wall < Millis::MAX => {
                self.wall += 1;
                self.counter = 0;
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_grow_even_when_the_wall_clock_stands_still_or_goes_back() {
        let device = DeviceId::new();
        let mut clock = Hlc::default();
        let a = clock.tick(100, device);
        let b = clock.tick(100, device);
        let c = clock.tick(90, device);
        let d = clock.tick(200, device);
        assert!(a < b && b < c && c < d, "{a:?} {b:?} {c:?} {d:?}");
        assert_eq!((d.wall, d.counter), (200, 0));
    }

    #[test]
    fn keys_sort_like_stamps_and_read_back() {
        let (a, b) = (DeviceId::new(), DeviceId::new());
        let stamps = [
            Stamp {
                wall: 1,
                counter: 0,
                device: a,
            },
            Stamp {
                wall: 1,
                counter: 0,
                device: b,
            },
            Stamp {
                wall: 1,
                counter: 2,
                device: a,
            },
            Stamp {
                wall: 0x1_0000,
                counter: 0,
                device: a,
            },
            Stamp {
                wall: 1_764_000_000_000,
                counter: u32::MAX,
                device: a,
            },
        ];
        for pair in stamps.windows(2) {
            assert!(
                pair[0] < pair[1] && pair[0].key() < pair[1].key(),
                "{pair:?}"
            );
        }
        for stamp in stamps {
            assert_eq!(Stamp::from_key(&stamp.key()), Some(stamp));
        }
        assert_eq!(Stamp::from_key("zz.1.x"), None);
    }

    #[test]
    fn a_stamp_at_the_end_of_time_neither_wraps_nor_panics() {
        let (here, there) = (DeviceId::new(), DeviceId::new());
        let cases = [
            (Millis::MAX, u32::MAX),
            (Millis::MAX - 1, u32::MAX),
            (5, u32::MAX),
        ];
        for (wall, counter) in cases {
            let seen = Stamp {
                wall,
                counter,
                device: there,
            };
            let mut clock = Hlc::default();
            clock.observe(seen, 1_000);
            // At the very end of time the clock saturates: equal, never before.
            let position = |s: Stamp| (s.wall, s.counter);
            let next = clock.tick(1_000, here);
            assert!(position(next) >= position(seen), "{next:?} after {seen:?}");
            assert!(position(clock.tick(1_000, here)) >= position(next));
            let mut slow = Hlc::default();
            slow.observe(seen, 1_000);
            slow.observe(seen, 1_000);
            assert!(position(slow.tick(0, here)) >= position(seen));
        }
    }

    #[test]
    fn after_seeing_a_stamp_from_a_fast_clock_local_edits_sort_after_it() {
        let (here, there) = (DeviceId::new(), DeviceId::new());
        let mut fast = Hlc::default();
        let seen = fast.tick(10_000, there);
        let mut slow = Hlc::default();
        slow.observe(seen, 50);
        let mine = slow.tick(60, here);
        assert!(mine > seen, "{mine:?} > {seen:?}");
    }
}
