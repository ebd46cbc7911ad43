"""Files that are not reports at all (qa25 defect 9): an Excel workbook, the same renamed .docx and
any other zip were refused with 「是空文件，没有可导入的内容」, which tells the clerk the report was
lost. Each is named for what it is, with what to choose instead: through ``giedit import``, the
function the editor's 导入 calls (``import_file``) and the editor itself."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image
from published_files import SOFFICE, libreoffice
from pytestqt.qtbot import QtBot
from test_import_cli import giedit
from test_ui_import import _window
from ui_support import answer_dialogs, answers  # noqa: F401

from giedit.importers import ImportFailed, import_file

CHOOSE = "请选择 Word、PDF、网页或文本格式的年度报告"


def _workbook(path: Path) -> Path:
    """A real workbook, as a county's 审核结果.xlsx or a unit's own statistics sheet is."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["单位", "新收政府信息公开申请数量", "办结数量"])
    sheet.append(["白水镇人民政府", 12, 12])
    book.save(path)
    return path


def _files(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    """Each kind of file, and the words its message must hold."""
    xlsx = _workbook(tmp_path / "表格.xlsx")
    renamed = tmp_path / "表格.docx"
    renamed.write_bytes(xlsx.read_bytes())
    archive = tmp_path / "材料.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("说明.txt", "年度报告见附件")
    zipped_as_docx = tmp_path / "年报.docx"
    zipped_as_docx.write_bytes(archive.read_bytes())
    ods = tmp_path / "统计.ods"  # an OpenDocument spreadsheet: its mimetype part comes first
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
        )
    picture = tmp_path / "扫描.png"
    Image.new("RGB", (40, 40), "white").save(picture)
    binary = tmp_path / "数据.dat"
    binary.write_bytes(bytes(range(256)) * 8)
    excel = ["是 Excel 表格，不是年度报告", CHOOSE]
    other_zip = ["是压缩包（zip），不是年度报告文档", "请先解压"]
    return {
        "xlsx": (xlsx, excel),
        "xlsx named .docx": (renamed, excel),
        "zip": (archive, other_zip),
        "zip named .docx": (zipped_as_docx, other_zip),
        "ods": (ods, ["是电子表格（.ods），不是年度报告", CHOOSE]),
        "picture": (picture, ["是图片（PNG），不是年度报告文档", "扫描件"]),
        "binary": (binary, ["不是年度报告文档", CHOOSE]),
    }


KINDS = ["xlsx", "xlsx named .docx", "zip", "zip named .docx", "ods", "picture", "binary"]


@pytest.mark.parametrize("kind", KINDS)
def test_import_file_says_what_the_file_is(kind: str, tmp_path: Path) -> None:
    path, words = _files(tmp_path)[kind]
    with pytest.raises(ImportFailed) as err:
        import_file(path)
    message = str(err.value)
    assert message.startswith(f"「{path.name}」")
    assert all(w in message for w in words), message
    assert "空文件" not in message and "\n" not in message


@pytest.mark.parametrize("kind", ["xlsx", "xlsx named .docx", "zip named .docx"])
def test_giedit_import_says_what_the_file_is(kind: str, tmp_path: Path) -> None:
    path, words = _files(tmp_path)[kind]
    target = tmp_path / "out.giedit"
    out = giedit("import", str(path), "-o", str(target))
    assert out.returncode == 2 and not target.exists()
    assert out.stderr.startswith("giedit：") and out.stderr.strip().count("\n") == 0
    assert all(w in out.stderr for w in words), out.stderr
    assert "空文件" not in out.stderr and "Traceback" not in out.stderr


def test_the_editor_says_what_the_file_is(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot)
    before = win.document
    files = _files(tmp_path)
    for kind in ("xlsx", "xlsx named .docx", "zip"):
        path, words = files[kind]
        assert not win.import_path(path)
        assert win.document is before
        asked = answers().asked[-1]
        assert path.name in asked and all(w in asked for w in words), asked


@pytest.fixture(scope="module")
def old_workbook(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real .xls, saved by LibreOffice from a workbook (converted once for the module)."""
    folder = tmp_path_factory.mktemp("xls")
    xls = libreoffice(_workbook(folder / "表格.xlsx"), "xls", folder / "out")
    assert xls is not None
    return xls.read_bytes()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")
@pytest.mark.parametrize("suffix", [".xls", ".wps", ".doc"])
def test_an_old_excel_workbook_is_named_before_conversion(
    suffix: str, old_workbook: bytes, tmp_path: Path
) -> None:
    """An .xls (an OLE file like .doc and .wps) was handed to LibreOffice as a Word file and came
    back 「无法转换（文件可能已损坏或加密）」."""
    assert old_workbook.startswith(b"\xd0\xcf\x11\xe0")
    path = tmp_path / f"表格{suffix}"
    path.write_bytes(old_workbook)
    with pytest.raises(ImportFailed) as err:
        import_file(path)
    assert str(err.value) == f"「{path.name}」是 Excel 表格，不是年度报告；{CHOOSE}。"
