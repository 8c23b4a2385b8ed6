#!/usr/bin/env bash
# The whole test suite, on SQLite, PostgreSQL, DuckDB and Chromium. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
bash scripts/ensure-postgres.sh
export RECKON_TEST_PG=${RECKON_TEST_PG:-postgresql+psycopg://postgres@127.0.0.1:5432/reckon_test}
exec "$VENV/bin/python" -m pytest "$@"
