#!/usr/bin/env bash
# The full-build benchmark of BENCHMARKS.md, in one command:
#
#   scripts/bench.sh                  # 1,000, 10,000 and 50,000 documents, 5 runs each
#   SIZES="1000 10000" RUNS=10 scripts/bench.sh
#   REAL_RUNS=30 scripts/bench.sh     # runs of the real corpus (default 15)
#   ACQUIS_FLAGS=--no-search scripts/bench.sh   # acquis without the search index
#   LOCK=0 scripts/bench.sh           # the generated corpora without their anchor registry
#
# Installs Hugo (and GNU time) from apt if missing, builds acquis and the floor in release mode,
# generates the synthetic corpora (`acquis generate`, the same texts in our format and as a Hugo
# site) on tmpfs, each with its anchor registry as a published site has one (`acquis lock`, unless
# LOCK=0), then builds each size with every tool in turn (floor, acquis without and with
# minification, Hugo), alternating tools run by run so that a change in the machine's load hits
# them alike. Prints medians of wall time, peak memory (GNU time's maximum resident set size),
# the ratios the goals are stated in, the growth from size to size, and the real corpus' build.
# Writes the same report to $WORK/report.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-5}
# The real corpus builds in about 0.1 s, where one run's noise is 10-20%: it gets more runs.
REAL_RUNS=${REAL_RUNS:-15}
WORK=${WORK:-/dev/shm/acquis-bench}
SEED=${SEED:-1}
LOCK=${LOCK:-1}
read -r -a ACQUIS_FLAGS <<<"${ACQUIS_FLAGS:-}"

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y "$@" >/dev/null
}
need hugo || apt_install hugo
[ -x /usr/bin/time ] || apt_install time

echo "building acquis and the floor (release)..." >&2
(cd "$ROOT" && cargo build --release --quiet --bin acquis --example floor)
mkdir -p "$WORK/bin"
# Copies: a rebuild of the worktree during a run must not change the tools measured.
# Where cargo put them: CARGO_TARGET_DIR when it is set (copying from ./target then measured
# whatever stale build lay there).
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
cp "$TARGET/release/acquis" "$TARGET/release/examples/floor" "$WORK/bin/"
ACQUIS="$WORK/bin/acquis"
FLOOR="$WORK/bin/floor"
THEME="$ROOT/themes/default"
mkdir -p "$WORK"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
RESULTS="$WORK/runs.tsv"
: >"$RESULTS"

# run SIZE TOOL OUT COMMAND...: one timed run into a fresh OUT; appends "size tool seconds kib
# cpu-seconds" (user + system: on a loaded machine, CPU time varies less than wall time).
run() {
    local size=$1 tool=$2 out=$3
    shift 3
    rm -rf "$out"
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M %U %S" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || {
        echo "$tool failed at $size documents:" >&2
        cat "$WORK/stderr.txt" >&2
        exit 1
    }
    end=$(date +%s.%N)
    printf '%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')" \
        "$(tail -1 "$WORK/time.txt" | awk '{ print $1 }')" \
        "$(tail -1 "$WORK/time.txt" | awk '{ printf "%.2f", $2 + $3 }')" >>"$RESULTS"
}

for size in $SIZES; do
    dir="$WORK/$size"
    if [ ! -f "$dir/.generated-$SEED-lock$LOCK" ]; then
        echo "generating $size documents..." >&2
        rm -rf "$dir"
        mkdir -p "$dir"
        "$ACQUIS" generate --documents "$size" --seed "$SEED" --out "$dir/content" --hugo "$dir/hugo"
        # A published site keeps its anchors in content/anchors.lock, and every build holds the
        # corpus to it: the benchmark builds what a publisher builds.
        if [ "$LOCK" = 1 ]; then
            "$ACQUIS" lock --content "$dir/content" >/dev/null
        fi
        touch "$dir/.generated-$SEED-lock$LOCK"
    fi
    echo "building $size documents, $RUNS runs per tool..." >&2
    for r in $(seq "$RUNS"); do
        run "$size" floor "$dir/out-floor" "$FLOOR" "$dir/content" "$dir/out-floor"
        run "$size" acquis "$dir/out-acquis" "$ACQUIS" build --content "$dir/content" \
            --theme "$THEME" --out "$dir/out-acquis" --no-minify "${ACQUIS_FLAGS[@]}"
        run "$size" acquis-minify "$dir/out-acquis" "$ACQUIS" build --content "$dir/content" \
            --theme "$THEME" --out "$dir/out-acquis" "${ACQUIS_FLAGS[@]}"
        run "$size" hugo "$dir/out-hugo" hugo --quiet --source "$dir/hugo" --destination "$dir/out-hugo"
    done
    rm -rf "$dir/out-floor" "$dir/out-acquis" "$dir/out-hugo"
done

echo "building the real corpus, $REAL_RUNS runs..." >&2
for r in $(seq "$REAL_RUNS"); do
    # As the generated corpora are built (no minification, ACQUIS_FLAGS), then as `acquis build`
    # builds by default (minified, with the search index).
    run real acquis "$WORK/out-real" "$ACQUIS" build --content "$ROOT/content" --theme "$THEME" \
        --out "$WORK/out-real" --no-minify "${ACQUIS_FLAGS[@]}"
    run real acquis-default "$WORK/out-real" "$ACQUIS" build --content "$ROOT/content" \
        --theme "$THEME" --out "$WORK/out-real"
done
rm -rf "$WORK/out-real"

{
    echo "## Machine"
    echo
    echo "- $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MiB memory, $(uname -sr)"
    echo "- load when the runs began: $LOAD_BEFORE; when they ended: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- $(hugo version | cut -d' ' -f1-2), acquis $(git -C "$ROOT" rev-parse --short HEAD)"
    echo "- $RUNS runs per tool and size ($REAL_RUNS of the real corpus), alternating; medians"
    echo "- generated corpora with their anchor registry (content/anchors.lock): $([ "$LOCK" = 1 ] && echo yes || echo no)"
    echo
    echo "## Results"
    echo
    python3 "$ROOT/scripts/bench_report.py" "$RESULTS"
} | tee "$WORK/report.md"
