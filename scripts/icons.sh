#!/usr/bin/env bash
# Renders the PNG app icons in public/icons/ from their SVG sources with Debian's Chromium.
# The PNGs are committed; run this only after changing public/favicon.svg or
# public/icons/maskable.svg (full-bleed, glyph inside the maskable safe zone).
set -euo pipefail
cd "$(dirname "$0")/.."

render() { # svg size out
  local page
  page=$(mktemp --suffix=.html)
  printf '<html><body style="margin:0"><img src="file://%s" width="%s" height="%s"></body></html>' \
    "$PWD/$1" "$2" "$2" >"$page"
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --default-background-color=00000000 --window-size="$2,$2" \
    --screenshot="$PWD/$3" "file://$page" 2>/dev/null
  rm -f "$page"
  echo "icons: $3 (${2}x$2)"
}

render public/favicon.svg 192 public/icons/icon-192.png
render public/favicon.svg 512 public/icons/icon-512.png
render public/icons/maskable.svg 512 public/icons/maskable-512.png
# iOS rounds the corners itself and wants no transparency.
render public/icons/maskable.svg 180 public/icons/apple-touch-icon.png
