#!/usr/bin/python3
"""Reference ProText trainer: the plain algorithm of the paper (Khattak et al., "Learning
to Prompt with Text Only Supervision for Vision-Language Models") and its released code,
written here from that description, independently of the C++ engine. Nothing is cached,
trimmed or shared: every (class, description) pair is encoded on its own at the full
context length, and the frozen targets are recomputed every step, as the released
trainer does.

    protext_reference.py init MODEL.safetensors MERGES.txt.gz OUT.safetensors N_CTX DEPTH SEED [INIT_TEXT]
        prompts with the official names: ctx ~ N(0, 0.02²), or the token embeddings of
        INIT_TEXT's first N_CTX tokens when given; deep prompts ~ N(0, 0.02²).
    protext_reference.py train MODEL.safetensors MERGES.txt.gz < request.json
        request: {"descriptions": FILE.json, "classes": [...] or null, "init": PROMPTS,
                  "steps": N, "lr": F, "loss": "l1"|"mse", "out": PROMPTS_OUT,
                  "batch": N (optional; default every pair)}
        stdout: {"losses": [loss of each step, before its update]}; writes the final
        prompts to "out".
Full batch (or consecutive batches of "batch" pairs, an epoch cut as the C++ trainer cuts it
without shuffling), file order, constant learning rate, AdamW(betas (0.9, 0.98),
eps 1e-8, weight decay 0.1) as released.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clip_pipeline  # noqa: E402
import clip_reference  # noqa: E402
import clip_tokenizer  # noqa: E402
import safetensors_io  # noqa: E402

CTX_NAME = "prompt_learner.ctx"


def deep_name(i):
    return f"text_encoder.transformer.resblocks.{i}.VPT_shallow"


def load_clip(path):
    arrays, _ = safetensors_io.read(path)
    state = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in arrays.items()}
    model = clip_reference.CLIP(clip_pipeline.config_from_state(state)).eval()
    model.load_state_dict(state)
    for p in model.parameters():
        p.requires_grad_(False)
    return model


def tokens_of(tokenizer, model, text):
    tokens = torch.zeros(1, model.n_ctx, dtype=torch.long)
    ids = tokenizer.encode(text, model.n_ctx)
    tokens[0, :len(ids)] = torch.tensor(ids)
    return tokens


def encode_prompted(model, tokens, ctx, deep):
    """The prompted text encoder: ctx replaces the token embeddings at positions
    1 … n_ctx before the positional embedding is added; deep[i - 1] replaces the same
    positions of the input of layer i (i = 1 … depth − 1). Sequence-first, as released."""
    n = ctx.shape[0]
    x = model.token_embedding(tokens)                       # [1, L, width]
    x = torch.cat([x[:, :1], ctx.unsqueeze(0), x[:, 1 + n:]], dim=1)
    x = x + model.positional_embedding
    x = x.permute(1, 0, 2)                                  # [L, 1, width]
    for i, block in enumerate(model.transformer.resblocks):
        if 1 <= i <= len(deep):
            x = torch.cat([x[:1], deep[i - 1].unsqueeze(1), x[1 + n:]], dim=0)
        x = block(x)
    x = model.ln_final(x.permute(1, 0, 2))
    return x[torch.arange(x.shape[0]), tokens.argmax(dim=-1)] @ model.text_projection


def normalise(x):
    return x / x.norm(dim=-1, keepdim=True)


def class_key(name):
    return name.lower().replace("_", " ")


def pairs_of(descriptions, classes):
    by_key = {class_key(k): (k, v) for k, v in descriptions.items()}
    wanted = classes if classes else list(descriptions)
    pairs = []
    for c in wanted:
        name, texts = by_key[class_key(c)]
        pairs.extend((class_key(name), d) for d in texts)
    return pairs


def init(model_path, merges, out, n_ctx, depth, seed, init_text=None):
    model = load_clip(model_path)
    width = model.token_embedding.weight.shape[1]
    g = torch.Generator().manual_seed(seed)
    tensors = {}
    if init_text:
        ids = clip_tokenizer.Tokenizer(merges).encode(init_text, 0)[1:-1][:n_ctx]
        assert len(ids) == n_ctx, f"'{init_text}' has fewer than {n_ctx} tokens"
        tensors[CTX_NAME] = model.token_embedding.weight[torch.tensor(ids)].clone()
    else:
        tensors[CTX_NAME] = torch.randn(n_ctx, width, generator=g) * 0.02
    for i in range(1, depth):
        tensors[deep_name(i)] = torch.randn(n_ctx, width, generator=g) * 0.02
    safetensors_io.write(out, {k: v.numpy().astype(np.float32) for k, v in tensors.items()})


def train(model_path, merges, request):
    model = load_clip(model_path)
    tokenizer = clip_tokenizer.Tokenizer(merges)
    with open(request["descriptions"], encoding="utf-8") as f:
        descriptions = json.load(f)
    pairs = pairs_of(descriptions, request.get("classes"))

    arrays, _ = safetensors_io.read(request["init"])
    ctx = torch.nn.Parameter(torch.from_numpy(np.array(arrays[CTX_NAME], dtype=np.float32)))
    n_ctx = ctx.shape[0]
    deep = []
    while deep_name(len(deep) + 1) in arrays:
        deep.append(torch.nn.Parameter(torch.from_numpy(np.array(arrays[deep_name(len(deep) + 1)], dtype=np.float32))))
    optimizer = torch.optim.AdamW([ctx] + deep, lr=request["lr"], betas=(0.9, 0.98), eps=1e-8, weight_decay=0.1)

    prefix = " ".join(["X"] * n_ctx)
    inputs = [tokens_of(tokenizer, model, f"{prefix} {name}.") for name, _ in pairs]
    description_tokens = [tokens_of(tokenizer, model, d) for _, d in pairs]
    batch = request.get("batch") or len(pairs)
    per_epoch = (len(pairs) + batch - 1) // batch
    losses = []
    for step in range(request["steps"]):
        first = (step % per_epoch) * batch
        chosen = range(first, min(len(pairs), first + batch))
        with torch.no_grad():
            targets = normalise(torch.cat([model.encode_text(description_tokens[i]) for i in chosen]))
        predicted = normalise(torch.cat([encode_prompted(model, inputs[i], ctx, deep) for i in chosen]))
        diff = predicted - targets
        loss = diff.abs().mean() if request["loss"] == "l1" else diff.pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())

    out = {CTX_NAME: ctx.detach().numpy()}
    for i, d in enumerate(deep, start=1):
        out[deep_name(i)] = d.detach().numpy()
    safetensors_io.write(request["out"], out)
    json.dump({"losses": losses, "pairs": len(pairs)}, sys.stdout)


if __name__ == "__main__":
    torch.set_num_threads(1)
    if len(sys.argv) in (8, 9) and sys.argv[1] == "init":
        init(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]),
             sys.argv[8] if len(sys.argv) == 9 else None)
    elif len(sys.argv) == 4 and sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3], json.load(sys.stdin))
    else:
        sys.exit(__doc__)
