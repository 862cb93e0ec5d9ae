//! A tablet for tests: the app's own store (in memory) and its own sync code, talking HTTP
//! to the real server through a logged-in [`Client`].

use app::{
    api::ApiFailure,
    domain::{
        Details, DeviceId, Interview, InterviewRecord, InterviewSummary, Note, NoteKind, Op,
        PullResponse, PushRequest, PushResponse, UserId,
    },
    store::{MemoryStorage, Store},
    sync::{self, Transport},
};

use super::{add_user, setup_hr, Client, TestApp, PASSWORD};

/// A new client logged in as `email`, and that user's id.
pub async fn log_in(app: &TestApp, email: &str) -> (Client, UserId) {
    let client = Client::new(app);
    let body = serde_json::json!({ "email": email, "password": PASSWORD });
    let (status, user) = client.call("POST", "/api/v1/session", Some(body)).await;
    assert_eq!(status, 200, "{user}");
    let user = serde_json::from_value(user["id"].clone()).expect("user id");
    (client, user)
}

/// The app's sync transport over the test client (its cookies are the tablet's session).
pub struct Http<'a>(pub &'a Client);

pub fn answer<T: serde::de::DeserializeOwned>(
    (status, body): (u16, serde_json::Value),
) -> Result<T, ApiFailure> {
    match status {
        0 => Err(ApiFailure::Offline),
        200 => serde_json::from_value(body).map_err(|_| ApiFailure::Unreadable),
        _ => Err(ApiFailure::Refused {
            status,
            error: body["error"].as_str().unwrap_or_default().into(),
            message: body["message"].as_str().unwrap_or_default().into(),
            retry_after: None,
        }),
    }
}

impl Transport for Http<'_> {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, ApiFailure> {
        let body = serde_json::to_value(request).expect("json");
        answer(self.0.call("POST", "/api/v1/sync/push", Some(body)).await)
    }

    async fn pull(&self, device: DeviceId, cursor: i64) -> Result<PullResponse, ApiFailure> {
        let path = format!("/api/v1/sync/pull?device={device}&cursor={cursor}");
        answer(self.0.call("GET", &path, None).await)
    }
}

/// A tablet: its own storage, logged in as `email`.
pub struct Tablet {
    pub storage: MemoryStorage,
    pub client: Client,
    /// Who is logged in.
    pub user: UserId,
}

impl Tablet {
    pub async fn new(app: &TestApp, email: &str) -> Self {
        let (client, user) = log_in(app, email).await;
        Self {
            storage: MemoryStorage::default(),
            client,
            user,
        }
    }

    /// The same tablet (its storage) with another user logged in.
    pub async fn handed_to(self, app: &TestApp, email: &str) -> Self {
        let (client, user) = log_in(app, email).await;
        Self {
            client,
            user,
            ..self
        }
    }

    pub fn store(&self) -> Store<&MemoryStorage> {
        Store::open(&self.storage).expect("store opens")
    }

    /// A new interview with `notes` notes, as the interview pages record it.
    pub fn interview(&self, leaver: &str, notes: &[&str], now: i64) -> Interview {
        let store = self.store();
        let details = Details {
            leaver: leaver.into(),
            department: "Logistiek".into(),
            leaving_date: "2026-12-01".parse().ok(),
            ..Details::default()
        };
        let new = Interview::new(details, "Vertrouwelijk.", now);
        let mut iv = store.save(&new, Op::all_of(&new), now).expect("saved");
        for (i, text) in notes.iter().enumerate() {
            let note = Note::new(
                iv.guide[0].id.clone(),
                NoteKind::Quote,
                text,
                now + 1 + i as i64,
            )
            .expect("note");
            iv = store
                .save(&iv, vec![Op::Note(note)], now + 1 + i as i64)
                .expect("saved");
        }
        iv
    }

    pub fn edit(&self, iv: &Interview, op: Op, now: i64) -> Interview {
        self.store().save(iv, vec![op], now).expect("saved")
    }

    pub async fn sync(&self) -> Result<sync::Report, sync::SyncFailure> {
        sync::run(&self.store(), &Http(&self.client), self.user, |_, _| {}).await
    }

    pub fn load(&self, iv: &Interview) -> Interview {
        self.store()
            .load(iv.id)
            .expect("read")
            .expect("on the tablet")
    }

    pub fn pending(&self) -> usize {
        self.store().pending().expect("log").changes.len()
    }
}

pub async fn hr_reads(hr: &Client, iv: &Interview) -> InterviewRecord {
    let (status, body) = hr
        .call("GET", &format!("/api/v1/interviews/{}", iv.id), None)
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a record")
}

pub async fn list(client: &Client, query: &str) -> Vec<InterviewSummary> {
    let (status, body) = client
        .call("GET", &format!("/api/v1/interviews{query}"), None)
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("summaries")
}

/// A new note under the interview's question `q`, as an op.
pub fn note(iv: &Interview, q: usize, text: &str, at: i64) -> Op {
    Op::Note(Note::new(iv.guide[q].id.clone(), NoteKind::Quote, text, at).expect("note"))
}

pub fn live_texts(iv: &Interview) -> Vec<&str> {
    iv.notes
        .iter()
        .filter(|n| !n.deleted)
        .map(|n| n.text.as_str())
        .collect()
}

pub async fn with_interviewers(app: &TestApp) -> Client {
    let hr = setup_hr(app).await;
    add_user(&hr, "ina@example.nl", "interviewer", &[]).await;
    add_user(&hr, "bob@example.nl", "interviewer", &[]).await;
    hr
}
