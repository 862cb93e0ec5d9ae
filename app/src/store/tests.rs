//! Store tests on the in-memory backend.

use super::*;
use crate::domain::{Details, Note, NoteId, NoteKind, RemoteChange, Status};

fn interview(leaver: &str) -> Interview {
    let details = Details {
        leaver: leaver.into(),
        ..Details::default()
    };
    Interview::new(details, "vertrouwelijk", 100)
}

fn add_note(store: &Store<&MemoryStorage>, iv: &mut Interview, text: &str, at: Millis) -> Note {
    let note = Note::new(iv.guide[0].id.clone(), NoteKind::Quote, text, at).expect("note");
    *iv = store
        .save(iv, vec![Op::Note(note.clone())], at)
        .expect("saved");
    note
}

fn create(store: &Store<&MemoryStorage>, iv: &Interview) -> Interview {
    store
        .save(iv, Op::all_of(iv), iv.created_at)
        .expect("saved")
}

#[test]
fn first_open_writes_the_schema_and_a_stable_device_id() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let id = store.device_id().expect("made");
    assert_eq!(store.device_id().expect("read"), id);
    let reopened = Store::open(&memory).expect("reopens");
    assert_eq!(reopened.device_id().expect("read"), id);
    assert_eq!(
        memory.get(SCHEMA_KEY).expect("get"),
        Some(SCHEMA.to_string())
    );
}

#[test]
fn schema_zero_data_gets_an_index_rebuilt_from_its_keys() {
    let memory = MemoryStorage::default();
    let (a, b) = (interview("A"), interview("B"));
    for iv in [&a, &b] {
        let json = serde_json::to_string(iv).expect("json");
        memory.set(&interview_key(iv.id), &json).expect("set");
    }
    let store = Store::open(&memory).expect("migrates");
    let mut want = vec![a.id, b.id];
    want.sort();
    assert_eq!(store.index().expect("index"), want);
    assert_eq!(store.list().expect("list").len(), 2);
}

#[test]
fn data_from_a_newer_app_is_left_alone() {
    let memory = MemoryStorage::default();
    memory.set(SCHEMA_KEY, "7").expect("set");
    assert_eq!(Store::open(&memory).err(), Some(StoreError::NewerSchema(7)));
    assert_eq!(memory.get(SCHEMA_KEY).expect("get"), Some("7".into()));
}

#[test]
fn every_save_is_stored_and_recorded_as_a_pending_change() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let mut iv = create(&store, &interview("J."));
    let first = add_note(&store, &mut iv, "eerste", 200);
    add_note(&store, &mut iv, "tweede", 300);
    iv.delete_note(first.id, 400);
    let tomb = iv.notes[0].clone();
    iv = store.save(&iv, vec![Op::Note(tomb)], 400).expect("saved");

    let stored = store.load(iv.id).expect("read").expect("there");
    assert_eq!(stored, iv);
    assert!(stored.notes[0].deleted, "the tombstone is stored");
    let log = store.pending().expect("log");
    let seqs: Vec<_> = log.changes.iter().map(|c| c.seq).collect();
    // 6 sections, two notes; the deletion rewrote no sealed change but is a new change
    // because the last change targets another note.
    assert_eq!(seqs, (1..=9).collect::<Vec<_>>());
    assert!(matches!(&log.changes[8].op, Op::Note(n) if n.deleted));
}

#[test]
fn a_full_store_refuses_the_save_and_keeps_what_was_stored() {
    let memory = MemoryStorage::with_quota(6_000);
    let store = Store::open(&memory).expect("opens");
    let iv = create(&store, &interview("J."));
    let before_iv = store.load(iv.id).expect("read");
    let before_log = store.pending().expect("log");

    let long = "veel tekst ".repeat(400);
    let note = Note::new(iv.guide[0].id.clone(), NoteKind::Example, &long, 200).expect("note");
    assert_eq!(
        store.save(&iv, vec![Op::Note(note)], 200),
        Err(StoreError::Full)
    );
    assert_eq!(store.load(iv.id).expect("read"), before_iv);
    assert_eq!(store.pending().expect("log"), before_log);
}

#[test]
fn a_corrupt_interview_is_reported_with_its_key() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let iv = create(&store, &interview("J."));
    memory.set(&interview_key(iv.id), "{not json").expect("set");
    assert_eq!(
        store.load(iv.id),
        Err(StoreError::Corrupt(interview_key(iv.id)))
    );
}

#[test]
fn a_backup_restores_everything_and_importing_twice_changes_nothing() {
    let source = MemoryStorage::default();
    let store = Store::open(&source).expect("opens");
    let mut iv = interview("J.");
    iv.status = Status::Finished;
    let mut iv = create(&store, &iv);
    add_note(&store, &mut iv, "quote", 2);
    let backup = store.export(3).expect("exported");

    let target = MemoryStorage::default();
    let restored = Store::open(&target).expect("opens");
    assert_eq!(restored.import(&backup, 4), Ok(1));
    assert_eq!(restored.list().expect("list"), vec![iv]);
    assert_eq!(restored.import(&backup, 5), Ok(0));
    assert_eq!(
        restored.pending().expect("log").changes.len(),
        7,
        "the restored interview is queued for the server once"
    );
    assert!(matches!(
        restored.import("[]", 6),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn after_an_import_local_edits_win_over_the_backup_whatever_its_clock_said() {
    // The backup was made on a tablet whose clock ran far ahead.
    let source = MemoryStorage::default();
    let fast = Store::open(&source).expect("opens");
    let base = interview("Uit de back-up");
    let iv = fast.save(&base, Op::all_of(&base), 90_000).expect("saved");
    let backup = fast.export(90_001).expect("exported");

    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    store.import(&backup, 1_000).expect("imported");
    let mut details = iv.details.clone();
    details.leaver = "Hier verbeterd".into();
    let after = store
        .save(&iv, vec![Op::Details(details)], 1_001)
        .expect("saved");
    assert_eq!(after.details.leaver, "Hier verbeterd");
}

#[test]
fn drafts_are_kept_until_cleared_each_in_its_own_place() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let iv = interview("J.");
    let note = NoteId::new();
    let drafts = [
        (Draft::Note(iv.guide[1].id.clone()), "half getypt"),
        (Draft::Note(iv.guide[2].id.clone()), "een andere vraag"),
        (Draft::Question, "Wat zou je meenemen?"),
        (Draft::Edit(note), "verbeterde notitie"),
    ];
    for (draft, text) in &drafts {
        store.set_draft(iv.id, draft, text).expect("kept");
    }
    for (draft, text) in &drafts {
        assert_eq!(store.draft(iv.id, draft).expect("read"), *text, "{draft:?}");
    }
    store
        .set_draft(iv.id, &Draft::Question, "")
        .expect("cleared");
    assert_eq!(store.draft(iv.id, &Draft::Question).expect("read"), "");
    assert_eq!(
        store.draft(iv.id, &Draft::Edit(note)).expect("read"),
        "verbeterde notitie"
    );
}

#[test]
fn the_new_interview_form_is_kept_until_forgotten() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    assert_eq!(store.new_interview_draft().expect("read"), None);
    let details = Details {
        leaver: "Half ingevuld".into(),
        department: "Zorg".into(),
        ..Details::default()
    };
    store.set_new_interview_draft(Some(&details)).expect("kept");
    assert_eq!(store.new_interview_draft().expect("read"), Some(details));
    store.set_new_interview_draft(None).expect("forgotten");
    assert_eq!(store.new_interview_draft().expect("read"), None);
    // A draft that does not read starts the form empty instead of failing the page.
    memory.set(NEW_INTERVIEW_DRAFT_KEY, "{kapot").expect("set");
    assert_eq!(store.new_interview_draft().expect("read"), None);
}

/// The server acknowledges everything pending (as a push of it all would).
fn sync_all(store: &Store<&MemoryStorage>) {
    let batch = store.take_batch(1_000).expect("batch");
    let upto = batch.last().map_or(0, |c| c.seq);
    store
        .acknowledge(&batch, upto, &[], 1)
        .expect("acknowledged");
}

#[test]
fn logout_cleanup_removes_only_synced_interviews_with_nothing_pending() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let synced = create(&store, &interview("Synced"));
    let mut waiting = create(&store, &interview("Synced, one change waiting"));
    sync_all(&store);
    let open = create(&store, &interview("Open"));
    store
        .set_draft(
            synced.id,
            &Draft::Note(synced.guide[0].id.clone()),
            "half getypt",
        )
        .expect("draft");
    add_note(&store, &mut waiting, "nog niet verstuurd", 200);
    assert_eq!(store.sync_mark(synced.id), Ok(SyncMark::Synced));
    assert_eq!(store.sync_mark(waiting.id), Ok(SyncMark::Waiting(1)));
    let counts = store.pending_counts().expect("counts");
    assert_eq!(counts.unsent(), store.pending().expect("log").changes.len());
    assert!(counts.unsent() > 1);

    assert_eq!(store.remove_synced(Removal::All).expect("removes"), 1);
    assert_eq!(store.load(synced.id).expect("read"), None);
    assert_eq!(
        store
            .draft(synced.id, &Draft::Note(synced.guide[0].id.clone()))
            .expect("read"),
        ""
    );
    let mut left: Vec<_> = store
        .list()
        .expect("list")
        .into_iter()
        .map(|iv| iv.id)
        .collect();
    left.sort();
    let mut want = vec![waiting.id, open.id];
    want.sort();
    assert_eq!(left, want, "unsynced and still-pending interviews stay");
}

/// What the server would send another device: every register of `iv`.
fn as_remote(iv: &Interview) -> Vec<RemoteChange> {
    iv.registers()
        .map(|(stamp, op)| RemoteChange {
            interview: iv.id,
            stamp,
            op,
        })
        .collect()
}

#[test]
fn pulled_changes_merge_with_local_edits_and_later_local_edits_win() {
    let (here, there) = (MemoryStorage::default(), MemoryStorage::default());
    let (tablet, other) = (
        Store::open(&here).expect("opens"),
        Store::open(&there).expect("opens"),
    );
    let mut mine = create(&tablet, &interview("J."));
    // The other tablet got the interview earlier and added a note with a fast clock.
    let mut theirs = create(&other, &mine);
    add_note(&other, &mut theirs, "van de andere tablet", 10_000);
    add_note(&tablet, &mut mine, "van deze tablet", 300);

    assert_eq!(tablet.absorb_remote(as_remote(&theirs), 7, 400), Ok(1));
    let merged = tablet.load(mine.id).expect("read").expect("there");
    let texts: Vec<_> = merged.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["van deze tablet", "van de andere tablet"]);
    assert_eq!(tablet.sync_state().expect("state").cursor, 7);
    assert!(
        tablet
            .pending()
            .expect("log")
            .changes
            .iter()
            .all(|c| c.stamp.wall < 10_000),
        "pulled changes are not queued again"
    );

    // An edit made after the pull sorts after what was pulled, even with a slow clock.
    let mut details = merged.details.clone();
    details.leaver = "J. de V.".into();
    let after = tablet
        .save(&merged, vec![Op::Details(details)], 500)
        .expect("saved");
    assert_eq!(after.details.leaver, "J. de V.");
    assert!(
        after.stamp_of(crate::domain::Target::Details)
            > theirs.stamp_of(crate::domain::Target::Details)
    );
}

#[test]
fn an_interview_removed_from_the_tablet_is_not_brought_back_by_a_pull() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let iv = create(&store, &interview("J."));
    sync_all(&store);
    assert_eq!(store.remove_synced(Removal::One(iv.id)), Ok(1));
    assert_eq!(store.absorb_remote(as_remote(&iv), 3, 10), Ok(0));
    assert_eq!(store.load(iv.id), Ok(None));
    assert_eq!(store.list().map(|l| l.len()), Ok(0));
}

#[test]
fn an_interview_made_on_another_device_arrives_whole() {
    let (here, there) = (MemoryStorage::default(), MemoryStorage::default());
    let (tablet, other) = (
        Store::open(&here).expect("opens"),
        Store::open(&there).expect("opens"),
    );
    let mut theirs = create(&other, &interview("Elders"));
    add_note(&other, &mut theirs, "een notitie", 150);
    tablet
        .absorb_remote(as_remote(&theirs), 2, 200)
        .expect("pulled");
    assert_eq!(tablet.load(theirs.id), Ok(Some(theirs.clone())));
    assert_eq!(tablet.sync_mark(theirs.id), Ok(SyncMark::Synced));
}
