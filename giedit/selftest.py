"""``giedit --self-test``: prove, on the machine where giedit is installed, that it works.

Office PCs get giedit as a frozen bundle (PyInstaller) whose failures are invisible until a clerk
exports on deadline day: a data file left out of the bundle, a module PyInstaller did not see, a
font that is not found. The self-test walks the same path as the clerk, through the same public
APIs, with a sample that ships with the program: locate the bundled resources, open a sample,
check it, export DOCX and PDF to a temporary folder and verify both files. The build scripts run
it against the frozen bundle and the Windows installer runs it after installing.

Each step prints one bilingual line (Chinese for the clerk or the IT colleague on the phone,
English for the build log); the first failing step ends the run with exit code 1. Unexpected
exceptions also print their traceback on stderr, because in a frozen build that is the only way
to see which module or file is missing.

No Qt: the self-test proves the headless core, and must run where no display is available.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

import giedit
from giedit.checks import Severity, active, check
from giedit.export import ExportError, ExportOptions, export_docx, export_pdf
from giedit.model.report import Report
from giedit.model.storage import FileError, load
from giedit.resources import resource_path

SAMPLE_ENV = "GIEDIT_SELFTEST_SAMPLE"  # another .giedit file to test with (used by the tests)
STEPS = 8
T = TypeVar("T")


class StepFailed(Exception):
    """A step's result is wrong; ``str(err)`` says what, in Chinese, with English where useful."""


class _Reporter:
    """Runs the steps in order, timing each and printing one line per step."""

    def __init__(self, out: TextIO | None) -> None:
        self.out = out
        self.done = 0

    def say(self, line: str) -> None:
        # print() is a no-op when the stream is None (a windowed Windows exe has no stdout).
        print(line, file=self.out if self.out is not None else sys.stdout, flush=True)

    def step(self, title: str, func: Callable[..., tuple[T, str]], *args: object) -> T:
        """Run one step; print its outcome; raise ``StepFailed`` (already reported) if it fails."""
        number = f"{self.done + 1}/{STEPS}"
        start = time.perf_counter()
        try:
            value, detail = func(*args)
        except StepFailed as err:
            self.say(f"[失败 FAIL] {number} {title}：{err}")
            raise
        except Exception as err:
            self.say(f"[失败 FAIL] {number} {title}：意外错误 unexpected error：{type(err).__name__}: {err}")
            traceback.print_exc()
            raise StepFailed(str(err)) from err
        self.done += 1
        self.say(f"[通过 OK]   {number} {title}：{detail}（{time.perf_counter() - start:.2f} s）")
        return value


def run(out: TextIO | None = None) -> int:
    """Run every step; 0 when all pass, 1 at the first failure (which is printed)."""
    reporter = _Reporter(out)
    mode = "已打包 frozen" if getattr(sys, "frozen", False) else "源代码 source"
    reporter.say(f"giedit {giedit.__version__} 自检 self-test（{mode}，Python {sys.version.split()[0]}）")
    start = time.perf_counter()
    options = ExportOptions(fonts="shipped")  # prove the bundled fonts, whatever the PC has installed
    try:
        with tempfile.TemporaryDirectory(prefix="giedit-selftest-", ignore_cleanup_errors=True) as tmp:
            folder = Path(tmp) / "自检"  # a Chinese folder name, as clerks' folders often have
            folder.mkdir()
            sample = reporter.step("查找随程序安装的文件 locate bundled resources", _resources)
            report = reporter.step("打开示例报告 open sample", _open, sample)
            reporter.step("检查报告 check", _check, report)
            docx = reporter.step(
                "导出 Word export DOCX", _export, export_docx, report, folder / "年度报告.docx", options
            )
            reporter.step("校验 Word 文件 verify DOCX", _verify_docx, docx, report)
            pdf = reporter.step(
                "导出 PDF export PDF", _export, export_pdf, report, folder / "年度报告.pdf", options
            )
            reporter.step("校验 PDF 文件 verify PDF", _verify_pdf, pdf)
            reporter.step("导入 PDF import PDF", _reimport, pdf, report)
    except StepFailed:
        reporter.say(f"自检失败 self-test FAILED：第 {reporter.done + 1} 步未通过 (step {reporter.done + 1})")
        return 1
    reporter.say(f"自检通过 self-test passed：{STEPS} 步全部通过（{time.perf_counter() - start:.2f} s）")
    return 0


# -- the steps: each returns (value for the next step, one-line detail) ---------------------------


def _resources() -> tuple[Path, str]:
    """The bundled fonts and samples exist; returns the sample to test with."""
    fonts = sorted(resource_path("fonts").glob("*.ttf"))
    if not fonts:
        raise StepFailed(
            f"找不到随程序安装的字体 no bundled fonts in {resource_path('fonts')}，请重新安装 giedit。"
        )
    icons = sorted(resource_path("icons").glob("*.png"))
    if not icons:
        raise StepFailed(f"找不到程序图标 no icons in {resource_path('icons')}，请重新安装 giedit。")
    override = os.environ.get(SAMPLE_ENV)
    if override:
        sample = Path(override)
    else:
        samples = sorted(resource_path("samples").glob("*.giedit"))
        if not samples:
            raise StepFailed(f"找不到示例报告 no samples in {resource_path('samples')}，请重新安装 giedit。")
        sample = samples[-1]  # the newest year: names start with it
    return sample, f"{len(fonts)} 个字体 fonts，{len(icons)} 个图标 icons，于 in {resource_path()}"


def _open(sample: Path) -> tuple[Report, str]:
    try:
        report = load(sample)
    except FileError as err:  # already one Chinese sentence naming the file
        raise StepFailed(str(err)) from None
    return report, f"{sample.name}：{report.year} 年度，格式 format {report.format}，{report.body.name}"


def _check(report: Report) -> tuple[None, str]:
    findings = list(active(check(report)))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise StepFailed(f"示例报告有 {len(errors)} 个错误 errors，例如 e.g. [{first.rule}] {first.message}")
    return None, f"0 个错误 errors，{len(findings)} 个提醒 warnings"


def _export(
    writer: Callable[..., Path], report: Report, target: Path, options: ExportOptions
) -> tuple[Path, str]:
    try:
        path = writer(report, target, options=options)
    except ExportError as err:  # already one Chinese sentence naming the file
        raise StepFailed(str(err)) from None
    size = path.stat().st_size
    if size == 0:
        raise StepFailed(f"导出的文件是空的 the exported file is empty：{path.name}")
    return path, f"{path.name}，{size / 1024:.0f} KB"


def _verify_docx(path: Path, report: Report) -> tuple[None, str]:
    """A DOCX Word opens: a sound zip that python-docx reads, with every section and table."""
    import docx  # python-docx; only the self-test and the exporter need it

    with zipfile.ZipFile(path) as archive:
        damaged = archive.testzip()
        if damaged is not None:
            raise StepFailed(f"Word 文件已损坏 damaged zip member：{damaged}")
        if "word/document.xml" not in archive.namelist():
            raise StepFailed("Word 文件缺少正文 word/document.xml is missing")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    missing = [s.title for s in report.definition.sections if s.title not in text]
    if missing:
        raise StepFailed(f"Word 文件缺少标题 missing headings：{'、'.join(missing)}")
    tables = len(report.definition.tables)
    if len(document.tables) < tables:
        raise StepFailed(f"Word 文件只有 {len(document.tables)} 张表格，应有 {tables} 张 (tables)")
    return None, f"{len(report.definition.sections)} 个标题 headings，{len(document.tables)} 张表格 tables"


_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b(.*?)\bendobj", re.DOTALL)
_NAME = rb"/([^\s/<>\[\]()]+)"


def _reimport(path: Path, report: Report) -> tuple[None, str]:
    """The exported PDF imported again gives the same tables: proves the import readers and their
    data (pdfminer's tables, OpenCC's dictionaries) made it into the bundle."""
    from giedit.importers import ImportFailed, import_file
    from giedit.importers.chinese import simplified

    try:
        result = import_file(path)
    except ImportFailed as err:
        raise StepFailed(str(err)) from None
    wrong = [c for c in report.definition.cells if result.report.cells.get(c) != report.cells.get(c)]
    if wrong:
        raise StepFailed(f"{len(wrong)} 个单元格读回不一致 cells differ after import, e.g. {wrong[0]}")
    if simplified("繁體字") != "繁体字":
        raise StepFailed("繁简转换数据缺失 OpenCC dictionaries missing")
    return None, f"{len(report.definition.cells)} 个单元格一致 cells equal（{result.reader}）"


def _verify_pdf(path: Path) -> tuple[None, str]:
    """A PDF a reader opens the same everywhere: complete, with pages, every font embedded.

    pypdf is only a test dependency, so this reads the file's structure with a few regular
    expressions; reportlab writes uncompressed object dictionaries and a classic xref table.
    """
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise StepFailed("不是 PDF 文件 no %PDF- header")
    if b"%%EOF" not in data[-1024:]:
        raise StepFailed("PDF 文件不完整 no %%EOF at the end (truncated)")
    xref = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if xref is None or data[int(xref[1]) : int(xref[1]) + 4] != b"xref":
        raise StepFailed("PDF 文件的交叉引用表有误 startxref does not point at the xref table")
    objects = [m[1] for m in _OBJECT.finditer(data)]
    pages = sum(1 for o in objects if re.search(rb"/Type\s*/Page(?![A-Za-z])", o))
    if pages == 0:
        raise StepFailed("PDF 文件没有页面 no pages")
    embedded = set()
    for o in objects:
        if re.search(rb"/Type\s*/FontDescriptor\b", o) and re.search(rb"/FontFile[23]?\b", o):
            name = re.search(rb"/FontName\s*" + _NAME, o)
            if name:
                embedded.add(name[1].decode("latin-1"))
    fonts = {
        m[1].decode("latin-1")
        for o in objects
        if re.search(rb"/Type\s*/Font\b", o) and (m := re.search(rb"/BaseFont\s*" + _NAME, o))
    }
    if not fonts:
        raise StepFailed("PDF 文件没有字体 no fonts")
    if not_embedded := sorted(fonts - embedded):
        raise StepFailed(f"PDF 文件有未嵌入的字体 fonts not embedded：{', '.join(not_embedded)}")
    families = sorted({f.split("+", 1)[-1] for f in fonts})
    return None, f"{pages} 页 pages，{len(fonts)} 个嵌入字体 embedded fonts：{', '.join(families)}"
