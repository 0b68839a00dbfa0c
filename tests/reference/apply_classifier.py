"""Uses an exported classifier as other code would, with numpy alone: reads the weights and
metadata (.safetensors, or .npy with its .json beside it), and the JSON Lines of
`protext embed-image`, and prints each image's class probabilities,
softmax(logit_scale * weights @ embedding).

    python3 apply_classifier.py CLASSIFIER < embed-image.jsonl
output: {"classes": [...], "method", "model_fingerprint", "images": {path: [prob per class]}}
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402


def load(path):
    if path.endswith(".safetensors"):
        arrays, metadata = safetensors_io.read(path)
        meta = dict(metadata)
        meta["classes"] = json.loads(meta["classes"])
        meta["logit_scale"] = float(meta["logit_scale"])
        return np.asarray(arrays["weights"], dtype=np.float64), meta
    with open(os.path.splitext(path)[0] + ".json", encoding="utf-8") as f:
        meta = json.load(f)
    return np.load(path).astype(np.float64), meta


def main():
    weights, meta = load(sys.argv[1])
    assert meta["format"] == "protext-classifier/1"
    assert weights.shape[0] == len(meta["classes"])
    out = {"classes": meta["classes"], "method": meta["method"], "model_fingerprint": meta["model_fingerprint"],
           "images": {}}
    for line in sys.stdin:
        item = json.loads(line)
        logits = meta["logit_scale"] * weights @ np.array(item["embedding"], dtype=np.float64)
        p = np.exp(logits - logits.max())
        out["images"][item["image"]] = (p / p.sum()).tolist()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
