#!/bin/bash
# The interactive benchmark (issue 10) on ViT-B/16-shaped random weights: 100 CIFAR-100
# classes x (CLIP's 80 templates + 10 CuPL descriptions), quiet and then beside one busy
# process (a plain shell loop). See tests/bench/interactive.cpp for the steps timed.
#
#   tests/bench/interactive.sh BUILD_DIR [CLASSES (100)] [DESCRIPTIONS (10)]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:?usage: interactive.sh BUILD_DIR [CLASSES] [DESCRIPTIONS]}" && pwd)"
classes="${2:-100}"
per_class="${3:-10}"
vocab="$repo/../shared/data/clip/bpe_simple_vocab_16e6.txt.gz"
cupl="$repo/../shared/data/cupl/cifar100.json"
image="$repo/resources/examples/blicket__1.png"
work="$(mktemp -d)"
neighbour=""
trap '[ -n "$neighbour" ] && kill "$neighbour" 2>/dev/null; rm -rf "$work"' EXIT

"$build/app/protext" bench --vocab "$vocab" --repeats 1 --text-batch 1 --image-batch 1 --save-weights "$work/w.safetensors" >/dev/null
echo "### quiet"
"$build/tests/bench_interactive" "$work/w.safetensors" "$vocab" "$cupl" "$image" "$classes" "$per_class"
echo
echo "### beside one busy process"
bash -c 'while :; do :; done' &
neighbour=$!
"$build/tests/bench_interactive" "$work/w.safetensors" "$vocab" "$cupl" "$image" "$classes" "$per_class"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
