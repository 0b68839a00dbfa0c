"""A small labelled image folder for evaluation tests: crops of skimage's photos, one
sub-folder per class, as PNG and JPEG.

    python3 make_image_folder.py OUT_DIR
"""
import os
import sys

from PIL import Image

DATA = "/usr/lib/python3/dist-packages/skimage/data/"
CLASSES = {"astronaut": "astronaut.png", "cat": "chelsea.png", "coffee_cup": "coffee.png",
           "motorcycle": "motorcycle_left.png", "rocket": "rocket.jpg", "coins": "coins.png",
           "retina": "retina.jpg"}


def main():
    out = sys.argv[1]
    for name, source in CLASSES.items():
        image = Image.open(DATA + source).convert("RGB")
        w, h = image.size
        os.makedirs(os.path.join(out, name), exist_ok=True)
        # Three different views per class: whole, left part, lower-right part.
        views = [image, image.crop((0, 0, w * 2 // 3, h)), image.crop((w // 3, h // 3, w, h))]
        for i, view in enumerate(views):
            view = view.resize((max(8, view.width // 4), max(8, view.height // 4)), Image.BILINEAR)
            if i == 1:
                view.save(os.path.join(out, name, "view%d.jpg" % i), quality=90)
            else:
                view.save(os.path.join(out, name, "view%d.png" % i))


if __name__ == "__main__":
    main()
