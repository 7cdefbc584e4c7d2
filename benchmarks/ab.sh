#!/usr/bin/env bash
# An A/B of two MedSync builds, or of two JVM settings, in one load shape of one-shape.sh: ROUNDS pairs of fresh
# server processes, the order within a pair alternating (A then B, then B then A) so that the machine's drift
# over the minutes of a run weighs on both sides alike. Prints each side's CPU per delivery per phase (median,
# then each round's figure) and B's ratio to A (the median of the ratios within a pair): the method of the
# journal's A/Bs (issue #12), which found changes of 5% and more and calls anything smaller noise.
#
#   benchmarks/ab.sh 100 3 /tmp/dist-before distributions/target/medsync-realtime   # two builds
#   AB_OPTS_B="-XX:+UseTransparentHugePages" benchmarks/ab.sh 10 3 DIST DIST          # one build, two settings
#
# Settings (environment): AB_OPTS_A, AB_OPTS_B (JVM options of each side, as one-shape.sh's SHAPE_OPTS); every
# other SHAPE_* setting of one-shape.sh applies to both sides. Each round takes about a minute with 100
# recipients and half that with 10; nothing else should run on the machine meanwhile.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage="usage: ab.sh RECIPIENTS ROUNDS DIST_A DIST_B"
recipients=${1:?$usage}
rounds=${2:?$usage}
dist_a=$(cd "${3:?$usage}" && pwd)
dist_b=$(cd "${4:?$usage}" && pwd)
[ -x "$dist_a/bin/medsync-realtime" ] || { echo "no distribution in $dist_a" >&2; exit 2; }
[ -x "$dist_b/bin/medsync-realtime" ] || { echo "no distribution in $dist_b" >&2; exit 2; }

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT

run_side() {
  local side=$1 dist=$2 opts=$3 round=$4
  echo "== round $round: $side ($dist${opts:+, $opts})" >&2
  local out
  out=$(SHAPE_DIST=$dist SHAPE_REPEAT=1 SHAPE_OPTS=$opts "$root/benchmarks/one-shape.sh" medsync "$recipients" \
    | grep "cpu/delivery")
  echo "$out" >&2
  echo "$out" | sed "s/^/$side $round /" >> "$lines"
}

for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    run_side A "$dist_a" "${AB_OPTS_A:-}" "$round"; run_side B "$dist_b" "${AB_OPTS_B:-}" "$round"
  else
    run_side B "$dist_b" "${AB_OPTS_B:-}" "$round"; run_side A "$dist_a" "${AB_OPTS_A:-}" "$round"
  fi
done

node - "$lines" <<'JS'
// Lines: "<side> <round> <tag> <phase> cpu/delivery <us> us ..."
const rows = require("fs").readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).map(line => {
  const f = line.split(/\s+/);
  return { side: f[0], round: Number(f[1]), phase: f[3], us: Number(f[5]) };
});
const median = xs => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log("\nµs of server CPU per delivery: median (each round), and B/A as the median of the ratios within a round");
for (const phase of [...new Set(rows.map(r => r.phase))]) {
  const of = side => rows.filter(r => r.phase === phase && r.side === side).sort((x, y) => x.round - y.round);
  const a = of("A"), b = of("B");
  const ratios = a.flatMap(x => b.filter(y => y.round === x.round).map(y => y.us / x.us));
  const show = side => side.length ? median(side.map(r => r.us)).toFixed(2) + " (" + side.map(r => r.us).join(", ") + ")" : "-";
  console.log(phase.padEnd(8), "A", show(a).padEnd(40), "B", show(b).padEnd(40),
    "B/A", ratios.length ? median(ratios).toFixed(3) + "x (" + ratios.map(r => r.toFixed(3)).join(", ") + ")" : "-");
}
JS
