"""Files that are not reports at all, named in words the clerk knows.

An Excel workbook, a PowerPoint file and a Word document are all zip packages, and a workbook
renamed ``.docx`` looks like one too: told only "no text found" (「是空文件」) the clerk would think
the report was lost. The package's parts say what the file is; a picture, an archive or a
program says it by its first bytes. Each message ends by saying what to choose instead.
"""

from __future__ import annotations

import re

CHOOSE = "请选择 Word、PDF、网页或文本格式的年度报告"
UNZIP = "请先解压，再从中选择 Word、PDF、网页或文本格式的年度报告"

# The folder each Office and OpenDocument kind keeps its main part in, or its ``mimetype``.
_PACKAGES = (
    ("xl/", "Excel 表格"),
    ("ppt/", "PowerPoint 演示文稿"),
    ("visio/", "Visio 图表"),
)
_OPENDOCUMENT = {
    "spreadsheet": "电子表格（.ods）",
    "presentation": "演示文稿（.odp）",
    "graphics": "图形文件（.odg）",
}
# First bytes of files a clerk may pick by mistake from the folder the report is in.
_MAGIC = (
    (b"\x89PNG", "图片（PNG）"),
    (b"\xff\xd8\xff", "图片（JPEG）"),
    (b"GIF8", "图片（GIF）"),
    (b"BM", "图片（BMP）"),
    (b"II*\x00", "图片（TIFF）"),
    (b"MM\x00*", "图片（TIFF）"),
    (b"Rar!", "压缩包（RAR）"),
    (b"7z\xbc\xaf\x27\x1c", "压缩包（7z）"),
    (b"\x1f\x8b", "压缩包（gz）"),
    (b"MZ", "程序文件"),
    (b"\x7fELF", "程序文件"),
)
_PICTURE_HINT = "；如果是报告的扫描件，请找到原始的 Word 文件，或把文字复制出来保存为 .txt 后再导入"


def package_message(names: set[str], mimetype: bytes, name: str) -> str:
    """What a zip package that holds no Word document is, and what to do."""
    for folder, what in _PACKAGES:
        if any(n.startswith(folder) for n in names):
            return f"{name}是 {what}，不是年度报告；{CHOOSE}。"
    m = re.match(rb"application/vnd\.oasis\.opendocument\.([a-z]+)", mimetype)
    if m is not None and m.group(1).decode() in _OPENDOCUMENT:
        return f"{name}是{_OPENDOCUMENT[m.group(1).decode()]}，不是年度报告；{CHOOSE}。"
    return f"{name}是压缩包（zip），不是年度报告文档；{UNZIP}。"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# Stream names in an OLE file's directory: Word and WPS write WordDocument, Excel and WPS
# Spreadsheets Workbook (Book in Excel 5), PowerPoint "PowerPoint Document".
_OLE_WORD = _utf16("WordDocument")
_OLE_KINDS = (
    ((_utf16("Workbook"), _utf16("Book\0")), "Excel 表格"),
    ((_utf16("PowerPoint Document"),), "PowerPoint 演示文稿"),
)


def ole_message(data: bytes, name: str) -> str | None:
    """What an old Office file (an OLE container, like .doc and .wps) is when it holds no Word
    document; ``None`` for a Word or WPS document (it goes on to LibreOffice)."""
    if _OLE_WORD in data:
        return None
    for streams, what in _OLE_KINDS:
        if any(s in data for s in streams):
            return f"{name}是 {what}，不是年度报告；{CHOOSE}。"
    return None


def binary_message(data: bytes, name: str) -> str:
    """What a file that is neither a document nor text is, and what to do."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            if what.startswith("图片"):
                return f"{name}是{what}，不是年度报告文档{_PICTURE_HINT}。"
            choose = UNZIP if what.startswith("压缩包") else CHOOSE
            return f"{name}是{what}，不是年度报告文档；{choose}。"
    return f"{name}不是年度报告文档：其中不是可识别的文字（编码无法识别或含有二进制内容）；{CHOOSE}。"
