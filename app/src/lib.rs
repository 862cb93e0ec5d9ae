//! Exitgesprek's user interface and the domain types shared by browser and server.
//!
//! The server renders [`shell`] (feature `ssr`); the browser hydrates [`App`] through
//! [`hydrate`] (feature `hydrate`). Everything else compiles the same on both sides.

#![recursion_limit = "512"]

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use vault::VaultGate;

pub mod api;
pub mod clock;
mod components;
pub mod domain;
pub mod i18n;
pub mod pages;
pub mod prefs;
pub mod pwa;
pub mod session;
pub mod store;
pub mod sync;
pub mod themes;
pub mod vault;

/// Base name of the generated `pkg/` files; must match `name` in the workspace's
/// `[[workspace.metadata.leptos]]`.
pub const OUTPUT_NAME: &str = "exitgesprek";

/// The interviewer's routes, which the service worker keeps for use without a network
/// (see `server/src/routes/pwa.rs`). Keep in step with the `<Routes>` in [`App`].
pub mod offline {
    /// Pages whose server-rendered HTML does not depend on the URL.
    pub const PAGES: &[&str] = &["/", "/gesprekken", "/gesprekken/nieuw"];
    /// `/gesprekken/<id>`: every interview renders the same HTML (its data is read from the
    /// device after hydration), so one cached copy, fetched from [`INTERVIEW_SHELL`], serves all.
    pub const INTERVIEW_PREFIX: &str = "/gesprekken/";
    pub const INTERVIEW_SHELL: &str = "/gesprekken/_";
}

/// The HTML document around [`App`], rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1f4e5f"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The routed application; the same tree on server and browser.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = i18n::provide_lang();
    pwa::provide_pwa();
    session::provide_session();
    vault::provide_vaults();
    sync::agent::provide_sync();
    // Browser storage is read only after hydration, so server and browser render alike.
    Effect::new(move |_| {
        let stored = prefs::lang();
        if let Some(chosen) = stored.as_deref().and_then(i18n::Lang::from_code) {
            lang.set(chosen);
        }
    });

    view! {
        <Stylesheet id="leptos" href=format!("/pkg/{OUTPUT_NAME}.css")/>
        <Title text="Exitgesprek"/>
        <Router>
            <components::Header/>
            <components::SyncStatus/>
            <components::UpdateBanner/>
            <main>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("") view=pages::Home/>
                    <Route path=path!("/gesprekken") view=|| view! { <VaultGate><pages::InterviewList/></VaultGate> }/>
                    <Route path=path!("/gesprekken/nieuw") view=|| view! { <VaultGate><pages::NewInterview/></VaultGate> }/>
                    <Route path=path!("/gesprekken/:id") view=|| view! { <VaultGate><pages::InterviewPage/></VaultGate> }/>
                    <Route path=path!("/inloggen") view=pages::LoginPage/>
                    <Route path=path!("/setup") view=pages::SetupPage/>
                    <Route path=path!("/beheer/gebruikers") view=pages::UsersPage/>
                    <Route path=path!("/beheer/inzagelog") view=pages::AuditPage/>
                    <Route path=path!("/beheer/themas") view=pages::ThemeSettingsPage/>
                    <Route path=path!("/archief") view=pages::ArchivePage/>
                    <Route path=path!("/archief/:id") view=pages::ArchiveDetail/>
                    <Route path=path!("/dashboard") view=pages::DashboardPage/>
                    <Route path=path!("/inzichten") view=pages::InsightsPage/>
                    <Route path=path!("/verbeterplan") view=pages::PlanPage/>
                    <Route path=path!("/voortgang/:token") view=pages::ProgressPublic/>
                    <Route path=path!("/dashboard/:theme") view=pages::ThemeNotes/>
                </Routes>
            </main>
        </Router>
    }
}

/// The wasm entry point: attaches the browser to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
