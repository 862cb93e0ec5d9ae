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

/// One device's clock state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hlc {
    wall: Millis,
    counter: u32,
}

impl Hlc {
    /// The stamp of a local edit at wall time `now` (which may lag: the stamp still grows).
    pub fn tick(&mut self, now: Millis, device: DeviceId) -> Stamp {
        if now > self.wall {
            self.wall = now;
            self.counter = 0;
        } else {
            self.counter += 1;
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
        self.counter = match (wall == self.wall, wall == seen.wall) {
            (true, true) => self.counter.max(seen.counter) + 1,
            (true, false) => self.counter + 1,
            (false, true) => seen.counter + 1,
            (false, false) => 0,
        };
        self.wall = wall;
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
