# Helpers for the bench scenarios, in the VM (busybox sh), after
# /hms/scenarios/lib.sh. A result is one line for the host's table:
#   bench-row: METRIC|HMS|ALTERNATIVE|RATIO|GOAL|N
# RATIO is always HMS / ALTERNATIVE.

# BENCH_* settings from the host's environment (bench.sh writes them).
[ ! -r /hms/bench.env ] || . /hms/bench.env

# row METRIC HMS ALT GOAL N [DIGITS]: prints the row, the ratio computed
# (ALT - for none).
row() {
	awk -v m="$1" -v h="$2" -v a="$3" -v g="$4" -v n="$5" -v d="${6:-2}" 'BEGIN {
		f = "%." d "f"
		r = a != "-" && a + 0 != 0 ? sprintf("%.2f", h / a) : "-"
		if (a != "-")
			a = sprintf(f, a)
		printf "bench-row: %s|" f "|%s|%s|%s|%s\n", m, h, a, r, g, n
	}'
}

# field LINE KEY: the value of KEY=value in LINE.
field() {
	echo "$1" | sed -n "s/.* $2=\\([-0-9]*\\).*/\\1/p"
}

# monitors_remove: every monitor hmsctl lists, removed.
monitors_remove() {
	hmsctl monitors | sed -n 's/^\([^ ]*\): .*/\1/p' | while read -r name; do
		hmsctl remove-monitor "$name" >/dev/null
	done
}
