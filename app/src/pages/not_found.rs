//! The page for any path no route matches.

use leptos::prelude::*;

use crate::i18n::use_texts;

/// "Page not found"; sets status 404 when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_texts();
    view! {
        <section class="page">
            <h1>{move || t.get().not_found}</h1>
            <p><a href="/">{move || t.get().back_home}</a></p>
        </section>
    }
}
