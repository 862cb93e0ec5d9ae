//! The current time as [`Millis`]: the browser's clock in wasm, the system clock elsewhere.

use crate::domain::Millis;

#[cfg(target_arch = "wasm32")]
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as Millis)
}

/// Today's date on the device, in local time (for date field defaults).
#[cfg(target_arch = "wasm32")]
pub fn today() -> Option<chrono::NaiveDate> {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn today() -> Option<chrono::NaiveDate> {
    chrono::DateTime::from_timestamp_millis(now()).map(|t| t.date_naive())
}

/// `14:32`: the local time of day of `at` (UTC outside the browser).
#[cfg(target_arch = "wasm32")]
pub fn hhmm(at: Millis) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn hhmm(at: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(at)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}
