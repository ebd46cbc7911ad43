"""Draw giedit's application icon into ``resources/icons`` (run once; the output is committed).

The icon is a white page with a folded corner carrying a red 报 over a red rule, the look of a
红头文件 (an official document's red masthead), so clerks recognise it among Word and WPS icons.
It is drawn with Pillow (a reportlab dependency, already installed) and the shipped bold sans
font, so it can be rebuilt offline and carries no third-party artwork.

Small sizes are drawn with their own, simpler layout (no text lines, a bigger glyph) instead of
being scaled down from 256 px, where the detail would blur into grey. Each size is drawn 4x
larger and reduced, for smooth edges.

    uv run python packaging/make_icons.py

Writes ``giedit-<N>.png`` for N in 16…256 (the Linux hicolor theme sizes; the editor window
uses them too) and ``giedit.ico`` with all of them (the Windows exe, installer and file type).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "GieditSansSC-Bold.ttf"
SIZES = (16, 24, 32, 48, 64, 128, 256)
GLYPH = "报"
SEAL_RED = (200, 22, 29, 255)
PAGE = (255, 255, 255, 255)
EDGE = (120, 130, 145, 255)
FOLD = (214, 220, 228, 255)
TEXT_LINE = (160, 168, 180, 255)
SUPERSAMPLE = 4


def draw(size: int) -> Image.Image:
    """The icon at ``size`` px, drawn at SUPERSAMPLE times that and reduced."""
    s = size * SUPERSAMPLE
    small = size <= 32
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def px(fraction: float) -> float:
        """A position snapped to the output pixel grid, so the page edges stay sharp."""
        return round(fraction * size) * SUPERSAMPLE

    # The page, a little narrower than tall, with its top-right corner folded down.
    left, top, right, bottom = px(0.12), px(0.04), px(0.88), px(0.96)
    fold = px(0.22)
    edge = SUPERSAMPLE * max(1, round(size / 64))
    outline = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    d.polygon(outline, fill=PAGE, outline=EDGE, width=edge)
    d.polygon(
        [(right - fold, top), (right - fold, top + fold), (right, top + fold)],
        fill=FOLD,
        outline=EDGE,
        width=edge,
    )

    # The red glyph, centred under the fold, and the masthead rule below it.
    glyph_h = (0.5 if small else 0.38) * s
    font = ImageFont.truetype(str(FONT), round(glyph_h))
    x0, y0, x1, y1 = d.textbbox((0, 0), GLYPH, font=font)
    cx = (left + right) / 2
    gy = top + (0.14 if small else 0.12) * s
    d.text((cx - (x0 + x1) / 2, gy - y0), GLYPH, font=font, fill=SEAL_RED)
    rule_y = gy + (y1 - y0) + 0.06 * s
    rule_h = max(SUPERSAMPLE * 1.5, 0.035 * s)
    margin = 0.09 * s
    d.rectangle((left + margin, rule_y, right - margin, rule_y + rule_h), fill=SEAL_RED)

    # Body text as grey lines, where there is room for them to read as lines.
    if not small:
        line_h = 0.03 * s
        y = rule_y + rule_h + 0.07 * s
        for width in (1.0, 1.0, 0.6):
            if y + line_h > bottom - 0.05 * s:
                break
            d.rectangle(
                (left + margin, y, left + margin + width * (right - left - 2 * margin), y + line_h), TEXT_LINE
            )
            y += 0.075 * s
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    images = [draw(n) for n in SIZES]
    for n, img in zip(SIZES, images, strict=True):
        img.save(OUT / f"giedit-{n}.png", optimize=True)
    # Pillow takes each size from append_images when one of that size is given, else it scales.
    largest = images[-1]
    largest.save(OUT / "giedit.ico", sizes=[(n, n) for n in SIZES], append_images=images[:-1])
    print(f"wrote {len(SIZES)} PNGs and giedit.ico to {OUT}")


if __name__ == "__main__":
    main()
