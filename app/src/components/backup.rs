//! The backup of the open vault: exported as a file sealed under the interviewer's password
//! (readable only with it), and read back after the password is given again. A plain backup
//! from before vaults is still read as it is.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    clock,
    components::Field,
    i18n::use_texts,
    pages::download::{offer, FilePicker},
    store::{self, StoreError},
    vault::{self, VaultError},
};

#[component]
pub fn Backup(
    /// After an import, how many interviews were added or updated.
    on_imported: impl Fn(usize) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<StoreError>>,
) -> impl IntoView {
    let t = use_texts();
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let say = move |e: VaultError| {
        let t = t.get_untracked();
        problem.set(Some(match e {
            VaultError::WrongPassword => t.backup_wrong_password.to_owned(),
            VaultError::Storage(e) => t.store_error(&e),
            other => other.to_string(),
        }));
    };
    let export = move |_| {
        let json = match store::browser().and_then(|s| s.export(clock::now())) {
            Ok(json) => json,
            Err(e) => return error.set(Some(e)),
        };
        spawn_local(async move {
            match sealed(&password.get_untracked(), &json).await {
                Ok(file) => {
                    problem.set(None);
                    offer("exitgesprek-backup.json", &file);
                }
                Err(e) => say(e),
            }
        });
    };
    let import = move |text: String| {
        spawn_local(async move {
            let json = if vault::is_sealed_backup(&text) {
                match opened(&password.get_untracked(), &text).await {
                    Ok(json) => json,
                    Err(e) => return say(e),
                }
            } else {
                text
            };
            match store::browser().and_then(|s| s.import(&json, clock::now())) {
                Ok(n) => {
                    problem.set(None);
                    on_imported(n);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div class="backup">
            <Field label=Signal::derive(move || t.get().backup_password) value=password kind="password" autocomplete="current-password"/>
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="button" on:click=export>{move || t.get().export_backup}</button>
            <FilePicker label=Signal::derive(move || t.get().import_backup) on_text=import/>
        </div>
    }
}

#[cfg(target_arch = "wasm32")]
async fn sealed(password: &str, json: &str) -> Result<String, VaultError> {
    vault::browser::export(password, json).await
}

#[cfg(target_arch = "wasm32")]
async fn opened(password: &str, text: &str) -> Result<String, VaultError> {
    vault::browser::open_backup(password, text).await
}

#[cfg(not(target_arch = "wasm32"))]
async fn sealed(_: &str, _: &str) -> Result<String, VaultError> {
    Err(StoreError::Unavailable.into())
}

#[cfg(not(target_arch = "wasm32"))]
async fn opened(_: &str, _: &str) -> Result<String, VaultError> {
    Err(StoreError::Unavailable.into())
}
