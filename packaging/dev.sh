#!/usr/bin/env bash
# The README's quick start: set the machine up (packaging/setup.sh), then run giedit or the tests.
#   bash packaging/dev.sh run [FILE.giedit]     start the editor
#   bash packaging/dev.sh test [PYTEST ARGS]    run the test suite
set -euo pipefail
cd "$(dirname "$0")/.."
source packaging/setup.sh
what="${1:-run}"
shift || true
case "$what" in
  run) exec $UV run giedit "$@" ;;
  test) exec $UV run pytest "$@" ;;
  *) echo "usage: bash packaging/dev.sh run|test [ARGS]" >&2; exit 2 ;;
esac
