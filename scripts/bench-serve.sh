#!/usr/bin/env bash
# The incremental-rebuild benchmark of BENCHMARKS.md, in one command:
#
#   scripts/bench-serve.sh            # 10,000 documents, 5 edits
#   SIZE=50000 EDITS=10 scripts/bench-serve.sh
#   SERVE_FLAGS=--no-search scripts/bench-serve.sh   # without the background search index
#   LOCK=0 scripts/bench-serve.sh     # the corpus without its anchor registry
#
# Generates the synthetic corpus on tmpfs with its anchor registry (`acquis lock`), starts `acquis serve` on it, and edits one document
# at a time (a word added to its first numbered paragraph). For each edit it measures, from file
# modification times, the time from the edit (the file event) to the last page written because
# of it, and prints it beside the figure the server logs. The search index (`pagefind/`), which
# the server rebuilds afterwards in the background, is not a page and is not counted.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${SIZE:-10000}
EDITS=${EDITS:-5}
WORK=${WORK:-/dev/shm/acquis-bench}
SETTLE=${SETTLE:-2}
read -r -a SERVE_FLAGS <<<"${SERVE_FLAGS:-}"

THEME=${THEME:-$ROOT/themes/default}
# BUILD=0 uses target/release/acquis as it is (e.g. while scripts/bench.sh runs with it).
[ "${BUILD:-1}" = 0 ] || (cd "$ROOT" && cargo build --release --quiet --bin acquis)
GENERATE="${CARGO_TARGET_DIR:-$ROOT/target}/release/acquis"
# ACQUIS=path/to/acquis serves with another build of the tool (and THEME, its theme).
ACQUIS=${ACQUIS:-$GENERATE}
if ! "$ACQUIS" serve --help >/dev/null 2>&1; then
    echo "this acquis has no \`serve\` command yet (issue 6): nothing to measure" >&2
    exit 3
fi

dir="$WORK/serve-$SIZE"
rm -rf "$dir"
mkdir -p "$dir"
echo "generating $SIZE documents..." >&2
"$GENERATE" generate --documents "$SIZE" --out "$dir/content"
# With its anchor registry, as a published site is served: each edit is held to it.
if [ "${LOCK:-1}" = 1 ]; then
    "$GENERATE" lock --content "$dir/content" >/dev/null
fi
log="$dir/serve.log"
"$ACQUIS" serve --content "$dir/content" --theme "$THEME" --out "$dir/out" \
    --port 0 "${SERVE_FLAGS[@]}" 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

# wait_for PATTERN COUNT SECONDS: until the log has COUNT lines matching PATTERN.
wait_for() {
    local deadline=$((SECONDS + $3))
    while [ "$(grep -c "$1" "$log" || true)" -lt "$2" ]; do
        if [ $SECONDS -ge $deadline ] || ! kill -0 "$server" 2>/dev/null; then
            echo "the server did not report \`$1\` in time; its log:" >&2
            cat "$log" >&2
            exit 1
        fi
        sleep 0.05
    done
}

echo "waiting for the first build..." >&2
wait_for '^built ' 1 600
sleep "$SETTLE"

mapfile -t slugs < <(ls "$dir/content" | grep -v '\.yaml$')
printf '| edit | document | from the edit to the last page written | the server says |\n'
printf '|---:|---|---:|---|\n'
results=()
for i in $(seq "$EDITS"); do
    slug=${slugs[$(((i * 7919) % ${#slugs[@]}))]}
    file="$dir/content/$slug/issued.md"
    sed -i "0,/;\$/s//, as edited $i;/" "$file"
    wait_for '^rebuilt ' "$i" 60
    sleep "$SETTLE"
    edited=$(stat -c %.9Y "$file")
    last=$(find "$dir/out" -path "$dir/out/pagefind" -prune -o -type f -newer "$file" -printf '%T@\n' |
        sort -n | tail -1)
    ms=$(awk -v a="$edited" -v b="${last:-$edited}" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
    said=$(grep '^rebuilt ' "$log" | sed -n "${i}p" | sed 's/^rebuilt //')
    results+=("$ms")
    printf '| %d | %s | %s ms | %s |\n' "$i" "$slug" "$ms" "$said"
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo
echo "median from the edit to the last page written: $median ms ($SIZE documents, $EDITS edits," \
    "load $(cut -d' ' -f1-3 /proc/loadavg))"
