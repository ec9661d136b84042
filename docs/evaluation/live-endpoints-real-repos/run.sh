#!/bin/bash
# run.sh <tag>: Gate D on every checkout, JSON to /tmp/realrepos/<tag>-<name>.json
for n in freqtrade hummingbot alpaca-py nautilus_trader example-scalping freqtrade-strategies crypto-trading-bot; do
  s=$(date +%s%N)
  node /work/wt-realrepos/dist/cli.js check /tmp/realrepos/$n --gates live-endpoints --format json --output /tmp/realrepos/$1-$n.json >/tmp/realrepos/$1-$n.out 2>&1
  rc=$?; e=$(date +%s%N)
  echo "$n rc=$rc wall_ms=$(( (e - s) / 1000000 ))"
done
