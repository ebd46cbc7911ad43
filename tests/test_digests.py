"""giedit's SHA-256/SHA-1 (CPython's built-in implementations, no OpenSSL) equal hashlib's, so
file fingerprints, lock, backup and temp names stay what earlier versions wrote."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from giedit.model import digests


@given(st.binary(max_size=5000))
def test_the_digests_are_hashlibs(data: bytes) -> None:
    assert digests.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert digests.sha1(data).hexdigest() == hashlib.sha1(data).hexdigest()


def test_incremental_updates_give_the_same_digest() -> None:
    h = digests.sha256()
    for chunk in (b"2025", "年度报告".encode(), b"\x00" * 70_000):
        h.update(chunk)
    assert h.hexdigest() == hashlib.sha256(b"2025" + "年度报告".encode() + b"\x00" * 70_000).hexdigest()


def test_hashing_does_not_load_openssl() -> None:
    code = (
        "import sys; from giedit.model import digests, storage, locks, atomic, backups;"
        "digests.sha256(b'x').hexdigest(); print('_hashlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
