// SPDX-License-Identifier: GPL-2.0
/*
 * hms_sim - simulated sensors for the hms scenarios. Test-only.
 *
 * Registers thermal zones of type "hms-sim-0" .. "hms-sim-N" (zones=N+1)
 * that read 25 °C. Scenarios move them with the thermal core's own
 * emul_temp, and make a read fail with the module parameter fail_reads.
 */

#include <linux/module.h>
#include <linux/thermal.h>

#define SIM_MAX_ZONES	4

static unsigned int zones = 1;
module_param(zones, uint, 0444);
MODULE_PARM_DESC(zones, "How many thermal zones to register (1-4)");

static bool fail_reads;
module_param(fail_reads, bool, 0644);
MODULE_PARM_DESC(fail_reads, "Reads fail with -EIO, as a sensor that is gone");

static struct thermal_zone_device *sim_zones[SIM_MAX_ZONES];

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
	int err;

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
	return 0;
}

static void __exit sim_exit(void)
{
	sim_unregister();
}

module_init(sim_init);
module_exit(sim_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Simulated sensors for testing hms");
