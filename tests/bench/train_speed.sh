#!/bin/bash
# Training speed: `protext train` against the plain reference trainer
# (tests/reference/protext_reference.py: every pair encoded alone at 77 tokens, targets
# recomputed every step) on the same ViT-B/16-shaped random weights, the same prompts to
# start from, the same pairs and hyper-parameters (constant LR, no shuffle), in one run.
# The pairs: the first PER_CLASS descriptions of each of the first CLASSES classes of a
# CuPL file; BATCH pairs a step (default: all of them, full batch). BUSY=1 runs everything
# beside one busy process (a plain shell loop).
#
#   tests/bench/train_speed.sh BUILD_DIR [CLASSES (5)] [STEPS (3)] [PER_CLASS (all)] [BATCH (all)] [CUPL (oxford_pets)]
# The issue-10 many-classes mix: train_speed.sh build 64 8 4 64 cifar100
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
protext="${1:?usage: train_speed.sh BUILD_DIR [CLASSES] [STEPS]}/app/protext"
classes="${2:-5}"
steps="${3:-3}"
per_class="${4:-0}"
batch="${5:-0}"
vocab="$repo/../shared/data/clip/bpe_simple_vocab_16e6.txt.gz"
source_json="$repo/../shared/data/cupl/${6:-oxford_pets}.json"
work="$(mktemp -d)"
neighbour=""
trap '[ -n "$neighbour" ] && kill "$neighbour" 2>/dev/null; rm -rf "$work"' EXIT
if [ "${BUSY:-0}" = 1 ]; then
  bash -c 'while :; do :; done' &
  neighbour=$!
fi
pets="$work/descriptions.json"
/usr/bin/python3 -c "
import json
d = json.load(open('$source_json'))
n = $per_class
json.dump({k: (v[:n] if n else v) for k, v in list(d.items())[:$classes]}, open('$pets', 'w'))"
batch_args=(--full-batch)
[ "$batch" != 0 ] && batch_args=(--batch-size "$batch")

"$protext" bench --vocab "$vocab" --repeats 1 --text-batch 1 --image-batch 1 --save-weights "$work/w.safetensors" >/dev/null
/usr/bin/python3 -c "import json,sys; d=json.load(open('$pets')); print('\n'.join(list(d)[:$classes]))" > "$work/classes.txt"
/usr/bin/python3 "$repo/tests/reference/protext_reference.py" init "$work/w.safetensors" "$vocab" "$work/init.safetensors" 4 9 1 "a photo of a"
pairs=$(/usr/bin/python3 -c "import json; d=json.load(open('$pets')); c=open('$work/classes.txt').read().split('\n'); print(sum(len(d[k]) for k in c if k))")

now() { date +%s.%N; }
run_cpp() {
  "$protext" train --model "$work/w.safetensors" --vocab "$vocab" --descriptions "$pets" --classes "$work/classes.txt" \
    "${batch_args[@]}" --no-shuffle --schedule constant --lr 0.01 --steps "$steps" --init-prompts "$work/init.safetensors" \
    --cache-dir "$work/cache" --log "$work/cpp.jsonl" --out "$work/cpp.safetensors" >/dev/null 2>&1
}
t0=$(now); run_cpp; t1=$(now); run_cpp; t2=$(now)
/usr/bin/python3 - "$pets" "$work" "$steps" "$batch" > "$work/request.json" <<'PY'
import json, sys
pets, work, steps, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
classes = [c for c in open(f"{work}/classes.txt").read().split("\n") if c]
print(json.dumps({"descriptions": pets, "classes": classes, "init": f"{work}/init.safetensors",
                  "steps": steps, "lr": 0.01, "loss": "l1", "out": f"{work}/ref.safetensors", "batch": batch}))
PY
t3=$(now)
/usr/bin/python3 "$repo/tests/reference/protext_reference.py" train "$work/w.safetensors" "$vocab" < "$work/request.json" > "$work/ref.json"
t4=$(now)
/usr/bin/python3 - "$work" "$t0" "$t1" "$t2" "$t3" "$t4" "$classes" "$pairs" "$steps" "$batch" "${BUSY:-0}" <<'PY'
import json, sys
work, t0, t1, t2, t3, t4 = sys.argv[1], *map(float, sys.argv[2:7])
classes, pairs, steps, batch, busy = sys.argv[7], sys.argv[8], int(sys.argv[9]), int(sys.argv[10]), sys.argv[11] == "1"
cpp = [json.loads(l)["loss"] for l in open(f"{work}/cpp.jsonl")]
ref = json.load(open(f"{work}/ref.json"))["losses"]
cold, warm, plain = t1 - t0, t2 - t1, t4 - t3
steps_kind = f"steps of {batch} pairs" if batch else "full-batch steps"
where = "beside one busy process" if busy else "quiet"
print(f"{classes} classes, {pairs} pairs, {steps} {steps_kind}, ViT-B/16-shaped random weights, {where}\n")
print("| run | wall time (s) | speed-up vs reference |")
print("|---|---:|---:|")
print(f"| reference trainer (plain algorithm, PyTorch eager) | {plain:.1f} | 1.0× |")
print(f"| protext train, first run (computes and caches targets) | {cold:.1f} | {plain / cold:.1f}× |")
print(f"| protext train, targets cached | {warm:.1f} | {plain / warm:.1f}× |")
print(f"\nlosses protext {['%.6f' % v for v in cpp]}\nlosses reference {['%.6f' % v for v in ref]}")
PY
