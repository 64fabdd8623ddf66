#!/usr/bin/env bash
# Wall time of two installed accord executables on the same commands, run
# alternately (old, new, old, new, ...) so that the machine's slow and fast
# spells hit both alike; prints the median of 7 fresh processes each and the
# ratio. Usage: bash bench/interleave.sh OLD/bin/accord NEW/bin/accord
set -euo pipefail
old=$1; new=$2
for c in "scenarios" "validate ukraine" "evaluate ukraine" "evaluate ukraine --json" "compare ukraine" "frontier ukraine" "solve ukraine" "zopa ukraine" "amend ukraine istanbul-2022"; do
  o=(); n=()
  for i in 1 2 3 4 5 6 7; do
    s=$(date +%s%N); $old $c >/dev/null 2>&1; e=$(date +%s%N); o+=($(( (e-s)/1000000 )))
    s=$(date +%s%N); $new $c >/dev/null 2>&1; e=$(date +%s%N); n+=($(( (e-s)/1000000 )))
  done
  mo=$(printf "%s\n" "${o[@]}" | sort -n | sed -n 4p); mn=$(printf "%s\n" "${n[@]}" | sort -n | sed -n 4p)
  printf "%-28s old %5d ms  new %5d ms  new/old %.2f\n" "$c" $mo $mn $(echo "$mn / $mo" | bc -l)
done
