"""Reference for `protext interpret`, as CoOp's interpret_prompt.py ranks tokens: the
Euclidean distance of each context vector to every row of token_embedding.weight,
nearest first (computed here in float64), with the cosine similarity beside it.

    python3 interpret_reference.py MODEL.safetensors CTX.npy K
output: [[{"id", "distance", "cosine"}, ...] per context vector]
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402


def main():
    arrays, _ = safetensors_io.read(sys.argv[1])
    vocab = torch.from_numpy(np.array(arrays["token_embedding.weight"], dtype=np.float64))
    ctx = torch.from_numpy(np.load(sys.argv[2]).astype(np.float64))
    k = int(sys.argv[3])
    distance = torch.cdist(ctx, vocab)
    cosine = torch.nn.functional.normalize(ctx, dim=-1) @ torch.nn.functional.normalize(vocab, dim=-1).t()
    best, ids = distance.topk(k, dim=1, largest=False)
    json.dump([[{"id": int(ids[i, j]), "distance": float(best[i, j]), "cosine": float(cosine[i, ids[i, j]])}
                for j in range(k)] for i in range(ctx.shape[0])], sys.stdout)


if __name__ == "__main__":
    main()
