//! Store tests on the in-memory backend.

use super::*;
use crate::domain::{Details, Note, NoteKind, Status};

fn interview(leaver: &str) -> Interview {
    let details = Details {
        leaver: leaver.into(),
        ..Details::default()
    };
    Interview::new(details, "vertrouwelijk", 100)
}

fn add_note(store: &Store<&MemoryStorage>, iv: &mut Interview, text: &str, at: Millis) -> Note {
    let note = Note::new(iv.guide[0].id.clone(), NoteKind::Quote, text, at).expect("note");
    iv.notes.push(note.clone());
    store
        .save(iv, vec![Op::Note(note.clone())], at)
        .expect("saved");
    note
}

#[test]
fn first_open_writes_the_schema_and_a_stable_device_id() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let id = store.device_id().expect("made");
    assert_eq!(store.device_id().expect("read"), id);
    let reopened = Store::open(&memory).expect("reopens");
    assert_eq!(reopened.device_id().expect("read"), id);
    assert_eq!(memory.get(SCHEMA_KEY).expect("get"), Some("1".into()));
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
    let mut iv = interview("J.");
    store.save(&iv, Op::all_of(&iv), 100).expect("saved");
    let first = add_note(&store, &mut iv, "eerste", 200);
    add_note(&store, &mut iv, "tweede", 300);
    iv.delete_note(first.id, 400);
    let tomb = iv.notes[0].clone();
    store.save(&iv, vec![Op::Note(tomb)], 400).expect("saved");

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
    let mut iv = interview("J.");
    store.save(&iv, Op::all_of(&iv), 100).expect("fits");
    let before_iv = store.load(iv.id).expect("read");
    let before_log = store.pending().expect("log");

    let long = "veel tekst ".repeat(400);
    let note = Note::new(iv.guide[0].id.clone(), NoteKind::Example, &long, 200).expect("note");
    iv.notes.push(note.clone());
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
    let iv = interview("J.");
    store.save(&iv, vec![], 1).expect("saved");
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
    store.save(&iv, vec![], 1).expect("saved");
    add_note(&store, &mut iv, "quote", 2);
    let backup = store.export(3).expect("exported");

    let target = MemoryStorage::default();
    let restored = Store::open(&target).expect("opens");
    assert_eq!(restored.import(&backup, 4), Ok(1));
    assert_eq!(restored.list().expect("list"), vec![iv]);
    assert_eq!(restored.import(&backup, 5), Ok(0));
    assert!(matches!(
        restored.import("[]", 6),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn drafts_are_kept_until_cleared() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let iv = interview("J.");
    let q = &iv.guide[1].id;
    store.set_draft(iv.id, q, "half getypt").expect("kept");
    assert_eq!(store.draft(iv.id, q).expect("read"), "half getypt");
    store.set_draft(iv.id, q, "").expect("cleared");
    assert_eq!(store.draft(iv.id, q).expect("read"), "");
}

#[test]
fn logout_cleanup_removes_only_synced_interviews_with_nothing_pending() {
    let memory = MemoryStorage::default();
    let store = Store::open(&memory).expect("opens");
    let mut synced = interview("Synced");
    let mut waiting = interview("Synced, one change waiting");
    let open = interview("Open");
    for iv in [&mut synced, &mut waiting] {
        iv.status = Status::Synced;
    }
    store.save(&synced, vec![], 100).expect("saved");
    store.save(&open, Op::all_of(&open), 100).expect("saved");
    store
        .set_draft(synced.id, &synced.guide[0].id, "half getypt")
        .expect("draft");
    add_note(&store, &mut waiting, "nog niet verstuurd", 200);

    assert_eq!(store.remove_synced().expect("removes"), 1);
    assert_eq!(store.load(synced.id).expect("read"), None);
    assert_eq!(
        store.draft(synced.id, &synced.guide[0].id).expect("read"),
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
