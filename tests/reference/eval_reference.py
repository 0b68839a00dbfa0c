"""Reference for `protext eval`: the reference CLIP (clip_reference.py), tokenizer and
Pillow preprocessing score labelled images with the single-template and template-ensemble
classifiers, and top-1 / top-5 / per-class accuracy / confusion are counted with numpy.
Base-to-novel follows CoOp's subsample_classes: base = the first ceil(n / 2) classes.

    python3 eval_reference.py MODEL.safetensors MERGES.txt.gz < request.json
request: {"images": [[path, label], ...], "classes": [...], "templates": [...]}
output:  {"all"|"base"|"novel": {"template"|"ensemble": {"top1", "top5", "per_class", "confusion"}}}

    python3 eval_reference.py metrics FEATURES.npy WEIGHTS.npy LABELS_JSON
scores given features [n, d] and weights [c, d] the same way: {"all"|"base"|"novel": {...}}
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clip_pipeline  # noqa: E402
import clip_reference  # noqa: E402
import clip_tokenizer  # noqa: E402
import pillow_preprocess as pp  # noqa: E402
import safetensors_io  # noqa: E402


def metrics(logits, labels):
    n, c = logits.shape
    order = np.argsort(-logits, axis=1, kind="stable")
    top1 = order[:, 0]
    k = min(5, c)
    confusion = np.zeros((c, c), dtype=np.int64)
    for t, p in zip(labels, top1):
        confusion[t, p] += 1
    per_class = [float(confusion[j, j] / confusion[j].sum()) if confusion[j].sum() else None for j in range(c)]
    return {"top1": float(np.mean(top1 == labels)),
            "top5": float(np.mean([labels[i] in order[i, :k] for i in range(n)])),
            "per_class": per_class,
            "confusion": confusion.tolist()}


def splits(image, labels, weights):
    n = next(iter(weights.values())).shape[0]
    m = math.ceil(n / 2)
    out = {}
    for split, (lo, hi) in {"all": (0, n), "base": (0, m), "novel": (m, n)}.items():
        keep = (labels >= lo) & (labels < hi)
        out[split] = {name: metrics(image[keep] @ w[lo:hi].astype(np.float64).T, labels[keep] - lo)
                      for name, w in weights.items()}
    return out


def main():
    if sys.argv[1] == "metrics":
        image = np.load(sys.argv[2]).astype(np.float64)
        weights = np.load(sys.argv[3])
        json.dump(splits(image, np.array(json.loads(sys.argv[4])), {"given": weights}), sys.stdout)
        return
    arrays, _ = safetensors_io.read(sys.argv[1])
    state = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in arrays.items()}
    c = clip_pipeline.config_from_state(state)
    model = clip_reference.CLIP(c).eval()
    model.load_state_dict(state)
    tokenizer = clip_tokenizer.Tokenizer(sys.argv[2])
    request = json.load(sys.stdin)
    ctx = c["text"]["context_length"]
    norm = lambda x: x / x.norm(dim=-1, keepdim=True)

    def encode_texts(texts):
        tokens = torch.zeros(len(texts), ctx, dtype=torch.long)
        for i, t in enumerate(texts):
            ids = tokenizer.encode(t, ctx)
            tokens[i, :len(ids)] = torch.tensor(ids)
        return norm(model.encode_text(tokens))

    with torch.no_grad():
        size = c["vision"]["image_size"]
        pixels = torch.stack([torch.from_numpy(pp.normalise(pp.center_crop(pp.resize_shorter(pp.decode(p), size), size)))
                              for p, _ in request["images"]])
        image = norm(model.encode_image(pixels)).numpy().astype(np.float64)
        labels = np.array([label for _, label in request["images"]])
        names = [n.replace("_", " ") for n in request["classes"]]
        weights = {"template": encode_texts(["a photo of a {}.".format(n) for n in names]).numpy(),
                   "ensemble": norm(torch.stack([encode_texts([t.replace("{}", n) for t in request["templates"]]).mean(0)
                                                 for n in names])).numpy()}
    json.dump(splits(image, labels, weights), sys.stdout)


if __name__ == "__main__":
    main()
