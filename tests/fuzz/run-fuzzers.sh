#!/bin/bash
# Runs every libFuzzer harness of a fuzzing build for a fixed time.
#
#   run-fuzzers.sh BUILD_DIR SECONDS [HARNESS...]
#
# BUILD_DIR is a clang build set up with -Dfuzzing=true. Each harness runs for
# SECONDS on a copy of its seed corpus (tests/fuzz/corpus/NAME), so the
# repository is never written to. One summary line per harness; the exit status
# is non-zero if any harness found a crash, a leak, a timeout or an UBSan
# report, whose input and log are then kept in $FUZZ_ARTIFACTS (default: a
# temporary folder named in the output).
#
# FUZZ_JOBS=N runs N harnesses at a time (default 1); each uses one core.
set -u

if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS [HARNESS...]" >&2
  exit 64
fi

build_dir=$(cd "$1" && pwd) || exit 64
seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")" && pwd)
jobs=${FUZZ_JOBS:-1}
artifacts=${FUZZ_ARTIFACTS:-$(mktemp -d "${TMPDIR:-/tmp}/orgsync-fuzz.XXXXXX")}
mkdir -p "$artifacts"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$source_dir/../lsan.supp:print_suppressions=0"
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export GIO_USE_VFS=local
export LC_ALL=C.UTF-8

# name library max_len, as meson.build reads them
harnesses=()
while read -r name _ max_len; do
  case "$name" in ''|'#'*) continue ;; esac
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
    continue
  fi
  harnesses+=("$name:$max_len")
done < "$source_dir/harnesses.txt"

if [ ${#harnesses[@]} -eq 0 ]; then
  echo "run-fuzzers.sh: no such harness: $*" >&2
  exit 64
fi

run_one() {
  local name=${1%%:*} max_len=${1##*:}
  local exe="$build_dir/tests/fuzz/fuzz-$name"
  local corpus="$artifacts/corpus-$name"
  local log="$artifacts/$name.log"
  local status execs cov ft units verdict start elapsed

  if [ ! -x "$exe" ]; then
    echo "fuzz-$name: MISSING $exe (was the build set up with -Dfuzzing=true?)"
    return 1
  fi

  rm -rf "$corpus"
  cp -r "$source_dir/corpus/$name" "$corpus"
  start=$(date +%s)
  "$exe" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
         -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$corpus" > "$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - start ))

  # The final stats are missing after a crash: then the last status line counts.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ -z "$execs" ]; then
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  fi
  read -r cov ft units < <(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 |
    sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/\1 \2 \3/')
  verdict=OK
  if [ $status -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
    verdict="FAILED (exit $status; log $log)"
  fi
  printf 'fuzz-%-11s %s: %s runs in %ss, coverage %s edges, %s features, corpus %s\n' \
    "$name" "$verdict" "${execs:-0}" "$elapsed" "${cov:-?}" "${ft:-?}" "${units:-?}"
  [ "$verdict" = OK ]
}

failed=0
pids=()
for spec in "${harnesses[@]}"; do
  run_one "$spec" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$jobs" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done

if [ $failed -ne 0 ]; then
  echo "run-fuzzers.sh: a harness failed; inputs and logs are in $artifacts"
  exit 1
fi
exit 0
