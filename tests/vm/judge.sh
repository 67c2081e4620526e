#!/bin/sh
# Judges a test VM run: judge.sh OUTDIR SUITES QEMU_STATUS (see run.sh).
set -u
out=$1 suites=$2 qemu_status=$3
console="$out/console.log" results="$out/results.log"
passed=0 failed=0

bad() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

touch "$console" "$results"
# Serial lines end in CR LF; the kernel's carry timestamps.
sed -i 's/\r$//' "$console" "$results"
ktap=$(sed 's/^\[ *[0-9.]*\] //' "$console")

# KUnit: every case is a test; a suite line closes it.
kpass=$(echo "$ktap" | grep -cE '^    ok [0-9]+ ' || true)
passed=$((passed + kpass))
echo "$ktap" | grep -E '^ *not ok [0-9]+ ' | while read -r line; do echo "FAIL: KUnit: $line"; done
failed=$((failed + $(echo "$ktap" | grep -cE '^ *not ok [0-9]+ ' || true)))
for suite in $(echo "$suites" | tr , ' '); do
	echo "$ktap" | grep -qE "^ok [0-9]+ $suite\$" || bad "KUnit suite $suite did not run and pass"
done

# Whatever the kernel's checkers found.
reports=$(echo "$ktap" | grep -E 'BUG:|WARNING:|Oops|Kernel panic|general protection|UBSAN:|unreferenced object|possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|list_(add|del) corruption' || true)
if [ -n "$reports" ]; then
	bad "the kernel reported problems:"
	echo "$reports" | head -20 | sed 's/^/    /'
fi

# The scenarios' own assertions.
passed=$((passed + $(grep -cE '^ok [0-9]+' "$results" || true)))
grep -E '^not ok [0-9]+' "$results" | while read -r line; do echo "FAIL: $line"; done
failed=$((failed + $(grep -cE '^not ok [0-9]+' "$results" || true)))

if ! grep -q '^HMS-VM: done' "$results"; then
	bad "the VM did not finish its scenarios (qemu exit $qemu_status); last lines:"
	tail -15 "$console" | sed 's/^/    console: /'
	tail -5 "$results" | sed 's/^/    results: /'
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
