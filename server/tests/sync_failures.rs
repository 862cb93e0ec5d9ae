//! Sync's failure paths, each tried the way it happens: a stranger pushing under another
//! user's device id, a tablet restored from an old copy or cloned from one image, an answer
//! lost after a refusal, an edit racing a deletion on two tablets, a push after the retention
//! job, HR erasing an interview a tablet still holds, a batch too big for one request, a
//! change the server cannot read, a tablet clock years ahead. SQLite, and PostgreSQL when
//! TEST_DATABASE_URL is set.

mod common;

use app::{
    api::ApiFailure,
    domain::{
        Change, ChangeProblem, Details, DeviceId, InterviewId, Op, PullResponse, PushRequest,
        PushResponse, Stamp,
    },
    store::{Backend, MemoryStorage},
    sync::{self, Transport},
};
use common::{
    spawn_app,
    tablet::{hr_reads, list, live_texts, note, with_interviewers, Http, Tablet},
    Client,
};
use serde_json::{json, Value};

const DAY: i64 = 24 * 60 * 60 * 1000;

fn details(leaver: &str) -> Op {
    Op::Details(Details {
        leaver: leaver.into(),
        department: "Logistiek".into(),
        ..Details::default()
    })
}

/// A change made by hand, as a program other than the app would send it.
fn change(seq: u64, interview: InterviewId, op: Op, stamp: Stamp) -> Change {
    Change {
        seq,
        id: uuid::Uuid::now_v7(),
        stamp,
        interview,
        op,
    }
}

fn at(wall: i64, counter: u32, device: DeviceId) -> Stamp {
    Stamp {
        wall,
        counter,
        device,
    }
}

async fn push_raw(client: &Client, request: &PushRequest) -> (u16, Value) {
    let body = serde_json::to_value(request).expect("json");
    client.call("POST", "/api/v1/sync/push", Some(body)).await
}

/// A copy of a tablet's storage: the same browser profile on a second tablet.
fn copy_of(storage: &MemoryStorage) -> MemoryStorage {
    let copy = MemoryStorage::default();
    for key in storage.keys().expect("keys") {
        let value = storage.get(&key).expect("read").expect("value");
        copy.set(&key, &value).expect("write");
    }
    copy
}

#[tokio::test]
async fn a_device_id_belongs_to_the_user_who_first_pushed_with_it() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let iv = ina.interview("Jan", &["een"], 1_000);
    ina.sync().await.expect("synced");
    let device = ina.store().device_id().expect("device");

    // Bob pushes under Ina's device id, with a sequence number far ahead of hers.
    let bob = Client::new(&app);
    assert_eq!(bob.login("bob@example.nl", common::PASSWORD).await, 200);
    let theirs = InterviewId::new();
    let request = PushRequest {
        device,
        changes: vec![change(
            1_000_000_000_000_000,
            theirs,
            details("Van Bob"),
            at(1_000, 0, device),
        )],
    };
    let (status, body) = push_raw(&bob, &request).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (403, Some("device_taken"))
    );
    let pull = format!("/api/v1/sync/pull?device={device}&cursor=0");
    let (status, body) = bob.call("GET", &pull, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (403, Some("device_taken"))
    );

    // Nothing changed: Ina's next changes still reach the server.
    ina.edit(&ina.load(&iv), note(&iv, 1, "twee", 2_000), 2_000);
    ina.sync().await.expect("synced");
    assert_eq!(ina.pending(), 0);
    assert_eq!(
        live_texts(&hr_reads(&hr, &iv).await.interview),
        ["een", "twee"]
    );
    assert_eq!(list(&hr, "").await.len(), 1, "bob's push left nothing");
}

#[tokio::test]
async fn a_tablet_behind_its_device_on_the_server_sends_everything_again_and_loses_nothing() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let iv = ina.interview("Jan", &["een", "twee"], 1_000);
    // An older copy of this browser profile already pushed far ahead under the same id.
    let device = ina.store().device_id().expect("device");
    let other = InterviewId::new();
    let request = PushRequest {
        device,
        changes: vec![change(
            1_000_000_000_000_000,
            other,
            details("Elders"),
            at(500, 0, device),
        )],
    };
    assert_eq!(push_raw(&ina.client, &request).await.0, 200);

    ina.sync().await.expect("synced");
    assert_eq!(ina.pending(), 0);
    let record = hr_reads(&hr, &iv).await;
    assert_eq!(live_texts(&record.interview), ["een", "twee"]);
    assert_eq!(record.interview, ina.load(&iv));
}

#[tokio::test]
async fn two_tablets_cloned_from_one_image_both_get_their_changes_to_the_server() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let one = Tablet::new(&app, "ina@example.nl").await;
    let iv = one.interview("Jan", &["een"], 1_000);
    one.sync().await.expect("synced");
    let two = Tablet {
        storage: copy_of(&one.storage),
        ..Tablet::new(&app, "ina@example.nl").await
    };
    // Both record changes under the same next sequence numbers; with one clock and one
    // device id, their edits of the details even get the very same stamp.
    let renamed = |leaver: &str| {
        Op::Details(Details {
            leaver: leaver.into(),
            ..iv.details.clone()
        })
    };
    one.edit(&one.load(&iv), renamed("Jan van één"), 1_500);
    two.edit(&two.load(&iv), renamed("Jan van twee"), 1_500);
    one.edit(&one.load(&iv), note(&iv, 1, "van één", 2_000), 2_000);
    two.edit(&two.load(&iv), note(&iv, 2, "van twee", 2_100), 2_100);

    one.sync().await.expect("one synced");
    two.sync().await.expect("two synced");
    one.sync().await.expect("one pulled");
    let server = hr_reads(&hr, &iv).await.interview;
    assert_eq!(live_texts(&server), ["een", "van één", "van twee"]);
    assert_eq!(one.load(&iv), server);
    assert_eq!(two.load(&iv), server);
}

#[tokio::test]
async fn a_restored_copy_that_kept_typing_into_a_change_already_sent_loses_no_word() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let one = Tablet::new(&app, "ina@example.nl").await;
    let iv = one.interview("Jan", &["eerste versie"], 1_000);
    // A copy of the profile while the last change was still open for typing.
    let copy = copy_of(&one.storage);
    let open = one
        .store()
        .pending()
        .expect("log")
        .changes
        .last()
        .expect("open")
        .id;
    one.sync().await.expect("the original sent it");

    // The restored copy goes on typing in that same note: the same change, a newer value.
    let restored = Tablet {
        storage: copy,
        ..Tablet::new(&app, "ina@example.nl").await
    };
    let mut typed = restored.load(&iv).notes[0].clone();
    typed.text = "eerste versie, aangevuld".into();
    typed.updated_at = 3_000;
    restored.edit(&restored.load(&iv), Op::Note(typed), 3_000);
    let log = restored.store().pending().expect("log");
    let last = log.changes.last().expect("pending");
    assert_eq!(
        last.id, open,
        "typed into the change the original already sent"
    );

    restored.sync().await.expect("synced");
    one.sync().await.expect("pulled");
    let server = hr_reads(&hr, &iv).await.interview;
    assert_eq!(live_texts(&server), ["eerste versie, aangevuld"]);
    assert_eq!(restored.load(&iv), server);
    assert_eq!(one.load(&iv), server);
}

#[tokio::test]
async fn a_refusal_whose_answer_was_lost_is_reported_again() {
    let app = spawn_app().await;
    let _hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let iv = ina.interview("Jan", &[], 1_000);
    let mut empty = iv.details.clone();
    empty.leaver = " ".into();
    ina.edit(&ina.load(&iv), Op::Details(empty), 2_000);
    let request = PushRequest {
        device: ina.store().device_id().expect("device"),
        changes: ina.store().take_batch(100).expect("batch"),
    };
    let http = Http(&ina.client);
    let first = http.push(&request).await.expect("pushed");
    assert_eq!(first.rejected.len(), 1);
    assert_eq!(first.rejected[0].problem, ChangeProblem::LeaverMissing);
    let again = http.push(&request).await.expect("pushed again");
    assert_eq!(again, first, "the replay names the same refusal");
}

#[tokio::test]
async fn an_edit_and_a_deletion_of_one_note_on_two_tablets_end_equal_in_either_order() {
    for delete_first in [true, false] {
        let app = spawn_app().await;
        let hr = with_interviewers(&app).await;
        let a = Tablet::new(&app, "ina@example.nl").await;
        let iv = a.interview("Jan", &["oud"], 1_000);
        a.sync().await.expect("a synced");
        let b = Tablet::new(&app, "ina@example.nl").await;
        b.sync().await.expect("b pulled");
        let id = iv.notes[0].id;

        // B deletes the note; A, offline, edits it later.
        let mut on_b = b.load(&iv);
        on_b.delete_note(id, 5_000);
        let deleted = on_b.notes[0].clone();
        b.edit(&b.load(&iv), Op::Note(deleted), 5_000);
        let mut edited = a.load(&iv).notes[0].clone();
        edited.text = "nieuw".into();
        edited.updated_at = 6_000;
        a.edit(&a.load(&iv), Op::Note(edited), 6_000);

        let (first, second) = if delete_first { (&b, &a) } else { (&a, &b) };
        first.sync().await.expect("synced");
        second.sync().await.expect("synced");
        first.sync().await.expect("synced again");

        let server = hr_reads(&hr, &iv).await.interview;
        assert!(server.notes[0].deleted, "deleted anywhere stays deleted");
        assert_eq!(
            a.load(&iv),
            server,
            "tablet a shows what HR sees ({delete_first})"
        );
        assert_eq!(
            b.load(&iv),
            server,
            "tablet b shows what HR sees ({delete_first})"
        );
    }
}

#[tokio::test]
async fn after_anonymisation_no_push_brings_back_a_name_or_a_note_text() {
    let (url, dir) = common::fresh_database().await;
    let app = common::spawn_app_on(url.clone(), dir).await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let iv = ina.interview("Jan de Vries", &["Piet luisterde niet"], 1_000);
    let mut old = iv.details.clone();
    old.leaving_date = "2023-06-30".parse().ok();
    ina.edit(&ina.load(&iv), Op::Details(old.clone()), 1_500);
    ina.sync().await.expect("synced");
    let interviews =
        server::sync::Interviews::new(server::db::Db::connect(&url).await.expect("db"));
    let today = "2026-11-26".parse().expect("date");
    assert_eq!(
        interviews
            .anonymise_due(today, 24, 3_000)
            .await
            .expect("ran"),
        1
    );

    // A tablet that still holds the names edits them, edits the note and adds one.
    let kept = ina.load(&iv);
    let mut named = old.clone();
    named.interviewer = "Ina".into();
    ina.edit(&kept, Op::Details(named), 4_000);
    let mut note_again = kept.notes[0].clone();
    note_again.text = "Piet luisterde echt niet".into();
    ina.edit(&ina.load(&iv), Op::Note(note_again), 4_001);
    ina.edit(
        &ina.load(&iv),
        note(&iv, 1, "Een nieuwe naam: Klaas", 4_002),
        4_002,
    );
    ina.sync().await.expect("synced");

    let record = hr_reads(&hr, &iv).await;
    assert!(record.summary.anonymised);
    assert_eq!(record.summary.leaver, "");
    assert_eq!(record.interview.details.leaver, "");
    assert_eq!(record.interview.details.interviewer, "");
    assert!(
        record.interview.notes.iter().all(|n| n.text.is_empty()),
        "{:?}",
        record.interview.notes
    );
}

#[tokio::test]
async fn an_erased_interview_leaves_the_tablet_with_its_unsent_changes_and_stays_gone() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let iv = ina.interview("Jan", &["een"], 1_000);
    let kept = ina.interview("Els", &["blijft"], 1_100);
    ina.sync().await.expect("synced");
    let backup = ina.store().export(1_500).expect("backup");
    ina.edit(
        &ina.load(&iv),
        note(&iv, 1, "nog niet verstuurd", 2_000),
        2_000,
    );
    let path = format!("/api/v1/interviews/{}", iv.id);
    assert_eq!(hr.call("DELETE", &path, None).await.0, 204);

    ina.sync().await.expect("synced");
    let store = ina.store();
    assert_eq!(store.load(iv.id), Ok(None), "gone from the tablet");
    let log = store.pending().expect("log");
    assert!(log.changes.is_empty() && log.rejected.is_empty(), "{log:?}");
    assert!(
        store.load(kept.id).expect("read").is_some(),
        "the other one stays"
    );

    // A backup from before does not bring it back.
    store.import(&backup, 3_000).expect("imported");
    assert_eq!(store.load(iv.id), Ok(None));
    assert_eq!(store.pending().expect("log").changes.len(), 0);
    ina.sync().await.expect("synced");
    assert_eq!(hr.call("GET", &path, None).await.0, 404);
}

#[tokio::test]
async fn a_hundred_notes_of_five_thousand_characters_sync_completely() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    // 100 notes of 5 000 "é" (10 KB each), then 100 of 5 000 "€" (15 KB each): a batch of
    // 100 of those is 1.5 MB, above the 1 MB a request may carry.
    let (e, euro) = ("é".repeat(5_000), "€".repeat(5_000));
    let texts: Vec<&str> = [e.as_str(); 100]
        .into_iter()
        .chain([euro.as_str(); 100])
        .collect();
    let iv = ina.interview("Jan", &texts, 1_000);
    assert_eq!(ina.pending(), 206);

    ina.sync().await.expect("synced");
    assert_eq!(ina.pending(), 0);
    assert!(ina.store().pending().expect("log").rejected.is_empty());
    let server = hr_reads(&hr, &iv).await.interview;
    assert_eq!(live_texts(&server).len(), 200);
    assert!(server.notes.iter().all(|n| n.text.chars().count() == 5_000));
}

/// A server that claims to have applied far more than it was sent.
struct Overreaching<'a>(Http<'a>);

impl Transport for Overreaching<'_> {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, ApiFailure> {
        let mut answer = self.0.push(request).await?;
        answer.applied_upto += 1_000;
        Ok(answer)
    }

    async fn pull(&self, device: DeviceId, cursor: i64) -> Result<PullResponse, ApiFailure> {
        self.0.pull(device, cursor).await
    }
}

#[tokio::test]
async fn an_answer_acknowledging_more_than_was_sent_is_an_error_and_drops_nothing() {
    let app = spawn_app().await;
    let _hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    ina.interview("Jan", &["een"], 1_000);
    let before = ina.store().pending().expect("log").changes;

    let failure = sync::run(
        &ina.store(),
        &Overreaching(Http(&ina.client)),
        ina.user,
        |_, _| {},
    )
    .await
    .expect_err("refused to take it as an acknowledgement");
    assert!(
        matches!(failure, sync::SyncFailure::Overreach { sent: 7, .. }),
        "{failure:?}"
    );
    assert_eq!(ina.store().pending().expect("log").changes, before);
    ina.sync().await.expect("a sound answer settles them");
    assert_eq!(ina.pending(), 0);
}

#[tokio::test]
async fn interviewers_who_share_a_tablet_sync_under_device_ids_of_their_own() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    ina.interview("Van Ina", &["een"], 1_000);
    ina.sync().await.expect("synced");
    let inas = ina.store().device_id().expect("device");

    let bob = ina.handed_to(&app, "bob@example.nl").await;
    let bobs_interview = bob.interview("Van Bob", &["twee"], 2_000);
    bob.sync().await.expect("bob synced on the same tablet");
    let bobs = bob.store().device_id().expect("device");
    assert_ne!(bobs, inas);
    let record = hr_reads(&hr, &bobs_interview).await;
    assert_eq!(live_texts(&record.interview), ["twee"]);

    let ina = bob.handed_to(&app, "ina@example.nl").await;
    ina.sync().await.expect("ina synced again");
    assert_eq!(ina.store().device_id(), Ok(inas), "ina has her own id back");
}

/// A transport that garbles the op of one change, as a newer app's change the server
/// cannot read would arrive.
struct Garbling<'a> {
    http: Http<'a>,
    change: uuid::Uuid,
}

impl Transport for Garbling<'_> {
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, ApiFailure> {
        let mut body = serde_json::to_value(request).expect("json");
        for c in body["changes"].as_array_mut().expect("changes") {
            if c["id"] == json!(self.change) {
                c["op"] = json!({ "type": "from_the_future", "value": {} });
            }
        }
        common::tablet::answer(
            self.http
                .0
                .call("POST", "/api/v1/sync/push", Some(body))
                .await,
        )
    }

    async fn pull(&self, device: DeviceId, cursor: i64) -> Result<PullResponse, ApiFailure> {
        self.http.pull(device, cursor).await
    }
}

#[tokio::test]
async fn a_change_the_server_cannot_read_is_set_aside_and_the_rest_syncs() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let iv = ina.interview("Jan", &["een", "twee", "drie"], 1_000);
    let log = ina.store().pending().expect("log");
    let bad = log.changes[log.changes.len() - 2].clone();
    let garbling = Garbling {
        http: Http(&ina.client),
        change: bad.id,
    };

    sync::run(&ina.store(), &garbling, ina.user, |_, _| {})
        .await
        .expect("synced");
    let log = ina.store().pending().expect("log");
    assert!(log.changes.is_empty(), "{:?}", log.changes);
    assert_eq!(log.rejected.len(), 1);
    assert_eq!(log.rejected[0].change.id, bad.id);
    assert_eq!(log.rejected[0].problem, ChangeProblem::Malformed);
    assert_eq!(
        live_texts(&hr_reads(&hr, &iv).await.interview),
        ["een", "drie"]
    );
}

#[tokio::test]
async fn stamps_more_than_a_day_ahead_of_the_server_are_refused() {
    let app = spawn_app().await;
    let _hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    let device = DeviceId::new();
    let now = app::clock::now();
    let stamps = [
        (
            at(now + 2 * DAY, 0, device),
            Some(ChangeProblem::ClockAhead),
        ),
        (
            at(i64::MAX, u32::MAX, device),
            Some(ChangeProblem::ClockAhead),
        ),
        (at(now + 60 * 60 * 1000, 0, device), None),
    ];
    let changes: Vec<Change> = stamps
        .iter()
        .enumerate()
        .map(|(i, (stamp, _))| change(i as u64 + 1, InterviewId::new(), details("J."), *stamp))
        .collect();
    let request = PushRequest { device, changes };
    let (status, body) = push_raw(&ina.client, &request).await;
    assert_eq!(status, 200, "{body}");
    let answer: PushResponse = serde_json::from_value(body).expect("answer");
    for (i, (_, problem)) in stamps.iter().enumerate() {
        let refused = answer.rejected.iter().find(|r| r.seq == i as u64 + 1);
        assert_eq!(refused.map(|r| r.problem), *problem, "change {i}");
    }

    // Nobody inherits the future: a second tablet pulls only the accepted change.
    let other = Tablet::new(&app, "ina@example.nl").await;
    other.sync().await.expect("pulled");
    let on_other = other.store().list().expect("list");
    assert_eq!(on_other.len(), 1);
    assert!(on_other[0].updated_at <= now + DAY);
}

#[tokio::test]
async fn once_the_tablets_date_is_put_right_its_refused_edits_reach_the_server() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    // The tablet's date ran three days ahead while the interview was taken; by the time it
    // syncs, the date is right again (the clock `sync::run` reads is the real one).
    let ahead = app::clock::now() + 3 * DAY;
    let iv = ina.interview("Els", &["een"], ahead);

    let report = ina.sync().await.expect("synced");
    assert_eq!(report.refused, 7, "refused as clock_ahead first");
    let log = ina.store().pending().expect("log");
    assert!(log.changes.is_empty() && log.rejected.is_empty(), "{log:?}");
    let server = hr_reads(&hr, &iv).await.interview;
    assert_eq!(live_texts(&server), ["een"]);
    assert_eq!(server, ina.load(&iv));
    assert!(
        server.updated_at <= app::clock::now() + DAY,
        "nobody inherits the future"
    );
}

#[tokio::test]
async fn a_text_no_database_keeps_is_refused_on_its_own_and_the_rest_syncs() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    // A paste brought a NUL character; PostgreSQL cannot keep it in a text column.
    let iv = ina.interview("Jan", &["een", "ge\0plakt", "drie"], 1_000);
    let report = ina.sync().await.expect("synced");
    assert_eq!(report.refused, 1);
    let log = ina.store().pending().expect("log");
    assert!(log.changes.is_empty());
    assert_eq!(log.rejected[0].problem, ChangeProblem::BadCharacter);
    assert_eq!(
        live_texts(&hr_reads(&hr, &iv).await.interview),
        ["een", "drie"]
    );
}

#[tokio::test]
async fn a_session_that_changed_hands_neither_takes_nor_gives_the_first_users_interviews() {
    let app = spawn_app().await;
    let hr = with_interviewers(&app).await;
    let ina = Tablet::new(&app, "ina@example.nl").await;
    ina.interview("Van Ina", &["een"], 1_000);
    // Bob logged in on the tablet meanwhile: the cookie is his, Ina's vault is still open.
    let bob = Client::new(&app);
    assert_eq!(bob.login("bob@example.nl", common::PASSWORD).await, 200);
    let request = PushRequest {
        device: ina.store().device_for(ina.user).expect("device"),
        changes: ina.store().take_batch(100).expect("batch"),
    };
    let body = serde_json::to_value(&request).expect("json");
    let push = format!("/api/v1/sync/push?user={}", ina.user);
    let (status, answer) = bob.call("POST", &push, Some(body)).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (403, Some("wrong_user"))
    );
    let pull = format!(
        "/api/v1/sync/pull?device={}&cursor=0&user={}",
        request.device, ina.user
    );
    let (status, answer) = bob.call("GET", &pull, None).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (403, Some("wrong_user"))
    );
    assert!(
        list(&hr, "").await.is_empty(),
        "nothing of Ina's arrived under Bob"
    );
    // The right user is accepted with the same parameter.
    let own = format!(
        "/api/v1/sync/pull?device={}&cursor=0&user={}",
        request.device, ina.user
    );
    assert_eq!(ina.client.call("GET", &own, None).await.0, 200);
}
