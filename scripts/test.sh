#!/usr/bin/env bash
# Bro's whole test suite, as `make test` runs it: lint, data, unit/golden/build tests, then the browser stage.
# The browser stage needs Debian's chromium; without it the stage is skipped (and that fails under CI=true).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0

stage() { printf '\n== %s\n' "$1"; }

stage "npm tools (eslint, axe-core, vnu-jar, iframe-worker)"
if command -v npm >/dev/null 2>&1; then
  make --no-print-directory node-setup || status=1
elif [ "${CI:-}" = "true" ]; then
  echo "FAILED: npm is needed for the accessibility and HTML checks (apt-get install nodejs npm), and CI=true requires it."
  status=1
else
  echo "SKIPPED: npm is not installed here; the accessibility and HTML checks that need it will be skipped."
fi

# The site's own scripts (overrides/assets/bro/*.js): eslint (pinned in package-lock.json), then their unit tests on
# node's own test runner (tests/js/). Without npm and node both stages are skipped, and that fails under CI=true.
stage "lint (eslint)"
if [ -x node_modules/.bin/eslint ]; then
  npm run --silent lint || status=1
elif [ "${CI:-}" = "true" ]; then
  echo "FAILED: eslint is not installed (make node-setup, needs npm), and CI=true requires it."
  status=1
else
  echo "SKIPPED: eslint is not installed here (make node-setup, needs npm)."
fi

stage "JavaScript unit tests (node --test)"
if command -v node >/dev/null 2>&1; then
  if compgen -G "tests/js/*.test.js" >/dev/null; then
    node --test --test-reporter=spec tests/js/*.test.js || status=1
  else
    echo "FAILED: no tests in tests/js/."
    status=1
  fi
elif [ "${CI:-}" = "true" ]; then
  echo "FAILED: node is needed for the JavaScript unit tests (apt-get install nodejs), and CI=true requires it."
  status=1
else
  echo "SKIPPED: node is not installed here; the JavaScript unit tests need it (apt-get install nodejs)."
fi

stage "lint (ruff)"
$BIN/ruff check src hooks scripts tests || status=1

stage "sample data (validator)"
$BIN/python -m bro.cli --errors-only || status=1

# The unit stage and the browser stage run side by side (each mostly keeps one core busy; CI has two), each in a
# temporary folder of its own; the unit stage's output is printed when both have ended.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$BIN/python -m pytest -m "not browser" -q -p no:cacheprovider --basetemp="$work/unit" >"$work/unit.log" 2>&1 &
unit_pid=$!

stage "browser tests (Playwright + Debian chromium)"
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  $BIN/python -m pytest -m browser -q -p no:cacheprovider --basetemp="$work/browser" tests/browser
  rc=$?
  [ $rc -eq 5 ] && echo "pytest collected no browser tests: that is a failure here."
  [ $rc -ne 0 ] && status=1
elif [ "${CI:-}" = "true" ]; then
  echo "FAILED: the browser stage needs Debian's chromium (apt-get install chromium), and CI=true requires it."
  status=1
else
  echo "SKIPPED: browser stage — Debian's chromium is not installed here (sudo apt-get install chromium)."
fi

stage "unit, golden and build tests"
wait "$unit_pid"
rc=$?
cat "$work/unit.log"
[ $rc -eq 5 ] && echo "pytest collected no tests: that is a failure here."
[ $rc -ne 0 ] && status=1

if [ $status -eq 0 ]; then echo; echo "All stages passed."; else echo; echo "Some stages FAILED (see above)."; fi
exit $status
