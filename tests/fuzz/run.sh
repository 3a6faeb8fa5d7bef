#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for SECONDS (default 60),
# starting from the seed corpus. Not part of CI: run it by hand. Crashes are written to
# build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_FUZZ=ON -DVIGIL_SANITIZE=ON
cmake --build build-fuzz -j"$(nproc)" --target fuzz_protocol fuzz_document
mkdir -p build-fuzz/crashes
for target in protocol document; do
  corpus=build-fuzz/corpus-$target
  mkdir -p "$corpus"
  cp tests/fuzz/corpus/$target-* "$corpus"/
  echo "== fuzz_$target for ${seconds}s"
  build-fuzz/tests/fuzz_$target -max_total_time="$seconds" -artifact_prefix=build-fuzz/crashes/ "$corpus"
done
