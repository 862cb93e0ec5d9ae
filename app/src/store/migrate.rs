//! Bringing data written by older versions of the app to the current layout. Each step runs
//! once, in order; the schema key is written last, so an interrupted step runs again.
//!
//! - 0 → 1: interviews existed without an index: rebuild it from the interview keys.
//! - 1 → 2: pending changes carried a time `at`; now a hybrid-clock stamp. The old time
//!   becomes the stamp's wall time, the position in the log its counter. Interviews get a
//!   stamp on every register, at its last update time.

use serde_json::Value;

use super::{
    Backend, Store, StoreError, INDEX_KEY, INTERVIEW_PREFIX, PENDING_KEY, SCHEMA, SCHEMA_KEY,
};
use crate::domain::InterviewId;

impl<B: Backend> Store<B> {
    pub(super) fn migrate(&self) -> Result<(), StoreError> {
        let version: u32 = self.read(SCHEMA_KEY)?.unwrap_or(0);
        if version > SCHEMA {
            return Err(StoreError::NewerSchema(version));
        }
        if version < 1 {
            self.rebuild_index()?;
        }
        if version < 2 {
            self.stamp_pending()?;
            self.stamp_interviews()?;
        }
        if version < SCHEMA {
            self.write(SCHEMA_KEY, &SCHEMA)?;
        }
        Ok(())
    }

    fn rebuild_index(&self) -> Result<(), StoreError> {
        let mut ids: Vec<InterviewId> = self.read(INDEX_KEY)?.unwrap_or_default();
        for key in self.backend.keys()? {
            if let Some(id) = key
                .strip_prefix(INTERVIEW_PREFIX)
                .and_then(InterviewId::parse)
            {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids.sort();
        self.write(INDEX_KEY, &ids)
    }

    fn stamp_interviews(&self) -> Result<(), StoreError> {
        let device = self.device_id()?;
        for id in self.index()? {
            if let Some(mut interview) = self.load(id)? {
                interview.stamp_unstamped(device);
                self.write(&super::interview_key(id), &interview)?;
            }
        }
        Ok(())
    }

    fn stamp_pending(&self) -> Result<(), StoreError> {
        let Some(mut log) = self.read::<Value>(PENDING_KEY)? else {
            return Ok(());
        };
        // The device id is made here if it was never asked for; it only needs to be stable.
        let device = self.device_id()?;
        let corrupt = || StoreError::Corrupt(PENDING_KEY.to_owned());
        let changes = log
            .get_mut("changes")
            .and_then(Value::as_array_mut)
            .ok_or_else(corrupt)?;
        for (i, change) in changes.iter_mut().enumerate() {
            let change = change.as_object_mut().ok_or_else(corrupt)?;
            let Some(at) = change.remove("at") else {
                continue;
            };
            let stamp = serde_json::json!({ "wall": at, "counter": i, "device": device });
            change.insert("stamp".into(), stamp);
        }
        self.write(PENDING_KEY, &log)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{MemoryStorage, Store, PENDING_KEY, SCHEMA_KEY};
    use super::*;

    #[test]
    fn schema_one_pending_changes_get_stamps_from_their_times() {
        let memory = MemoryStorage::default();
        let interview = InterviewId::new();
        let old = serde_json::json!({
            "next_seq": 3,
            "sealed_upto": 0,
            "changes": [
                { "seq": 1, "id": uuid::Uuid::now_v7(), "at": 500, "interview": interview,
                  "op": { "type": "closing", "value": { "thanked": true } } },
                { "seq": 2, "id": uuid::Uuid::now_v7(), "at": 500, "interview": interview,
                  "op": { "type": "status", "value": { "status": "in_progress", "started_at": 400 } } },
            ]
        });
        memory.set(SCHEMA_KEY, "1").expect("set");
        memory.set(PENDING_KEY, &old.to_string()).expect("set");
        let store = Store::open(&memory).expect("migrates");
        let log = store.pending().expect("readable in the new layout");
        let device = store.device_id().expect("device");
        let stamps: Vec<_> = log
            .changes
            .iter()
            .map(|c| (c.stamp.wall, c.stamp.counter, c.stamp.device))
            .collect();
        assert_eq!(stamps, [(500, 0, device), (500, 1, device)]);
        assert_eq!(memory.get(SCHEMA_KEY).expect("get"), Some("2".into()));
    }
}
