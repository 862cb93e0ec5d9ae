//! Moving files in and out of the browser: offering a download, reading a picked file.

use leptos::prelude::*;

/// Offers `text` as a file download (browser only; does nothing on the server).
pub fn offer(file_name: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let parts = js_sys::Array::of1(&text.into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let link = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("a").ok())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(link) = link {
            link.set_href(&url);
            link.set_download(file_name);
            link.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (file_name, text);
}

/// A button-like file input that hands the picked file's text to `on_text`.
#[component]
pub fn FilePicker(
    label: Signal<&'static str>,
    on_text: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let input = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let Some(file) = input
                .as_ref()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            let on_text = on_text.clone();
            let input = input.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    if let Some(text) = text.as_string() {
                        on_text(text);
                    }
                }
                if let Some(input) = input {
                    input.set_value("");
                }
            });
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = &on_text;
    };
    view! {
        <label class="button file-picker">
            {move || label.get()}
            <input type="file" accept="application/json,.json" on:change=on_change/>
        </label>
    }
}
