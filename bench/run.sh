#!/usr/bin/env bash
# Benchmarks nunit-mproc against a plain in-process NUnit run and `dotnet test`.
#
#   bash bench/run.sh [--repeat R] [--at REV] [--workload a|b]
#
# --workload times one workload only (default: both); the targets of the other are not judged.
# --at REV builds nunit-mproc and the test assets from that commit (exported into bench/out/tree)
# instead of the working tree, e.g. to measure committed code while src/ is being edited.
#
# Builds everything it needs (Release) into bench/out/artifacts (and packs and installs the tool
# package for this machine's runtime into bench/out/tool), then for each workload
#   (a) trivial: tests/TestAssets/Trivial.NUnit4, 10,000 trivial passing tests
#   (b) sleepy:  tests/TestAssets/Sleepy.NUnit4,  200 tests that each sleep 50 ms
# times every variant R times (wall clock, whole process), takes the median, prints a table of
# ratios and PASS/MISS for each target. Speed is always judged as a ratio against baselines
# measured in the same invocation. Exits 0 whatever the targets say; non-zero only if something
# fails to build or run, or a run does not report the expected number of passed tests.
set -euo pipefail

repeat=3
at=""
workload=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat|-r)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --repeat needs a positive integer" >&2; exit 2; }
      repeat="$2"; shift 2 ;;
    --repeat=*)
      repeat="${1#--repeat=}"
      [[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --repeat needs a positive integer" >&2; exit 2; }
      shift ;;
    --at)
      [[ $# -ge 2 ]] || { echo "run.sh: --at needs a git revision" >&2; exit 2; }
      at="$2"; shift 2 ;;
    --at=*) at="${1#--at=}"; shift ;;
    --workload)
      [[ $# -ge 2 && "$2" =~ ^[ab]$ ]] || { echo "run.sh: --workload needs a or b" >&2; exit 2; }
      workload="$2"; shift 2 ;;
    -h|--help)
      sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument: $1 (usage: run.sh [--repeat R] [--at REV] [--workload a|b])" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_logs "$out/logs"
bench_source "$at"
bench_build \
  "tests/TestAssets/Trivial.NUnit4/Trivial.NUnit4.csproj" \
  "tests/TestAssets/Sleepy.NUnit4/Sleepy.NUnit4.csproj" \
  "bench/PlainNUnit/PlainNUnit.csproj" \
  "bench/DotnetTest.Trivial/DotnetTest.Trivial.csproj" \
  "bench/DotnetTest.Sleepy/DotnetTest.Sleepy.csproj"
bench_publish

# nunit-mproc as `dotnet tool install` gives it: the tool package for this machine's runtime
# (framework-dependent, ReadyToRun), packed with a version of its own and installed into bench/out/tool.
# Built apart from the self-contained publish above: both build for the same runtime, and their
# outputs must not mix.
tool_version="0.0.0-bench.$(date -u +%Y%m%d%H%M%S)"
echo "pack + install: the nunit-mproc tool package for $rid ($tool_version)"
rm -rf "$out/packages" "$out/tool"
if ! dotnet pack "$src_root/src/Mproc.Coordinator/Mproc.Coordinator.csproj" -c Release -p:MprocToolRuntimeIdentifiers="$rid" \
    -p:Version="$tool_version" -o "$out/packages" --artifacts-path "$art-tool" -nologo -v q >"$logs/pack-nunit-mproc.log" 2>&1 \
  || ! dotnet tool install --tool-path "$out/tool" --add-source "$out/packages" --version "$tool_version" nunit-mproc \
    >>"$logs/pack-nunit-mproc.log" 2>&1; then
  cat "$logs/pack-nunit-mproc.log" >&2
  echo "run.sh: pack or install of the nunit-mproc tool failed (log: $logs/pack-nunit-mproc.log)" >&2
  exit 1
fi
tool="$out/tool/nunit-mproc"

plain="$(bin PlainNUnit PlainNUnit.dll)"
for f in "$mproc" "$plain"; do [[ -f "$f" ]] || { echo "run.sh: missing $f after build" >&2; exit 1; }; done

# ---------------------------------------------------------------------------------------------
# Variants. Each is a label and a command; every command must exit 0, and its output must show
# that all N tests ran and passed (checked by expect_ok below).
# ---------------------------------------------------------------------------------------------
variants=("plain NUnit (in-process)" "dotnet test" "nunit-mproc --disable-mproc"
          "nunit-mproc --cores 1" "nunit-mproc --cores 2" "nunit-mproc --cores 4"
          "installed tool --cores 2")

command_for() { # workload-asset dotnet-test-project variant-index
  local asset="$1" dtest="$2" i="$3"
  case "$i" in
    0) echo "dotnet $plain $asset --expect $expected" ;;
    1) echo "dotnet test $dtest" ;;
    2) echo "dotnet $mproc --disable-mproc --no-result $asset" ;;
    3) echo "dotnet $mproc --cores 1 --no-result $asset" ;;
    4) echo "dotnet $mproc --cores 2 --no-result $asset" ;;
    5) echo "dotnet $mproc --cores 4 --no-result $asset" ;;
    6) echo "$tool --cores 2 --no-result $asset" ;;
  esac
}

expect_ok() { # variant-index log
  local i="$1" log="$2"
  case "$i" in
    0) grep -q "tests $expected, passed $expected, failed 0" "$log" ;;
    1) grep -Eq "Failed: +0, Passed: +$expected, Skipped: +0, Total: +$expected" "$log" ;;
    *) grep -q "Test Count: $expected, Pass: $expected, Fail: 0" "$log" ;;
  esac
}

run_once() { # workload variant-index rep asset dtest -> prints seconds
  local wl="$1" i="$2" rep="$3" asset="$4" dtest="$5"
  local cmd log t0 t1 rc=0
  cmd="$(command_for "$asset" "$dtest" "$i")"
  log="$logs/$wl-v$i-$rep.log"
  echo "\$ $cmd" >"$log"
  t0="$(now)"
  # shellcheck disable=SC2086  # the command is a plain word list without quoting needs
  (cd "$out" && $cmd) >>"$log" 2>&1 || rc=$?
  t1="$(now)"
  if [[ $rc -ne 0 ]] || ! expect_ok "$i" "$log"; then
    echo "run.sh: '${variants[$i]}' on $wl failed (exit $rc) or did not pass all $expected tests; log: $log" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

report="$out/results.md"
{
  echo "# nunit-mproc benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) logical processors, $(uname -sr); dotnet $(dotnet --version); repeat $repeat (median shown)."
  echo "Built from: $built_from; nunit-mproc published self-contained for $rid (composite ReadyToRun); the installed tool from its package for $rid (ReadyToRun on the shared framework). Load average before timing: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)."
} >"$report"

declare -A med

bench_workload() { # key title asset dtest expected
  local wl="$1" title="$2" asset="$3" dtest="$4"
  expected="$5"
  local i rep s
  declare -A times=()
  echo
  echo "== ($wl) $title: warm-up run of each variant (not timed) =="
  for i in "${!variants[@]}"; do run_once "$wl" "$i" warmup "$asset" "$dtest" >/dev/null; done
  # Round-robin over the variants, so slow drifts in machine load hit them all alike.
  for ((rep = 1; rep <= repeat; rep++)); do
    for i in "${!variants[@]}"; do
      s="$(run_once "$wl" "$i" "$rep" "$asset" "$dtest")"
      times[$i]="${times[$i]:-} $s"
      printf '  run %d/%d  %-30s %7.3f s\n' "$rep" "$repeat" "${variants[$i]}" "$s"
    done
  done
  for i in "${!variants[@]}"; do
    # shellcheck disable=SC2086
    med[$wl,$i]="$(median ${times[$i]})"
  done

  local plain_s="${med[$wl,0]}" dtest_s="${med[$wl,1]}" one_s="${med[$wl,3]}"
  {
    echo
    echo "## ($wl) $title"
    echo
    if [[ "$wl" == b ]]; then
      echo "| variant | median s | vs plain NUnit | vs dotnet test | speedup vs --cores 1 |"
      echo "|---|---:|---:|---:|---:|"
    else
      echo "| variant | median s | vs plain NUnit | vs dotnet test |"
      echo "|---|---:|---:|---:|"
    fi
    for i in "${!variants[@]}"; do
      s="${med[$wl,$i]}"
      if [[ "$wl" == b ]]; then
        printf '| %s | %s | %sx | %sx | %sx |\n' "${variants[$i]}" "$s" "$(ratio "$s" "$plain_s")" "$(ratio "$s" "$dtest_s")" "$(ratio "$one_s" "$s")"
      else
        printf '| %s | %s | %sx | %sx |\n' "${variants[$i]}" "$s" "$(ratio "$s" "$plain_s")" "$(ratio "$s" "$dtest_s")"
      fi
    done
  } >>"$report"
}

if [[ "$workload" != b ]]; then
  bench_workload a "10,000 trivial tests (Trivial.NUnit4)" \
    "$(bin Trivial.NUnit4 Trivial.NUnit4.dll)" "$(bin DotnetTest.Trivial DotnetTest.Trivial.dll)" 10000
fi
if [[ "$workload" != a ]]; then
  bench_workload b "200 tests x 50 ms sleep (Sleepy.NUnit4)" \
    "$(bin Sleepy.NUnit4 Sleepy.NUnit4.dll)" "$(bin DotnetTest.Sleepy DotnetTest.Sleepy.dll)" 200
fi

# ---------------------------------------------------------------------------------------------
# Targets (ratios only).
# ---------------------------------------------------------------------------------------------
# Judged on the unrounded medians (check, in lib.sh); PASS/MISS is a report, never the exit code.

{
  echo
  echo "Load average after timing: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)."
  echo
  echo "## Targets"
  echo
  if [[ "$workload" != b ]]; then
    a_plain="$(ratio "${med[a,4]}" "${med[a,0]}")"
    a_tool="$(ratio "${med[a,6]}" "${med[a,0]}")"
    a_dtest="$(ratio "${med[a,4]}" "${med[a,1]}")"
    echo "- $(check "${med[a,4]}" "${med[a,0]}" "<=" 1.5) (a) nunit-mproc --cores 2 within 1.5x of plain NUnit: ${med[a,4]} s / ${med[a,0]} s = ${a_plain}x (target <= 1.5x)"
    echo "- $(check "${med[a,6]}" "${med[a,0]}" "<=" 1.35) (a) installed tool --cores 2 within 1.35x of plain NUnit: ${med[a,6]} s / ${med[a,0]} s = ${a_tool}x (target <= 1.35x)"
    echo "- $(check "${med[a,4]}" "${med[a,1]}" "<" 0.5) (a) nunit-mproc --cores 2 under half of dotnet test: ${med[a,4]} s / ${med[a,1]} s = ${a_dtest}x (target < 0.5x)"
  fi
  if [[ "$workload" != a ]]; then
    b_speed="$(ratio "${med[b,3]}" "${med[b,5]}")"
    echo "- $(check "${med[b,3]}" "${med[b,5]}" ">=" 3.3) (b) nunit-mproc --cores 4 at least 3.3x faster than --cores 1: ${med[b,3]} s / ${med[b,5]} s = ${b_speed}x (target >= 3.3x)"
  fi
} >>"$report"

echo
cat "$report"
echo
echo "(report: $report; per-run logs: $logs)"
