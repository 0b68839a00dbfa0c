"""End-to-end reference for the CLI: the reference CLIP (clip_reference.py) loaded from an
OpenAI-named safetensors file, the reference tokenizer (clip_tokenizer.py) and Pillow
preprocessing (pillow_preprocess.py), giving what `protext embed-text`, `embed-image` and
`classify` must print.

    python3 clip_pipeline.py MODEL.safetensors MERGES.txt.gz < request.json
request: {"texts": [...], "images": [...], "classes": [...], "templates": [...]}
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clip_reference  # noqa: E402
import clip_tokenizer  # noqa: E402
import pillow_preprocess  # noqa: E402
import safetensors_io  # noqa: E402


def config_from_state(state):
    """OpenAI's build_model rules, written out again."""
    vw = state["visual.conv1.weight"].shape[0]
    patch = state["visual.conv1.weight"].shape[-1]
    grid = round((state["visual.positional_embedding"].shape[0] - 1) ** 0.5)
    tw = state["ln_final.weight"].shape[0]
    count = lambda prefix: len({k[len(prefix):].split(".")[0] for k in state if k.startswith(prefix)})
    return {"embed_dim": state["text_projection"].shape[1],
            "vision": {"width": vw, "layers": count("visual.transformer.resblocks."), "heads": max(1, vw // 64),
                       "mlp_width": state["visual.transformer.resblocks.0.mlp.c_fc.weight"].shape[0],
                       "patch_size": patch, "image_size": patch * grid},
            "text": {"width": tw, "layers": count("transformer.resblocks."), "heads": max(1, tw // 64),
                     "mlp_width": state["transformer.resblocks.0.mlp.c_fc.weight"].shape[0],
                     "context_length": state["positional_embedding"].shape[0],
                     "vocab_size": state["token_embedding.weight"].shape[0]}}


def main():
    arrays, _ = safetensors_io.read(sys.argv[1])
    state = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in arrays.items()}
    c = config_from_state(state)
    model = clip_reference.CLIP(c).eval()
    model.load_state_dict(state)
    tokenizer = clip_tokenizer.Tokenizer(sys.argv[2])
    request = json.load(sys.stdin)
    ctx = c["text"]["context_length"]

    def encode_texts(texts):
        tokens = torch.zeros(len(texts), ctx, dtype=torch.long)
        for i, t in enumerate(texts):
            ids = tokenizer.encode(t, ctx)
            tokens[i, :len(ids)] = torch.tensor(ids)
        return model.encode_text(tokens)

    norm = lambda x: x / x.norm(dim=-1, keepdim=True)
    out = {}
    with torch.no_grad():
        if request.get("texts"):
            out["text_raw"] = encode_texts(request["texts"]).tolist()
        if request.get("images"):
            size = c["vision"]["image_size"]
            pixels = torch.stack([torch.from_numpy(pillow_preprocess.normalise(pillow_preprocess.center_crop(
                pillow_preprocess.resize_shorter(pillow_preprocess.decode(p), size), size))) for p in request["images"]])
            image = model.encode_image(pixels)
            out["image_raw"] = image.tolist()
            scale = min(math.exp(state["logit_scale"].item()), 100.0)
            names = [n.replace("_", " ") for n in request["classes"]]
            single = norm(encode_texts(["a photo of a {}.".format(n) for n in names]))
            per_template = [norm(encode_texts([t.replace("{}", n) for t in request["templates"]])) for n in names]
            ensemble = norm(torch.stack([e.mean(0) for e in per_template]))
            out["template_probs"] = (scale * norm(image) @ single.t()).softmax(-1).tolist()
            out["ensemble_probs"] = (scale * norm(image) @ ensemble.t()).softmax(-1).tolist()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
