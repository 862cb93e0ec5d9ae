//! The page for any path no route matches.

use leptos::prelude::*;

/// Dutch "page not found"; sets status 404 when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="page">
            <h1>"Pagina niet gevonden"</h1>
            <p><a href="/">"Terug naar het begin"</a></p>
        </section>
    }
}
