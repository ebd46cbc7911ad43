"""Publishable DOCX, PDF and HTML export. Pure Python, no Qt.

The editor and the CLI use only what is defined here. python-docx and reportlab are imported on
first use, inside the export functions, so that the editor starts without paying for them.

Typical use::

    errors = giedit.checks.acceptance.blocking_findings(report)  # non-empty: refuse, or a draft
    export(report, "报告.pdf", draft=bool(errors))
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from giedit.export.options import ExportError, ExportOptions
from giedit.model.report import Report
from giedit.model.rule_ids import G_W3

if TYPE_CHECKING:
    from giedit.checks import Finding

__all__ = [
    "SUFFIXES",
    "ExportError",
    "ExportOptions",
    "export",
    "export_all",
    "export_docx",
    "export_html",
    "export_pdf",
    "glyph_findings",
    "output_format",
    "pdf_bytes",
]

SUFFIXES = (".docx", ".pdf", ".html", ".htm")


def glyph_findings(report: Report) -> list[Finding]:
    """Characters no shipped font draws (G-W3, not dismissed): shown before every export, since
    the PDF would print them as boxes."""
    from giedit.checks import active, check

    return list(active(check(report, only=[G_W3])))


def _write(path: str | Path, data: bytes) -> Path:
    """Write one file atomically, replacing what is there (``targets.write_all`` says why not)."""
    from giedit.export.targets import write_all

    return write_all([(path, data)], replace=True)[0]


def export_docx(
    report: Report, path: str | Path, *, draft: bool = False, options: ExportOptions | None = None
) -> Path:
    """Write the report as a publishable DOCX (a draft carries 草稿 in its header)."""
    return _write(path, render(report, "docx", draft=draft, options=options))


def export_pdf(
    report: Report, path: str | Path, *, draft: bool = False, options: ExportOptions | None = None
) -> Path:
    """Write the report as a publishable PDF with every font embedded (a draft carries 草稿)."""
    return _write(path, render(report, "pdf", draft=draft, options=options))


def export_html(
    report: Report, path: str | Path, *, draft: bool = False, options: ExportOptions | None = None
) -> Path:
    """Write the report as one self-contained web page for the portal (UTF-8, inline styles)."""
    return _write(path, render(report, "html", draft=draft, options=options))


def pdf_bytes(report: Report, *, draft: bool = False, options: ExportOptions | None = None) -> bytes:
    """The PDF in memory, for the print preview (QPdfDocument can read it from a QBuffer)."""
    from giedit.export.pdf_writer import build_pdf

    return build_pdf(report, draft=draft, options=options)


def output_format(path: str | Path) -> str:
    """``"docx"``, ``"pdf"`` or ``"html"`` from the file name; ``ExportError`` for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"无法识别「{Path(path).name}」的导出格式：文件名请以 .docx、.pdf 或 .html 结尾。")
    return "html" if suffix == ".htm" else suffix[1:]


def export(
    report: Report, path: str | Path, *, draft: bool = False, options: ExportOptions | None = None
) -> Path:
    """Export to ``path``, the format chosen by its extension (.docx, .pdf or .html)."""
    return _write(path, render(report, output_format(path), draft=draft, options=options))


def export_all(
    report: Report,
    paths: Sequence[str | Path],
    *,
    draft: bool = False,
    options: ExportOptions | None = None,
    replace: bool | Collection[Path] = False,
) -> list[Path]:
    """Export to several files (a format per extension) as one step: all are written or none.

    An existing file is replaced only when ``replace`` allows it (``True``, or the paths the clerk
    agreed to); otherwise ``targets.TargetsExist`` (an ``ExportError``) and nothing is written.
    """
    from giedit.export.targets import write_all

    for p in paths:
        output_format(p)  # every name checked before anything is built
    files = [(Path(p), render(report, output_format(p), draft=draft, options=options)) for p in paths]
    return write_all(files, replace=replace)


def render(report: Report, fmt: str, *, draft: bool = False, options: ExportOptions | None = None) -> bytes:
    """The bytes of one export format (``"docx"``, ``"pdf"`` or ``"html"``, as ``output_format``
    names it): the one place that picks a writer."""
    if fmt == "docx":
        from giedit.export.docx_writer import build_docx

        return build_docx(report, draft=draft, options=options)
    if fmt == "html":
        from giedit.export.html_writer import build_html

        return build_html(report, draft=draft)
    return pdf_bytes(report, draft=draft, options=options)
