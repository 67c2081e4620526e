# Loads hms.ko built with its KUnit suites, which run as it loads; the
# host reads their KTAP from the kernel log.
. /hms/scenarios/lib.sh

check "hms.ko with its KUnit suites loads" load_hms
check "and unloads" rmmod hms
