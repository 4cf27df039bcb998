#!/usr/bin/env bash
# The web interface's suites in a real Chromium (test/browser). Without Chromium they are skipped with one
# line, unless TRIBUTARY_TEST_REQUIRE_BROWSER=1 (set by .ci/run), which makes a missing browser a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium_path="${TRIBUTARY_TEST_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "${TRIBUTARY_TEST_REQUIRE_BROWSER:-0}" = "1" ]; then
    echo "Browser tests need Chromium at $chromium_path (TRIBUTARY_TEST_REQUIRE_BROWSER=1)" >&2
    exit 1
  fi
  echo "Browser tests skipped: no Chromium at $chromium_path (apt-get install chromium, then npm test again)"
  exit 0
fi
exec env -u TRIBUTARY_TEST_POSTGRES_URL -u TRIBUTARY_TEST_S3_ENDPOINT \
  node --import tsx --test --test-reporter=spec $(find test/browser -name '*.test.ts' | sort)
