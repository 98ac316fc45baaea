"""Test images for crates/kolo/tests/media.rs, made with Pillow (installed with iiif-validator).

    media_images.py bomb OUT WIDTH HEIGHT   a small PNG that decodes to WIDTH x HEIGHT pixels
    media_images.py exif OUT                a 300x200 JPEG, red top-left corner, EXIF
                                            orientation 6 (turn 90 degrees clockwise) and a GPS position
    media_images.py inspect FILE            JSON: format, size, orientation, whether it has GPS
"""

import json
import struct
import sys
import zlib

from PIL import Image


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb(out, width, height):
    # One bit per pixel, all zero: gigapixels compress to a few hundred kilobytes. Written
    # row by row, so making it needs no memory either.
    row = b"\x00" * (1 + (width + 7) // 8)
    z = zlib.compressobj(9)
    idat = bytearray()
    for _ in range(height // 100):
        idat += z.compress(row * 100)
    idat += z.compress(row * (height % 100))
    idat += z.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    with open(out, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b""))


def exif(out):
    img = Image.new("RGB", (300, 200), (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, 60, 40))
    tags = Image.Exif()
    tags[0x0112] = 6
    gps = tags.get_ifd(0x8825)
    gps.update({1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)})
    img.save(out, "JPEG", exif=tags, quality=95)


def inspect(path):
    img = Image.open(path)
    tags = img.getexif()
    print(json.dumps({
        "format": img.format,
        "size": list(img.size),
        "orientation": tags.get(0x0112),
        "gps": bool(tags.get_ifd(0x8825)),
        "exif": len(tags) > 0,
    }))


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    if command == "bomb":
        bomb(path, int(sys.argv[3]), int(sys.argv[4]))
    elif command == "exif":
        exif(path)
    else:
        inspect(path)
