""".doc, .wps, .odt and .rtf through LibreOffice, when it is installed: converted to DOCX in a
temporary folder, then read by the DOCX reader with all its limits (zip and XML bombs included).

Reading the old binary Word format (and WPS's, and ODF) by hand is out of the question;
LibreOffice reads them as well as anything free does. It runs headless, as a separate process:

- with its own temporary profile (``-env:UserInstallation``), so it neither blocks on nor
  changes the clerk's own LibreOffice settings, and parallel imports do not collide;
- with macros off (the fresh profile's security level forbids them, and ``--norestore`` /
  ``--nolockcheck`` keep it from touching anything else), and without network: the input is a
  copy in the temporary folder and only the converted file is read back;
- with a time limit (the whole process group is killed when it runs over) and a size limit on
  what it produced.

Without LibreOffice the clerk is told to save the file as .docx (另存为) in Word or WPS.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from giedit.importers.result import ImportFailed
from giedit.importers.safety import check_package

TIMEOUT = 60.0  # seconds; a report converts in one or two
MAX_OUTPUT_BYTES = 64 * 1024 * 1024
KINDS = {
    "doc": "旧版 Word 文件（.doc）",
    "wps": "WPS 文字文件（.wps）",
    "odt": "OpenDocument 文本（.odt）",
    "rtf": "RTF 文件",
}
_SUFFIX = {"doc": ".doc", "wps": ".wps", "odt": ".odt", "rtf": ".rtf"}
# The temporary profile's settings: macros never run, whatever the document says.
_NO_MACROS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
_WINDOWS_PATHS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def soffice() -> str | None:
    """The LibreOffice program, if installed (``GIEDIT_SOFFICE`` overrides; tests set it empty)."""
    override = os.environ.get("GIEDIT_SOFFICE")
    if override is not None:
        return override or None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        return next((p for p in _WINDOWS_PATHS if Path(p).exists()), None)
    return None


def no_office_message(name: str, kind: str) -> str:
    what = KINDS.get(kind, "这种文件")
    return (
        f"{name}是{what}，需要先转换为 .docx 才能导入：请在 Word 或 WPS 中打开它，"
        "选择“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入另存的文件。"
        "（安装 LibreOffice 后 giedit 也可以直接导入这种文件。）"
    )


def convert_to_docx(data: bytes, kind: str, name: str) -> bytes:
    """The DOCX LibreOffice makes of ``data``; ``ImportFailed`` (Chinese) on any failure."""
    program = soffice()
    if program is None:
        raise ImportFailed(no_office_message(name, kind))
    if kind == "odt":
        check_package(data, name)  # a zip: its bombs are refused before LibreOffice expands them
    failed = ImportFailed(
        f"{name}无法转换（文件可能已损坏或加密）。请在 Word 或 WPS 中打开后另存为 .docx 再导入。"
    )
    with tempfile.TemporaryDirectory(prefix="giedit-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"source{_SUFFIX.get(kind, '.doc')}"
        source.write_bytes(data)
        out = folder / "out"
        user = folder / "profile" / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_NO_MACROS, encoding="utf-8")
        profile = (folder / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, folder, name)
        result = out / "source.docx"
        if not result.is_file():
            raise failed
        if result.stat().st_size > MAX_OUTPUT_BYTES:
            raise ImportFailed(f"{name}转换后的文件过大，不像是年度报告，已拒绝导入。")
        return result.read_bytes()


def _run(command: list[str], folder: Path, name: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNO", "SAL_", "URE_"))}
    env["HOME"] = str(folder)  # nothing of the clerk's home is touched
    options: dict[str, object] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(
            subprocess, "CREATE_NO_WINDOW", 0
        )
    else:
        options["start_new_session"] = True  # its own process group, killed as a whole
    try:
        proc = subprocess.Popen(
            command,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **options,  # type: ignore[arg-type]
        )
    except OSError:
        raise ImportFailed(
            f"无法启动 LibreOffice 来转换{name}。请在 Word 或 WPS 中另存为 .docx 后再导入。"
        ) from None
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise ImportFailed(
            f"{name}转换超时（超过 {TIMEOUT:.0f} 秒），已停止。请在 Word 或 WPS 中另存为 .docx 后再导入。"
        ) from None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        if sys.platform == "win32":
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()
