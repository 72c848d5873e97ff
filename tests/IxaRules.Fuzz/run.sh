#!/usr/bin/env bash
# Coverage-guided fuzzing with afl++ and SharpFuzz, on demand (not in CI: CI replays what it found,
# tests/IxaRules.Tests/Corpus/fuzz, and runs the fixed-seed generators of tests/IxaRules.Tests/Safety).
#   tests/IxaRules.Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]   targets: rules patient events csharp
# Needs Debian's afl++ (apt-get install afl++). Findings land in artifacts/fuzz/TARGET/default/crashes and hangs;
# replay one with the uninstrumented build (the instrumented one needs afl's shared memory):
#   dotnet build tests/IxaRules.Fuzz -c Release && dotnet tests/IxaRules.Fuzz/bin/Release/net10.0/IxaRules.Fuzz.dll TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"; shift || true
targets=("${@:-rules patient events csharp}")
command -v afl-fuzz >/dev/null || { echo "error: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }

out=artifacts/fuzz
bin="$out/bin"
dotnet tool restore >/dev/null
rm -rf "$bin" # instrumenting twice is refused: start from a fresh publish
dotnet publish tests/IxaRules.Fuzz -c Release -o "$bin" -p:TreatWarningsAsErrors=false >/dev/null
# Instrument the code under test (not the harness, not the BCL): afl sees its branches.
for dll in IxaRules.dll Sprache.dll YamlDotNet.dll; do
  dotnet sharpfuzz "$bin/$dll" >/dev/null
done

seed() { # seed corpus per target, from the shipped files
  local dir="$out/$1/in"; rm -rf "$dir"; mkdir -p "$dir"
  case "$1" in
    rules) cp rules/*.ixr "$dir/"
           for f in tests/IxaRules.Tests/Baselines/*.ixr; do cp "$f" "$dir/baseline-$(basename "$f")"; done ;;
    patient) find examples -name '*.patient.yaml' -exec cp {} "$dir/" \; ;;
    events) find examples -name '*.events' -size -64k -exec cp {} "$dir/" \; ;;
    csharp) printf '%s' 'Cycle >= 2 && Lab("anc") < 0.8 && Math.Abs(CycleDay - 8) <= 7' > "$dir/a"
            printf '%s' '(Lab("platelets") ?? 0) < 30 ? Grade("rash") >= 2 : Counter("thrombocytopenia") > 1' > "$dir/b" ;;
  esac
}

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
for target in ${targets[*]}; do
  seed "$target"
  echo "== $target: ${seconds}s"
  # shellcheck disable=SC2086 # AFL_EXTRA holds options, e.g. "-s 2026 -E 20000" for CI's fixed batch
  afl-fuzz -V "$seconds" -t 5000 -m none ${AFL_EXTRA:-} -i "$out/$target/in" -o "$out/$target" -- \
    "$bin/IxaRules.Fuzz" "$target" >"$out/$target.log" 2>&1 || true
  stats="$out/$target/default/fuzzer_stats"
  if [ -f "$stats" ]; then
    grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats" | tr -s ' ' | paste -sd' '
  else
    tail -5 "$out/$target.log"
  fi
done
