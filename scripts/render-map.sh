#!/usr/bin/env bash
# Regenerates docs/confluent-map.svg, the map README.md shows: the shipped Confluent
# inventory exported as DOT and laid out by Graphviz. Needs `dot` (apt-get install graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "render-map: needs Graphviz's dot (apt-get install graphviz)" >&2; exit 2; }
cargo run --quiet --release -- export inventory/confluent-2015 --format dot -o docs/confluent-map.dot
dot -Tsvg docs/confluent-map.dot -o docs/confluent-map.svg.tmp
mv docs/confluent-map.svg.tmp docs/confluent-map.svg
rm docs/confluent-map.dot
echo "wrote docs/confluent-map.svg"
