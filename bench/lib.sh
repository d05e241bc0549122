# Sourced by bench/run.sh and bench/shared.sh: where things go, what gets built and how, and the
# arithmetic of the reports. Expects `set -euo pipefail`; messages name the script that sourced it.

me="$(basename "$0")"
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
out="$bench/out"
art="$out/artifacts"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# bench_logs DIR: per-run logs go to DIR (emptied of earlier logs).
bench_logs() {
  logs="$1"
  mkdir -p "$out" "$logs"
  rm -f "$logs"/*.log
}

# bench_source [REV]: what to build, the working tree or (REV) a commit's src/, build/ and test
# assets plus the bench projects of this working tree, exported into bench/out/tree. Sets src_root,
# art and built_from.
bench_source() {
  local at="${1:-}" rev head
  src_root="$root"
  head="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$at" ]]; then
    rev="$(git -C "$root" rev-parse --verify --quiet "$at^{commit}")" || { echo "$me: not a commit: $at" >&2; exit 2; }
    src_root="$out/tree"
    art="$src_root/artifacts"
    rm -rf "$src_root"
    mkdir -p "$src_root/bench"
    git -C "$root" archive "$rev" -- src build tests/TestAssets Directory.Build.props Directory.Packages.props global.json README.md \
      | tar -x -C "$src_root"
    cp "$bench/Directory.Build.props" "$src_root/bench/"
    for d in PlainNUnit DotnetTest.Trivial DotnetTest.Sleepy; do
      mkdir -p "$src_root/bench/$d"
      cp "$bench/$d"/*.csproj "$src_root/bench/$d/"
      cp "$bench/$d"/*.cs "$src_root/bench/$d/" 2>/dev/null || true
    done
    built_from="commit $(git -C "$root" rev-parse --short "$rev")"
  elif [[ -n "$(git -C "$root" status --porcelain -- src build tests/TestAssets Directory.Build.props Directory.Packages.props 2>/dev/null)" ]]; then
    built_from="working tree at $head, with uncommitted changes"
  else
    built_from="working tree at $head"
  fi
  echo "building: $built_from"
}

# bench_build PROJECT...: Release builds (paths relative to the source root). --artifacts-path
# keeps bin/ and obj/ under bench/out, apart from anyone else's builds.
bench_build() {
  local p name
  for p in "$@"; do
    name="$(basename "$p" .csproj)"
    echo "build: $p"
    if ! dotnet build "$src_root/$p" -c Release --artifacts-path "$art" -nologo -v q >"$logs/build-$name.log" 2>&1; then
      cat "$logs/build-$name.log" >&2
      echo "$me: build of $p failed (log: $logs/build-$name.log)" >&2
      exit 1
    fi
  done
}

# bench_publish: nunit-mproc as it is installed for speed, published self-contained for this
# machine's runtime, which compiles it and its runtime ahead of time into one composite image
# (ReadyToRun; see the README), into bench/out/mproc. Sets rid and mproc (the nunit-mproc.dll).
bench_publish() {
  rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
  [[ -n "$rid" ]] || { echo "$me: cannot tell this machine's runtime identifier from 'dotnet --info'" >&2; exit 1; }
  echo "publish: src/Mproc.Coordinator/Mproc.Coordinator.csproj (-r $rid --self-contained, composite ReadyToRun; about a minute)"
  rm -rf "$out/mproc"
  if ! dotnet publish "$src_root/src/Mproc.Coordinator/Mproc.Coordinator.csproj" -c Release -r "$rid" --self-contained -o "$out/mproc" \
      --artifacts-path "$art" -nologo -v q >"$logs/publish-nunit-mproc.log" 2>&1; then
    cat "$logs/publish-nunit-mproc.log" >&2
    echo "$me: publish of nunit-mproc failed (log: $logs/publish-nunit-mproc.log)" >&2
    exit 1
  fi
  mproc="$out/mproc/nunit-mproc.dll"
  [[ -f "$mproc" ]] || { echo "$me: missing $mproc after publish" >&2; exit 1; }
}

# bin PROJECT FILE: a built file of a project.
bin() { echo "$art/bin/$1/release/$2"; }

now() { date +%s.%N; }

median() { # numbers...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# check A B OP T: PASS when A / B OP T holds (OP one of <=, <, >=), judged on the unrounded numbers.
check() { awk -v a="$1" -v b="$2" -v op="$3" -v t="$4" 'BEGIN { r = a / b; ok = (op == "<=") ? (r <= t) : (op == "<") ? (r < t) : (r >= t); print ok ? "PASS" : "MISS" }'; }
