"""Cheap static checks of the packaging files, which the unit tests never build.

The frozen build itself takes about a minute (packaging/ci_frozen_selftest.sh runs it); these
catch the mistakes that would only show on a clerk's PC: a resources folder left out of the
bundle, a launcher or installer that names the wrong file type, a per-machine install that needs
an administrator, an icon missing a size.
"""

from __future__ import annotations

import configparser
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from paths import ROOT
from PIL import Image

import giedit
from giedit.model.storage import SUFFIX

PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "giedit.spec"
ISS = PACKAGING / "windows" / "giedit.iss"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MIME = "application/x-giedit"


def test_the_spec_is_python_and_bundles_every_resources_folder() -> None:
    text = SPEC.read_text(encoding="utf-8")
    compile(text, str(SPEC), "exec")
    folders = sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_dir())
    assert {"fonts", "samples", "icons"} <= set(folders)
    for name in folders:
        assert f'"{name}"' in text, f"resources/{name} is not bundled"
    assert (PACKAGING / "giedit_launcher.py").is_file() and "giedit_launcher.py" in text


def test_the_spec_keeps_qt_network_out_and_makes_a_console_exe_for_windows() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert '"QtNetwork"' in text
    assert '_exe("giedit-cli", console=True)' in text


def test_the_desktop_entry_opens_giedit_files() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / "giedit.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] == "giedit" and "%f" in desktop["Exec"]
    assert desktop["Icon"] == "giedit"
    assert MIME in desktop["MimeType"].split(";")
    assert "giedit" in desktop["Name"]


def test_the_mime_type_is_the_giedit_suffix() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "linux" / "giedit-mime.xml").getroot()
    kind = root.find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == MIME
    globs = [g.get("pattern") for g in kind.findall("m:glob", ns)]
    assert globs == [f"*{SUFFIX}"]


def test_the_windows_installer_is_per_user_and_registers_the_file_type() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.M)
    assert re.search(r"^DefaultDirName=\{userpf\}", text, re.M)
    assert "HKLM" not in text  # nothing machine-wide
    assert re.search(r'Root: HKCU; Subkey: "Software\\Classes\\\.giedit"', text)
    assert re.search(r'shell\\open\\command".*giedit\.exe"" ""%1"""', text)
    assert "giedit-cli.exe') + '\" --self-test" in text
    assert f'#define AppVersion "{giedit.__version__}"' in text  # the default matches the release
    assert (ROOT / "resources" / "icons" / "giedit.ico").is_file() and "resources\\icons\\giedit.ico" in text


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_icon_png_has_its_size(size: int) -> None:
    with Image.open(ROOT / "resources" / "icons" / f"giedit-{size}.png") as img:
        assert img.size == (size, size) and img.mode == "RGBA"


def test_the_windows_icon_holds_every_size() -> None:
    with Image.open(ROOT / "resources" / "icons" / "giedit.ico") as ico:
        assert set(ico.info["sizes"]) == {(n, n) for n in ICON_SIZES}


@pytest.mark.parametrize(
    "script", ["build_linux.sh", "ci_frozen_selftest.sh", "linux/install.sh"], ids=lambda s: Path(s).name
)
def test_shell_scripts_parse(script: str) -> None:
    out = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
