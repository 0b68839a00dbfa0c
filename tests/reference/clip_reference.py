"""Reference CLIP (OpenAI's ViT CLIP as published: Radford et al. 2021 and OpenAI's
model.py architecture), written here independently of the C++ core, in the original
sequence-first layout with torch.nn.MultiheadAttention. Used by the tests to make random
weights in the three formats the app reads, and the outputs they must give.

    python3 clip_reference.py fixture OUT_DIR CONFIG_JSON SEED
"""
import json
import math
import os
import sys
from collections import OrderedDict

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402


class LayerNorm(nn.LayerNorm):
    def forward(self, x):
        return super().forward(x.float()).type(x.dtype)


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, width, heads, mlp_width, act, attn_mask=None):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads)
        self.ln_1 = LayerNorm(width)
        self.mlp = nn.Sequential(OrderedDict([
            ("c_fc", nn.Linear(width, mlp_width)),
            ("gelu", QuickGELU() if act == "quick_gelu" else nn.GELU()),
            ("c_proj", nn.Linear(mlp_width, width)),
        ]))
        self.ln_2 = LayerNorm(width)
        self.attn_mask = attn_mask

    def attention(self, x):
        mask = self.attn_mask.to(dtype=x.dtype, device=x.device) if self.attn_mask is not None else None
        return self.attn(x, x, x, need_weights=False, attn_mask=mask)[0]

    def forward(self, x):
        x = x + self.attention(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, width, layers, heads, mlp_width, act, attn_mask=None):
        super().__init__()
        self.resblocks = nn.Sequential(*[
            ResidualAttentionBlock(width, heads, mlp_width, act, attn_mask) for _ in range(layers)])

    def forward(self, x):
        return self.resblocks(x)


class VisionTransformer(nn.Module):
    def __init__(self, image_size, patch_size, width, layers, heads, mlp_width, output_dim, act):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch_size, stride=patch_size, bias=False)
        scale = width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn((image_size // patch_size) ** 2 + 1, width))
        self.ln_pre = LayerNorm(width)
        self.transformer = Transformer(width, layers, heads, mlp_width, act)
        self.ln_post = LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))

    def forward(self, x):
        x = self.conv1(x.type(self.conv1.weight.dtype))
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding.to(x.dtype)
        x = self.ln_pre(x)
        x = self.transformer(x.permute(1, 0, 2)).permute(1, 0, 2)
        return self.ln_post(x[:, 0, :]) @ self.proj


class CLIP(nn.Module):
    def __init__(self, c):
        super().__init__()
        v, t = c["vision"], c["text"]
        act = c.get("activation", "quick_gelu")
        self.n_ctx = t["context_length"]
        self.visual = VisionTransformer(v["image_size"], v["patch_size"], v["width"], v["layers"], v["heads"],
                                        v["mlp_width"], c["embed_dim"], act)
        mask = torch.full((self.n_ctx, self.n_ctx), float("-inf")).triu_(1)
        self.transformer = Transformer(t["width"], t["layers"], t["heads"], t["mlp_width"], act, mask)
        self.token_embedding = nn.Embedding(t["vocab_size"], t["width"])
        self.positional_embedding = nn.Parameter(torch.empty(self.n_ctx, t["width"]))
        self.ln_final = LayerNorm(t["width"])
        self.text_projection = nn.Parameter(torch.empty(t["width"], c["embed_dim"]))
        self.logit_scale = nn.Parameter(torch.ones([]) * np.log(1 / 0.07))

    def encode_image(self, image):
        return self.visual(image)

    def encode_text(self, text):
        x = self.token_embedding(text) + self.positional_embedding
        x = self.transformer(x.permute(1, 0, 2)).permute(1, 0, 2)
        x = self.ln_final(x)
        # The end-of-text token has the highest id: pool there, as OpenAI does.
        return x[torch.arange(x.shape[0]), text.argmax(dim=-1)] @ self.text_projection

    def forward(self, image, text):
        return self.encode_image(image), self.encode_text(text)


def randomize(model, generator):
    """Non-trivial values everywhere (biases and LayerNorm affines too), so a tensor
    loaded into the wrong place or skipped changes the outputs."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name == "logit_scale":
                continue
            if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or ".ln_" in name and name.endswith("weight") \
                    or name.startswith("ln_final.weight"):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=generator))
            elif p.dim() == 1:
                p.copy_(0.05 * torch.randn(p.shape, generator=generator))
            else:
                fan_in = p.shape[-1] if p.dim() == 2 else int(np.prod(p.shape[1:]))
                p.copy_(torch.randn(p.shape, generator=generator) / math.sqrt(fan_in))
        model.token_embedding.weight.mul_(0.5)


def to_hf(state, c):
    """OpenAI names → Hugging Face CLIPModel names (q, k, v split; projections transposed)."""
    hf = {}

    def tower(src, dst, layers):
        for i in range(layers):
            s, d = f"{src}transformer.resblocks.{i}.", f"{dst}encoder.layers.{i}."
            q, k, v = state[s + "attn.in_proj_weight"].chunk(3)
            qb, kb, vb = state[s + "attn.in_proj_bias"].chunk(3)
            for name, w, b in (("q_proj", q, qb), ("k_proj", k, kb), ("v_proj", v, vb)):
                hf[d + f"self_attn.{name}.weight"] = w
                hf[d + f"self_attn.{name}.bias"] = b
            for p in ("weight", "bias"):
                hf[d + f"self_attn.out_proj.{p}"] = state[s + f"attn.out_proj.{p}"]
                hf[d + f"layer_norm1.{p}"] = state[s + f"ln_1.{p}"]
                hf[d + f"layer_norm2.{p}"] = state[s + f"ln_2.{p}"]
                hf[d + f"mlp.fc1.{p}"] = state[s + f"mlp.c_fc.{p}"]
                hf[d + f"mlp.fc2.{p}"] = state[s + f"mlp.c_proj.{p}"]

    tower("", "text_model.", c["text"]["layers"])
    tower("visual.", "vision_model.", c["vision"]["layers"])
    hf["text_model.embeddings.token_embedding.weight"] = state["token_embedding.weight"]
    hf["text_model.embeddings.position_embedding.weight"] = state["positional_embedding"]
    hf["text_model.final_layer_norm.weight"] = state["ln_final.weight"]
    hf["text_model.final_layer_norm.bias"] = state["ln_final.bias"]
    hf["text_projection.weight"] = state["text_projection"].t()
    hf["vision_model.embeddings.class_embedding"] = state["visual.class_embedding"]
    hf["vision_model.embeddings.patch_embedding.weight"] = state["visual.conv1.weight"]
    hf["vision_model.embeddings.position_embedding.weight"] = state["visual.positional_embedding"]
    for p in ("weight", "bias"):
        hf[f"vision_model.pre_layrnorm.{p}"] = state[f"visual.ln_pre.{p}"]
        hf[f"vision_model.post_layernorm.{p}"] = state[f"visual.ln_post.{p}"]
    hf["visual_projection.weight"] = state["visual.proj"].t()
    hf["logit_scale"] = state["logit_scale"]
    return hf


def hf_config(c):
    act = c.get("activation", "quick_gelu")
    return {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": c["embed_dim"],
        "logit_scale_init_value": 2.6592,
        "text_config": {"hidden_size": c["text"]["width"], "intermediate_size": c["text"]["mlp_width"],
                        "num_hidden_layers": c["text"]["layers"], "num_attention_heads": c["text"]["heads"],
                        "max_position_embeddings": c["text"]["context_length"],
                        "vocab_size": c["text"]["vocab_size"], "hidden_act": act},
        "vision_config": {"hidden_size": c["vision"]["width"], "intermediate_size": c["vision"]["mlp_width"],
                          "num_hidden_layers": c["vision"]["layers"], "num_attention_heads": c["vision"]["heads"],
                          "patch_size": c["vision"]["patch_size"], "image_size": c["vision"]["image_size"],
                          "hidden_act": act},
    }


def numpy_state(state):
    return {k: v.detach().float().contiguous().numpy() for k, v in state.items()}


def outputs(model, texts, pixels):
    with torch.no_grad():
        tokens = torch.zeros(len(texts), model.n_ctx, dtype=torch.long)
        for i, ids in enumerate(texts):
            tokens[i, :len(ids)] = torch.tensor(ids)
        return model.encode_text(tokens).tolist(), model.encode_image(pixels).tolist()


def fixture(out_dir, c, seed):
    """Writes model.pt (TorchScript, fp16 as OpenAI ships), model.safetensors (OpenAI
    names, fp32), hf/ (config.json + model.safetensors), pixels.npy, and expected.json."""
    os.makedirs(out_dir, exist_ok=True)
    g = torch.Generator().manual_seed(seed)
    model = CLIP(c).eval()
    randomize(model, g)
    t, v = c["text"], c["vision"]
    eot, sot = t["vocab_size"] - 1, t["vocab_size"] - 2
    lengths = sorted({n for n in (2, 5, 9, 17, t["context_length"]) if n <= t["context_length"]})
    texts = [[sot] + torch.randint(0, sot, (n - 2,), generator=g).tolist() + [eot] for n in lengths]
    pixels = torch.randn(3, 3, v["image_size"], v["image_size"], generator=g)
    np.save(os.path.join(out_dir, "pixels.npy"), pixels.numpy())

    state = model.state_dict()
    safetensors_io.write(os.path.join(out_dir, "model.safetensors"), numpy_state(state))
    os.makedirs(os.path.join(out_dir, "hf"), exist_ok=True)
    safetensors_io.write(os.path.join(out_dir, "hf", "model.safetensors"), numpy_state(to_hf(state, c)))
    with open(os.path.join(out_dir, "hf", "config.json"), "w") as f:
        json.dump(hf_config(c), f, indent=2)
    text_fp32, image_fp32 = outputs(model, texts, pixels)

    # OpenAI's archives hold fp16 weights and the scalars build_model discards.
    tokens = torch.zeros(1, t["context_length"], dtype=torch.long)
    tokens[0, :2] = torch.tensor([sot, eot])
    model.register_buffer("input_resolution", torch.tensor(v["image_size"]))
    model.register_buffer("context_length", torch.tensor(t["context_length"]))
    model.register_buffer("vocab_size", torch.tensor(t["vocab_size"]))
    traced = torch.jit.trace(model, (pixels[:1], tokens))
    traced.half()
    traced.save(os.path.join(out_dir, "model.pt"))
    # What the archive must give when computed in fp32 from its fp16 values.
    model.half().float()
    text_fp16w, image_fp16w = outputs(model, texts, pixels)

    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump({"config": c, "texts": texts, "text_fp32": text_fp32, "image_fp32": image_fp32,
                   "text_fp16_weights": text_fp16w, "image_fp16_weights": image_fp16w}, f)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "fixture":
        fixture(sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
