#!/usr/bin/env python3
"""Render exported reports to PNG pages for looking at them (the issue's visual check).

For each .giedit file: export the DOCX and the PDF with the shipped fonts only, convert the DOCX
to PDF with LibreOffice (so the DOCX is seen as a word processor lays it out), then turn both PDFs
into one PNG per page with pdftoppm. LibreOffice gets a fontconfig file that maps the official
font names (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体, 宋体) to the shipped fonts; without it,
it would substitute whatever CJK font the machine has.

Usage::

    uv run python packaging/render_samples.py [FILE.giedit ...] [--out DIR] [--fill] [--draft] [--dpi 70]

Without files it renders the 2020 大塅镇 sample (2019 format) and the 2023 青山镇 sample (2021
format). ``--fill`` replaces every blank or zero cell by a number (1 to 4 digits) first, to see
busy tables. Needs ``soffice`` (apt-get install libreoffice-writer-nogui) and ``pdftoppm``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from giedit.export import ExportOptions, export_docx, export_pdf  # noqa: E402
from giedit.export.fonts import FACES, FontRole, shipped_dir  # noqa: E402
from giedit.model.schema import CellKind  # noqa: E402
from giedit.model.storage import load  # noqa: E402
from giedit.model.values import Money, number_of  # noqa: E402

DEFAULT = ("2020-daduan.giedit", "2023-qingshan-zhen.giedit")
FAMILY = {  # official name -> shipped family, as the PDF substitutes them
    FontRole.TITLE: "Giedit Serif SC",
    FontRole.HEADING: "Giedit Sans SC",
    FontRole.SUBHEADING: "Giedit Kai SC",
    FontRole.BODY: "Giedit Fang SC",
    FontRole.PAGE_NUMBER: "Giedit Fang SC",
}


def fontconfig(folder: Path) -> Path:
    """A fonts.conf that adds the shipped fonts and maps the official names onto them."""
    aliases = []
    for role, face in FACES.items():
        for name in filter(None, (face.name, face.gbk_name)):
            aliases.append(
                f'<alias binding="same"><family>{name}</family><prefer><family>{FAMILY[role]}</family></prefer></alias>'
            )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{shipped_dir()}</dir>{''.join(aliases)}</fontconfig>",
        encoding="utf-8",
    )
    return conf


def fill(report) -> None:
    """Every blank or zero cell gets a number of 1 to 4 digits (money: an amount with decimals)."""
    for i, (cid, cell) in enumerate(report.definition.cells.items()):
        if number_of(report.cells.get(cid), cell.kind):
            continue
        n = (i * 37) % 1999 + 1
        if cell.kind is CellKind.MONEY:
            report.cells[cid] = Money(amount=n / 100, unit=cell.column.unit or "万元")
        else:
            report.cells[cid] = -(n % 50) if cell.kind is CellKind.SIGNED and i % 2 else n


def soffice_pdf(docx: Path, out: Path, conf: Path) -> Path:
    """Convert with a private LibreOffice profile (a shared one makes a second soffice do nothing)."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), str(docx)],
            check=True, env=env, capture_output=True, timeout=180,
        )  # fmt: skip
    return out / f"{docx.stem}.pdf"


def pngs(pdf: Path, prefix: Path, dpi: int) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "giedit-render")
    ap.add_argument("--fill", action="store_true", help="fill blank and zero cells with numbers")
    ap.add_argument("--draft", action="store_true", help="export drafts (草稿 stamp)")
    ap.add_argument("--dpi", type=int, default=70)
    args = ap.parse_args()
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found (apt-get install libreoffice-writer-nogui poppler-utils)")
    files = args.files or [ROOT / "resources" / "samples" / name for name in DEFAULT]
    args.out.mkdir(parents=True, exist_ok=True)
    conf = fontconfig(args.out)
    options = ExportOptions(fonts="shipped")
    for path in files:
        report = load(path)
        if args.fill:
            fill(report)
        stem = path.stem + ("-filled" if args.fill else "")
        for old in args.out.glob(f"{stem}*"):
            old.unlink()
        docx = export_docx(report, args.out / f"{stem}.docx", draft=args.draft, options=options)
        pdf = export_pdf(report, args.out / f"{stem}.pdf", draft=args.draft, options=options)
        lo_dir = args.out / "lo"
        lo_dir.mkdir(exist_ok=True)
        lo_pdf = soffice_pdf(docx, lo_dir, conf)
        for label, source in (("pdf", pdf), ("docx", lo_pdf)):
            for page in pngs(source, args.out / f"{stem}.{label}", args.dpi):
                print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
