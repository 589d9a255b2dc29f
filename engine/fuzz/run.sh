#!/usr/bin/env bash
# Runs both fuzz targets for SECONDS each (default 600) on nightly, starting
# from the committed seeds. Usage: engine/fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
for target in schema_load expr_parse; do
  mkdir -p "corpus/$target"
  cp -n seeds/"$target"/* "corpus/$target/" 2>/dev/null || true
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=4096
done
