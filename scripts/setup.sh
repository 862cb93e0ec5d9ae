#!/usr/bin/env bash
# Installs what `make run` and `make test` need: only what is missing or of the wrong
# version, from the package registries only (crates.io, npm, Debian). Prints what it installs.
#
#   scripts/setup.sh            build tools: wasm32 target, cargo-leptos, wasm-bindgen, wasm-opt
#   scripts/setup.sh --browser  browser-test tools: Debian's chromium, the end2end/ npm packages
#
# Node tools go to $EXIT_TOOLS (default ~/.cache/exitgesprek/tools); the Makefile puts
# its bin/ on PATH. Nothing here downloads a browser or a prebuilt binary of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132
TOOLS=${EXIT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/exitgesprek/tools}
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
installing() { printf 'setup: installing %s\n' "$*"; }

# The wasm-bindgen version the lock file resolved; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# Was cargo-leptos installed at our version with the no_downloads feature?
cargo_leptos_ok() {
  local record="$HOME/.cargo/.crates2.json"
  [ -f "$record" ] && command -v cargo-leptos >/dev/null || return 1
  python3 - "$record" "$CARGO_LEPTOS_VERSION" <<'PY'
import json, sys
installs = json.load(open(sys.argv[1]))["installs"]
ok = any(k.startswith(f"cargo-leptos {sys.argv[2]} ") and "no_downloads" in v.get("features", [])
         for k, v in installs.items())
sys.exit(0 if ok else 1)
PY
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

setup_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    installing "rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  if ! cargo_leptos_ok; then
    installing "cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads; builds from source, ~12 min)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi

  local wb
  wb=$(wasm_bindgen_version)
  [ -n "$wb" ] || { echo "setup: Cargo.lock names no wasm-bindgen" >&2; exit 1; }
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
    installing "wasm-bindgen-cli $wb (must equal wasm-bindgen in Cargo.lock)"
    # Without --locked: the CLI's own lock file names a crate version crates.io lacks.
    cargo install wasm-bindgen-cli --version "=$wb" --force
  fi

  if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    installing "wasm-opt from npm binaryen@$BINARYEN_VERSION into $TOOLS"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  fi
}

setup_browser() {
  if ! command -v chromium >/dev/null; then
    installing "Debian's chromium"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi

  # npm ci from the committed lock, redone only when the lock changes.
  local stamp=end2end/node_modules/.exitgesprek-lock
  local want
  want=$(sha256sum end2end/package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    installing "end2end npm packages (npm ci)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    echo "$want" >"$stamp"
  fi
}

if [ "${1:-}" = "--browser" ]; then
  setup_browser
  say "browser tools ready ($(chromium --version))"
else
  setup_build_tools
  say "tools ready ($(cargo leptos --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'))"
fi
