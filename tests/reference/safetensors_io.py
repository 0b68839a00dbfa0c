#!/usr/bin/python3
"""The safetensors format, written from its published description with numpy alone.

Layout: 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON, then the
data section. The JSON maps each tensor name to {"dtype", "shape", "data_offsets":
[begin, end]} (offsets relative to the data section) plus an optional "__metadata__"
object of string to string. Data is little-endian, C order.

numpy has no bfloat16, so BF16 tensors are numpy uint16 arrays of the raw bits, on the
way in and out; f32_to_bf16_bits / bf16_bits_to_f32 convert. Torch tensors may also be
passed to write() (torch is imported only by whoever passes them).

Library use (other reference scripts):
    sys.path.insert(0, os.path.dirname(__file__)); import safetensors_io
    safetensors_io.write(path, {"name": array}, metadata={"k": "v"})
    tensors, metadata = safetensors_io.read(path)

Command line (tests/core/safetensors_test.cpp):
    safetensors_io.py write-random OUT [--seed N]   write a fixed set of random tensors;
                                                    print what was written as JSON
    safetensors_io.py dump IN                       print a file's tensors as JSON
Both print {"metadata": {...}, "tensors": {name: {"dtype", "shape", "bits": [...]}}}
(dump adds "header_length", "header" and each tensor's "data_offsets"), where bits are the stored
little-endian words as integers (uint32 for F32, uint16 for F16/BF16), so values, NaNs
and signed zeros compare exactly.
"""
import json
import os
import struct
import sys

import numpy as np

# numpy dtype <-> safetensors name. uint16 stands for BF16 bits (see above), so U16 has
# no numpy spelling here.
_NAME_OF = {
    np.dtype(np.float64): "F64",
    np.dtype(np.float32): "F32",
    np.dtype(np.float16): "F16",
    np.dtype(np.uint16): "BF16",
    np.dtype(np.int64): "I64",
    np.dtype(np.int32): "I32",
    np.dtype(np.int16): "I16",
    np.dtype(np.int8): "I8",
    np.dtype(np.uint8): "U8",
    np.dtype(np.bool_): "BOOL",
}
_DTYPE_OF = {name: dtype for dtype, name in _NAME_OF.items()}

MAX_HEADER_LENGTH = 100_000_000


def f32_to_bf16_bits(values):
    """float32 -> bfloat16 bits (uint16), rounding to nearest, ties to even; NaN stays NaN."""
    floats = np.array(values, dtype=np.float32)  # a copy, 0-d stays 0-d
    # Flat, because numpy promotes 0-d uint64 with Python ints to float.
    bits = floats.reshape(-1).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    # A NaN whose payload sits in the low half would round to infinity: keep it quiet NaN.
    rounded = np.where(np.isnan(floats.reshape(-1)), (bits >> 16) | 0x0040, rounded)
    return rounded.astype(np.uint16).reshape(floats.shape)


def bf16_bits_to_f32(bits):
    """bfloat16 bits (uint16) -> float32, exactly."""
    narrow = np.asarray(bits, dtype=np.uint16)
    wide = narrow.reshape(-1).astype(np.uint32) << np.uint32(16)
    return wide.view(np.float32).reshape(narrow.shape)


def _as_numpy(value):
    if isinstance(value, np.ndarray):
        return value
    if type(value).__module__.startswith("torch"):
        import torch  # only when the caller already uses torch

        t = value.detach().cpu().contiguous()
        if t.dtype == torch.bfloat16:
            return t.view(torch.int16).numpy().view(np.uint16)
        return t.numpy()
    return np.asarray(value)


def encode(tensors, metadata=None):
    """The bytes of a safetensors file: names sorted, data in that order, header padded
    with spaces to a multiple of 8 bytes."""
    header = {}
    chunks = []
    offset = 0
    for name in sorted(tensors):
        array = _as_numpy(tensors[name])
        if array.dtype not in _NAME_OF:
            raise ValueError(f"tensor {name!r}: unsupported numpy dtype {array.dtype}")
        data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False)
        raw = data.tobytes(order="C")
        header[name] = {
            "dtype": _NAME_OF[array.dtype],
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(raw)],
        }
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def write(path, tensors, metadata=None):
    with open(path, "wb") as f:
        f.write(encode(tensors, metadata))


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r} in header")
        seen[key] = value
    return seen


def parse(blob):
    """(header_length, header dict, data section) of a file's bytes, checked as the format
    requires."""
    if len(blob) < 8:
        raise ValueError(f"file is {len(blob)} bytes, shorter than the header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > MAX_HEADER_LENGTH or n > len(blob) - 8:
        raise ValueError(f"header length {n} out of bounds for {len(blob)} bytes")
    header = json.loads(blob[8 : 8 + n].decode("utf-8"), object_pairs_hook=_no_duplicates)
    if not isinstance(header, dict):
        raise ValueError("header is not a JSON object")
    data = blob[8 + n :]
    spans = []
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        count = int(np.prod(info["shape"], dtype=np.int64)) if info["shape"] else 1
        size = _DTYPE_OF[info["dtype"]].itemsize
        if not (0 <= begin <= end <= len(data)) or end - begin != count * size:
            raise ValueError(f"tensor {name!r}: bad data_offsets {info['data_offsets']}")
        spans.append((begin, end, name))
    spans.sort()
    for (b0, e0, n0), (b1, e1, n1) in zip(spans, spans[1:]):
        if b1 < e0:
            raise ValueError(f"tensors {n0!r} and {n1!r} overlap")
    return n, header, data


def read(path):
    """({name: np.ndarray}, metadata dict); BF16 tensors come back as uint16 bits."""
    with open(path, "rb") as f:
        _, header, data = parse(f.read())
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = _DTYPE_OF[info["dtype"]].newbyteorder("<")
        array = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"])
        tensors[name] = array.astype(dtype.newbyteorder("="))
    return tensors, dict(header.get("__metadata__", {}))


def _bits(array):
    if array.dtype == np.float32:
        return array.view(np.uint32).reshape(-1).tolist()
    if array.dtype in (np.float16, np.uint16):
        return array.view(np.uint16).reshape(-1).tolist()
    return array.reshape(-1).tolist()


def describe(path):
    with open(path, "rb") as f:
        n, header, _ = parse(f.read())
        f.seek(8)
        header_text = f.read(n).decode("utf-8")
    tensors, metadata = read(path)
    return {
        "metadata": metadata,
        "header_length": n,
        "header": header_text,
        "tensors": {
            name: {
                "dtype": header[name]["dtype"],
                "shape": list(array.shape),
                "data_offsets": header[name]["data_offsets"],
                "bits": _bits(array),
            }
            for name, array in tensors.items()
        },
    }


def random_tensors(seed):
    """Every supported dtype in shapes that stress the format: scalar, empty, a zero in the
    middle, odd byte counts that leave later tensors unaligned, and special values."""
    rng = np.random.default_rng(seed)

    def normal(shape):
        return (rng.standard_normal(shape) * 3).astype(np.float32)

    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-40, 65504.0, 3.0e38],
                        dtype=np.float32)
    return {
        "f32.matrix": normal((3, 5)),
        "f32.scalar": normal(()),
        "f32.empty": normal((0,)),
        "f32.specials": specials,
        "f16.odd": normal((3,)).astype(np.float16),
        "f16.cube": normal((2, 3, 4)).astype(np.float16),
        "f16.zero_in_middle": normal((4, 0, 2)).astype(np.float16),
        "f16.scalar": normal(()).astype(np.float16),
        "bf16.vector": f32_to_bf16_bits(normal((7,))),
        "bf16.matrix": f32_to_bf16_bits(normal((2, 6))),
        "bf16.scalar": f32_to_bf16_bits(normal(())),
        "bf16.specials": f32_to_bf16_bits(specials),
        "visual.proj": normal((4, 2)),
    }


def main(argv):
    if len(argv) >= 2 and argv[0] == "write-random":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
        metadata = {"format": "pt", "note": "größe ✓", "empty": ""}
        tensors = random_tensors(seed)
        write(argv[1], tensors, metadata)
        # Described from the arrays in memory, not read back, so a reader bug cannot hide.
        print(json.dumps({
            "metadata": metadata,
            "tensors": {
                name: {"dtype": _NAME_OF[a.dtype], "shape": list(a.shape), "bits": _bits(a)}
                for name, a in tensors.items()
            },
        }))
    elif len(argv) == 2 and argv[0] == "dump":
        print(json.dumps(describe(argv[1])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
