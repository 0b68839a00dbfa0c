#!/usr/bin/env python3
"""numpy's own view of .npy files, to check protext's reader and writer against.

  numpy_npy.py load FILE            -> JSON {"dtype", "shape", "fortran_order", "values"}
  numpy_npy.py save FILE VERSION D... -> float32 array of shape D..., values i * 0.25 - 3,
                                        written with numpy at format VERSION ("1.0", "2.0")
  numpy_npy.py save-as FILE KIND    -> a 2 x 3 array numpy writes but protext must refuse:
                                        KIND = float64 | int32 | fortran | bigendian
"""
import json
import sys

import numpy as np


def main():
    command, path = sys.argv[1], sys.argv[2]
    if command == "load":
        array = np.load(path, allow_pickle=False)
        print(json.dumps({"dtype": array.dtype.str, "shape": list(array.shape),
                          "fortran_order": bool(np.isfortran(array)) and array.ndim > 1,
                          "values": array.ravel(order="C").astype(float).tolist()}))
    elif command == "save":
        version = tuple(int(x) for x in sys.argv[3].split("."))
        shape = tuple(int(x) for x in sys.argv[4:])
        array = (np.arange(int(np.prod(shape)), dtype=np.float32) * np.float32(0.25)
                 - np.float32(3)).reshape(shape)
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)
    elif command == "save-as":
        base = np.arange(6, dtype=np.float32).reshape(2, 3)
        array = {"float64": base.astype(np.float64), "int32": base.astype(np.int32),
                 "fortran": np.asfortranarray(base), "bigendian": base.astype(">f4")}[sys.argv[3]]
        np.save(path, array)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
