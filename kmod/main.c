// SPDX-License-Identifier: GPL-2.0
/*
 * hms - health management system for 3D printers and similar machines.
 *
 * Keeps the table of active health codes and announces every change over
 * the "hms" generic netlink family.
 */

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "monitor.h"
#include "netlink.h"
#include "platform.h"
#include "table.h"

#define HMS_MAX_CODES_LIMIT		4096
#define HMS_FLAP_WINDOW_LIMIT_MS	(3600 * MSEC_PER_SEC)

static struct hms_table hms_table;
/* Set and cleared under kernel_param_lock(), which writes to parameters take. */
static bool hms_table_live;

static unsigned int max_codes = 256;

static int max_codes_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, HMS_MAX_CODES_LIMIT);
}

static const struct kernel_param_ops max_codes_ops = {
	.set = max_codes_set,
	.get = param_get_uint,
};
module_param_cb(max_codes, &max_codes_ops, &max_codes, 0444);
MODULE_PARM_DESC(max_codes, "Size of the table of active codes (1-4096)");

static unsigned int flap_window_ms = 5000;

static int flap_window_set(const char *val, const struct kernel_param *kp)
{
	int err = param_set_uint_minmax(val, kp, 0, HMS_FLAP_WINDOW_LIMIT_MS);

	/* A write while hms loads is taken when the table goes live. */
	if (!err && hms_table_live)
		hms_table_set_flap_window(&hms_table, flap_window_ms);
	return err;
}

static const struct kernel_param_ops flap_window_ops = {
	.set = flap_window_set,
	.get = param_get_uint,
};
module_param_cb(flap_window_ms, &flap_window_ops, &flap_window_ms, 0644);
MODULE_PARM_DESC(flap_window_ms,
		 "A code raised again within this many ms of its clear is the same fault (0-3600000, default 5000)");

static void set_table_live(bool live)
{
	kernel_param_lock(THIS_MODULE);
	hms_table_live = live;
	if (live)
		hms_table_set_flap_window(&hms_table, flap_window_ms);
	kernel_param_unlock(THIS_MODULE);
}

static u64 hms_now(void)
{
	return ktime_get_boottime_ns();
}

static int __init hms_init(void)
{
	int err;

	err = hms_table_init(&hms_table, max_codes, hms_now, hms_netlink_notify, NULL);
	if (err)
		return err;
	set_table_live(true);
	err = hms_monitors_init(&hms_table);
	if (err)
		goto destroy_table;

	err = hms_netlink_init(&hms_table);
	if (err)
		goto exit_monitors;

	/* Last: firmware's monitors start as soon as the driver binds. */
	err = hms_platform_init();
	if (err)
		goto exit_netlink;
	return 0;

exit_netlink:
	hms_netlink_exit();
exit_monitors:
	hms_monitors_exit();
destroy_table:
	set_table_live(false);
	hms_table_destroy(&hms_table);
	return err;
}

static void __exit hms_exit(void)
{
	hms_platform_exit();
	/* Monitors go first, so the codes they clear are still announced. */
	hms_monitors_exit();
	/* Unregistering waits for requests in flight: nothing touches the table after it. */
	hms_netlink_exit();
	set_table_live(false);
	hms_table_destroy(&hms_table);
}

module_init(hms_init);
module_exit(hms_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Health management system for 3D printers");
MODULE_ALIAS_GENL_FAMILY(HMS_GENL_NAME);
