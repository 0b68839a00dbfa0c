"""Reference for the heat maps (core/zeroshot/relevance): Chefer, Gur and Wolf's
gradient-weighted attention relevance (ICCV 2021) on the reference CLIP's image tower,
with the attention probabilities of each block recomputed from its MultiheadAttention's
weights, as the authors' CLIP notebook hooks them.

    python3 relevance_reference.py MODEL_DIR PIXELS.npy INDEX TARGETS.npy
MODEL_DIR is a clip_reference.py fixture; the image is PIXELS[INDEX]; TARGETS holds
L2-normalised classifier rows. output: [[row of patch relevance, ...] per target], each
map normalised to sum to 1.
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clip_reference  # noqa: E402
import safetensors_io  # noqa: E402


def load(model_dir):
    with open(os.path.join(model_dir, "expected.json")) as f:
        config = json.load(f)["config"]
    model = clip_reference.CLIP(config).eval()
    arrays, _ = safetensors_io.read(os.path.join(model_dir, "model.safetensors"))
    model.load_state_dict({k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in arrays.items()})
    return model


def record_attention(model):
    """Makes every image block compute its attention from its MultiheadAttention's
    parameters by the published formula, softmax(q k^T / sqrt(d)) v per head (heads split
    as torch.nn.MultiheadAttention splits them), and keep the probabilities
    [batch * heads, seq, seq] that the output is computed from (a view made afterwards, as
    MultiheadAttention returns, is outside the autograd graph)."""
    kept = []
    for block in model.visual.transformer.resblocks:
        def attention(x, attn=block.attn):
            seq, batch, width = x.shape
            heads = attn.num_heads
            d = width // heads
            q, k, v = torch.nn.functional.linear(x, attn.in_proj_weight, attn.in_proj_bias).chunk(3, dim=-1)
            q, k, v = (t.reshape(seq, batch * heads, d).transpose(0, 1) for t in (q, k, v))
            weights = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(d), dim=-1)
            kept.append(weights)
            out = (weights @ v).transpose(0, 1).reshape(seq, batch, width)
            return attn.out_proj(out)
        block.attention = attention
    return kept


def main():
    model = load(sys.argv[1])
    pixels = torch.from_numpy(np.load(sys.argv[2]).astype(np.float32))[int(sys.argv[3])][None]
    targets = torch.from_numpy(np.load(sys.argv[4]).astype(np.float32))
    kept = record_attention(model)
    feature = model.encode_image(pixels)
    feature = feature / feature.norm(dim=-1, keepdim=True)
    logits = min(math.exp(model.logit_scale.item()), 100.0) * feature @ targets.t()
    grid = int(math.isqrt(kept[0].shape[-1] - 1))
    maps = []
    for k in range(targets.shape[0]):
        grads = torch.autograd.grad(logits[0, k], kept, retain_graph=True)
        tokens = kept[0].shape[-1]
        relevance = torch.eye(tokens, dtype=torch.float64)
        for weights, grad in zip(kept, grads):
            cam = (grad * weights).double().clamp(min=0).mean(dim=0)  # one image: the heads' mean
            relevance = relevance + cam @ relevance
        patches = relevance[0, 1:]
        total = patches.sum()
        patches = patches / total if total > 0 else torch.full_like(patches, 1.0 / patches.numel())
        maps.append(patches.reshape(grid, grid).tolist())
    json.dump(maps, sys.stdout)


if __name__ == "__main__":
    main()
