#!/usr/bin/env bash
# Runs each libFuzzer target on its seed corpus for SECONDS (default 60), in a scratch copy
# of the corpus, and prints one line per target: executions, corpus growth, findings.
# A finding (crash, sanitizer report, timeout, out-of-memory) fails the script and leaves
# its reproducer in OUT/<target>/.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS] [OUT]
# BUILD_DIR: a build with -DPROTEXT_FUZZ=ON (./setup.sh sanitize makes build-asan).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:?usage: run.sh BUILD_DIR [SECONDS] [OUT]}" && pwd)"
seconds=${2:-60}
out=${3:-$(mktemp -d)}
# LibTorch's own allocations at exit are not ours to chase; a leak in a reader shows as
# growth within the run, which -rss_limit_mb catches.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TMPDIR=${TMPDIR:-/dev/shm}
status=0
for binary in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$binary" ] || continue
  target=$(basename "$binary" | sed 's/^fuzz_//')
  work="$out/$target"
  mkdir -p "$work/corpus"
  cp "$here/corpus/$target"/* "$work/corpus/" 2>/dev/null || true
  log="$work/fuzz.log"
  "$binary" "$work/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=65536 \
    -artifact_prefix="$work/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  size=$(ls "$work/corpus" | wc -l)
  findings=$(ls "$work" | grep -c -E '^(crash|leak|timeout|oom|slow-unit)-' || true)
  printf '%-22s %10s runs  corpus %4s  findings %s\n' "$target" "$runs" "$size" "$findings"
  if [ $rc -ne 0 ] || [ "$findings" -ne 0 ]; then
    status=1
    echo "--- $target: exit $rc; the end of its log ($log):"
    tail -40 "$log"
  fi
done
exit $status
