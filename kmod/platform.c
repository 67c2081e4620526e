// SPDX-License-Identifier: GPL-2.0
/*
 * The "hms,health-monitor" device: the monitors firmware describes, one
 * child node each, started when it binds and stopped when it unbinds. A
 * node that does not parse or start is logged with the property at fault,
 * and the device does not bind: nothing half-applied stays behind.
 */

#include <linux/mod_devicetable.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>

#include "fwnode.h"
#include "platform.h"

struct hms_board {
	unsigned int count;
	char (*names)[HMS_MON_NAME_LEN];
};

static void stop_monitors(struct hms_board *board)
{
	while (board->count)
		hms_monitor_del(board->names[--board->count]);
}

static int hms_board_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct hms_monitor_spec spec;
	struct fwnode_handle *child;
	struct hms_board *board;
	const char *why;
	int err;

	board = devm_kzalloc(dev, sizeof(*board), GFP_KERNEL);
	if (!board)
		return -ENOMEM;
	board->names = devm_kcalloc(dev, device_get_child_node_count(dev),
				    sizeof(*board->names), GFP_KERNEL);
	if (!board->names)
		return -ENOMEM;

	device_for_each_child_node(dev, child) {
		err = hms_monitor_spec_from_fwnode(child, &spec, &why);
		if (!err)
			err = hms_monitor_add(&spec, &why);
		if (err) {
			dev_err(dev, "%pfwP: %s\n", child, why);
			fwnode_handle_put(child);
			stop_monitors(board);
			return err;
		}
		memcpy(board->names[board->count++], spec.name, HMS_MON_NAME_LEN);
	}
	platform_set_drvdata(pdev, board);
	return 0;
}

static int hms_board_remove(struct platform_device *pdev)
{
	stop_monitors(platform_get_drvdata(pdev));
	return 0;
}

static const struct of_device_id hms_board_of_match[] = {
	{ .compatible = "hms,health-monitor" },
	{ }
};
MODULE_DEVICE_TABLE(of, hms_board_of_match);

static struct platform_driver hms_board_driver = {
	.probe = hms_board_probe,
	.remove = hms_board_remove,
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
