#!/bin/bash
# The benchmark of docs/PERFORMANCE.md: `protext bench` and the same work in PyTorch eager
# (tests/bench/pytorch_eager.py) on the same random ViT-B/16 weights and the same token ids,
# in one run, summarised as a Markdown table on stdout. Builds nothing.
#
#   tests/bench/run_bench.sh BUILD_DIR [VOCAB]
#
# VOCAB: OpenAI's bpe_simple_vocab_16e6.txt.gz (default: ../shared/data/clip/ beside the
# repository, else whatever `protext` finds itself). Environment: ROUNDS (default 3),
# REPEATS (timed runs per measurement per round, default 5), TEXT_BATCH (default 64),
# IMAGE_BATCH (default 8), MODEL (a model to time instead of the random ViT-B/16, e.g.
# resources/models/mini, the embedded model; its own tokenizer is used), BUSY=1 (run
# everything beside one busy process, a plain shell loop).
#
# The machine may be shared, so C++ and Python alternate within each round (a burst of
# someone else's load hits both sides alike) and the table gives, per measurement, the
# median over rounds of each round's median; the spread over rounds is printed below it.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:?usage: run_bench.sh BUILD_DIR [VOCAB]}"
protext="$build/app/protext"
[ -x "$protext" ] || { echo "run_bench.sh: $protext not found; build the 'protext' target first" >&2; exit 1; }
vocab="${2:-$repo/../shared/data/clip/bpe_simple_vocab_16e6.txt.gz}"
vocab_args=()
[ -f "$vocab" ] && vocab_args=(--vocab "$vocab")
rounds="${ROUNDS:-3}"
repeats="${REPEATS:-5}"
text_batch="${TEXT_BATCH:-64}"
image_batch="${IMAGE_BATCH:-8}"

work="$(mktemp -d)"
neighbour=""
trap '[ -n "$neighbour" ] && kill "$neighbour" 2>/dev/null; rm -rf "$work"' EXIT
model_args=()
if [ -n "${MODEL:-}" ]; then
  model_args=(--model "$MODEL")
  vocab_args=()
  weights="$MODEL"
  [ -d "$MODEL" ] && weights="$MODEL/model.safetensors"
fi
if [ "${BUSY:-0}" = 1 ]; then
  bash -c 'while :; do :; done' &
  neighbour=$!
fi

for round in $(seq 1 "$rounds"); do
  save=()
  [ "$round" = 1 ] && [ -z "${MODEL:-}" ] && save=(--save-weights "$work/weights.safetensors")
  echo "round $round/$rounds: protext bench" >&2
  "$protext" bench "${model_args[@]}" "${vocab_args[@]}" --repeats "$repeats" --text-batch "$text_batch" --image-batch "$image_batch" --out "$work/cpp_$round.json" "${save[@]}" >/dev/null
  echo "round $round/$rounds: PyTorch eager" >&2
  /usr/bin/python3 "$here/pytorch_eager.py" "${weights:-$work/weights.safetensors}" "$work/cpp_$round.json" \
    >"$work/py_$round.json"
done

/usr/bin/python3 - "$work" "$rounds" "${BUSY:-0}" <<'EOF'
import json, statistics, sys

work, rounds, busy = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
cpp = [json.load(open(f"{work}/cpp_{r}.json")) for r in range(1, rounds + 1)]
py = [json.load(open(f"{work}/py_{r}.json")) for r in range(1, rounds + 1)]

def pick(runs, *path):
    values = []
    for run in runs:
        v = run
        for key in path:
            v = v[key]
        values.append(v)
    return values

def med(runs, *path):
    return statistics.median(pick(runs, *path))

c, p = cpp[0], py[0]
t = c["text"]
print(f"Model: {c['model']}; " + ("beside one busy process" if busy else "quiet machine"))
print(f"LibTorch {c['libtorch']} (C++) / torch {p['libtorch']} (Python), {c['threads']} / {p['threads']} threads, "
      f"BLAS: {c['blas']}")
print(f"Text batch: {t['batch']} prompts \"{t['prompt']}\", {t['tokens_min']:.0f}–{t['tokens_max']:.0f} tokens "
      f"(mean {t['tokens_mean']:.1f}); image batch: {c['image']['batch']}; "
      f"{rounds} rounds × {c['repeats']} timed runs (medians)")
print()
print("| Measurement | protext (C++) | PyTorch eager | C++ / eager time |")
print("|---|---:|---:|---:|")
rows = [
    ("Text, padded to 77: ms / batch", ("text", "padded_77", "ms_per_batch"), "{:.1f}"),
    ("Text, padded to 77: texts / s", ("text", "padded_77", "texts_per_s"), "{:.0f}"),
    ("Text, trimmed to longest: ms / batch", ("text", "trimmed", "ms_per_batch"), "{:.1f}"),
    ("Text, trimmed to longest: texts / s", ("text", "trimmed", "texts_per_s"), "{:.0f}"),
    ("Image: ms / batch", ("image", "ms_per_batch"), "{:.1f}"),
    ("Image: ms / image", ("image", "ms_per_image"), "{:.1f}"),
]
for label, path, fmt in rows:
    a, b = med(cpp, *path), med(py, *path)
    ratio = f"{a / b:.2f}" if "ms" in path[-1] else ""
    print(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {ratio} |")
print(f"| Trim speed-up (77-padded time / trimmed time) | {med(cpp, 'text', 'trim_speedup'):.2f}× "
      f"| {med(py, 'text', 'trim_speedup'):.2f}× | |")
for i, g in enumerate(c["gemm_fp32"]):
    n = g["n"]
    a = statistics.median(run["gemm_fp32"][i]["gflops"] for run in cpp)
    b = statistics.median(run["gemm_fp32"][i]["gflops"] for run in py)
    print(f"| fp32 GEMM {n}×{n}: GFLOP/s | {a:.1f} | {b:.1f} | |")
print()
print("Per round (ms): " + "; ".join(
    f"round {r + 1}: text77 {cpp[r]['text']['padded_77']['ms_per_batch']:.0f}/{py[r]['text']['padded_77']['ms_per_batch']:.0f}, "
    f"trimmed {cpp[r]['text']['trimmed']['ms_per_batch']:.0f}/{py[r]['text']['trimmed']['ms_per_batch']:.0f}, "
    f"image {cpp[r]['image']['ms_per_batch']:.0f}/{py[r]['image']['ms_per_batch']:.0f}"
    for r in range(rounds)) + " (C++/eager)")
EOF
