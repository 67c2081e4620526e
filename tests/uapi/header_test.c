// SPDX-License-Identifier: GPL-2.0
/*
 * The uapi header builds alone in userspace, as C and as C++, and its code
 * macros take apart what they build. Built by tests/check.sh with
 * -Wall -Wextra -Werror -pedantic.
 */
#include <linux/hms.h>
#include <stdio.h>

#define BED HMS_CODE(HMS_MODULE_MC, 0, 0x01, HMS_SEVERITY_FATAL, 0x0007)

static int failed, n;

static void check(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++n, what);
	failed += !ok;
}

int main(void)
{
	__u64 slot = HMS_CODE(HMS_MODULE_AMS, 3, HMS_PART_AMS_SLOT(2), HMS_SEVERITY_COMMON, 0x1234);

	check(BED == 0x0300010000010007ULL, "HMS_CODE builds HMS_0300_0100_0001_0007");
	check(HMS_CODE_MODULE(slot) == HMS_MODULE_AMS, "module");
	check(HMS_CODE_UNIT(slot) == 3, "unit");
	check(HMS_CODE_PART(slot) == 0x22, "part: AMS slot 2 is 0x22");
	check(HMS_CODE_RESERVED(slot) == 0, "reserved");
	check(HMS_CODE_SEVERITY(slot) == HMS_SEVERITY_COMMON, "severity");
	check(HMS_CODE_ERROR(slot) == 0x1234, "error number");
	check(HMS_CODE_UNIT(HMS_CODE(0x12, HMS_UNIT_EXTERNAL, 0, 4, 1)) == 0xff, "external spool");
	check(HMS_CODE(0x1ff, 0, 0, 1, 1) == HMS_CODE(0xff, 0, 0, 1, 1), "fields are masked");
	check(HMS_A_MAX == HMS_A_MON_ARMED && HMS_CMD_MAX == HMS_CMD_MONITOR_ARM &&
	      HMS_MONITOR_MAX == HMS_MONITOR_TACH, "enum bounds");
	printf("%d passed, %d failed\n", n - failed, failed);
	return failed != 0;
}
