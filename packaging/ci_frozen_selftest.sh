#!/usr/bin/env bash
# CI job: build the frozen Linux bundle and run its self-test and an editor start
# (packaging/build_linux.sh without the tar.gz). Fails if the build or either check fails.
#
# Runtime on the development machine (2 cores): about 45 s with a warm uv cache, of which
# PyInstaller takes about 30 s; add the download of PySide6 & co. (~100 MB) on a cold cache.
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never PATH="$HOME/.local/bin:$PATH"

source packaging/setup.sh
bash packaging/build_linux.sh --no-tar
