#!/usr/bin/env bash
# Install giedit for the current user, without root, from the unpacked bundle folder:
#
#   ./install.sh              install or update: ~/.local/opt/giedit, menu entry, icon, .giedit type
#   ./install.sh --uninstall  remove all of that again (reports stay where the clerk saved them)
#
# After installing it runs `giedit --self-test` from the installed copy, so a broken install is
# seen at once, and lists the Qt system libraries the machine still lacks for the window.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
APP="$HOME/.local/opt/giedit"
BIN="$HOME/.local/bin/giedit"
SIZES=(16 24 32 48 64 128 256)

refresh() {
  # Each tool is optional: desktops pick the files up at the next login without them.
  command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [[ "${1:-}" == "--uninstall" ]]; then
  rm -rf "$APP"
  rm -f "$BIN" "$DATA/applications/giedit.desktop" "$DATA/mime/packages/giedit.xml"
  for n in "${SIZES[@]}"; do rm -f "$DATA/icons/hicolor/${n}x${n}/apps/giedit.png"; done
  refresh
  echo "giedit 已卸载。已保存的报告文件不受影响。"
  exit 0
fi

if [[ "$HERE" != "$APP" ]]; then
  rm -rf "$APP.new"
  mkdir -p "$(dirname "$APP")"
  cp -a "$HERE" "$APP.new"
  rm -rf "$APP"
  mv "$APP.new" "$APP"
fi
mkdir -p "$(dirname "$BIN")" "$DATA/applications" "$DATA/mime/packages"
ln -sfn "$APP/giedit" "$BIN"
for n in "${SIZES[@]}"; do
  install -D -m 644 "$APP/_internal/resources/icons/giedit-$n.png" "$DATA/icons/hicolor/${n}x${n}/apps/giedit.png"
done
install -m 644 "$APP/giedit-mime.xml" "$DATA/mime/packages/giedit.xml"
sed -e "s|^Exec=.*|Exec=\"$APP/giedit\" %f|" -e "s|^TryExec=.*|TryExec=$APP/giedit|" \
  "$APP/giedit.desktop" >"$DATA/applications/giedit.desktop"
refresh
command -v xdg-mime >/dev/null && xdg-mime default giedit.desktop application/x-giedit || true

echo "giedit 已安装到 $APP"
"$APP/giedit" --self-test

missing="$(LD_LIBRARY_PATH="$APP/_internal:$APP/_internal/PySide6/Qt/lib" \
  ldd "$APP/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" 2>/dev/null | awk '/not found/ {print $1}')"
if [[ -n "$missing" ]]; then
  echo "注意：本机缺少显示窗口所需的系统库（请系统管理员安装）：" $missing
fi
