#!/usr/bin/env bash
# Sets up a bare Debian 12 / Ubuntu 22.04+ machine for giedit: the system packages Qt needs
# (offscreen and X11), a CJK font for the window, poppler-utils for the PDF checks (LibreOffice
# too with GIEDIT_WITH_LIBREOFFICE=1), and uv. Installs only what is missing; needs root or sudo.
# Sourced (as packaging/dev.sh does) it leaves the uv command to use in $UV.
set -euo pipefail

packages=(
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
  libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth
  fonts-wqy-microhei poppler-utils
)
if [[ "${GIEDIT_WITH_LIBREOFFICE:-0}" == 1 ]]; then
  packages+=(libreoffice-writer-nogui libreoffice-calc-nogui)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# uv: on PATH, as a module of python3, installed with pip --user, or, where the system Python
# refuses pip (PEP 668, Debian's own python3), in a private venv used only for uv.
export UV_PYTHON_DOWNLOADS=never
if command -v uv >/dev/null 2>&1; then
  UV=uv
elif python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q --user uv >/dev/null 2>&1; then
  UV="python3 -m uv"
else
  private="$HOME/.local/share/giedit/uv-venv"
  if ! python3 -m venv "$private" >/dev/null 2>&1; then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv
    python3 -m venv "$private"
  fi
  "$private/bin/pip" install -q uv
  UV="$private/bin/uv"
fi
export UV
