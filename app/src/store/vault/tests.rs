//! Vault storage on the in-memory backend, with a stand-in cipher.

use std::rc::Rc;

use super::{fake::*, *};
use crate::store::{MemoryStorage, Store};

fn now() -> Millis {
    0
}

fn vault(raw: &MemoryStorage) -> VaultStorage<&MemoryStorage> {
    VaultStorage::new(raw, "v1", b"salt", Vec::new(), now, Rc::new(|| {}))
}

fn reopened<'a>(raw: &'a MemoryStorage, cipher: &FakeCipher) -> VaultStorage<&'a MemoryStorage> {
    let records = block_on(VaultStorage::read_all(&raw, "v1", cipher)).expect("opens");
    VaultStorage::new(raw, "v1", b"salt", records, now, Rc::new(|| {}))
}

#[test]
fn records_reach_storage_sealed_under_names_that_tell_nothing() {
    let raw = MemoryStorage::default();
    let cipher = FakeCipher::new(0x5a);
    let storage = vault(&raw);
    let interview = "exitgesprek.interview.0193e4c2-0000-7000-8000-000000000001";
    storage
        .set(interview, "{\"leaver\":\"Jan de Vries\"}")
        .expect("set");
    storage
        .set("exitgesprek.draft.x", "half getypt")
        .expect("set");
    assert_eq!(
        storage.get(interview),
        Ok(Some("{\"leaver\":\"Jan de Vries\"}".into()))
    );
    assert_eq!(block_on(flush(&storage, &cipher)), Ok(2));

    for key in raw.keys().expect("keys") {
        let value = raw.get(&key).expect("get").unwrap_or_default();
        // Decoded too: a cipher that did nothing would show its plaintext there.
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(&value)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        for secret in ["0193e4c2", "Jan de Vries", "interview", "half getypt"] {
            let seen = key.contains(secret) || value.contains(secret) || decoded.contains(secret);
            assert!(!seen, "{key} = {value}");
        }
        assert!(key.starts_with("exitgesprek.v.v1."), "{key}");
    }
    let again = reopened(&raw, &cipher);
    assert_eq!(
        again.get("exitgesprek.draft.x"),
        Ok(Some("half getypt".into()))
    );
    assert_eq!(again.keys().expect("keys").len(), 2);
    assert!(block_on(VaultStorage::read_all(&&raw, "v1", &FakeCipher::new(1))).is_err());
}

#[test]
fn writes_land_in_order_and_a_change_made_while_sealing_is_not_lost() {
    let raw = MemoryStorage::default();
    let cipher = FakeCipher::new(7);
    let storage = vault(&raw);
    storage.set("a", "1").expect("set");
    storage.set("b", "1").expect("set");
    storage.set("a", "2").expect("set");
    // The first write is sealed; meanwhile `a` changes again.
    let first = storage.waiting_writes().remove(0);
    assert_eq!(first.key, "a");
    let sealed = block_on(cipher.seal(first.plain.as_deref().unwrap_or_default()));
    storage.set("a", "3").expect("set");
    storage
        .written(&first, Some(&sealed.expect("sealed")))
        .expect("written");
    assert_eq!(storage.unsealed(), 2, "a waits again, b still waits");
    block_on(flush(&storage, &cipher)).expect("flushed");
    storage.remove("b").expect("removed");
    block_on(flush(&storage, &cipher)).expect("flushed");

    let again = reopened(&raw, &cipher);
    assert_eq!(again.get("a"), Ok(Some("3".into())));
    assert_eq!(again.get("b"), Ok(None));
    assert_eq!(storage.latencies().len(), 3);
}

#[test]
fn a_write_that_would_not_fit_sealed_is_refused_at_once_and_changes_nothing() {
    let raw = MemoryStorage::with_quota(2_000);
    let cipher = FakeCipher::new(3);
    let storage = vault(&raw);
    storage.set("klein", "x").expect("fits");
    let big = "y".repeat(1_500);
    assert_eq!(storage.set("groot", &big), Err(StoreError::Full));
    assert_eq!(storage.get("groot"), Ok(None));
    // What was reserved is room for the one small write, and it lands.
    block_on(flush(&storage, &cipher)).expect("flushed");
    assert_eq!(reopened(&raw, &cipher).get("klein"), Ok(Some("x".into())));
    // Room freed elsewhere: the same write now goes through.
    let smaller = "y".repeat(1_000);
    storage.set("groot", &smaller).expect("fits now");
    block_on(flush(&storage, &cipher)).expect("flushed");
    assert!(raw
        .keys()
        .expect("keys")
        .iter()
        .all(|k| !k.ends_with(".reserve")));
}

#[test]
fn the_whole_store_runs_on_a_vault() {
    let raw = MemoryStorage::default();
    let cipher = FakeCipher::new(9);
    let storage = vault(&raw);
    let store = Store::open(storage.clone()).expect("opens");
    let details = crate::domain::Details {
        leaver: "Els".into(),
        ..Default::default()
    };
    let iv = crate::domain::Interview::new(details, "", 100);
    store
        .save(&iv, crate::domain::Op::all_of(&iv), 100)
        .expect("saved");
    block_on(flush(&storage, &cipher)).expect("flushed");
    let store = Store::open(reopened(&raw, &cipher)).expect("reopens");
    assert_eq!(store.list().expect("list").len(), 1);
    assert_eq!(store.pending().expect("log").changes.len(), 6);
}

#[test]
fn a_locked_vault_takes_no_change_and_a_failed_sealing_is_said_until_it_works() {
    let raw = MemoryStorage::default();
    let storage = vault(&raw);
    storage.set("a", "1").expect("set");
    storage.sealing_failed(Some(StoreError::Full));
    assert_eq!(
        storage.set("b", "1"),
        Err(StoreError::Full),
        "said, nothing changed"
    );
    assert_eq!(storage.get("b"), Ok(None));
    // What frees room is still taken: space can be made.
    storage.remove("a").expect("a removal needs no room");
    assert_eq!(storage.get("a"), Ok(None));
    block_on(flush(&storage, &FakeCipher::new(1))).expect("works again");
    storage.set("b", "1").expect("taken again");
    storage.close();
    assert_eq!(storage.set("c", "1"), Err(StoreError::Locked));
    assert!(raw
        .keys()
        .expect("keys")
        .iter()
        .all(|k| !k.ends_with(".reserve")));
}
