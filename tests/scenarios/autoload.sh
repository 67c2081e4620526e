# The family autoloads: the first request to "hms" loads hms.ko through
# modprobe (MODULE_ALIAS_GENL_FAMILY).
. /hms/scenarios/lib.sh

dir=/lib/modules/$(uname -r)/extra
mkdir -p "$dir" /sbin
cp /hms/hms.ko "$dir/"
cp /hms/deps/*.ko "$dir/" 2>/dev/null
ln -sf /bin/modprobe /sbin/modprobe
depmod
! grep -q '^hms ' /proc/modules
tap $? "hms.ko is not loaded yet"
check_output '^no active codes$' "hmsctl list works without insmod" hmsctl list
grep -q '^hms ' /proc/modules
tap $? "the request loaded hms.ko"
check "hms.ko unloads" rmmod hms
rm "$dir/hms.ko"
depmod
