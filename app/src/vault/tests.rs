//! The vault lifecycle with stand-in crypto, on the in-memory backend.

use super::*;
use crate::{
    domain::{Details, Interview, Op},
    store::{
        vault::fake::{block_on, FakeKeys},
        MemoryStorage,
    },
};

fn hooks() -> Hooks {
    Hooks {
        now: || 0,
        kick: Rc::new(|| {}),
    }
}

fn take_interview<R: Backend + Clone, C: Cipher>(
    vault: &Unlocked<R, C>,
    leaver: &str,
) -> Interview {
    let details = Details {
        leaver: leaver.into(),
        ..Details::default()
    };
    let iv = Interview::new(details, "", 100);
    vault
        .store()
        .expect("store")
        .save(&iv, Op::all_of(&iv), 100)
        .expect("saved")
}

fn leavers<R: Backend + Clone, C: Cipher>(vault: &Unlocked<R, C>) -> Vec<String> {
    let store = vault.store().expect("store");
    store
        .list()
        .expect("list")
        .into_iter()
        .map(|iv| iv.details.leaver)
        .collect()
}

#[test]
fn two_interviewers_on_one_tablet_see_only_their_own() {
    let raw = MemoryStorage::default();
    let keys = FakeKeys::default();
    let (ina, bob) = (UserId::new(), UserId::new());
    let a = block_on(create(&raw, &keys, ina, "Ina", "ina's password", hooks())).expect("a");
    take_interview(&a, "Jan de Vries");
    block_on(a.flush(&&raw)).expect("sealed");
    drop(a);

    let b = block_on(create(&raw, &keys, bob, "Bob", "bob's password", hooks())).expect("b");
    assert!(leavers(&b).is_empty(), "bob sees nothing of ina's");
    assert_eq!(
        b.store()
            .expect("store")
            .pending()
            .expect("log")
            .changes
            .len(),
        0
    );
    drop(b);

    // Outside the vaults: names of the users and counts, nothing of the interviews.
    for key in raw.keys().expect("keys") {
        let value = raw.get(&key).expect("get").unwrap_or_default();
        assert!(
            !value.contains("Jan de Vries") && !key.contains("interview"),
            "{key}"
        );
    }
    let listed = list(&&raw).expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!((listed[0].name.as_str(), listed[0].unsent), ("Ina", 6));

    let wrong = block_on(unlock(&raw, &keys, ina, "bob's password", hooks()));
    assert!(matches!(wrong, Err(VaultError::WrongPassword)));
    let a = block_on(unlock(&raw, &keys, ina, "ina's password", hooks())).expect("unlocks");
    assert_eq!(leavers(&a), ["Jan de Vries"]);
    assert!(matches!(
        block_on(unlock(&raw, &keys, UserId::new(), "x", hooks())),
        Err(VaultError::NoVault)
    ));
}

#[test]
fn data_from_before_vaults_moves_into_the_first_vault_and_leaves_plain_storage() {
    let raw = MemoryStorage::default();
    let plain = Store::open(&raw).expect("plain store");
    let details = Details {
        leaver: "Oud".into(),
        ..Details::default()
    };
    let iv = Interview::new(details, "", 1);
    plain.save(&iv, Op::all_of(&iv), 1).expect("saved");
    raw.set("exitgesprek.lang", "en").expect("set");

    let keys = FakeKeys::default();
    let a = block_on(create(&raw, &keys, UserId::new(), "Ina", "pw", hooks())).expect("a");
    assert_eq!(leavers(&a), ["Oud"]);
    assert_eq!(
        a.store()
            .expect("store")
            .pending()
            .expect("log")
            .changes
            .len(),
        6
    );
    let left: Vec<String> = raw
        .keys()
        .expect("keys")
        .into_iter()
        .filter(|k| !k.starts_with(VAULT_PREFIX))
        .collect();
    let mut want = vec!["exitgesprek.lang".to_owned(), VAULTS_KEY.to_owned()];
    want.sort();
    let mut left = left;
    left.sort();
    assert_eq!(left, want, "only preferences and the list stay plain");
}

#[test]
fn data_of_an_older_layout_is_brought_forward_once_all_of_it_is_in_the_vault() {
    // Schema 0: interviews without an index. Migrating after the first key moved would index
    // only that one interview.
    let raw = MemoryStorage::default();
    for leaver in ["Eerste", "Tweede", "Derde"] {
        let details = Details {
            leaver: leaver.into(),
            ..Details::default()
        };
        let iv = Interview::new(details, "", 1);
        let json = serde_json::to_string(&iv).expect("json");
        raw.set(&format!("exitgesprek.interview.{}", iv.id), &json)
            .expect("set");
    }
    let keys = FakeKeys::default();
    let a = block_on(create(&raw, &keys, UserId::new(), "Ina", "pw", hooks())).expect("a");
    let mut seen = leavers(&a);
    seen.sort();
    assert_eq!(seen, ["Derde", "Eerste", "Tweede"]);
}

#[test]
fn a_changed_password_keeps_the_vault_when_the_old_one_is_known() {
    let raw = MemoryStorage::default();
    let keys = FakeKeys::default();
    let ina = UserId::new();
    let a = block_on(create(&raw, &keys, ina, "Ina", "old password", hooks())).expect("a");
    take_interview(&a, "Els");
    block_on(a.flush(&&raw)).expect("sealed");
    drop(a);

    assert!(matches!(
        block_on(rewrap(&&raw, &keys, ina, "not it", "new password")),
        Err(VaultError::WrongPassword)
    ));
    block_on(rewrap(&&raw, &keys, ina, "old password", "new password")).expect("rewrapped");
    let a = block_on(unlock(&raw, &keys, ina, "new password", hooks())).expect("unlocks");
    assert_eq!(leavers(&a), ["Els"]);
    // Records written after the new password land on the same names: no stale twin.
    let records = raw.keys().expect("keys").len();
    take_interview(&a, "Piet");
    block_on(a.flush(&&raw)).expect("sealed");
    drop(a);
    let a = block_on(unlock(&raw, &keys, ina, "new password", hooks())).expect("unlocks");
    let mut names = leavers(&a);
    names.sort();
    assert_eq!(names, ["Els", "Piet"]);
    assert_eq!(
        raw.keys().expect("keys").len(),
        records + 1,
        "one record more: Piet's"
    );

    // Forgotten: a new vault replaces it, and the old records are gone.
    drop(a);
    let fresh = block_on(create(&raw, &keys, ina, "Ina", "newest", hooks())).expect("fresh");
    assert!(leavers(&fresh).is_empty());
    assert_eq!(list(&&raw).expect("list").len(), 1);
}

#[test]
fn a_backup_file_is_readable_only_with_its_password() {
    let keys = FakeKeys::default();
    let json = r#"{"format":"exitgesprek-backup","interviews":[{"leaver":"Jan de Vries"}]}"#;
    let sealed = block_on(seal_backup(&keys, "geheim wachtwoord", json)).expect("sealed");
    assert!(is_sealed_backup(&sealed));
    assert!(!is_sealed_backup(json));
    assert!(!sealed.contains("Jan de Vries"));
    assert!(matches!(
        block_on(open_backup(&keys, "fout", &sealed)),
        Err(VaultError::WrongPassword)
    ));
    assert_eq!(
        block_on(open_backup(&keys, "geheim wachtwoord", &sealed)).as_deref(),
        Ok(json)
    );
}
