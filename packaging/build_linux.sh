#!/usr/bin/env bash
# Build the Linux one-folder bundle and prove it works, in one command:
#
#   bash packaging/build_linux.sh            # -> dist/giedit/ and dist/giedit-<version>-linux-x86_64.tar.gz
#   bash packaging/build_linux.sh --no-tar   # -> dist/giedit/ only
#
# 1. A separate build venv (build/venv) with exactly the locked runtime dependencies from uv.lock
#    (no test tools, nothing from the developer's .venv) plus PyInstaller, pinned.
# 2. PyInstaller with packaging/giedit.spec -> dist/giedit/.
# 3. The frozen self-test (`dist/giedit/giedit --self-test`: open a bundled sample, check it,
#    export DOCX and PDF, verify them) and a start of the frozen editor; either failing fails
#    the build.
# 4. The install files (packaging/linux/) into the folder, and a tar.gz of it.
#
# Needs: uv, Python 3.11 on PATH, network access to PyPI (or a warm uv cache), and for the editor
# smoke test the Qt system libraries that packaging/setup.sh installs. dist/ and build/ are
# gitignored.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PYINSTALLER_VERSION="6.22.3"
VENV="$ROOT/build/venv"
TAR=1
[[ "${1:-}" == "--no-tar" ]] && TAR=0

start=$(date +%s)
step() { printf '\n== %s (%ds)\n' "$1" "$(($(date +%s) - start))"; }

step "build venv: locked runtime dependencies + PyInstaller $PYINSTALLER_VERSION"
export UV_PYTHON_DOWNLOADS=never
UV="${UV:-uv}"  # packaging/setup.sh may have put uv elsewhere
# giedit itself is not installed into the venv: the spec reads it from the source tree (pathex).
UV_PROJECT_ENVIRONMENT="$VENV" $UV sync --frozen --no-dev --no-install-project --quiet
$UV pip install --python "$VENV/bin/python" --quiet "pyinstaller==$PYINSTALLER_VERSION"

step "PyInstaller"
rm -rf dist/giedit
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/giedit.spec

step "frozen self-test"
QT_QPA_PLATFORM=offscreen dist/giedit/giedit --self-test

step "frozen editor starts (offscreen, 10 s)"
# The editor must still be running after 10 s (timeout's exit code 124) and must not have printed
# a traceback: an import missing from the bundle shows up here, not in the Qt-free self-test.
smoke_dir="$(mktemp -d)"
trap 'rm -rf "$smoke_dir"' EXIT
sample="$(ls dist/giedit/_internal/resources/samples/*.giedit | tail -n 1)"
set +e
GIEDIT_DATA_DIR="$smoke_dir" QT_QPA_PLATFORM=offscreen timeout 10 dist/giedit/giedit "$sample" \
  >"$smoke_dir/out.txt" 2>&1
code=$?
set -e
if [[ $code -ne 124 ]] || grep -q "Traceback" "$smoke_dir/out.txt"; then
  cat "$smoke_dir/out.txt"
  echo "the frozen editor exited early (exit code $code) or printed a traceback" >&2
  exit 1
fi
echo "the editor was still running after 10 s, without errors"

step "install files"
cp packaging/linux/install.sh packaging/linux/giedit.desktop packaging/linux/giedit-mime.xml dist/giedit/
chmod +x dist/giedit/install.sh

version="$("$VENV/bin/python" -c 'import giedit; print(giedit.__version__)')"  # -c: the source tree is on sys.path
if ((TAR)); then
  step "tar.gz"
  tar -C dist -czf "dist/giedit-$version-linux-x86_64.tar.gz" giedit
fi

step "done"
du -sh dist/giedit
((TAR)) && du -sh "dist/giedit-$version-linux-x86_64.tar.gz"
echo "build time: $(($(date +%s) - start)) s"
