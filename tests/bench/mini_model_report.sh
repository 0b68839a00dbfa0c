#!/bin/bash
# The embedded mini model's zero-shot numbers, as README and docs/MINI_MODEL.md quote them:
# held-out renders (a seed never used in training), every method, and ProText trained on
# the descriptions of the first half of the concepts (base) and scored on the other half
# (novel, unseen in training) and on all.
#
#   tests/bench/mini_model_report.sh BUILD_DIR [IMAGES (default 2000)] [SEED (default 9001)]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
protext="${1:?usage: mini_model_report.sh BUILD_DIR [IMAGES] [SEED]}/app/protext"
count="${2:-2000}"
seed="${3:-9001}"
demo="$repo/resources/demo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$protext" mini-world render --seed "$seed" --count "$count" --out "$work/images" >/dev/null 2>&1
half=$(( ($(wc -l < "$demo/classes.txt") + 1) / 2 ))
head -n "$half" "$demo/classes.txt" > "$work/base.txt"

summary() {  # report.json → one line per method: top-1 (all), base, novel, HM
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for name, m in r["methods"].items():
    bn = m.get("base2novel", {})
    print(f"{sys.argv[2]:<28} {name:<13} top1 {100*m['top1']:6.2f}  top5 {100*m['top5']:6.2f}  "
          f"base {100*bn.get('base_top1', float('nan')):6.2f}  novel {100*bn.get('novel_top1', float('nan')):6.2f}  "
          f"hm {100*bn.get('harmonic_mean', float('nan')):6.2f}")
PY
}

"$protext" eval --images "$work/images" --classes "$demo/classes.txt" --descriptions "$demo/descriptions.json" \
  --cache-dir "$work/cache" --out "$work/zero-shot.json" >/dev/null
summary "$work/zero-shot.json" "zero-shot ($count images)"

for preset in cross-dataset base2novel text-only; do
  start=$(date +%s.%N)
  "$protext" train --descriptions "$demo/descriptions.json" --classes "$work/base.txt" --preset "$preset" \
    --cache-dir "$work/cache" --out "$work/$preset.safetensors" >/dev/null 2>&1
  seconds=$(/usr/bin/python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
  "$protext" eval --images "$work/images" --classes "$demo/classes.txt" --prompts "$work/$preset.safetensors" \
    --cache-dir "$work/cache" --out "$work/$preset.json" >/dev/null
  summary "$work/$preset.json" "protext $preset (${seconds}s)" | grep protext
done
