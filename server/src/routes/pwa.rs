//! `GET /sw.js`: the service worker that lets the interviewer routes open without a network.
//!
//! The script is `sw.js` with its constants prepended: the files and pages it precaches
//! ([`app::offline`]) and a cache version hashed from the precached files' bytes at start, so a
//! new build gives a new worker (and the update prompt) and an unchanged one does not.

use std::path::Path;

use axum::{
    body::Bytes,
    http::header::{CACHE_CONTROL, CONTENT_TYPE},
    routing::get,
    Router,
};
use leptos::prelude::LeptosOptions;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::AppState;

const TEMPLATE: &str = include_str!("sw.js");

/// Files from `public/` that the worker precaches besides the generated `pkg/` files.
const STATIC_ASSETS: &[&str] = &[
    "/manifest.webmanifest",
    "/favicon.svg",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/icons/maskable-512.png",
    "/icons/apple-touch-icon.png",
];

pub fn router(options: &LeptosOptions) -> Router<AppState> {
    let assets = precached_assets(&options.site_pkg_dir, &options.output_name);
    let site_root = Path::new(options.site_root.as_ref());
    let files: Vec<_> = assets
        .iter()
        .map(|url| (url.clone(), read_asset(site_root, url)))
        .collect();
    let script = Bytes::from(service_worker(&cache_version(&files), &assets));
    Router::new().route(
        "/sw.js",
        get(move || {
            let script = script.clone();
            async move {
                // no-cache: the browser asks again on each update check and sees a new version.
                let headers = [
                    (CONTENT_TYPE, "text/javascript; charset=utf-8"),
                    (CACHE_CONTROL, "no-cache"),
                ];
                (headers, script)
            }
        }),
    )
}

/// URLs of the files the worker precaches: the build's wasm, JS and CSS, and our static files.
fn precached_assets(pkg_dir: &str, output_name: &str) -> Vec<String> {
    ["js", "wasm", "css"]
        .iter()
        .map(|ext| format!("/{pkg_dir}/{output_name}.{ext}"))
        .chain(STATIC_ASSETS.iter().map(|s| (*s).to_owned()))
        .collect()
}

/// The file behind `url` under the site root; `None` when it is not there (a build without
/// the wasm, as in the server's own tests).
fn read_asset(site_root: &Path, url: &str) -> Option<Vec<u8>> {
    std::fs::read(site_root.join(url.trim_start_matches('/'))).ok()
}

/// A short hash of every precached file (URL and bytes) and of the server's version, which
/// renders the cached HTML. Equal inputs give equal versions, on every server process.
pub fn cache_version(files: &[(String, Option<Vec<u8>>)]) -> String {
    let mut hash = Sha256::new();
    hash.update(env!("CARGO_PKG_VERSION"));
    for (url, bytes) in files {
        hash.update((url.len() as u64).to_le_bytes());
        hash.update(url);
        match bytes {
            Some(bytes) => {
                hash.update([1]);
                hash.update((bytes.len() as u64).to_le_bytes());
                hash.update(bytes);
            }
            None => hash.update([0]),
        }
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The worker script: constants, then the template.
fn service_worker(version: &str, assets: &[String]) -> String {
    let constant = |name: &str, value: serde_json::Value| format!("const {name} = {value};\n");
    [
        constant("VERSION", json!(version)),
        constant("ASSETS", json!(assets)),
        constant("PAGES", json!(app::offline::PAGES)),
        constant("INTERVIEW_PREFIX", json!(app::offline::INTERVIEW_PREFIX)),
        constant("INTERVIEW_SHELL", json!(app::offline::INTERVIEW_SHELL)),
        TEMPLATE.to_owned(),
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, Option<&[u8]>)]) -> Vec<(String, Option<Vec<u8>>)> {
        entries
            .iter()
            .map(|(url, bytes)| ((*url).to_owned(), bytes.map(<[u8]>::to_vec)))
            .collect()
    }

    #[test]
    fn the_version_changes_exactly_when_a_precached_file_changes() {
        let base = files(&[("/pkg/a.wasm", Some(b"wasm")), ("/a.css", Some(b"css"))]);
        let cases = [
            ("same bytes", base.clone(), true),
            (
                "one byte more",
                files(&[("/pkg/a.wasm", Some(b"wasm!")), ("/a.css", Some(b"css"))]),
                false,
            ),
            (
                "bytes moved between files",
                files(&[("/pkg/a.wasm", Some(b"was")), ("/a.css", Some(b"mcss"))]),
                false,
            ),
            (
                "a file missing",
                files(&[("/pkg/a.wasm", Some(b"wasm")), ("/a.css", None)]),
                false,
            ),
            (
                "a file empty",
                files(&[("/pkg/a.wasm", Some(b"wasm")), ("/a.css", Some(b""))]),
                false,
            ),
            (
                "another URL",
                files(&[("/pkg/b.wasm", Some(b"wasm")), ("/a.css", Some(b"css"))]),
                false,
            ),
        ];
        let version = cache_version(&base);
        assert_eq!(version.len(), 16);
        for (name, other, same) in cases {
            assert_eq!(cache_version(&other) == version, same, "{name}");
        }
    }

    /// cargo-leptos copies `public/` into the site root; a missing file would fail the install.
    #[test]
    fn every_static_asset_exists_in_public() {
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
        for url in STATIC_ASSETS {
            assert!(read_asset(&public, url).is_some(), "public{url} is missing");
        }
    }

    #[test]
    fn the_script_declares_what_the_template_uses() {
        let assets = precached_assets("pkg", "exitgesprek");
        let script = service_worker("0123456789abcdef", &assets);
        assert!(script.starts_with("const VERSION = \"0123456789abcdef\";\n"));
        assert!(script.contains(r#""/pkg/exitgesprek.wasm""#));
        assert!(script.contains(r#"const PAGES = ["/","/gesprekken","/gesprekken/nieuw"];"#));
        for name in [
            "VERSION",
            "ASSETS",
            "PAGES",
            "INTERVIEW_PREFIX",
            "INTERVIEW_SHELL",
        ] {
            assert!(TEMPLATE.contains(name), "the template uses {name}");
            assert!(
                script.contains(&format!("const {name} = ")),
                "{name} declared"
            );
        }
    }
}
