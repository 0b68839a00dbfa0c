#!/bin/bash
# What the report's statistics cost (issue 14): `protext eval` on the embedded model over
# COUNT rendered images with their embeddings cached (so encoding is out of the picture),
# with --bootstrap 1 (the baseline: counts and top-1 only) against the default 1,000
# resamples, and with --predictions also written. Median of 3 runs each, quiet and beside
# one busy process (a plain shell loop).
#
#   tests/bench/eval_statistics.sh BUILD_DIR [COUNT (8000)]
set -euo pipefail
protext="$(cd "${1:?usage: eval_statistics.sh BUILD_DIR [COUNT]}" && pwd)/app/protext"
count="${2:-8000}"
work="$(mktemp -d)"
neighbour=""
trap '[ -n "$neighbour" ] && kill "$neighbour" 2>/dev/null; rm -rf "$work"' EXIT

"$protext" mini-world render --count "$count" --out "$work/images" >/dev/null 2>&1
"$protext" eval --images "$work/images" --out "$work/report.json" --cache-dir "$work/cache" >/dev/null 2>&1

median_of_3() {  # ARGS... -> median wall seconds of three warm runs
  for _ in 1 2 3; do
    /usr/bin/time -f "%e" -o "$work/time" "$protext" eval --images "$work/images" --out "$work/report.json" \
      --cache-dir "$work/cache" "$@" >/dev/null 2>&1
    cat "$work/time"
  done | sort -n | sed -n 2p
}

echo "| load | --bootstrap 1 (s) | --bootstrap 1000 (s) | + --predictions (s) | 1000 / 1 |"
echo "|---|---:|---:|---:|---:|"
for load in quiet busy; do
  if [ "$load" = busy ]; then
    bash -c 'while :; do :; done' &
    neighbour=$!
  fi
  one=$(median_of_3 --bootstrap 1)
  thousand=$(median_of_3 --bootstrap 1000)
  predictions=$(median_of_3 --bootstrap 1000 --predictions "$work/predictions.jsonl")
  echo "| $load | $one | $thousand | $predictions | $(echo "scale=2; $thousand / $one" | bc)× |"
done
