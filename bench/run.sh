#!/usr/bin/env bash
# Side-by-side benchmark: sw vs the botocore reference on generated ~/.aws folders.
#
#   bench/run.sh                 build sw and sw-bench (release, static stdlib), then benchmark
#   SW_BIN=/path/sw bench/run.sh use that binary, skip the build (sw-bench: SW_BENCH_BIN, or
#                                the sw-bench beside SW_BIN)
#   SIZES="100 1000" bench/run.sh   other profile counts (default: 100 1000 5000 20000)
#   RUNS=20 WARMUP=3 bench/run.sh   hyperfine settings
#
# Results: bench/out/<row>.json (hyperfine exports), bench/out/results.tsv, a table on stdout.
# A row whose sw side fails is reported as FAILED (with sw's stderr) and the script exits 1
# after finishing the other rows; the reference side is still measured.
#
# To add a benchmark, add a `compare NAME SW_CMD REF_CMD` call in run_rows. Commands are
# strings in shell-words syntax (hyperfine -N runs them without a shell); they run with
# HOME / AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE of the current home and nothing
# else from the caller's AWS environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
SIZES="${SIZES-100 1000 5000 20000}"  # SIZES="" runs only the pick rows
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-3}"
SEED="${SEED:-1}"

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "missing '$1' ($2)"; }

setup_tools() {
    need hyperfine "apt-get install hyperfine"
    if [[ ! -x /usr/bin/time ]]; then
        echo "bench: /usr/bin/time missing, installing the 'time' package" >&2
        apt-get install -y time >/dev/null || die "could not install /usr/bin/time (apt package 'time')"
    fi
    # The real interpreter, not a pyenv shim: shims are bash scripts that depend on HOME.
    PYTHON="$(python3 -c 'import sys; print(sys.executable)')" || die "python3 not found"
    "$PYTHON" -c 'import botocore' 2>/dev/null || die "botocore is not importable by $PYTHON"
}

build_sw() {
    if [[ -n "${SW_BIN:-}" ]]; then
        [[ -x "$SW_BIN" ]] || die "SW_BIN=$SW_BIN is not an executable file"
        SW_BENCH_BIN="${SW_BENCH_BIN:-$(dirname "$SW_BIN")/sw-bench}"
        return
    fi
    echo "bench: swift build -c release --static-swift-stdlib" >&2
    (cd "$ROOT" && swift build -c release --static-swift-stdlib) >&2 || die "swift build failed"
    local bin
    bin="$(cd "$ROOT" && swift build -c release --static-swift-stdlib --show-bin-path)"
    SW_BIN="$bin/sw"
    SW_BENCH_BIN="${SW_BENCH_BIN:-$bin/sw-bench}"
    [[ -x "$SW_BIN" ]] || die "no sw binary at $SW_BIN after the build"
}

make_home() { # make_home N -> prints the home folder
    local n="$1" home="$OUT/home-$1-seed$SEED"
    if [[ ! -f "$home/.aws/config" || "$ROOT/bench/gen_config.py" -nt "$home/.aws/config" ]]; then
        rm -rf "$home"
        "$PYTHON" "$ROOT/bench/gen_config.py" "$n" "$home" --seed "$SEED" || die "gen_config.py $n failed"
    fi
    printf '%s\n' "$home"
}

# The environment every measured command sees (set by use_home).
BENCH_ENV=()
CUR_PROFILES="-"

use_home() { # use_home N HOME
    CUR_PROFILES="$1"
    BENCH_ENV=(
        -u AWS_PROFILE -u AWS_DEFAULT_PROFILE -u AWS_REGION -u AWS_DEFAULT_REGION
        -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN
        "HOME=$2" "AWS_CONFIG_FILE=$2/.aws/config"
        "AWS_SHARED_CREDENTIALS_FILE=$2/.aws/credentials"
    )
}

run_in_env() { env "${BENCH_ENV[@]}" "$@"; }

# Splits a shell-words command string into "$@" for direct execution.
split_cmd() { eval "CMD=($1)"; }

# preflight CMD [MAX_OK_STATUS] -> 0 if the command runs once with an exit status up to
# MAX_OK_STATUS (default 0); prints its failure otherwise.
preflight() {
    local CMD=() errfile status=0 max_ok="${2:-0}"
    split_cmd "$1"
    errfile="$(mktemp)"
    run_in_env "${CMD[@]}" >/dev/null 2>"$errfile" || status=$?
    if (( status > max_ok )); then
        printf 'bench: FAILED (exit %d): %s\n' "$status" "$1" >&2
        sed 's/^/    /' "$errfile" | head -n 20 >&2
    fi
    rm -f "$errfile"
    (( status <= max_ok ))
}

peak_rss_mb() { # peak_rss_mb CMD -> MB with one decimal
    local CMD=() kb
    split_cmd "$1"
    kb="$(run_in_env /usr/bin/time -f %M "${CMD[@]}" 2>&1 >/dev/null | tail -n 1)"
    awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }'
}

# mean_ms JSON INDEX -> mean of hyperfine result INDEX in milliseconds
mean_ms() {
    "$PYTHON" -c 'import json, sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["mean"] * 1000))' "$1" "$2"
}

FAILED_ROWS=0
ROWS=()

# compare NAME SW_CMD REF_CMD [SW_MAX_OK_STATUS]: one table row; both commands measured in the
# same hyperfine run. SW_MAX_OK_STATUS=1 for commands whose exit 1 is a result (sw doctor).
compare() {
    local name="$1" sw_cmd="$2" ref_cmd="$3" json="$OUT/$1.json" sw_max_ok="${4:-0}"
    local sw_ok=1 sw_ms="FAILED" ref_ms ratio="-" rss="-"
    echo "bench: $name ($CUR_PROFILES profiles)" >&2
    preflight "$ref_cmd" || die "the reference command failed: $ref_cmd"
    preflight "$sw_cmd" "$sw_max_ok" || sw_ok=0
    local hf=(hyperfine -N --warmup "$WARMUP" --min-runs "$RUNS" --style basic --export-json "$json")
    (( sw_max_ok > 0 )) && hf+=(-i)
    if (( sw_ok )); then
        run_in_env "${hf[@]}" -n "sw" "$sw_cmd" -n "reference" "$ref_cmd" >&2
        sw_ms="$(mean_ms "$json" 0)"
        ref_ms="$(mean_ms "$json" 1)"
        ratio="$(awk -v a="$ref_ms" -v b="$sw_ms" 'BEGIN { printf "%.1fx", a / b }')"
        rss="$(peak_rss_mb "$sw_cmd")"
    else
        FAILED_ROWS=$((FAILED_ROWS + 1))
        run_in_env "${hf[@]}" -n "reference" "$ref_cmd" >&2
        ref_ms="$(mean_ms "$json" 0)"
    fi
    ROWS+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$name" "$CUR_PROFILES" "$sw_ms" "$ref_ms" "$ratio" "$rss")")
}

print_table() {
    local header=$'benchmark\tprofiles\tsw_ms\tref_ms\tref/sw\tsw_rss_mb'
    { echo "$header"; printf '%s\n' "${ROWS[@]}"; } > "$OUT/results.tsv"
    echo
    column -t -s $'\t' "$OUT/results.tsv"
}

# sw keeps a snapshot of the built index in $HOME/.cache/sw (the bench home's own), written once
# the AWS files are more than 2 seconds old. The rows measure the everyday case, where it is there;
# the -cold rows measure parsing (SW_INDEX_CACHE=off).
warm_index_cache() { # warm_index_cache HOME
    local home="$1" age
    age=$(( $(date +%s) - $(stat -c %Z "$home/.aws/config") ))
    (( age > 2 )) || sleep $(( 3 - age ))
    run_in_env "$SW_BIN" list --names >/dev/null
    run_in_env env SW_INDEX_CACHE=trace "$SW_BIN" list --names 2>&1 >/dev/null | grep -q 'index cache: hit' \
        || die "sw's index cache was not used for $home (run with SW_INDEX_CACHE=trace to see why)"
}

run_rows() {
    local n home
    local sw py
    sw="$(printf %q "$SW_BIN")"
    py="$(printf %q "$PYTHON")"
    local botocore_load="$py -c 'import botocore.session; botocore.session.Session().full_config'"
    for n in $SIZES; do
        home="$(make_home "$n")"
        use_home "$n" "$home"
        warm_index_cache "$home"
        compare "list-$n" "$sw list --json" "$botocore_load"
        # doctor exits 1 when it finds an error (the generated home has some): a result, not a failure.
        # It always parses the files (it never trusts sw's index cache).
        compare "doctor-$n" "$sw doctor" "$botocore_load" 1
        # sw use by exact name.
        local profile
        profile="$(run_in_env "$SW_BIN" list --names | sed -n "$(( (n + 1) / 2 ))p")"
        compare "use-$n" "$sw use --shell bash $(printf %q "$profile")" "$botocore_load"
        # The same two commands parsing the files, as on the first run after a config changes.
        BENCH_ENV+=("SW_INDEX_CACHE=off")
        compare "list-cold-$n" "$sw list --json" "$botocore_load"
        compare "use-cold-$n" "$sw use --shell bash $(printf %q "$profile")" "$botocore_load"
        unset 'BENCH_ENV[${#BENCH_ENV[@]}-1]'
        # sw current runs on every prompt: compared with starting /bin/true.
        BENCH_ENV+=("AWS_PROFILE=$profile")
        compare "current-prompt-$n" "$sw current --format %p" "/bin/true"
        compare "current-full-$n" "$sw current" "/bin/true"
    done
    pick_rows
}

# The picker's ranking against fzf on the same list of profile names: `sw pick --filter`
# and `fzf --filter` each read the list on stdin and print the ranked names, both started through
# the same `sh -c 'exec … < list'` so the comparison carries the same overhead on both sides.
# Then the per-keystroke cost inside one process: `sw-bench Q` (bench/Sources/SwBench) ranks every
# prefix of Q (1 to 6 characters) repeatedly and prints the mean time per ranking.
PICK_SIZES="${PICK_SIZES-20000}"  # PICK_SIZES="" skips the picker rows
PICK_QUERIES="${PICK_QUERIES:-p dev pay data tadmin paprod}"
PICK_BENCH=()

pick_rows() {
    local n home list q sw
    need fzf "apt-get install fzf"
    [[ -x "$SW_BENCH_BIN" ]] || die "no sw-bench at $SW_BENCH_BIN (set SW_BENCH_BIN)"
    sw="$(printf %q "$SW_BIN")"
    for n in $PICK_SIZES; do
        home="$(make_home "$n")"
        use_home "$n" "$home"
        list="$OUT/names-$n.txt"
        run_in_env "$SW_BIN" list --names > "$list"
        for q in $PICK_QUERIES; do
            compare "pick-filter-$n-$q" \
                "sh -c 'exec \"\$0\" pick --filter $q --candidates-from /dev/stdin < $list' $sw" \
                "sh -c 'exec fzf --filter $q < $list'"
        done
        # The real picker input: every profile of the index with account, role and session.
        compare "pick-filter-index-$n-dev" "$sw pick --filter dev" "sh -c 'exec fzf --filter dev < $list'"
        for q in devadm paprod; do
            PICK_BENCH+=("$n profiles, index, query $q:" "$(run_in_env "$SW_BENCH_BIN" "$q")")
            PICK_BENCH+=("$n profiles, names only, query $q:" "$(run_in_env "$SW_BENCH_BIN" "$q" --candidates-from "$list")")
        done
    done
}

main() {
    mkdir -p "$OUT"
    setup_tools
    build_sw
    run_rows
    print_table
    if (( ${#PICK_BENCH[@]} > 0 )); then
        echo
        echo "picker ranking per keystroke (sw-bench Q):"
        printf '%s\n' "${PICK_BENCH[@]}" | tee "$OUT/pick-keystroke.txt"
    fi
    if (( FAILED_ROWS > 0 )); then
        echo "bench: $FAILED_ROWS row(s) FAILED on the sw side (see above)" >&2
        exit 1
    fi
}

main "$@"
