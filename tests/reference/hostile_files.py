#!/usr/bin/python3
"""Crafted files an attacker would send, for the readers to refuse (issue 13).

  hostile_files.py tamper IN OUT KEY JSON_VALUE
      copies the prompt checkpoint IN to OUT with its "protext" metadata's KEY set to
      JSON_VALUE (KEY may be dotted: training.epochs); KEY "nan" instead puts a NaN into prompt_learner.ctx.
  hostile_files.py ctx OUT SHAPE
      a prompt file whose prompt_learner.ctx has SHAPE (JSON: [], [512], [0, 128]).
  hostile_files.py OUT_DIR MARKER
      writes every case into OUT_DIR and prints JSON {name: what it is}. MARKER is a path
      the TorchScript case writes to when its code runs; the script checks that it does
      (torch.jit.load runs it), removes it, and records that in the JSON, so a test that
      finds MARKER absent after protext read the file knows the code was there to run.

Pickles are written by hand (protocol 2 opcodes, as torch.save writes them), so a case can
hold what Python's pickler would never produce: a list nested 100 000 deep, a storage of
2^62 elements, a few kilobytes that copy themselves into gigabytes.
"""
import json
import os
import struct
import sys
import textwrap
import zipfile


# ---- a protocol-2 pickle, opcode by opcode ----------------------------------------------
def s(text):  # BINUNICODE
    b = text.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def i(n):  # BININT, or LONG1 for what does not fit in 32 bits
    if -2**31 <= n < 2**31:
        return b"J" + struct.pack("<i", n)
    raw = n.to_bytes(8 if -2**63 <= n < 2**63 else 9, "little", signed=True)
    return b"\x8a" + bytes([len(raw)]) + raw


def glob(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def ints(values):
    return b"(" + b"".join(i(v) for v in values) + b"t"


def tensor(key, numel, offset, sizes, strides, storage="FloatStorage"):
    """torch._utils._rebuild_tensor_v2((storage ref), offset, sizes, strides, False, {})."""
    ref = b"(" + s("storage") + glob("torch", storage) + s(key) + s("cpu") + i(numel) + b"tQ"
    return (glob("torch._utils", "_rebuild_tensor_v2") + b"(" + ref + i(offset) + ints(sizes) + ints(strides) +
            b"\x89" + glob("collections", "OrderedDict") + b")R" + b"tR")


def dassl(ctx, extra=b""):
    """{"state_dict": {"prompt_learner.ctx": ctx}, "epoch": 1, <extra key/value pairs>}."""
    return (b"\x80\x02}(" + s("state_dict") + b"}(" + s("prompt_learner.ctx") + ctx + b"u" + s("epoch") + i(1) +
            extra + b"u.")


def archive(path, pickle, records=(), compress=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", pickle)
        for name, data in records:
            method = zipfile.ZIP_DEFLATED if name in compress else zipfile.ZIP_STORED
            z.writestr(zipfile.ZipInfo("archive/" + name), data, compress_type=method)
        z.writestr("archive/version", b"3\n")


FLOATS_4x64 = struct.pack("<256f", *([0.5] * 256))


def write_all(out, marker):
    cases = {}

    def case(name, what):
        cases[name] = what
        return os.path.join(out, name)

    # A valid checkpoint, to show the others fail for what was done to them.
    archive(case("valid.pth", "a valid Dassl checkpoint: ctx 4x64"),
            dassl(tensor("0", 256, 0, (4, 64), (64, 1))), [("data/0", FLOATS_4x64)])

    # A list nested 100 000 deep beside valid weights: 100 000 EMPTY_LIST, then APPENDs.
    deep = 100_000
    archive(case("deep_list.pth", "a list nested 100000 levels deep beside valid weights"),
            dassl(tensor("0", 256, 0, (4, 64), (64, 1)), s("junk") + b"]" * deep + b"a" * (deep - 1)),
            [("data/0", FLOATS_4x64)])

    # The same depth with a stack that never grows: each level is fetched from the memo,
    # given a new empty list, and dropped again.
    level = b"".join(b"h" + bytes([n % 2]) + b"]q" + bytes([(n + 1) % 2]) + b"a0" for n in range(deep))
    archive(case("deep_list_memo.pth", "a list nested 100000 levels deep, built with a stack of two"),
            dassl(tensor("0", 256, 0, (4, 64), (64, 1)), s("junk") + b"]q\x00" + level),
            [("data/0", FLOATS_4x64)])

    # _rebuild_from_type_v2(func, type, args, state) wrapped 100 000 times around a tensor:
    # the reader unwraps args[2] with args[0] until _rebuild_tensor_v2's own arguments. Built
    # from the inside out through the memo, so the stack stays small and the depth is real.
    chain = 100_000
    inner = tensor("0", 256, 0, (4, 64), (64, 1))
    tensor_args = inner[len(glob("torch._utils", "_rebuild_tensor_v2")):-1]  # its "(...t" tuple
    ctx = (glob("torch._tensor", "_rebuild_from_type_v2") + b"q\x000" +
           b"(" + glob("torch._utils", "_rebuild_tensor_v2") + b"N" + tensor_args + b"Ntq\x010" +
           b"(h\x00Nh\x01Ntq\x010" * (chain - 1) + b"h\x00h\x01R")
    archive(case("rebuild_chain.pth", "a tensor wrapped in 100000 _rebuild_from_type_v2 calls"),
            dassl(ctx), [("data/0", FLOATS_4x64)])

    # Sizes whose byte counts overflow 64 bits.
    archive(case("numel_overflow.pth", "a storage of 2^62 float elements in a 1 KB record"),
            dassl(tensor("0", 2**62, 0, (4, 64), (64, 1))), [("data/0", FLOATS_4x64)])
    archive(case("offset_overflow.pth", "a view at element 2^61 of a storage of 2^61 + 256"),
            dassl(tensor("0", 2**61 + 256, 2**61, (4, 64), (64, 1))), [("data/0", FLOATS_4x64)])
    archive(case("short_record.pth", "a storage of 256 floats in a record of 16 bytes"),
            dassl(tensor("0", 256, 0, (4, 64), (64, 1))), [("data/0", FLOATS_4x64[:16])])

    # A few kilobytes asking for gigabytes: a dict of 1000 entries, copied into a list by
    # OrderedDict(d) 200 000 times (6 GB of references if paid).
    bomb = b"]q\x00}q\x01(" + b"".join(i(n) + b"N" for n in range(1000)) + b"u0"
    bomb += glob("collections", "OrderedDict") + b"q\x020" + b"h\x02h\x01\x85Ra" * 200_000
    archive(case("copy_bomb.pth", "a 1.4 MB pickle that copies a 1000-entry dict 200000 times"),
            dassl(tensor("0", 256, 0, (4, 64), (64, 1)), s("junk") + bomb), [("data/0", FLOATS_4x64)])
    # Memo bomb: two million LONG_BINPUTs to distinct slots.
    memo = b"N" + b"".join(b"r" + struct.pack("<I", n) for n in range(2_000_000))
    archive(case("memo_bomb.pth", "10 MB of LONG_BINPUT to two million memo slots"),
            dassl(tensor("0", 256, 0, (4, 64), (64, 1)), s("junk") + memo), [("data/0", FLOATS_4x64)])

    # A zip bomb: the storage record deflated, 256 MB of zeros in about 250 KB.
    zeros = bytes(256 << 20)
    archive(case("zip_bomb.pth", "the storage record deflated: 256 MB in about 250 KB"),
            dassl(tensor("0", 64 << 20, 0, (4, 64), (64, 1))), [("data/0", zeros)], compress={"data/0"})
    del zeros

    # Many views of one storage: 4000 prompt tensors each spanning one 1 MB storage (4 GB
    # if each were read).
    view = tensor("0", 262144, 0, (4096, 64), (64, 1))
    views = (s("text_encoder.transformer.resblocks.1.VPT_shallow") + view + b"q\x09" +
             b"".join(s("text_encoder.transformer.resblocks.%d.VPT_shallow" % n) + b"h\x09" for n in range(2, 4001)))
    archive(case("shared_views.pth", "4000 prompt tensors viewing one 1 MB storage"),
            b"\x80\x02}(" + s("state_dict") + b"}(" + s("prompt_learner.ctx") + view + views + b"u" + s("epoch") +
            i(1) + b"u.", [("data/0", bytes(1 << 20))])

    # Zip directories that lie.
    good = open(os.path.join(out, "valid.pth"), "rb").read()
    end = good.rfind(b"PK\x05\x06")
    lie = bytearray(good)
    lie[end + 16:end + 20] = struct.pack("<I", len(good) + 1000)  # directory offset past the end
    open(case("directory_outside.pth", "the zip directory offset points past the end"), "wb").write(lie)
    lie = bytearray(good)
    lie[end + 10:end + 12] = struct.pack("<H", 0xffff)  # zip64 marker without zip64 records
    open(case("zip64_without_locator.pth", "a zip64 count without the zip64 records"), "wb").write(lie)
    open(case("truncated.pth", "a valid checkpoint cut at 60%"), "wb").write(good[:len(good) * 6 // 10])

    # Model configurations that ask for absurd sizes.
    import numpy as np
    import safetensors_io
    folder = case("two_billion_layers", "a Hugging Face folder whose config.json asks for 2e9 text layers")
    os.makedirs(folder)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"text_config": {"num_hidden_layers": 2_000_000_000}}, f)
    safetensors_io.write(os.path.join(folder, "model.safetensors"), {"x": np.zeros(1, np.float32)})
    safetensors_io.write(case("block_index_past_int64.safetensors", "a block index of 20 digits"),
                         {"visual.conv1.weight": np.zeros((8, 3, 4, 4), np.float32),
                          "visual.transformer.resblocks.99999999999999999999.ln_1.weight": np.zeros(8, np.float32)})

    # A TIFF giving ImageWidth twice: 100 (what a reader keeping the last tag would check)
    # after 12000 (what libtiff decodes): 144 MP behind a 1.2 MP header.
    entries = [(256, 4, 12000), (256, 4, 100), (257, 4, 12000), (258, 3, 8), (259, 3, 1), (262, 3, 1),
               (273, 4, 8 + 2 + 12 * 10 + 4), (277, 3, 1), (278, 4, 12000), (279, 4, 144_000_000)]
    ifd = struct.pack("<H", len(entries)) + b"".join(
        struct.pack("<HHI", tag, kind, 1) + (struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value))
        for tag, kind, value in entries) + struct.pack("<I", 0)
    open(case("width_twice.tif", "a TIFF whose ImageWidth tag comes twice (12000, then 100)"), "wb").write(
        b"II*\x00" + struct.pack("<I", 8) + ifd + bytes(4096))

    # TorchScript whose __setstate__ writes MARKER when torch.jit.load runs it.
    import torch  # only here: the rest needs no torch
    source = os.path.join(out, "evil_module.py")
    with open(source, "w") as f:
        f.write(textwrap.dedent('''
            import torch
            from typing import Tuple
            class Evil(torch.nn.Module):
                def __init__(self):
                    super().__init__()
                    self.weight = torch.nn.Parameter(torch.ones(2))
                    self.scratch = torch.zeros(16)
                @torch.jit.export
                def __getstate__(self) -> Tuple[torch.Tensor, bool]:
                    return (self.weight, self.training)
                @torch.jit.export
                def __setstate__(self, state: Tuple[torch.Tensor, bool]) -> None:
                    self.weight = state[0]
                    self.training = state[1]
                    # Kept in an attribute, so the compiler cannot drop the call.
                    self.scratch = torch.from_file(MARKER, True, 16)
                def forward(self, x):
                    return x * self.weight
            ''').replace("MARKER", json.dumps(marker)))
    sys.path.insert(0, out)
    import evil_module
    evil = os.path.join(out, "evil.pt")
    torch.jit.script(evil_module.Evil()).save(evil)
    cases["evil.pt"] = "TorchScript whose __setstate__ writes a file of its choosing"
    torch.jit.load(evil)
    ran = os.path.exists(marker)
    if ran:
        os.remove(marker)
    os.remove(source)
    return cases, ran


def tamper(src, dst, key, value):
    import numpy as np
    import safetensors_io
    tensors, metadata = safetensors_io.read(src)
    if key == "nan":
        tensors["prompt_learner.ctx"] = tensors["prompt_learner.ctx"].copy()
        tensors["prompt_learner.ctx"][0, 0] = np.nan
    else:
        meta = json.loads(metadata["protext"])
        *path, last = key.split(".")  # "training.epochs": a key inside an object
        target = meta
        for part in path:
            target = target[part]
        target[last] = json.loads(value)
        metadata["protext"] = json.dumps(meta)
    safetensors_io.write(dst, tensors, metadata)


def ctx_of_shape(path, shape):
    import numpy as np
    import safetensors_io
    safetensors_io.write(path, {"prompt_learner.ctx": np.zeros(json.loads(shape), np.float32)})


if __name__ == "__main__":
    if sys.argv[1] == "ctx":
        ctx_of_shape(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if sys.argv[1] == "tamper":
        tamper(*sys.argv[2:6])
        sys.exit(0)
    out, marker = sys.argv[1], sys.argv[2]
    cases, ran = write_all(out, marker)
    print(json.dumps({"cases": cases, "jit_load_ran_the_code": ran}))
