//! The message shown when the device refused to store something. The text being typed is
//! never cleared on such an error, so nothing on screen is lost.

use leptos::prelude::*;

use crate::{i18n::use_texts, store::StoreError};

#[component]
pub fn StorageBanner(error: RwSignal<Option<StoreError>>) -> impl IntoView {
    let t = use_texts();
    move || {
        error.get().map(|e| {
            view! { <p class="storage-error" role="alert">{t.get().store_error(&e)}</p> }
        })
    }
}
