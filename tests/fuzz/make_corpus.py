#!/usr/bin/python3
"""Writes the fuzz targets' seed corpus into tests/fuzz/corpus/<target>/: one small, valid
file per format (and a few texts), from which libFuzzer mutates. Run once; the files are
kept in the repository, so a fuzz run needs no Python.

  make_corpus.py [CORPUS_DIR]
"""
import io
import json
import os
import struct
import sys
import zipfile

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "reference"))
import safetensors_io  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "corpus")


def put(target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)


# torch.save (Dassl prompt checkpoints): written by torch itself, stored records.
import torch  # noqa: E402

buf = io.BytesIO()
torch.save({"state_dict": {"prompt_learner.ctx": torch.ones(2, 4),
                           "text_encoder.transformer.resblocks.1.VPT_shallow": torch.zeros(2, 4)},
            "epoch": 3, "optimizer": None, "scheduler": None}, buf)
put("dassl_checkpoint", "prompts.pth", buf.getvalue())
buf = io.BytesIO()
torch.save({"state_dict": {"module.prompt_learner.ctx": torch.ones(1, 2, dtype=torch.float16)}, "epoch": 1}, buf)
put("dassl_checkpoint", "module_prefix_fp16.pth", buf.getvalue())


# TorchScript: a traced module with CLIP's first tensor names, fp16 as OpenAI ships them.
class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.visual = torch.nn.Module()
        self.visual.conv1 = torch.nn.Conv2d(3, 4, 2, 2, bias=False)
        self.visual.class_embedding = torch.nn.Parameter(torch.zeros(4))
        self.positional_embedding = torch.nn.Parameter(torch.zeros(3, 4))
        self.register_buffer("context_length", torch.tensor(3))

    def forward(self, x):
        return self.visual.conv1(x).sum() + self.visual.class_embedding.sum() + self.positional_embedding.sum()


traced = torch.jit.trace(Tiny(), torch.zeros(1, 3, 2, 2))
traced.half()
buf = io.BytesIO()
torch.jit.save(traced, buf)
put("torchscript_weights", "tiny.pt", buf.getvalue())

# safetensors, with metadata as the trainer writes it.
put("safetensors", "prompts.safetensors", safetensors_io.encode(
    {"prompt_learner.ctx": np.ones((2, 4), np.float32), "ids": np.arange(3, dtype=np.int64)},
    {"protext": json.dumps({"epochs_done": 1, "training": {"lr": 0.03}})}))

# npy: float32 C order, as write_npy and numpy write it.
buf = io.BytesIO()
np.save(buf, np.arange(6, dtype=np.float32).reshape(2, 3))
put("npy", "array.npy", buf.getvalue())

# Image headers: a 5x3 picture in each format the reader knows.
from PIL import Image  # noqa: E402

picture = Image.new("RGB", (5, 3), (200, 30, 40))
for fmt, name in (("PNG", "a.png"), ("JPEG", "a.jpg"), ("BMP", "a.bmp"), ("WEBP", "a.webp"), ("TIFF", "a.tif")):
    buf = io.BytesIO()
    picture.save(buf, fmt)
    put("image_header", name, buf.getvalue())
exif = Image.Exif()
exif[274] = 6  # orientation: rotate 90
buf = io.BytesIO()
picture.save(buf, "JPEG", exif=exif.tobytes())
put("image_header", "exif_rotated.jpg", buf.getvalue())

# Texts for both tokenizers.
texts = ["a photo of a golden retriever.",
         "A bird with a long, thin beak & grey feathers: the heron's neck is S-shaped!",
         "caf\u00e9 na\u00efve \u00c5ngstr\u00f6m \u6f22\u5b57 \U0001f600 &amp; &lt;tag&gt; &#x41;",
         "<|startoftext|>x<|endoftext|>",
         "   tabs\tand\nnew lines  ",
         "ﬁ ligature, \u0345 iota subscript, e\u0301 combining"]
for i, text in enumerate(texts):
    put("bpe_tokenizer", "text%d.txt" % i, text.encode())
    put("spm_tokenizer", "text%d.txt" % i, text.encode())
