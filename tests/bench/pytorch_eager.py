#!/usr/bin/python3
"""The work `protext bench` times, done in PyTorch eager on the same weights and tokens.

    python3 pytorch_eager.py WEIGHTS.safetensors CPP_RESULT.json [--repeats N]

WEIGHTS comes from `protext bench --save-weights`; CPP_RESULT is that run's --out JSON,
whose text.token_ids (the BPE ids of the prompts) and batch sizes are reused here, so both
sides encode exactly the same inputs. The model is tests/reference/clip_reference.py's CLIP
(OpenAI's layout: sequence-first, nn.MultiheadAttention), run as OpenAI's code runs it:
torch.set_num_threads(os.cpu_count()) and inference mode. Prints one JSON object with the
same keys as `protext bench`.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
import clip_pipeline  # noqa: E402
import clip_reference  # noqa: E402
import safetensors_io  # noqa: E402


def time_ms(work, repeats, warmup=1):
    for _ in range(warmup):
        work()
    ms = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        ms.append(1000.0 * (time.perf_counter() - start))
    return statistics.median(ms)


def encode_text_trimmed(model, tokens):
    """OpenAI's encode_text for a batch cut to its longest text: the positional
    embedding and causal mask are cut to match; the rest is the model's own code."""
    n = tokens.shape[1]
    blocks = list(model.transformer.resblocks)
    full_masks = [b.attn_mask for b in blocks]
    for b in blocks:
        b.attn_mask = b.attn_mask[:n, :n]
    try:
        x = model.token_embedding(tokens) + model.positional_embedding[:n]
        x = model.transformer(x.permute(1, 0, 2)).permute(1, 0, 2)
        x = model.ln_final(x)
        return x[torch.arange(x.shape[0]), tokens.argmax(dim=-1)] @ model.text_projection
    finally:
        for b, m in zip(blocks, full_masks):
            b.attn_mask = m


def gemm(n, repeats):
    torch.manual_seed(1)
    a, b = torch.randn(n, n), torch.randn(n, n)
    ms = time_ms(lambda: torch.matmul(a, b), repeats)
    return {"n": n, "ms": ms, "gflops": 2.0 * n ** 3 / (ms * 1e6)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("weights")
    parser.add_argument("cpp_result")
    parser.add_argument("--repeats", type=int, default=None, help="default: the C++ run's")
    args = parser.parse_args()

    torch.set_num_threads(os.cpu_count())
    with open(args.cpp_result) as f:
        cpp = json.load(f)
    repeats = args.repeats or cpp["repeats"]
    arrays, _ = safetensors_io.read(args.weights)
    state = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in arrays.items()}
    config = clip_pipeline.config_from_state(state)
    model = clip_reference.CLIP(config).eval()
    model.load_state_dict(state)
    del state, arrays

    ids = cpp["text"]["token_ids"]
    context = config["text"]["context_length"]
    longest = max(len(t) for t in ids)
    padded = torch.zeros(len(ids), context, dtype=torch.long)
    for i, t in enumerate(ids):
        padded[i, :len(t)] = torch.tensor(t)
    trimmed = padded[:, :longest].contiguous()
    batch = len(ids)
    image_batch = cpp["image"]["batch"]
    size = config["vision"]["image_size"]

    with torch.inference_mode():
        padded_ms = time_ms(lambda: model.encode_text(padded), repeats)
        trimmed_ms = time_ms(lambda: encode_text_trimmed(model, trimmed), repeats)
        torch.manual_seed(2)
        pixels = torch.randn(image_batch, 3, size, size)
        image_ms = time_ms(lambda: model.encode_image(pixels), repeats)
        gemms = [gemm(1024, repeats), gemm(2048, repeats)]

    lengths = [len(t) for t in ids]
    print(json.dumps({
        "engine": "PyTorch eager (Python)",
        "libtorch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3"),
        "model": args.weights,
        "repeats": repeats,
        "text": {"batch": batch, "tokens_min": min(lengths), "tokens_mean": sum(lengths) / batch,
                 "tokens_max": max(lengths),
                 "padded_77": {"ms_per_batch": padded_ms, "texts_per_s": batch * 1000.0 / padded_ms},
                 "trimmed": {"ms_per_batch": trimmed_ms, "texts_per_s": batch * 1000.0 / trimmed_ms},
                 "trim_speedup": padded_ms / trimmed_ms},
        "image": {"batch": image_batch, "ms_per_batch": image_ms, "ms_per_image": image_ms / image_batch,
                  "images_per_s": image_batch * 1000.0 / image_ms},
        "gemm_fp32": gemms,
    }))


if __name__ == "__main__":
    main()
