// SPDX-License-Identifier: GPL-2.0
/*
 * The "hms,health-monitor" device: the monitors firmware describes, one
 * child node each, started when it binds and stopped when it unbinds. A
 * node that does not parse or start is logged with the property at fault,
 * and the device does not bind: devres stops the monitors started before
 * it, so nothing half-applied stays behind.
 */

#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>
#include <linux/property.h>

#include "fwnode.h"
#include "platform.h"

static void del_monitor(void *name)
{
	hms_monitor_del(name);
}

/* Starts the monitor of one child node, stopped by devres when the device unbinds. */
static int add_monitor(struct device *dev, struct fwnode_handle *child)
{
	struct hms_monitor_spec spec;
	const char *prop = NULL, *why;
	char *name;
	int err;

	err = hms_monitor_spec_from_fwnode(child, &spec, &prop, &why);
	if (!err)
		err = hms_monitor_add(&spec, &why);
	if (err) {
		dev_err(dev, "%pfwP: %s%s%s\n", child, prop ?: "", prop ? ": " : "", why);
		return err;
	}
	name = devm_kstrdup(dev, spec.name, GFP_KERNEL);
	if (!name) {
		hms_monitor_del(spec.name);
		return -ENOMEM;
	}
	return devm_add_action_or_reset(dev, del_monitor, name);
}

static int hms_board_probe(struct platform_device *pdev)
{
	struct fwnode_handle *child;
	int err;

	device_for_each_child_node(&pdev->dev, child) {
		err = add_monitor(&pdev->dev, child);
		if (err) {
			fwnode_handle_put(child);
			return err;	/* devres stops those already started */
		}
	}
	return 0;
}

static const struct of_device_id hms_board_of_match[] = {
	{ .compatible = "hms,health-monitor" },
	{ }
};
MODULE_DEVICE_TABLE(of, hms_board_of_match);

static struct platform_driver hms_board_driver = {
	.probe = hms_board_probe,
	.driver = {
		.name = "hms-health-monitor",
		.of_match_table = hms_board_of_match,
	},
};

int hms_platform_init(void)
{
	return platform_driver_register(&hms_board_driver);
}

void hms_platform_exit(void)
{
	platform_driver_unregister(&hms_board_driver);
}
