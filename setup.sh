#!/usr/bin/env bash
# ProText Studio set-up: installs the Debian 12 packages that are missing, configures and
# builds Release, then does what was asked.
#   ./setup.sh run     set up, build and open the app
#   ./setup.sh test    set up, build and run the whole test suite
#   ./setup.sh build   set up and build only
#   ./setup.sh sanitize  ASan + UBSan build (clang) of core, CLI and core tests in
#                      build-asan: runs the core suites, then each fuzz target for
#                      $PROTEXT_FUZZ_SECONDS (default 30) on its seed corpus
set -euo pipefail
cd "$(dirname "$0")"
action=${1:-build}
build_dir=${PROTEXT_BUILD_DIR:-build}

packages=(
  build-essential cmake ninja-build pkg-config
  libtorch-dev libopenblas0-pthread
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6 qt6-svg-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libopencv-dev libsentencepiece-dev nlohmann-json3-dev libicu-dev zlib1g-dev libcurl4-openssl-dev
  # the Chinese interface needs a CJK font to show its characters rather than boxes
  fonts-noto-cjk
  # protext describe's offline source: WordNet 3.0's data files
  wordnet-base
  # the app keeps the LLM server's API key in the system keychain
  qtkeychain-qt6-dev
  # tests: the reference implementations and a display for GUI screenshots
  python3 python3-torch python3-numpy python3-scipy python3-pil python3-skimage python3-regex python3-sentencepiece
  xvfb xauth
  # tests: a private Secret Service for the keychain suite
  dbus-daemon gnome-keyring
  # ./setup.sh sanitize: clang with its sanitizer and libFuzzer runtimes, and a symbolizer
  clang libclang-rt-14-dev llvm
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# LibTorch runs on whatever libblas.so.3 points to; the reference BLAS is ~20x slower.
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
case "$blas" in
  *openblas*) ;;
  *) echo "setup: warning: libblas.so.3 is $blas, not OpenBLAS; matrix work will be slow" >&2 ;;
esac

if [ "$action" = sanitize ]; then
  # The readers of files from strangers under AddressSanitizer and UBSan: the core suites
  # (the hostile-file cases among them), then libFuzzer on each reader. No GUI: Qt's own
  # code is not what is under test, and the build stays within CI's time.
  asan_dir=${PROTEXT_ASAN_BUILD_DIR:-build-asan}
  # -O1 and line tables only: sanitizers want little optimisation, and full debug information
  # for LibTorch's headers doubles the build.
  CXX=clang++ cmake -S . -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE=-O1 \
    -DPROTEXT_SANITIZE=ON \
    -DPROTEXT_FUZZ=ON -DPROTEXT_BUILD_GUI=OFF -DPROTEXT_BUILD_BENCH=OFF
  cmake --build "$asan_dir" --parallel "$(nproc)"
  # LibTorch and ICU keep allocations until exit by design; leaks are not what this run
  # hunts (a reader that grows without bound shows in the fuzzers' -rss_limit_mb).
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$asan_dir" --output-on-failure --parallel 1
  exec tests/fuzz/run.sh "$asan_dir" "${PROTEXT_FUZZ_SECONDS:-30}"
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$build_dir" --parallel "$(nproc)"

case "$action" in
  build) ;;
  run) exec "$build_dir/app/protext-studio" ;;
  test) ctest --test-dir "$build_dir" --output-on-failure --parallel 1 ;;
  *) echo "usage: ./setup.sh [run|test|build|sanitize]" >&2; exit 2 ;;
esac
