#!/usr/bin/env bash
# Times the presentation exports, whole process, median of N runs (default 5), on the release
# build: the every-milestone tour as a PDF deck, and a monthly sweep of the Christchurch Call at
# 1280x720 as GIF (frames per second) and, when ffmpeg is on PATH, as MP4. A benchmark, not part
# of CI. Usage: scripts/bench-export.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
atlas=target/release/microlateral-atlas
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Median of the wall times (seconds) of running "$@" $runs times; the last run's output is kept.
median_secs() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" >"$out/last.txt"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

pdf=$(median_secs "$atlas" export --tour --format pdf --out "$out")
pages=$(grep -o '[0-9]* pictures\?, [0-9]* pages\? of sources' "$out/last.txt")
printf 'PDF deck, every milestone (%s): %.2f s\n' "$pages" "$pdf"

sweep=(export --animate --initiative christchurch-call --from 2019-05 --to 2021-06 --every month
  --width 1280 --height 720 --out "$out")
gif=$(median_secs "$atlas" "${sweep[@]}" --format gif)
frames=$(grep -o '([0-9]* frames' "$out/last.txt" | tr -dc 0-9)
printf 'GIF 1280x720, %s frames: %.2f s, %.1f frames/s (load included)\n' \
  "$frames" "$gif" "$(echo "$frames / $gif" | bc -l)"

if command -v ffmpeg >/dev/null; then
  mp4=$(median_secs "$atlas" "${sweep[@]}" --format mp4)
  video_frames=$(grep -o '([0-9]* frames' "$out/last.txt" | tr -dc 0-9)
  printf 'MP4 1280x720, %s video frames (20 fps): %.2f s\n' "$video_frames" "$mp4"
else
  echo "MP4: skipped, no ffmpeg on PATH"
fi
