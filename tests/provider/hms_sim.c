// SPDX-License-Identifier: GPL-2.0
/*
 * hms_sim - simulated sensors for the hms scenarios. Test-only.
 *
 * Registers thermal zones of type "hms-sim-0" .. "hms-sim-N" (zones=N+1),
 * or of the types given in zone_names (a printer's "nozzle-ntc,bed-ntc"),
 * that read 25 °C. Scenarios move them with the thermal core's own
 * emul_temp, and make a read fail with the module parameter fail_reads.
 * A kernel without CONFIG_THERMAL_EMULATION (Debian's) moves them all at
 * once with the module parameter temp (m°C), as the benchmarks do.
 *
 * It also registers an IIO device with one processed temperature channel,
 * mapped to consumer "hms" as "hms-sim-adc", that reads adc_value (a
 * writable module parameter) and fails with fail_reads too.
 *
 * With board=1 it also registers a "hms-health-monitor" platform device
 * described by software nodes, as firmware would describe a printer's
 * mainboard: a nozzle monitor on hms-sim-0. board=2 adds a monitor node
 * with a bad property.
 */

#include <linux/iio/driver.h>
#include <linux/iio/iio.h>
#include <linux/iio/machine.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/thermal.h>

#define SIM_MAX_ZONES	32	/* bench/ polls 32 */

static unsigned int zones = 1;
module_param(zones, uint, 0444);
MODULE_PARM_DESC(zones, "How many thermal zones to register (1-32)");

static char *zone_names;
module_param(zone_names, charp, 0444);
MODULE_PARM_DESC(zone_names, "The zones' types, comma separated (instead of zones)");

static bool fail_reads;
module_param(fail_reads, bool, 0644);
MODULE_PARM_DESC(fail_reads, "Reads fail with -EIO, as a sensor that is gone");

static unsigned int board;
module_param(board, uint, 0444);
MODULE_PARM_DESC(board, "1: register a hms-health-monitor device; 2: with a bad node too");

static int sim_temp = 25000;
module_param_named(temp, sim_temp, int, 0644);
MODULE_PARM_DESC(temp, "What every zone reads, in m°C (25000)");

static int adc_value = 25000;
module_param(adc_value, int, 0644);
MODULE_PARM_DESC(adc_value, "What the simulated IIO channel reads, in milli-units");

static struct thermal_zone_device *sim_zones[SIM_MAX_ZONES];
static struct platform_device *adc_parent;
static struct iio_dev *adc;
static struct platform_device *board_device;

static const struct property_entry nozzle_props[] = {
	PROPERTY_ENTRY_STRING("label", "fw-nozzle"),
	PROPERTY_ENTRY_STRING("hms,kind", "thermal"),
	PROPERTY_ENTRY_STRING("hms,source", "hms-sim-0"),
	PROPERTY_ENTRY_U32("hms,period-ms", 20),
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
	*temp = READ_ONCE(sim_temp);
	return 0;
}

static struct thermal_zone_device_ops sim_ops = {
	.get_temp = sim_get_temp,
};

static const struct iio_chan_spec adc_channels[] = {
	{
		.type = IIO_TEMP,
		.indexed = 1,
		.info_mask_separate = BIT(IIO_CHAN_INFO_PROCESSED),
		.datasheet_name = "temp0",
	},
};

static int adc_read_raw(struct iio_dev *indio_dev, struct iio_chan_spec const *chan,
			int *val, int *val2, long mask)
{
	if (READ_ONCE(fail_reads))
		return -EIO;
	*val = READ_ONCE(adc_value);
	return IIO_VAL_INT;
}

static const struct iio_info adc_info = {
	.read_raw = adc_read_raw,
};

static struct iio_map adc_maps[] = {
	{
		.consumer_dev_name = "hms",
		.consumer_channel = "hms-sim-adc",
		.adc_channel_label = "temp0",
	},
	{ }
};

static int adc_register(void)
{
	int err;

	adc_parent = platform_device_register_simple("hms-sim", PLATFORM_DEVID_NONE, NULL, 0);
	if (IS_ERR(adc_parent))
		return PTR_ERR(adc_parent);
	adc = iio_device_alloc(&adc_parent->dev, 0);
	if (!adc) {
		err = -ENOMEM;
		goto unregister_parent;
	}
	adc->name = "hms-sim-adc";
	adc->info = &adc_info;
	adc->modes = INDIO_DIRECT_MODE;
	adc->channels = adc_channels;
	adc->num_channels = ARRAY_SIZE(adc_channels);
	err = iio_device_register(adc);
	if (err)
		goto free;
	err = iio_map_array_register(adc, adc_maps);
	if (err)
		goto unregister;
	return 0;

unregister:
	iio_device_unregister(adc);
free:
	iio_device_free(adc);
unregister_parent:
	platform_device_unregister(adc_parent);
	return err;
}

static void adc_unregister(void)
{
	iio_map_array_unregister(adc);
	iio_device_unregister(adc);
	iio_device_free(adc);
	platform_device_unregister(adc_parent);
}

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
	char type[THERMAL_NAME_LENGTH], *names = NULL, *next;
	unsigned int i;
	int err = 0;

	if (zone_names) {
		names = kstrdup(zone_names, GFP_KERNEL);
		if (!names)
			return -ENOMEM;
		next = names;
		zones = 0;
		while (strsep(&next, ","))
			zones++;
	}
	if (!zones || zones > SIM_MAX_ZONES) {
		kfree(names);
		return -EINVAL;
	}
	for (i = 0, next = names; i < zones; i++) {
		if (names) {
			strscpy(type, next, sizeof(type));
			next += strlen(next) + 1;
		} else {
			snprintf(type, sizeof(type), "hms-sim-%u", i);
		}
		sim_zones[i] = thermal_zone_device_register(type, 0, 0, NULL, &sim_ops, NULL, 0, 0);
		if (IS_ERR(sim_zones[i])) {
			err = PTR_ERR(sim_zones[i]);
			sim_unregister();
			kfree(names);
			return err;
		}
	}
	kfree(names);
	err = adc_register();
	if (err)
		goto unregister_zones;
	if (board) {
		err = board_register();
		if (err)
			goto unregister_adc;
	}
	return 0;

unregister_adc:
	adc_unregister();
unregister_zones:
	sim_unregister();
	return err;
}

static void __exit sim_exit(void)
{
	if (board)
		board_unregister();
	adc_unregister();
	sim_unregister();
}

module_init(sim_init);
module_exit(sim_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Simulated sensors for testing hms");
