#!/usr/bin/env bash
# Soak test (not part of CI's default run): many consecutive nunit-mproc runs of a small suite, checking
# after every run that no worker process is left behind, no socket is left in the temp folder and the
# temp folder does not grow. Every run gets the same private TMPDIR, so other users of /tmp do not
# disturb the counts.
#
#   bench/soak.sh [RUNS]             default 200 runs of examples/Shop.Tests (22 passing tests), 2 workers
#   CRASH_EVERY=K bench/soak.sh 50   also every K-th run is the Crashy suite with every crash kind
#                                    (tests/TestAssets/Crashy.NUnit4, CRASHY_MODE=all), so the crash path
#                                    is soaked too
#   CONFIGURATION=Debug|Release (default Release), CORES (default 2)
#
# Exit code 0 when every run gave the expected exit code and nothing leaked; 1 otherwise.
set -euo pipefail

runs=${1:-200}
config=${CONFIGURATION:-Release}
cores=${CORES:-2}
crash_every=${CRASH_EVERY:-0}
root=$(cd "$(dirname "$0")/.." && pwd)
tfm=net10.0

echo "soak: building ($config)..."
dotnet build "$root/src/Mproc.Coordinator" -c "$config" -v q -nologo >/dev/null
dotnet build "$root/examples/Shop.Tests" -c "$config" -v q -nologo >/dev/null
if [ "$crash_every" -gt 0 ]; then
  dotnet build "$root/tests/TestAssets/Crashy.NUnit4" -c "$config" -v q -nologo >/dev/null
fi

tool_dir="$root/src/Mproc.Coordinator/bin/$config/$tfm"
tool="$tool_dir/nunit-mproc.dll"
worker_dll="$tool_dir/Mproc.Worker.dll"
suite="$root/examples/Shop.Tests/bin/$config/$tfm/Shop.Tests.dll"
shop_tests=26
crashy="$root/tests/TestAssets/Crashy.NUnit4/bin/$config/$tfm/Crashy.NUnit4.dll"
crashy_tests=59

scratch=$(mktemp -d /tmp/mproc-soak-XXXXXX)
export TMPDIR="$scratch/tmp"
mkdir -p "$TMPDIR" "$scratch/work"
cd "$scratch/work"

failures=0
max_orphans=0
max_sockets=0
durations=()
first_files=""
first_kb=""
last_files=0
last_kb=0

orphans() { pgrep -f "$worker_dll" | wc -l || true; }

if [ "$(orphans)" -ne 0 ]; then
  echo "soak: workers of this build are already running; stop them first" >&2
  exit 1
fi

for i in $(seq 1 "$runs"); do
  if [ "$crash_every" -gt 0 ] && [ $((i % crash_every)) -eq 0 ]; then
    args=(--cores "$cores" --no-result --max-worker-restarts 10 "$crashy")
    expected_exit=13
    expected_count=$crashy_tests
    export CRASHY_MODE=all
  else
    args=(--cores "$cores" --no-result "$suite")
    expected_exit=0
    expected_count=$shop_tests
    unset CRASHY_MODE
  fi

  start=$(date +%s%N)
  set +e
  dotnet "$tool" "${args[@]}" >"$scratch/last.out" 2>&1
  code=$?
  set -e
  end=$(date +%s%N)
  durations+=($(( (end - start) / 1000000 )))

  if [ "$code" -ne "$expected_exit" ] || ! grep -q "Accounted for: $expected_count tests, $expected_count results" "$scratch/last.out"; then
    failures=$((failures + 1))
    echo "soak: run $i: exit $code (expected $expected_exit) or results unaccounted; output kept in $scratch/run-$i.out" >&2
    cp "$scratch/last.out" "$scratch/run-$i.out"
  fi

  # Workers exit with their coordinator; allow them a moment to be reaped.
  n=$(orphans)
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ "$n" -eq 0 ] && break
    sleep 0.2
    n=$(orphans)
  done
  [ "$n" -gt "$max_orphans" ] && max_orphans=$n
  sockets=$(find "$TMPDIR" -name 'mproc-*.sock' | wc -l)
  [ "$sockets" -gt "$max_sockets" ] && max_sockets=$sockets
  last_files=$(find "$TMPDIR" -mindepth 1 | wc -l)
  last_kb=$(du -sk "$TMPDIR" | cut -f1)
  if [ -z "$first_files" ]; then
    first_files=$last_files
    first_kb=$last_kb
  fi

  if [ $((i % 20)) -eq 0 ] || [ "$i" -eq "$runs" ]; then
    echo "soak: $i/$runs runs, $failures failed, orphans now $n, sockets now $sockets, temp $last_files entries / ${last_kb} KB"
  fi
done

sorted=($(printf '%s\n' "${durations[@]}" | sort -n))
count=${#sorted[@]}
median=${sorted[$((count / 2))]}
leftover_runtime=$(find "$TMPDIR" -name 'dotnet-diagnostic-*' -o -name 'clr-debug-pipe-*' | wc -l)

echo
echo "Soak summary"
echo "    runs: $runs ($failures with an unexpected exit code or unaccounted results)"
echo "    run time (ms): min ${sorted[0]}, median $median, max ${sorted[$((count - 1))]}"
echo "    orphan worker processes after a run: max $max_orphans"
echo "    sockets left in the temp folder after a run: max $max_sockets"
echo "    temp folder: $first_files entries / ${first_kb} KB after run 1, $last_files entries / ${last_kb} KB after run $runs"
echo "    (of which .NET runtime debug pipes and diagnostic sockets: $leftover_runtime)"
echo "    scratch folder: $scratch"

grown=$((last_files - first_files))
if [ "$failures" -ne 0 ] || [ "$max_orphans" -ne 0 ] || [ "$max_sockets" -ne 0 ] || [ "$grown" -gt 0 ]; then
  echo "soak: FAILED"
  exit 1
fi

echo "soak: OK"
rm -rf "$scratch"
