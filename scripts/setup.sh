#!/usr/bin/env bash
# Install what reckon needs on a fresh Debian machine: system libraries, a virtual environment, the package.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
WITH_TEST=${WITH_TEST:-1}

need=()
# PyICU compiles against ICU; WeasyPrint needs Pango; the browser tests need Debian's Chromium.
# The PDF report tests read its text layer with pdftotext (poppler-utils).
for pkg in libicu-dev pkg-config libpango-1.0-0 libpangoft2-1.0-0 default-jre-headless; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "$WITH_TEST" = 1 ]; then
  for pkg in chromium fonts-dejavu-core poppler-utils; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
fi
stamp="$VENV/.reckon-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing reckon and its dependencies into $VENV"
  extra=""; [ "$WITH_TEST" = 1 ] && extra="[test]"
  "$VENV/bin/pip" install -q -e ".$extra"
  touch "$stamp"
fi
