#!/usr/bin/env bash
# Prints the size of the release bundle the browser downloads: wasm, JS and CSS,
# raw and gzip (level 9), in KB (1 KB = 1024 bytes).
set -euo pipefail
pkg=${1:-target/site/pkg}

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

total_raw=0 total_gz=0
printf '%-28s %10s %10s\n' "bundle file" "raw KB" "gzip KB"
for f in "$pkg"/*.wasm "$pkg"/*.js "$pkg"/*.css; do
  [ -f "$f" ] || { echo "bundle-size: missing $f (build first)" >&2; exit 1; }
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  printf '%-28s %10s %10s\n' "$(basename "$f")" "$(kb "$raw")" "$(kb "$gz")"
done
printf '%-28s %10s %10s\n' "total (wasm+js+css)" "$(kb "$total_raw")" "$(kb "$total_gz")"
