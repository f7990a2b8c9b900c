#!/usr/bin/env bash
# Make sure the browser-test tools are present: Debian's chromium (headless browser), LibreOffice Calc
# (opens the CSV exports as a spreadsheet would), and axe-core and vnu-jar from npm (pinned in
# package-lock.json). Quick when they are already installed.
# Outside CI a missing tool is reported and the browser tests skip; in CI (CI=true) it is a failure.
set -u
cd "$(dirname "$0")/.."
status=0

# Root installs directly (this project's machines); elsewhere passwordless sudo works (GitHub's runners).
if [ "$(id -u)" = "0" ]; then as_root=""; elif sudo -n true 2>/dev/null; then as_root="sudo"; else as_root="none"; fi
apt_install() {
  [ "$as_root" != "none" ] && command -v apt-get >/dev/null 2>&1 || return 1
  $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
   && ! command -v google-chrome >/dev/null 2>&1; then
  echo "Installing chromium from Debian's packages..."
  if ! apt_install chromium; then
    echo "chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium)." >&2
    status=1
  fi
fi

if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
  echo "Installing LibreOffice Calc (headless) from Debian's packages..."
  if ! apt_install libreoffice-calc-nogui && ! apt_install libreoffice-calc; then
    echo "LibreOffice is missing: install Debian's 'libreoffice-calc-nogui' package for the spreadsheet check." >&2
    status=1
  fi
fi

if ! command -v java >/dev/null 2>&1; then
  echo "Installing a Java runtime for the Nu HTML Checker..."
  if ! apt_install default-jre-headless; then
    echo "java is missing: install a Java runtime (default-jre-headless) for the HTML checker." >&2
    status=1
  fi
fi

# npm writes node_modules/.package-lock.json as it installs: the packages it lists are those installed.
# Compared by content, not by date: a checkout rewrites package-lock.json without changing it.
npm_packages_current() {
  python3 -c 'import json, sys
locked = json.load(open("package-lock.json"))["packages"]
installed = json.load(open("node_modules/.package-lock.json"))["packages"]
sys.exit({path: entry for path, entry in locked.items() if path} != installed)' 2>/dev/null
}

if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
   || ! npm_packages_current; then
  if [ -L node_modules ]; then  # npm ci would empty the folder it links to
    echo "node_modules links to $(readlink node_modules), whose packages differ from package-lock.json: run make browser there." >&2
    status=1
  elif command -v npm >/dev/null 2>&1; then
    echo "Installing axe-core and vnu-jar from package-lock.json..."
    npm ci --no-audit --no-fund --silent || status=1
  else
    echo "npm is missing: install Node.js and npm to run the accessibility and HTML checks." >&2
    status=1
  fi
fi

if [ "$status" != 0 ] && [ "${CI:-}" = "true" ]; then
  echo "Browser-test tools could not be installed; in CI this is a failure, not a skip." >&2
  exit 1
fi
exit 0
