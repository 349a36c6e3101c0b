#!/usr/bin/env bash
# One initiative's map as SVG+PNG at 1600x900, the atlas against geopandas + matplotlib doing the
# same work, whole process each, median of N runs (default 5), run in turn after one untimed run
# of each:
#   - atlas: `microlateral-atlas export --initiative doha-agreement --format both` (bundled data,
#     no window);
#   - geopandas: scripts/bench-vs-geopandas.py, which reads assets/world.geojson and
#     assets/initiatives.json, colours each country by its role, projects to Web Mercator,
#     frames the initiative, draws borders, role outlines, a legend and a title, and saves an SVG
#     and a PNG.
# Wall time, and peak RSS: GNU time's %M (/usr/bin/time, apt package `time`), else the VmHWM of
# the process (not of any children) polled every 10 ms. Prints both side by side with the ratios,
# and the versions used.
# Geopandas and matplotlib come from PyPI into a virtual environment, made only with --install:
# $GEOPANDAS_VENV, by default ${XDG_CACHE_HOME:-~/.cache}/microlateral-atlas/geopandas-venv.
# ATLAS=path times that binary; unset, the release build is built first. BENCH_OUT=dir keeps
# both sides' pictures there. A benchmark, not part of CI. Needs python3 (and python3-venv).
# Usage: scripts/bench-vs-geopandas.sh [--install] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C
initiative=doha-agreement
width=1600
height=900

install=false
runs=5
for arg in "$@"; do
  case $arg in
    --install) install=true ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^set/d; s/^# \{0,1\}//; p}' "$0"
      exit 0
      ;;
    '' | *[!0-9]* | 0) echo "usage: $0 [--install] [RUNS]" >&2 && exit 2 ;;
    *) runs=$arg ;;
  esac
done

venv=${GEOPANDAS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/microlateral-atlas/geopandas-venv}
python=$venv/bin/python
if $install; then
  if [ ! -x "$python" ]; then
    if ! command -v python3 >/dev/null; then
      echo "--install needs python3 on PATH" \
        "(Debian/Ubuntu: apt-get install -y python3 python3-venv)" >&2
      exit 1
    fi
    echo "making a virtual environment in $venv" >&2
    if ! python3 -m venv "$venv"; then
      rm -rf "$venv"
      echo "python3 cannot make a virtual environment;" \
        "on Debian/Ubuntu: apt-get install -y python3-venv" >&2
      exit 1
    fi
  fi
  echo "installing geopandas and matplotlib from PyPI into $venv" >&2
  "$python" -m pip install --quiet --disable-pip-version-check geopandas matplotlib
fi
if [ ! -x "$python" ] || ! "$python" -c 'import geopandas, matplotlib' 2>/dev/null; then
  echo "no geopandas and matplotlib in $venv" >&2
  echo "run $0 --install to make that virtual environment and install them from PyPI" >&2
  echo "(or set GEOPANDAS_VENV to a virtual environment that has them)" >&2
  exit 1
fi

if [ -n "${ATLAS:-}" ]; then
  atlas=$ATLAS
else
  cargo build --release --quiet --bin microlateral-atlas
  atlas=target/release/microlateral-atlas
fi
if [ ! -x "$atlas" ]; then
  echo "no atlas binary at $atlas" >&2
  exit 1
fi

if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnu_time=true
else
  gnu_time=false
  echo "no GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install -y time); peak RSS is" \
    "the VmHWM of /proc/PID/status polled every 10 ms, and wall times carry the polling" >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${BENCH_OUT:-$tmp}
mkdir -p "$out/atlas" "$out/geopandas"

# One run of "$@": appends "wall_seconds peak_KiB" to the file $1. Stops the script if the
# command fails, with what it wrote to stderr.
measure() {
  local file=$1
  shift
  local start end peak=0 status=0
  start=$(date +%s.%N)
  if $gnu_time; then
    /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/stderr" || status=$?
    end=$(date +%s.%N)
    [ "$status" -eq 0 ] && peak=$(tail -n 1 "$tmp/rss")
  else
    "$@" >/dev/null 2>"$tmp/stderr" &
    local pid=$! key value rest seen
    while :; do
      seen=false
      while read -r key value rest; do
        if [ "$key" = VmHWM: ]; then
          seen=true
          [ "$value" -gt "$peak" ] && peak=$value
        fi
      done 2>/dev/null <"/proc/$pid/status" || true
      # A process that has exited (a zombie, or reaped) has no VmHWM.
      $seen || break
      sleep 0.01
    done
    wait "$pid" || status=$?
    end=$(date +%s.%N)
  fi
  if [ "$status" -ne 0 ]; then
    echo "failed (exit $status): $*" >&2
    cat "$tmp/stderr" >&2
    exit 1
  fi
  awk -v s="$start" -v e="$end" -v p="$peak" 'BEGIN {printf "%.4f %d\n", e - s, p}' >>"$file"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

atlas_run=("$atlas" export --initiative "$initiative" --format both --width "$width"
  --height "$height" --out "$out/atlas")
geopandas_run=("$python" scripts/bench-vs-geopandas.py --initiative "$initiative" --width "$width"
  --height "$height" --out "$out/geopandas")

# One untimed run of each, for the page cache and Python's bytecode and font caches, passing on
# any warnings; then check both drew an SVG and a PNG.
warm_up() {
  local side=$1
  shift
  measure "$tmp/warm.txt" "$@"
  if [ -s "$tmp/stderr" ]; then
    echo "$side wrote to stderr:" >&2
    sed 's/^/  /' "$tmp/stderr" >&2
  fi
}
warm_up atlas "${atlas_run[@]}"
warm_up geopandas "${geopandas_run[@]}"
for side in atlas geopandas; do
  for ext in svg png; do
    if ! compgen -G "$out/$side/*.$ext" >/dev/null; then
      echo "$side wrote no .$ext file in $out/$side" >&2
      exit 1
    fi
  done
done

for _ in $(seq "$runs"); do
  measure "$tmp/geopandas.txt" "${geopandas_run[@]}"
  measure "$tmp/atlas.txt" "${atlas_run[@]}"
done

gp_wall=$(cut -d' ' -f1 "$tmp/geopandas.txt" | median)
gp_rss=$(cut -d' ' -f2 "$tmp/geopandas.txt" | median)
at_wall=$(cut -d' ' -f1 "$tmp/atlas.txt" | median)
at_rss=$(cut -d' ' -f2 "$tmp/atlas.txt" | median)

printf 'one initiative (%s), SVG+PNG %dx%d, median of %d\n' "$initiative" "$width" "$height" "$runs"
awk -v gw="$gp_wall" -v gr="$gp_rss" -v aw="$at_wall" -v ar="$at_rss" 'BEGIN {
  printf "%-18s%-10s%s\n", "", "wall", "peak RSS"
  printf "%-16s%6.2f s%7.0f MiB\n", "geopandas+mpl", gw, gr / 1024
  printf "%-16s%6.2f s%7.0f MiB\n", "atlas export", aw, ar / 1024
  printf "%-18s%-10s%s\n", "ratio", sprintf("%.1fx", gw / aw), sprintf("%.1fx", gr / ar)
}'
echo "($("$python" scripts/bench-vs-geopandas.py --versions); peak RSS from" \
  "$(if $gnu_time; then echo "GNU time"; else echo "VmHWM, polled"; fi))"
if [ -n "${BENCH_OUT:-}" ]; then
  echo "pictures: $out/atlas, $out/geopandas"
fi
