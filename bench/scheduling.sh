#!/usr/bin/env bash
# Scheduling benchmark: 120 tests with heavy-tailed sleeps (10 x 2 s, 110 x 20-100 ms; 26.6 s of
# serial work) on 4 workers. Compares a first run (no timings: NUnit's order, long tests last) with
# a second run (timings from the run before: longest first) against the lower bound
# max(total / workers, longest test) = 6.65 s plus the tool's startup, measured in the same invocation
# as a run of the same suite that selects one short test.
#
#   bash bench/scheduling.sh [--repeat R]
set -euo pipefail
cd "$(dirname "$0")/.."

repeat=3
if [[ "${1:-}" == "--repeat" ]]; then repeat="$2"; fi

out="bench/out/scheduling"
mkdir -p "$out"
dotnet build src/Mproc.Coordinator -c Release -v q -nologo >/dev/null
dotnet build tests/TestAssets/HeavyTail.NUnit4 -c Release -v q -nologo >/dev/null
tool="$PWD/src/Mproc.Coordinator/bin/Release/net10.0/nunit-mproc.dll"
asset="$PWD/tests/TestAssets/HeavyTail.NUnit4/bin/Release/net10.0/HeavyTail.NUnit4.dll"
timings="$PWD/$out/timings.json"
lower_bound=6.65

seconds() {
  local start end
  start=$(date +%s.%N)
  dotnet "$tool" --no-result "$@" "$asset" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

startup=(); first=(); second=()
for ((i = 0; i < repeat; i++)); do
  startup+=("$(seconds --cores 4 --no-timings --where "test == 'HeavyTail.AShortTests(0).Sleeps(0)'")")
  rm -f "$timings"
  first+=("$(seconds --cores 4 --timings "$timings")")
  second+=("$(seconds --cores 4 --timings "$timings")")
done

s=$(median "${startup[@]}"); f=$(median "${first[@]}"); t=$(median "${second[@]}")
target=$(echo "$lower_bound * 1.10 + $s" | bc -l)
printf '\nHeavy-tailed suite, 120 tests, 4 workers, median of %d (seconds)\n' "$repeat"
printf '  %-34s %8.2f\n' "startup (one short test)" "$s"
printf '  %-34s %8.2f\n' "lower bound max(total/4, longest)" "$lower_bound"
printf '  %-34s %8.2f\n' "first run (no timings)" "$f"
printf '  %-34s %8.2f\n' "second run (timings known)" "$t"
printf '  %-34s %8.2f\n' "target: 1.10 x bound + startup" "$target"
printf '  %-34s %8.2fx\n' "gain of the second run" "$(echo "$f / $t" | bc -l)"
if (( $(echo "$t <= $target" | bc -l) )); then echo "  PASS second run within 10% + startup of the lower bound"; else echo "  MISS second run within 10% + startup of the lower bound"; fi
if (( $(echo "$t < $f" | bc -l) )); then echo "  PASS second run faster than the first"; else echo "  MISS second run faster than the first"; fi
