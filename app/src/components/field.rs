//! A labelled text input bound to a signal, and [`use_hydrated`] for controls that only
//! work once the wasm runs.

use leptos::prelude::*;

#[component]
pub fn Field(
    label: Signal<&'static str>,
    value: RwSignal<String>,
    /// The input's `type`: text, email, password.
    #[prop(default = "text")]
    kind: &'static str,
    /// What the browser may fill in (`username`, `current-password`, `new-password`, `off`).
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <input type=kind autocomplete=autocomplete required
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// `false` on the server and until hydration, then `true` (effects run in the browser only).
/// Buttons that need the wasm are disabled until then, so nothing is submitted natively.
pub fn use_hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}
