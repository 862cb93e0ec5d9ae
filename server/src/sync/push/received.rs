//! A push body as it arrived: the device and each change, read one by one, so a change this
//! server cannot read (from a newer app, or damaged) is refused as `malformed` on its own
//! while the rest of the batch is applied. Only a change without a readable `seq` and `id`
//! makes the whole body a bad request.

use app::domain::{Change, DeviceId, InterviewId, Stamp};
use serde::Deserialize;
use uuid::Uuid;

/// `POST /api/v1/sync/push` as the server reads it (the tablet sends a `PushRequest`).
#[derive(Debug, Deserialize)]
#[serde(try_from = "Raw")]
pub struct Received {
    pub device: DeviceId,
    pub changes: Vec<Incoming>,
}

/// One change of a push.
#[derive(Debug)]
pub enum Incoming {
    Readable(Change),
    /// Only where it stands in the device's log is known.
    Unreadable {
        seq: u64,
        id: Uuid,
        interview: Option<InterviewId>,
    },
}

impl Incoming {
    pub fn seq(&self) -> u64 {
        match self {
            Incoming::Readable(c) => c.seq,
            Incoming::Unreadable { seq, .. } => *seq,
        }
    }

    pub fn id(&self) -> Uuid {
        match self {
            Incoming::Readable(c) => c.id,
            Incoming::Unreadable { id, .. } => *id,
        }
    }

    pub fn stamp(&self) -> Option<Stamp> {
        match self {
            Incoming::Readable(c) => Some(c.stamp),
            Incoming::Unreadable { .. } => None,
        }
    }

    pub fn interview(&self) -> Option<InterviewId> {
        match self {
            Incoming::Readable(c) => Some(c.interview),
            Incoming::Unreadable { interview, .. } => *interview,
        }
    }
}

/// Every change of a request the app made is readable (the seed and the benches use this).
impl From<app::domain::PushRequest> for Received {
    fn from(request: app::domain::PushRequest) -> Self {
        Self {
            device: request.device,
            changes: request
                .changes
                .into_iter()
                .map(Incoming::Readable)
                .collect(),
        }
    }
}

#[derive(Deserialize)]
struct Raw {
    device: DeviceId,
    changes: Vec<serde_json::Value>,
}

/// What is read of a change that is not readable as a whole.
#[derive(Deserialize)]
struct Position {
    seq: u64,
    id: Uuid,
    #[serde(default)]
    interview: Option<InterviewId>,
}

impl TryFrom<Raw> for Received {
    type Error = String;

    fn try_from(raw: Raw) -> Result<Self, String> {
        let changes = raw
            .changes
            .iter()
            .enumerate()
            .map(|(i, value)| match Change::deserialize(value) {
                Ok(change) => Ok(Incoming::Readable(change)),
                Err(_) => Position::deserialize(value)
                    .map(|p| Incoming::Unreadable {
                        seq: p.seq,
                        id: p.id,
                        interview: p.interview,
                    })
                    .map_err(|e| format!("change {i} has no readable seq and id: {e}")),
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            device: raw.device,
            changes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{Closing, Op, PushRequest};

    #[test]
    fn a_change_that_cannot_be_read_is_kept_by_its_position() {
        let device = DeviceId::new();
        let change = Change {
            seq: 1,
            id: Uuid::now_v7(),
            stamp: Stamp {
                wall: 1,
                counter: 0,
                device,
            },
            interview: InterviewId::new(),
            op: Op::Closing(Closing::default()),
        };
        let request = PushRequest {
            device,
            changes: vec![change.clone()],
        };
        let mut body = serde_json::to_value(&request).expect("json");
        let garbled = serde_json::json!({ "seq": 2, "id": Uuid::now_v7(), "op": "?" });
        body["changes"].as_array_mut().expect("array").push(garbled);
        let received: Received = serde_json::from_value(body.clone()).expect("read");
        assert!(matches!(&received.changes[0], Incoming::Readable(c) if *c == change));
        assert!(matches!(
            received.changes[1],
            Incoming::Unreadable { seq: 2, .. }
        ));

        body["changes"][1] = serde_json::json!({ "op": "?" });
        assert!(serde_json::from_value::<Received>(body).is_err());
    }
}
