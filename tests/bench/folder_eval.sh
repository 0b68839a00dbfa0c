#!/bin/bash
# Folder evaluation (issue 10): `protext eval` on the embedded model over COUNT rendered
# images (256×256 PNGs of the mini world, so decoding and resizing are real work), quiet and
# beside one busy process (a plain shell loop). Per setting: a cold run (--no-cache), a run
# that fills an empty cache, a second run reading it, and a run killed (SIGKILL) halfway and
# then resumed. Wall time, images/s and peak resident memory (GNU time's maximum RSS);
# memory is also given for a quarter of the folder, to show it stays flat.
#
#   tests/bench/folder_eval.sh BUILD_DIR [COUNT (2000)]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
protext="$(cd "${1:?usage: folder_eval.sh BUILD_DIR [COUNT]}" && pwd)/app/protext"
count="${2:-2000}"
work="$(mktemp -d)"
neighbour=""
trap '[ -n "$neighbour" ] && kill "$neighbour" 2>/dev/null; rm -rf "$work"' EXIT

"$protext" mini-world render --count "$count" --size 256 --out "$work/images" >/dev/null 2>&1
"$protext" mini-world render --count "$((count / 4))" --size 256 --out "$work/quarter" >/dev/null 2>&1

run() {  # NAME FOLDER ARGS... -> "seconds max_rss_kib" appended to $work/NAME
  local name="$1" folder="$2"
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" "$protext" eval --images "$folder" --out "$work/report.json" "$@" \
    >/dev/null 2>"$work/stderr" || true
  cat "$work/time" | tail -1 >> "$work/$name"
}

for load in quiet busy; do
  if [ "$load" = busy ]; then
    bash -c 'while :; do :; done' &
    neighbour=$!
  fi
  rm -rf "$work/cache"
  run "$load-nocache" "$work/images" --no-cache
  run "$load-quarter" "$work/quarter" --no-cache
  run "$load-fill" "$work/images" --cache-dir "$work/cache"
  run "$load-warm" "$work/images" --cache-dir "$work/cache"
  # Killed halfway through a cold run, then run again: only the rest is encoded.
  rm -rf "$work/cache"
  half=$(awk '{ print $1 / 2 }' "$work/$load-fill")
  (timeout -s KILL "$half" "$protext" eval --images "$work/images" --out "$work/report.json" \
    --cache-dir "$work/cache" >/dev/null 2>&1 || true) 2>/dev/null
  run "$load-resumed" "$work/images" --cache-dir "$work/cache"
  if [ -n "$neighbour" ]; then kill "$neighbour"; wait "$neighbour" 2>/dev/null || true; neighbour=""; fi
done

echo "| run | quiet: s | images/s | peak MiB | busy: s | images/s | busy / quiet throughput |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for name in nocache quarter fill warm resumed; do
  read -r qs qm < "$work/quiet-$name"
  read -r bs bm < "$work/busy-$name"
  n=$count
  [ "$name" = quarter ] && n=$((count / 4))
  case $name in
    nocache) label="$count images, no cache";;
    quarter) label="$((count / 4)) images, no cache";;
    fill) label="$count images, filling an empty cache";;
    warm) label="$count images, cache warm";;
    resumed) label="$count images, resumed after a kill halfway";;
  esac
  printf '| %s | %.1f | %.0f | %.0f | %.1f | %.0f | %.2f× |\n' "$label" "$qs" "$(echo "$n / $qs" | bc -l)" \
    "$(echo "$qm / 1024" | bc -l)" "$bs" "$(echo "$n / $bs" | bc -l)" "$(echo "$qs / $bs" | bc -l)"
done
echo
echo "Embedded mini model, 256×256 PNGs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
