#!/usr/bin/env bash
# Runs the release app in a real X window (Xvfb, Mesa's llvmpipe), takes a screenshot and checks
# that it shows a map: ocean and land colours both cover a good part of the screen. Stops
# everything it started. Usage: scripts/smoke-window.sh [screenshot.png]
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${1:-target/smoke-window.png}
display=:${SMOKE_DISPLAY:-97}

cargo build --release --quiet
Xvfb "$display" -noreset -screen 0 1600x900x24 >/dev/null 2>&1 &
xvfb_pid=$!
app_pid=
# A fresh data folder, so no saved view from an earlier run changes what is on screen; removed
# on the way out with the rest (it used to be left in /tmp after every run).
state=$(mktemp -d)
cleanup() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT
sleep 2

DISPLAY=$display XDG_DATA_HOME=$state ./target/release/microlateral-atlas >target/smoke-window.log 2>&1 &
app_pid=$!
# Software rendering is slow to start; give the first frames time.
sleep 8
if ! kill -0 "$app_pid" 2>/dev/null; then
  echo "smoke-window: the app exited early:" >&2
  cat target/smoke-window.log >&2
  exit 1
fi
DISPLAY=$display import -window root "$shot"
convert "$shot" -depth 8 target/smoke-window.ppm

python3 - target/smoke-window.ppm <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
# Binary PPM: "P6\n<w> <h>\n<max>\n" then RGB bytes.
parts = data.split(b"\n", 3)
width, height = map(int, parts[1].split())
pixels = parts[3]
total = width * height
def share(rgb, tol=3):
    r0, g0, b0 = rgb
    n = 0
    for i in range(0, len(pixels), 3 * 7):  # every 7th pixel is plenty
        r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
        if abs(r - r0) <= tol and abs(g - g0) <= tol and abs(b - b0) <= tol:
            n += 1
    return n / (total / 7)
ocean = share((0xC9, 0xDD, 0xEA))
# Land is drawn in the neutral land colour or, in the overview, shaded by involvement
# (scene/palette.rs and scene/style.rs).
land = sum(share(c) for c in [(0xEE, 0xEB, 0xE3), (0xDC, 0xD3, 0xEA), (0xFD, 0xBE, 0x85), (0xFD, 0x8D, 0x3C), (0xD9, 0x47, 0x01)])
print(f"smoke-window: {width}x{height}, ocean {ocean:.1%}, land {land:.1%}")
if ocean < 0.10 or land < 0.05:
    print("smoke-window: the window does not show a map (expected ocean >= 10% and land >= 5%)", file=sys.stderr)
    sys.exit(1)
PY
echo "smoke-window: passed ($shot)"
