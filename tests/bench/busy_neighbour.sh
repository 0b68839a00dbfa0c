#!/bin/bash
# How protext's throughput holds up beside one busy process, with libgomp's default
# spinning waits (OMP_WAIT_POLICY=ACTIVE) and with the passive waits both executables now
# start with (core/runtime/omp_waits.h). The work is `protext embed-text` on the embedded
# mini model: 3,840 class prompts (48 demo classes × 80 CLIP templates). The neighbour is a
# plain shell loop on one core. "default" leaves the variable unset, as a user does: protext
# then sets PASSIVE and starts itself again, which costs a second program load (~0.45 s
# here). Runs alternate between the settings in each round;
# the table gives medians of the wall times (model load included) and their ratios.
#
#   tests/bench/busy_neighbour.sh BUILD_DIR [ROUNDS (default 5)]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cli="$(cd "${1:?usage: busy_neighbour.sh BUILD_DIR [ROUNDS]}" && pwd)/app/protext"
rounds="${2:-5}"
work="$(mktemp -d)"
neighbour=""
trap '[ -n "$neighbour" ] && kill "$neighbour" 2>/dev/null; rm -rf "$work"' EXIT

mapfile -t classes < "$repo/resources/demo/classes.txt"
texts=()
while IFS= read -r template; do
  [ -z "$template" ] && continue
  for c in "${classes[@]}"; do texts+=("${template//\{\}/$c}"); done
done < "$repo/resources/templates/imagenet80.txt"

run_once() {  # POLICY (or default: unset, so protext sets PASSIVE and starts again) -> seconds
  local start end
  start=$(date +%s.%N)
  if [ "$1" = default ]; then
    env -u OMP_WAIT_POLICY "$cli" embed-text "${texts[@]}" > /dev/null
  else
    OMP_WAIT_POLICY="$1" "$cli" embed-text "${texts[@]}" > /dev/null
  fi
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

for load in quiet busy; do
  if [ "$load" = busy ]; then
    bash -c 'while :; do :; done' &
    neighbour=$!
  fi
  for policy in ACTIVE PASSIVE default; do : > "$work/$load-$policy"; done
  for ((r = 0; r < rounds; r++)); do
    for policy in ACTIVE PASSIVE default; do run_once "$policy" >> "$work/$load-$policy"; done
  done
  if [ -n "$neighbour" ]; then kill "$neighbour"; wait "$neighbour" 2>/dev/null || true; neighbour=""; fi
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| OMP_WAIT_POLICY | quiet (s) | beside one busy process (s) | busy / quiet |"
echo "|---|---|---|---|"
for policy in ACTIVE PASSIVE default; do
  q=$(median "$work/quiet-$policy"); b=$(median "$work/busy-$policy")
  printf '| %s | %.2f | %.2f | %.2f× |\n' "${policy,,}" "$q" "$b" "$(echo "$b / $q" | bc -l)"
done
echo
echo "${#texts[@]} texts, $rounds runs each, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
