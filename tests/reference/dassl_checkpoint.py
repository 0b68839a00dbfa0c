#!/usr/bin/python3
"""Dassl checkpoints as the ProText authors' code writes and reads them, with torch itself.

Dassl's save_checkpoint does
    torch.save({"state_dict": model.state_dict(), "epoch": epoch,
                "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict()}, fpath)
and ProText's prompt learner names its tensors prompt_learner.ctx and
text_encoder.transformer.resblocks.{i}.VPT_shallow (i = 1 .. depth - 1). The optimiser and
scheduler here are real ones that took real steps, so their state dicts nest as in the
released files; "warmup" adds Dassl's ConstantWarmupScheduler, whose state dict holds its
successor (a CosineAnnealingLR object, pickled as a Python class with the optimiser inside).

  dassl_checkpoint.py write OUT EXPECTED --n-ctx N --width W --depth D [--optimizer sgd|adamw]
                      [--whole-model] [--module-prefix] [--warmup] [--seed S]
      OUT: the checkpoint; EXPECTED: a safetensors file with the prompt tensors under their
      official names (no "module."), for the reader's output to equal bit for bit.
  dassl_checkpoint.py write-bad OUT KIND
      a torch.save file that is not a usable prompt checkpoint; KIND is one of
      no-state-dict | state-dict-not-dict | no-ctx | ctx-rank-3 | vpt-rank-1 | vpt-width |
      legacy-format | top-level-list
  dassl_checkpoint.py load IN TENSORS_OUT
      torch.load(IN, map_location="cpu") as Dassl's load_checkpoint does; writes the
      state_dict's tensors to TENSORS_OUT (safetensors) and prints JSON {"top_type",
      "keys", "epoch", "optimizer", "scheduler", "state_dict_type", "tensors":
      {name: {"dtype", "shape", "contiguous"}}}.
"""
import argparse
import json
import os
import sys
from collections import OrderedDict

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402


class ConstantWarmupScheduler(torch.optim.lr_scheduler._LRScheduler):
    """Dassl's warm-up wrapper (dassl/optim/lr_scheduler.py): a constant lr for the first
    epochs, then the successor's; state_dict() therefore carries the successor object."""

    def __init__(self, optimizer, successor, warmup_epoch, cons_lr, last_epoch=-1):
        self.successor = successor
        self.warmup_epoch = warmup_epoch
        self.cons_lr = cons_lr
        super().__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch >= self.warmup_epoch:
            return self.successor.get_last_lr()
        return [self.cons_lr for _ in self.base_lrs]

    def step(self, epoch=None):
        if self.last_epoch >= self.warmup_epoch:
            self.successor.step(epoch)
            self._last_lr = self.successor.get_last_lr()
        else:
            super().step(epoch)


def prompt_tensors(n_ctx, width, depth, seed):
    generator = torch.Generator().manual_seed(seed)
    tensors = OrderedDict()
    tensors["prompt_learner.ctx"] = torch.randn(n_ctx, width, generator=generator) * 0.02
    for i in range(1, depth):
        tensors[f"text_encoder.transformer.resblocks.{i}.VPT_shallow"] = (
            torch.randn(n_ctx, width, generator=generator) * 0.02)
    return tensors


def whole_model_weights(width, depth, seed):
    """A few of the frozen CLIP weights a whole-model state dict holds beside the prompts."""
    generator = torch.Generator().manual_seed(seed + 1)
    weights = OrderedDict()
    weights["text_encoder.positional_embedding"] = torch.randn(77, width, generator=generator)
    for i in range(depth):
        prefix = f"text_encoder.transformer.resblocks.{i}."
        weights[prefix + "attn.in_proj_weight"] = torch.randn(3 * width, width, generator=generator)
        weights[prefix + "attn.in_proj_bias"] = torch.randn(3 * width, generator=generator)
        weights[prefix + "ln_1.weight"] = torch.ones(width)
    weights["text_encoder.token_embedding.weight.int_ids"] = torch.arange(10, dtype=torch.int64)
    weights["text_encoder.ln_final.weight"] = torch.ones(width, dtype=torch.float16)
    weights["logit_scale"] = torch.tensor(4.6052)
    # A non-contiguous view, as a transposed projection would be.
    weights["text_encoder.text_projection"] = torch.randn(width, width, generator=generator).t()
    return weights


def trained_state(tensors, optimizer_kind, warmup):
    """Real optimiser and scheduler states after two epochs over the prompt tensors.

    The tensors are updated in place, so the checkpoint holds the values after training."""
    params = [torch.nn.Parameter(t) for t in tensors.values()]
    if optimizer_kind == "sgd":
        optimizer = torch.optim.SGD(params, lr=0.0025, momentum=0.9, weight_decay=5e-4)
    else:
        optimizer = torch.optim.AdamW(params, lr=0.03, betas=(0.9, 0.98), eps=1e-8, weight_decay=0.1)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
    if warmup:
        scheduler = ConstantWarmupScheduler(optimizer, scheduler, warmup_epoch=1, cons_lr=1e-5)
    for _ in range(2):
        optimizer.zero_grad()
        loss = sum((p * p).sum() for p in params)
        loss.backward()
        optimizer.step()
        scheduler.step()
    with torch.no_grad():
        for name, p in zip(list(tensors), params):
            tensors[name] = p.detach().clone()
    return optimizer.state_dict(), scheduler.state_dict()


def write(args):
    tensors = prompt_tensors(args.n_ctx, args.width, args.depth, args.seed)
    optimizer_state, scheduler_state = trained_state(tensors, args.optimizer, args.warmup)
    safetensors_io.write(args.expected, {name: t.numpy() for name, t in tensors.items()})
    state_dict = OrderedDict()
    if args.whole_model:
        state_dict.update(whole_model_weights(args.width, args.depth, args.seed))
    state_dict.update(tensors)
    if args.module_prefix:
        state_dict = OrderedDict(("module." + k, v) for k, v in state_dict.items())
    torch.save({"state_dict": state_dict, "epoch": 10, "optimizer": optimizer_state,
                "scheduler": scheduler_state}, args.out)


def write_bad(out, kind):
    ctx = torch.zeros(4, 8)
    vpt = "text_encoder.transformer.resblocks.1.VPT_shallow"
    state_dicts = {
        "no-ctx": OrderedDict([(vpt, torch.zeros(4, 8))]),
        "ctx-rank-3": OrderedDict([("prompt_learner.ctx", torch.zeros(2, 4, 8))]),
        "vpt-rank-1": OrderedDict([("prompt_learner.ctx", ctx), (vpt, torch.zeros(32))]),
        "vpt-width": OrderedDict([("prompt_learner.ctx", ctx), (vpt, torch.zeros(4, 16))]),
    }
    if kind in state_dicts:
        obj = {"state_dict": state_dicts[kind], "epoch": 1, "optimizer": None, "scheduler": None}
    elif kind == "no-state-dict":
        obj = {"model": OrderedDict([("prompt_learner.ctx", ctx)]), "epoch": 1}
    elif kind == "state-dict-not-dict":
        obj = {"state_dict": [ctx], "epoch": 1}
    elif kind == "top-level-list":
        obj = [OrderedDict([("prompt_learner.ctx", ctx)])]
    elif kind == "legacy-format":
        torch.save({"state_dict": OrderedDict([("prompt_learner.ctx", ctx)])}, out,
                   _use_new_zipfile_serialization=False)
        return
    else:
        sys.exit(f"unknown kind {kind}")
    torch.save(obj, out)


def describe(value):
    if value is None:
        return None
    return type(value).__name__


def load(path, tensors_out):
    checkpoint = torch.load(path, map_location="cpu")
    state_dict = checkpoint["state_dict"]
    safetensors_io.write(tensors_out, {k: v.contiguous().numpy() for k, v in state_dict.items()})
    print(json.dumps({
        "top_type": type(checkpoint).__name__,
        "keys": sorted(checkpoint.keys()),
        "epoch": checkpoint["epoch"],
        "epoch_type": type(checkpoint["epoch"]).__name__,
        "optimizer": describe(checkpoint["optimizer"]),
        "scheduler": describe(checkpoint["scheduler"]),
        "state_dict_type": type(state_dict).__name__,
        "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape),
                        "contiguous": v.is_contiguous()} for k, v in state_dict.items()},
    }))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--n-ctx", type=int, default=4)
    parser.add_argument("--width", type=int, default=512)
    parser.add_argument("--depth", type=int, default=9)
    parser.add_argument("--optimizer", choices=["sgd", "adamw"], default="adamw")
    parser.add_argument("--whole-model", action="store_true")
    parser.add_argument("--module-prefix", action="store_true")
    parser.add_argument("--warmup", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.command == "write":
        args.out, args.expected = args.paths
        write(args)
    elif args.command == "write-bad":
        write_bad(*args.paths)
    elif args.command == "load":
        load(*args.paths)
    else:
        sys.exit(f"unknown command {args.command}")


if __name__ == "__main__":
    main()
