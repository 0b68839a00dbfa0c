"""Reference for the statistics of `protext eval`, recomputed from its predictions file
with numpy and scipy, independently of the C++ code:

- paired counts per pair of methods, and McNemar's exact two-sided p-value
  (scipy.stats.binomtest on the discordant pairs);
- 95% percentile bootstrap intervals of top-1, resampling the images with replacement by
  a SplitMix64 stream (index = next() % n), the same resamples for every method;
- expected calibration error over 15 equal-width bins (lo, hi] of top-1 probability.

    python3 stats_reference.py PREDICTIONS.jsonl RESAMPLES SEED [FEATURES.npy WEIGHTS.npy MULTIPLIER]

With features [n, d] and weights [c, d] (the images of the predictions file, in order, and
the one classifier "given"), also recomputes the probabilities (max abs difference from the
file's) and the interval of the base/novel harmonic mean (CoOp's split, each half scored
with its own classes; a resample draws the base images, then the novel ones).

    python3 stats_reference.py mcnemar B C   prints scipy's p-value
"""
import json
import math
import sys

import numpy as np
from scipy.stats import binomtest

MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def resample(stream, n):
    return np.array([next(stream) % n for _ in range(n)], dtype=np.int64)


def interval(values):
    low, high = np.percentile(np.array(values), [2.5, 97.5])
    return [float(low), float(high)]


def mcnemar(b, c):
    return 1.0 if b + c == 0 else float(binomtest(min(b, c), b + c, 0.5).pvalue)


def bootstrap_top1(right, resamples, seed):
    stream = splitmix64(seed)
    return interval([right[resample(stream, len(right))].mean() for _ in range(resamples)])


def hm(b, n):
    return 0.0 if b + n == 0 else 2 * b * n / (b + n)


def bootstrap_hm(base, novel, resamples, seed):
    stream = splitmix64(seed)
    values = []
    for _ in range(resamples):
        b = base[resample(stream, len(base))].mean()
        values.append(hm(b, novel[resample(stream, len(novel))].mean()))
    return interval(values)


def calibration(confidence, right, bins=15):
    out = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = (confidence > lo) & (confidence <= hi)
        if b == 0:
            inside |= confidence == 0
        count = int(inside.sum())
        acc = float(right[inside].mean()) if count else None
        conf = float(confidence[inside].mean()) if count else None
        if count:
            ece += count / len(confidence) * abs(acc - conf)
        out.append({"lo": lo, "hi": hi, "count": count, "accuracy": acc, "confidence": conf})
    return {"ece": ece, "bins": out}


def main():
    if sys.argv[1] == "mcnemar":
        print(json.dumps(mcnemar(int(sys.argv[2]), int(sys.argv[3]))))
        return
    lines = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    resamples, seed = int(sys.argv[2]), int(sys.argv[3])
    methods = list(lines[0]["methods"].keys())
    right = {m: np.array([line["methods"][m]["correct"] for line in lines], dtype=np.float64) for m in methods}
    # The file says "correct"; check it against the label and the first class, too.
    for m in methods:
        for line in lines:
            assert line["methods"][m]["correct"] == (line["methods"][m]["top5"][0][0] == line["label"])
    out = {"paired": {}, "ci95": {}, "calibration": {}}
    for i, a in enumerate(methods):
        for b in methods[i + 1:]:
            ra, rb = right[a] > 0, right[b] > 0
            only_a, only_b = int((ra & ~rb).sum()), int((~ra & rb).sum())
            out["paired"][a + "|" + b] = {"both_right": int((ra & rb).sum()), "only_a": only_a, "only_b": only_b,
                                          "both_wrong": int((~ra & ~rb).sum()), "mcnemar_p": mcnemar(only_a, only_b)}
    for m in methods:
        out["ci95"][m] = bootstrap_top1(right[m], resamples, seed)
        confidence = np.array([line["methods"][m]["top5"][0][1] for line in lines], dtype=np.float64)
        out["calibration"][m] = calibration(confidence, right[m])

    if len(sys.argv) > 4:
        features = np.load(sys.argv[4]).astype(np.float64)
        weights = np.load(sys.argv[5]).astype(np.float64)
        multiplier = float(sys.argv[6])
        logits = multiplier * features @ weights.T
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        error = 0.0
        for i, line in enumerate(lines):
            for rank, (_, p) in enumerate(line["methods"]["given"]["top5"]):
                order = np.argsort(-probs[i], kind="stable")
                error = max(error, abs(probs[i, order[rank]] - p))
        out["probabilities_max_error"] = error
        classes = weights.shape[0]
        split = math.ceil(classes / 2)
        labels = np.array([int(line["label"].split()[-1]) for line in lines])
        halves = []
        for lo, hi in ((0, split), (split, classes)):
            keep = (labels >= lo) & (labels < hi)
            pred = np.argmax(features[keep] @ weights[lo:hi].T, axis=1) + lo
            halves.append((pred == labels[keep]).astype(np.float64))
        out["harmonic_mean_ci95"] = bootstrap_hm(halves[0], halves[1], resamples, seed)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
