// SPDX-License-Identifier: GPL-2.0
/*
 * hms_sim - simulated sensors for the hms scenarios. Test-only.
 *
 * Registers thermal zones of type "hms-sim-0" .. "hms-sim-N" (zones=N+1)
 * that read 25 °C. Scenarios move them with the thermal core's own
 * emul_temp, and make a read fail with the module parameter fail_reads.
 *
 * With board=1 it also registers a "hms-health-monitor" platform device
 * described by software nodes, as firmware would describe a printer's
 * mainboard: a nozzle monitor on hms-sim-0. board=2 adds a monitor node
 * with a bad property.
 */

#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/thermal.h>

#define SIM_MAX_ZONES	4

static unsigned int zones = 1;
module_param(zones, uint, 0444);
MODULE_PARM_DESC(zones, "How many thermal zones to register (1-4)");

static bool fail_reads;
module_param(fail_reads, bool, 0644);
MODULE_PARM_DESC(fail_reads, "Reads fail with -EIO, as a sensor that is gone");

static unsigned int board;
module_param(board, uint, 0444);
MODULE_PARM_DESC(board, "1: register a hms-health-monitor device; 2: with a bad node too");

static struct thermal_zone_device *sim_zones[SIM_MAX_ZONES];
static struct platform_device *board_device;

static const struct property_entry nozzle_props[] = {
	PROPERTY_ENTRY_STRING("label", "fw-nozzle"),
	PROPERTY_ENTRY_STRING("hms,kind", "thermal"),
	PROPERTY_ENTRY_STRING("hms,source", "hms-sim-0"),
	PROPERTY_ENTRY_U32("poll-interval-ms", 20),
	PROPERTY_ENTRY_U32("hms,high", 300000),
	PROPERTY_ENTRY_U32("hms,hysteresis", 5000),
	PROPERTY_ENTRY_U64("hms,high-code", 0x0300020000010003ULL),
	{ }
};

static const struct property_entry bad_props[] = {
	PROPERTY_ENTRY_STRING("hms,kind", "thermal"),
	PROPERTY_ENTRY_STRING("hms,source", "hms-sim-0"),
	PROPERTY_ENTRY_U32("hms,high", 300000),
	{ }
};

static const struct software_node board_node = { .name = "hms-board" };
static const struct software_node nozzle_node = {
	.name = "nozzle", .parent = &board_node, .properties = nozzle_props,
};

static const struct software_node bad_node = {
	.name = "bad", .parent = &board_node, .properties = bad_props,
};

static const struct software_node *board_nodes[] = { &board_node, &nozzle_node, NULL };
static const struct software_node *bad_board_nodes[] = {
	&board_node, &nozzle_node, &bad_node, NULL
};

static int board_register(void)
{
	const struct software_node **nodes = board == 2 ? bad_board_nodes : board_nodes;
	struct platform_device_info info = {
		.name = "hms-health-monitor",
		.id = PLATFORM_DEVID_NONE,
	};
	int err;

	err = software_node_register_node_group(nodes);
	if (err)
		return err;
	info.fwnode = software_node_fwnode(&board_node);
	board_device = platform_device_register_full(&info);
	if (IS_ERR(board_device)) {
		software_node_unregister_node_group(nodes);
		return PTR_ERR(board_device);
	}
	return 0;
}

static void board_unregister(void)
{
	platform_device_unregister(board_device);
	software_node_unregister_node_group(board == 2 ? bad_board_nodes : board_nodes);
}

static int sim_get_temp(struct thermal_zone_device *tz, int *temp)
{
	if (READ_ONCE(fail_reads))
		return -EIO;
	*temp = 25000;
	return 0;
}

static struct thermal_zone_device_ops sim_ops = {
	.get_temp = sim_get_temp,
};

static void sim_unregister(void)
{
	unsigned int i;

	for (i = 0; i < SIM_MAX_ZONES; i++) {
		if (!IS_ERR_OR_NULL(sim_zones[i]))
			thermal_zone_device_unregister(sim_zones[i]);
		sim_zones[i] = NULL;
	}
}

static int __init sim_init(void)
{
	char type[THERMAL_NAME_LENGTH];
	unsigned int i;
	int err = 0;

	if (!zones || zones > SIM_MAX_ZONES)
		return -EINVAL;
	for (i = 0; i < zones; i++) {
		snprintf(type, sizeof(type), "hms-sim-%u", i);
		sim_zones[i] = thermal_zone_device_register(type, 0, 0, NULL, &sim_ops, NULL, 0, 0);
		if (IS_ERR(sim_zones[i])) {
			err = PTR_ERR(sim_zones[i]);
			sim_unregister();
			return err;
		}
	}
	if (board) {
		err = board_register();
		if (err)
			sim_unregister();
	}
	return err;
}

static void __exit sim_exit(void)
{
	if (board)
		board_unregister();
	sim_unregister();
}

module_init(sim_init);
module_exit(sim_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Simulated sensors for testing hms");
