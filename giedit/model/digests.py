"""SHA-256 and SHA-1 without loading OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto to offer algorithms giedit never uses: about 3.8 MB
resident and 4 ms at every start (measured here), for hashing a report file's few kilobytes and a
few file names. CPython ships its own SHA-256 and SHA-1, the implementations ``hashlib`` itself
falls back to where there is no OpenSSL: ``_sha2`` from Python 3.12, ``_sha256``/``_sha1`` before.
The digests are the same either way (``tests/test_digests.py`` compares them with hashlib's); a
Python built without them gets hashlib's. The random parts of temp, lock and session names come
from ``os.urandom`` (what ``secrets.token_hex`` calls) for the same reason: ``secrets`` imports
``hmac``, which loads OpenSSL.
"""

from __future__ import annotations

try:
    from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,no-redef]  # Python 3.11
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]
try:
    from _sha1 import sha1  # type: ignore[import-not-found]
except ImportError:
    from hashlib import sha1  # type: ignore[assignment]

__all__ = ["sha1", "sha256"]
