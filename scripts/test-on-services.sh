#!/usr/bin/env bash
# The suite's second pass: the same tests on PostgreSQL + S3, when the test switches say where those run
# (.ci/run starts both and sets them; docs/running-several-nodes.md says how to by hand). Without them it
# says so and succeeds, so `npm test` on a fresh machine needs no service.
set -euo pipefail
if [ -z "${TRIBUTARY_TEST_POSTGRES_URL:-}" ] || [ -z "${TRIBUTARY_TEST_S3_ENDPOINT:-}" ]; then
  echo "PostgreSQL + S3 pass skipped: TRIBUTARY_TEST_POSTGRES_URL and TRIBUTARY_TEST_S3_ENDPOINT are not both set"
  exit 0
fi
echo "PostgreSQL + S3 pass: $TRIBUTARY_TEST_POSTGRES_URL, $TRIBUTARY_TEST_S3_ENDPOINT"
exec npm run test:run
