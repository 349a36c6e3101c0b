#!/usr/bin/env bash
# Start-up of the atlas against a bare eframe window (examples/bare.rs), both release builds,
# whole process under Xvfb with Mesa's CPU renderer, median of N runs each (default 5):
#   - spawn to window visible: from starting the process to the X server mapping its window;
#   - CPU seconds in the first 6 s: user + system time of the process 6 s after its start;
#   - peak RSS: the process's high-water mark (VmHWM) at 6 s.
# A benchmark, not part of CI. Needs xvfb, xdotool and bc.
# Usage: scripts/bench-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet --bin microlateral-atlas --example bare
ticks=$(getconf CLK_TCK)
display=:97
# -noreset: by default Xvfb resets when its last client leaves, and a window opened during the
# reset fails with "Failed to open connection to X server" (what made runs fail now and then).
Xvfb "$display" -noreset -screen 0 1600x900x24 >/dev/null 2>&1 &
xvfb=$!
state=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$state"' EXIT
sleep 1

# One run of "$@": prints "visible_ms cpu_s peak_mib".
measure() {
  local title=$1
  shift
  local start pid visible end stat cpu rss
  start=$(date +%s%N)
  DISPLAY=$display XDG_DATA_HOME=$state "$@" >/dev/null 2>&1 &
  pid=$!
  # xdotool's own --sync polls twice a second; a 10 ms loop measures to about 20 ms.
  until DISPLAY=$display xdotool search --onlyvisible --name "^${title}\$" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || [ $(($(date +%s%N) - start)) -gt 30000000000 ]; then
      echo "$* showed no window titled \"$title\" (exited, or 30 s passed)" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.01
  done
  visible=$(date +%s%N)
  # 6 s after the start, read the process's CPU time and memory high-water mark.
  end=$((start + 6000000000))
  while [ "$(date +%s%N)" -lt "$end" ]; do sleep 0.05; done
  stat=($(cut -d' ' -f14,15 "/proc/$pid/stat"))
  cpu=$(echo "(${stat[0]} + ${stat[1]}) / $ticks" | bc -l)
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%d %.2f %.0f\n' $(((visible - start) / 1000000)) "$cpu" "$(echo "$rss / 1024" | bc -l)"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

report() {
  local name=$1 file=$2
  printf '%-22s %8s ms %8s s %8s MiB\n' "$name" \
    "$(cut -d' ' -f1 "$file" | median)" "$(cut -d' ' -f2 "$file" | median)" \
    "$(cut -d' ' -f3 "$file" | median)"
}

for _ in $(seq "$runs"); do
  measure "Bare eframe window" target/release/examples/bare >>"$state/bare.txt"
  measure "Microlateral Atlas" target/release/microlateral-atlas >>"$state/atlas.txt"
done
printf '%-22s %11s %10s %12s   (median of %d)\n' "" "visible" "CPU in 6 s" "peak RSS" "$runs"
report "bare eframe window" "$state/bare.txt"
report "atlas" "$state/atlas.txt"
