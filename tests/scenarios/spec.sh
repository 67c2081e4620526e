# The spec says exactly what the kernel enforces: the policy each command
# reports (CTRL_CMD_GETPOLICY) is the one hms.yaml asks for, attribute by
# attribute, with its type, range and length (tests/uapi/check-spec.py
# --policy wrote the spec's side on the host).
. /hms/scenarios/lib.sh

load_hms
check "the kernel reports the family's policy" sh -c "nlpolicy >/tmp/policy"
if cmp -s /hms/policy.expected /tmp/policy; then
	tap 0 "every command's policy is the spec's ($(wc -l </tmp/policy) attributes)"
else
	tap 1 "every command's policy is the spec's"
	diff /hms/policy.expected /tmp/policy | sed 's/^/#   /'
fi
rmmod hms
