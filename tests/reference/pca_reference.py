"""Reference for the embedding map's projection: numpy's PCA of the rows, by the
eigen-decomposition of their covariance (not the SVD the core uses), top two axes.

    python3 pca_reference.py ROWS.npy
output: {"xy": [[x, y], ...], "explained": [a, b]}; each axis is defined up to sign.
"""
import json
import sys

import numpy as np


def main():
    rows = np.load(sys.argv[1]).astype(np.float64)
    centred = rows - rows.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(values)[::-1][:2]
    xy = centred @ vectors[:, order]
    explained = values[order] / values.sum()
    json.dump({"xy": xy.tolist(), "explained": explained.tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
