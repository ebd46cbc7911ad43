#!/usr/bin/env bash
# The README's quick start: set the machine up (packaging/setup.sh), then run giedit or the tests.
# setup.sh may install uv where PATH does not look (pip --user, a private venv), so the README's
# commands go through this script rather than a bare `uv run`.
#   bash packaging/dev.sh run [FILE.giedit]     start the editor
#   bash packaging/dev.sh giedit COMMAND ...    any giedit command: check, dump, import, export …
#   bash packaging/dev.sh python SCRIPT ...     a script in the project's environment (benchmarks)
#   bash packaging/dev.sh test [PYTEST ARGS]    run the test suite
set -euo pipefail
cd "$(dirname "$0")/.."
source packaging/setup.sh
what="${1:-run}"
shift || true
case "$what" in
  run|giedit) exec $UV run giedit "$@" ;;
  python) exec $UV run python "$@" ;;
  test) exec $UV run pytest "$@" ;;
  *) echo "用法：bash packaging/dev.sh run|giedit|python|test [参数…]" >&2; exit 2 ;;
esac
