#!/usr/bin/env python3
"""Reference image pipeline: PIL decoding and CLIP's preprocessing as torchvision does it.

torchvision is not installed, so its two rules are written out here from its source's
published behaviour:
  Resize(n, BICUBIC) on a PIL image: shorter side -> n, longer -> int(n * long / short),
      then img.resize((w, h), Image.BICUBIC).
  CenterCrop(n): top = int(round((h - n) / 2.0)), left likewise, then img.crop.
  ToTensor + Normalize: float32 (v / 255 - mean) / std, channels first.

Arrays are written as float32 .npy (uint8 values stay exact) so one reader serves all.

  pillow_preprocess.py crop --size N --out DIR IMAGE...
      DIR/crop_<i>.npy   uint8 values of the N x N crop, [N, N, 3]
      DIR/tensor_<i>.npy normalised input, [3, N, N]
  pillow_preprocess.py resize --out DIR IMAGE:W:H...
      DIR/resize_<i>.npy  decoded image resized to W x H, [H, W, 3]
  pillow_preprocess.py decode --out DIR IMAGE...
      DIR/decode_<i>.npy  exif_transpose + convert("RGB"), [H, W, 3]
  pillow_preprocess.py cut SOURCE X Y W H OUT.png
      a W x H piece of SOURCE as an RGB PNG (small images, for upscaling)
  pillow_preprocess.py fixtures DIR SOURCE
      test images in several formats cut from SOURCE, each with <name>.expected.npy
"""
import argparse
import io
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image, ImageOps

MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)


def decode(path):
    with Image.open(path) as img:
        img.load()
        return ImageOps.exif_transpose(img).convert("RGB")


def resize_shorter(img, size):
    w, h = img.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = size, int(size * long / short)
    new_w, new_h = (new_short, new_long) if w <= h else (new_long, new_short)
    if (new_w, new_h) == (w, h):
        return img
    return img.resize((new_w, new_h), Image.BICUBIC)


def center_crop(img, size):
    w, h = img.size
    top = int(round((h - size) / 2.0))
    left = int(round((w - size) / 2.0))
    return img.crop((left, top, left + size, top + size))


def normalise(img):
    x = np.asarray(img, dtype=np.uint8).astype(np.float32) / np.float32(255)
    x = (x - MEAN) / STD
    return np.ascontiguousarray(x.transpose(2, 0, 1), dtype=np.float32)


def save(path, array):
    np.save(path, np.ascontiguousarray(array, dtype=np.float32))


def cmd_crop(args):
    for i, path in enumerate(args.images):
        crop = center_crop(resize_shorter(decode(path), args.size), args.size)
        save(os.path.join(args.out, f"crop_{i}.npy"), np.asarray(crop))
        save(os.path.join(args.out, f"tensor_{i}.npy"), normalise(crop))


def cmd_resize(args):
    for i, spec in enumerate(args.specs):
        path, w, h = spec.rsplit(":", 2)
        img = decode(path).resize((int(w), int(h)), Image.BICUBIC)
        save(os.path.join(args.out, f"resize_{i}.npy"), np.asarray(img))


def cmd_decode(args):
    for i, path in enumerate(args.images):
        save(os.path.join(args.out, f"decode_{i}.npy"), np.asarray(decode(path)))


def cmd_cut(args):
    with Image.open(args.source) as src:
        src.convert("RGB").crop((args.x, args.y, args.x + args.w, args.y + args.h)).save(args.out)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png16(path, array):
    """PIL cannot write 16-bit RGB PNGs, so this writes one by the PNG specification."""
    h, w = array.shape[:2]
    colour_type = 2 if array.ndim == 3 else 0
    rows = array.astype(">u2").reshape(h, -1)
    raw = b"".join(b"\x00" + row.tobytes() for row in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, colour_type, 0, 0, 0)))
        f.write(png_chunk(b"IDAT", zlib.compress(raw)))
        f.write(png_chunk(b"IEND", b""))


def exif_with_orientation(value):
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def cmd_fixtures(args):
    out = args.dir
    with Image.open(args.source) as src:
        # Odd, unequal sides: a transposed or mirrored result cannot match by accident.
        base = src.convert("RGB").crop((40, 30, 40 + 97, 30 + 61))
    rgb = np.asarray(base)

    def expect(name, array=None):
        path = os.path.join(out, name)
        save(path + ".expected.npy", np.asarray(decode(path)) if array is None else array)

    base.save(os.path.join(out, "rgb.png")); expect("rgb.png")
    base.convert("L").save(os.path.join(out, "grey.png")); expect("grey.png")
    rgba = base.copy()
    rgba.putalpha(Image.linear_gradient("L").resize(base.size))
    rgba.save(os.path.join(out, "rgba.png")); expect("rgba.png")
    la = base.convert("L"); la.putalpha(128)
    la.save(os.path.join(out, "grey_alpha.png")); expect("grey_alpha.png")
    base.convert("P", palette=Image.ADAPTIVE, colors=37).save(os.path.join(out, "palette.png"))
    expect("palette.png")
    pal_t = base.convert("P", palette=Image.ADAPTIVE, colors=16)
    pal_t.save(os.path.join(out, "palette_transparent.png"), transparency=3)
    expect("palette_transparent.png")

    # 16-bit samples: distinct high and low bytes, expected value = the high byte.
    rgb16 = rgb.astype(np.uint16) * 257 + np.arange(rgb.size, dtype=np.uint16).reshape(rgb.shape) % 200
    write_png16(os.path.join(out, "rgb16.png"), rgb16)
    expect("rgb16.png", (rgb16 >> 8).astype(np.uint8))
    grey16 = rgb16[:, :, 1]
    write_png16(os.path.join(out, "grey16.png"), grey16)
    expect("grey16.png", np.repeat((grey16 >> 8).astype(np.uint8)[:, :, None], 3, axis=2))
    Image.fromarray(grey16.astype(np.uint16), mode="I;16").save(os.path.join(out, "grey16.tiff"))
    expect("grey16.tiff", np.repeat((grey16 >> 8).astype(np.uint8)[:, :, None], 3, axis=2))

    for orientation in range(1, 9):
        name = f"orient{orientation}.png"
        base.save(os.path.join(out, name), exif=exif_with_orientation(orientation))
        expect(name)
    base.save(os.path.join(out, "orient6.jpg"), quality=95, exif=exif_with_orientation(6))
    expect("orient6.jpg")
    base.save(os.path.join(out, "photo.jpg"), quality=90)
    expect("photo.jpg")
    base.save(os.path.join(out, "progressive.jpg"), quality=90, progressive=True)
    expect("progressive.jpg")
    base.convert("L").save(os.path.join(out, "grey.jpg"), quality=90)
    expect("grey.jpg")
    base.save(os.path.join(out, "lossless.webp"), lossless=True)
    expect("lossless.webp")
    base.save(os.path.join(out, "lossy.webp"), quality=90)
    expect("lossy.webp")
    base.save(os.path.join(out, "rgb.bmp")); expect("rgb.bmp")
    base.save(os.path.join(out, "rgb.tiff")); expect("rgb.tiff")
    base.save(os.path.join(out, "lzw.tiff"), compression="tiff_lzw"); expect("lzw.tiff")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("crop"); p.add_argument("--size", type=int, required=True)
    p.add_argument("--out", required=True); p.add_argument("images", nargs="+")
    p.set_defaults(run=cmd_crop)
    p = sub.add_parser("resize"); p.add_argument("--out", required=True)
    p.add_argument("specs", nargs="+"); p.set_defaults(run=cmd_resize)
    p = sub.add_parser("decode"); p.add_argument("--out", required=True)
    p.add_argument("images", nargs="+"); p.set_defaults(run=cmd_decode)
    p = sub.add_parser("cut"); p.add_argument("source")
    for name in ("x", "y", "w", "h"):
        p.add_argument(name, type=int)
    p.add_argument("out"); p.set_defaults(run=cmd_cut)
    p = sub.add_parser("fixtures"); p.add_argument("dir"); p.add_argument("source")
    p.set_defaults(run=cmd_fixtures)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    sys.exit(main())
