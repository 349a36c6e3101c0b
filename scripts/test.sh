#!/usr/bin/env bash
# The project's test command (the README names it): every Rust test, headless UI tests included,
# then the app in a real window under Xvfb. On a fresh Debian machine, run as root, it first
# installs what the window and the CPU renderer need.
set -euo pipefail
cd "$(dirname "$0")/.."

# ffmpeg: the MP4 export is tested end to end (ffmpeg encodes, ffprobe counts the frames).
packages=(xvfb xauth libgl1-mesa-dri mesa-vulkan-drivers libvulkan1 imagemagick xdotool
  libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 fonts-dejavu-core ffmpeg)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cargo test
scripts/smoke-window.sh
