#!/usr/bin/env bash
# Benchmarks a build shared through Redis (README, "Many machines") against one machine alone.
#
#   bash bench/shared.sh [--repeat R] [--at REV] [--workload a|b]
#
# Needs redis-server and redis-cli on PATH (exit code 2 without them). Builds the test assets and
# nunit-mproc as bench/run.sh does (see lib.sh), starts a redis-server of its own on a free loopback
# port (its files and its password in an owner-only temporary folder, removed on exit), then for
# each workload, (a) Trivial.NUnit4 (10,000 trivial tests) and (b) Sleepy.NUnit4 (200 x 50 ms),
# times every variant R times, round-robin, after one untimed warm-up run each:
#   1 x 3, no queue   nunit-mproc --cores 3
#   1 x 3, queue      one node (--cores 3) and `nunit-mproc report`, started together
#   3 x 1, queue      three nodes (--cores 1 each) and `nunit-mproc report`, started together
# A time is the wall clock from the start until every process has exited; every run over the queue
# has a build id of its own. Prints the medians, the ratios, PASS/MISS for each target and the
# Redis script calls (EVAL/EVALSHA in INFO commandstats) per test. Exits 0 whatever the targets say;
# non-zero only if something fails to build or run, or a run does not count every test as passed.
set -euo pipefail

repeat=3
at=""
workload=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat|-r)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "shared.sh: --repeat needs a positive integer" >&2; exit 2; }
      repeat="$2"; shift 2 ;;
    --repeat=*)
      repeat="${1#--repeat=}"
      [[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "shared.sh: --repeat needs a positive integer" >&2; exit 2; }
      shift ;;
    --at)
      [[ $# -ge 2 ]] || { echo "shared.sh: --at needs a git revision" >&2; exit 2; }
      at="$2"; shift 2 ;;
    --at=*) at="${1#--at=}"; shift ;;
    --workload)
      [[ $# -ge 2 && "$2" =~ ^[ab]$ ]] || { echo "shared.sh: --workload needs a or b" >&2; exit 2; }
      workload="$2"; shift 2 ;;
    -h|--help)
      sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "shared.sh: unknown argument: $1 (usage: shared.sh [--repeat R] [--at REV] [--workload a|b])" >&2; exit 2 ;;
  esac
done

for c in redis-server redis-cli; do
  command -v "$c" >/dev/null || { echo "shared.sh: needs $c on PATH (Debian: apt-get install redis-server)" >&2; exit 2; }
done

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_logs "$out/shared-logs"
bench_source "$at"
bench_build \
  "tests/TestAssets/Trivial.NUnit4/Trivial.NUnit4.csproj" \
  "tests/TestAssets/Sleepy.NUnit4/Sleepy.NUnit4.csproj"
bench_publish

# ---------------------------------------------------------------------------------------------
# A redis-server of our own, as the tests start one (tests/Mproc.Tests/Infrastructure/RedisServer.cs):
# loopback, no persistence, the password only in an owner-only config file and in the environment
# of the processes that use it (MPROC_QUEUE, REDISCLI_AUTH), never on a command line.
# ---------------------------------------------------------------------------------------------
redis_dir="$(mktemp -d "${TMPDIR:-/tmp}/mproc-bench-redis-XXXXXX")"
redis_pid=""
running=()   # processes of the run under way, stopped on exit
cleanup() {
  local p
  for p in "${running[@]}" $redis_pid; do kill "$p" 2>/dev/null || true; done
  for p in "${running[@]}" $redis_pid; do wait "$p" 2>/dev/null || true; done
  rm -rf "$redis_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
port=""
for _ in $(seq 20); do
  candidate=$((20000 + RANDOM % 30000))
  # Something answers there: taken.
  if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
  (umask 077; printf '%s\n' "port $candidate" "bind 127.0.0.1" 'save ""' "appendonly no" "dir $redis_dir" \
    "requirepass $password" >"$redis_dir/redis.conf")
  redis-server "$redis_dir/redis.conf" >"$redis_dir/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 100); do
    if [[ "$(REDISCLI_AUTH="$password" redis-cli -h 127.0.0.1 -p "$candidate" ping 2>/dev/null)" == PONG ]]; then
      port="$candidate"; break 2
    fi
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=""
done
if [[ -z "$port" ]]; then
  cat "$redis_dir/redis.log" >&2 2>/dev/null || true
  echo "shared.sh: could not start redis-server on a free port" >&2
  exit 1
fi
queue_url="redis://:$password@127.0.0.1:$port"
redis_version="$(redis-server --version | grep -o 'v=[^ ]*' | cut -d= -f2)"
echo "redis-server $redis_version on 127.0.0.1:$port (folder $redis_dir)"

rcli() { REDISCLI_AUTH="$password" redis-cli -h 127.0.0.1 -p "$port" "$@"; }

# Script calls (EVAL + EVALSHA) the server has answered so far.
script_calls() {
  rcli info commandstats | tr -d '\r' | awk -F'[:=,]' '$1 == "cmdstat_eval" || $1 == "cmdstat_evalsha" { n += $3 } END { print n + 0 }'
}

# ---------------------------------------------------------------------------------------------
# Variants. A run starts its processes together, each in a folder of its own under
# bench/out/shared (a machine's timings file stays its own), and waits for all of them.
# ---------------------------------------------------------------------------------------------
variants=("1 node x 3 workers, no queue" "1 node x 3 workers, queue" "3 nodes x 1 worker, queue")
work="$out/shared"
mkdir -p "$work"

start() { # log dir queue(0|1) args... -> appends the pid to running
  local log="$1" dir="$2" queue="$3"
  shift 3
  mkdir -p "$dir"
  if [[ "$queue" == 1 ]]; then
    echo "\$ (cd $dir && MPROC_QUEUE=redis://:PASSWORD@127.0.0.1:$port dotnet $*)" >"$log"
    (cd "$dir" && MPROC_QUEUE="$queue_url" exec dotnet "$@") >>"$log" 2>&1 &
  else
    echo "\$ (cd $dir && dotnet $*)" >"$log"
    (cd "$dir" && unset MPROC_QUEUE && exec dotnet "$@") >>"$log" 2>&1 &
  fi
  running+=($!)
}

passed_in() { # log -> the passed count of its summary line (0 when none)
  grep -o 'Test Count: [0-9]*, Pass: [0-9]*, Fail: 0' "$1" | tail -n 1 | sed 's/.*Pass: \([0-9]*\).*/\1/' | grep . || echo 0
}

fail_run() { # message logs...
  local msg="$1" l
  shift
  echo "shared.sh: $msg" >&2
  for l in "$@"; do echo "--- $l" >&2; tail -n 20 "$l" >&2; done
  exit 1
}

# run_once WORKLOAD VARIANT REP ASSET: runs one variant; sets run_s (seconds) and run_calls (script
# calls). Not in a subshell: the processes it starts must be in `running` when the script exits.
run_once() {
  local wl="$1" i="$2" rep="$3" asset="$4"
  local id="bench-$$-$wl-v$i-$rep" base="$logs/$wl-v$i-$rep" t0 t1 calls0 calls1 k p rc passed=0
  local -a logs_of=() nodes=()
  running=()
  calls0="$(script_calls)"
  t0="$(now)"
  case "$i" in
    0) start "$base.log" "$work/v0" 0 "$mproc" --cores 3 --no-result "$asset"
       logs_of=("$base.log"); nodes=("$base.log") ;;
    1) start "$base-node1.log" "$work/v1-node1" 1 "$mproc" --cores 3 --build-id "$id" --node-id node1 --no-result "$asset"
       start "$base-report.log" "$work/v1-report" 1 "$mproc" report --build-id "$id" --no-result --report-timeout 600
       logs_of=("$base-node1.log" "$base-report.log"); nodes=("$base-node1.log") ;;
    2) for k in 1 2 3; do
         start "$base-node$k.log" "$work/v2-node$k" 1 "$mproc" --cores 1 --build-id "$id" --node-id "node$k" --no-result "$asset"
         logs_of+=("$base-node$k.log"); nodes+=("$base-node$k.log")
       done
       start "$base-report.log" "$work/v2-report" 1 "$mproc" report --build-id "$id" --no-result --report-timeout 600
       logs_of+=("$base-report.log") ;;
  esac
  rc=0
  for p in "${running[@]}"; do wait "$p" || rc=$?; done
  t1="$(now)"
  running=()
  calls1="$(script_calls)"
  [[ $rc -eq 0 ]] || fail_run "'${variants[$i]}' on $wl: a process exited with code $rc" "${logs_of[@]}"
  # Every node reports its own share; together they ran every test once. The report counts them all.
  for k in "${nodes[@]}"; do passed=$((passed + $(passed_in "$k"))); done
  [[ $passed -eq $expected ]] || fail_run "'${variants[$i]}' on $wl: the nodes passed $passed tests, not $expected" "${logs_of[@]}"
  if [[ "$i" != 0 ]] && [[ "$(passed_in "$base-report.log")" -ne $expected ]]; then
    fail_run "'${variants[$i]}' on $wl: the report does not count $expected passed tests" "$base-report.log"
  fi
  run_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
  run_calls=$((calls1 - calls0))
}

report="$out/shared-results.md"
{
  echo "# nunit-mproc shared build (Redis) benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) logical processors, $(uname -sr); dotnet $(dotnet --version); redis-server $redis_version on loopback; repeat $repeat (median shown)."
  echo "Built from: $built_from; nunit-mproc published self-contained for $rid (composite ReadyToRun). Every node runs on this one machine. Load average before timing: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)."
} >"$report"

declare -A med calls

bench_workload() { # key title asset expected
  local wl="$1" title="$2" asset="$3"
  expected="$4"
  local i rep s c base_s queue_s
  declare -A times=()
  echo
  echo "== ($wl) $title: warm-up run of each variant (not timed) =="
  for i in "${!variants[@]}"; do run_once "$wl" "$i" warmup "$asset"; done
  # Round-robin over the variants, so slow drifts in machine load hit them all alike.
  for ((rep = 1; rep <= repeat; rep++)); do
    for i in "${!variants[@]}"; do
      run_once "$wl" "$i" "$rep" "$asset"
      times[$i]="${times[$i]:-} $run_s"
      calls[$wl,$i]="$run_calls"
      printf '  run %d/%d  %-30s %7.3f s  (%d script calls)\n' "$rep" "$repeat" "${variants[$i]}" "$run_s" "$run_calls"
    done
  done
  for i in "${!variants[@]}"; do
    # shellcheck disable=SC2086
    med[$wl,$i]="$(median ${times[$i]})"
  done

  base_s="${med[$wl,0]}"; queue_s="${med[$wl,1]}"
  {
    echo
    echo "## ($wl) $title"
    echo
    echo "| variant | median s | vs 1 x 3, no queue | vs 1 x 3, queue | script calls per test |"
    echo "|---|---:|---:|---:|---:|"
    for i in "${!variants[@]}"; do
      s="${med[$wl,$i]}"
      if [[ "$i" == 0 ]]; then c="-"; else c="$(awk -v c="${calls[$wl,$i]}" -v n="$expected" 'BEGIN { printf "%.3f", c / n }')"; fi
      printf '| %s | %s | %sx | %sx | %s |\n' "${variants[$i]}" "$s" "$(ratio "$s" "$base_s")" "$(ratio "$s" "$queue_s")" "$c"
    done
  } >>"$report"
}

if [[ "$workload" != b ]]; then
  bench_workload a "10,000 trivial tests (Trivial.NUnit4)" "$(bin Trivial.NUnit4 Trivial.NUnit4.dll)" 10000
fi
if [[ "$workload" != a ]]; then
  bench_workload b "200 tests x 50 ms sleep (Sleepy.NUnit4)" "$(bin Sleepy.NUnit4 Sleepy.NUnit4.dll)" 200
fi

# ---------------------------------------------------------------------------------------------
# Targets (ratios only), judged on the unrounded medians; PASS/MISS is a report, never the exit code.
# ---------------------------------------------------------------------------------------------
target() { # workload limit title
  local wl="$1" t="$2" title="$3"
  echo "- $(check "${med[$wl,2]}" "${med[$wl,0]}" "<=" "$t") ($wl) 3 nodes x 1 worker (queue) within ${t}x of 1 node x 3 workers (no queue) on $title: ${med[$wl,2]} s / ${med[$wl,0]} s = $(ratio "${med[$wl,2]}" "${med[$wl,0]}")x (target <= ${t}x)"
  echo "- $(check "${med[$wl,2]}" "${med[$wl,1]}" "<=" "$t") ($wl) the same against 1 node x 3 workers over the queue: ${med[$wl,2]} s / ${med[$wl,1]} s = $(ratio "${med[$wl,2]}" "${med[$wl,1]}")x (target <= ${t}x)"
}
{
  echo
  echo "Load average after timing: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)."
  echo
  echo "## Targets"
  echo
  if [[ "$workload" != b ]]; then target a 1.15 "10,000 trivial tests"; fi
  if [[ "$workload" != a ]]; then target b 1.05 "200 x 50 ms"; fi
} >>"$report"

echo
cat "$report"
echo
echo "(report: $report; per-run logs: $logs)"
