//! Preferences kept plain in this browser, outside every vault (they hold nothing about an
//! interview): the language, and HR's settings for tablets as the last sync brought them
//! (the lock period is needed while every vault is locked).

use crate::{
    domain::TabletSettings,
    store::{Backend, BrowserStorage},
};

const LANG_KEY: &str = "exitgesprek.lang";
const TABLET_KEY: &str = "exitgesprek.tablet";

pub fn lang() -> Option<String> {
    BrowserStorage.get(LANG_KEY).ok().flatten()
}

pub fn set_lang(code: &str) {
    let _ = BrowserStorage.set(LANG_KEY, code);
}

/// HR's settings for tablets; the defaults before the first sync.
pub fn tablet_settings() -> TabletSettings {
    BrowserStorage
        .get(TABLET_KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn set_tablet_settings(settings: &TabletSettings) {
    if let Ok(text) = serde_json::to_string(settings) {
        let _ = BrowserStorage.set(TABLET_KEY, &text);
    }
}
