// SPDX-License-Identifier: GPL-2.0
/*
 * A monitor's GPIO line and its interrupt, for the kinds that watch a line
 * (gpio, tach). The line is named by firmware ("gpios" in the monitor's
 * node) or, at run time, by its chip's label and offset.
 */

#include <linux/device.h>
#include <linux/gpio/consumer.h>
#include <linux/gpio/machine.h>
#include <linux/interrupt.h>
#include <linux/slab.h>

#include "monitor.h"

/* Requests the line through a lookup table, as a board file would. */
static struct gpio_desc *get_line_by_label(struct hms_monitor *mon)
{
	struct gpiod_lookup_table *table;
	struct gpio_desc *desc;

	table = kzalloc(struct_size(table, table, 2), GFP_KERNEL);
	if (!table)
		return ERR_PTR(-ENOMEM);
	table->dev_id = dev_name(hms_monitors_device());
	table->table[0].key = mon->spec.source;		/* the chip's label */
	table->table[0].chip_hwnum = mon->spec.line;
	table->table[0].con_id = mon->spec.name;
	table->table[0].flags = mon->spec.active_low ? GPIO_ACTIVE_LOW : GPIO_ACTIVE_HIGH;
	gpiod_add_lookup_table(table);
	desc = gpiod_get(hms_monitors_device(), mon->spec.name, GPIOD_IN);
	gpiod_remove_lookup_table(table);
	kfree(table);
	return desc;
}

int hms_monitor_request_line(struct hms_monitor *mon, irq_handler_t handler,
			     unsigned long trigger, work_func_t work_fn, const char **why)
{
	int err;

	INIT_DELAYED_WORK(&mon->line_work, work_fn);

	if (mon->spec.fwnode)
		mon->desc = fwnode_gpiod_get_index(mon->spec.fwnode, NULL, 0, GPIOD_IN,
						   mon->spec.name);
	else
		mon->desc = get_line_by_label(mon);
	if (IS_ERR(mon->desc)) {
		*why = "source: no such GPIO line free (chip label and line)";
		return PTR_ERR(mon->desc);
	}
	mon->irq = gpiod_to_irq(mon->desc);
	if (mon->irq < 0) {
		err = mon->irq;
		*why = "source: the GPIO line has no interrupt";
		goto put;
	}
	err = request_any_context_irq(mon->irq, handler, trigger, mon->spec.name, mon);
	if (err < 0) {
		*why = "source: cannot request the GPIO line's interrupt";
		goto put;
	}
	return 0;
put:
	gpiod_put(mon->desc);
	return err;
}

void hms_monitor_release_line(struct hms_monitor *mon)
{
	/* No edge arms the settle timer or queues the work once the interrupt is gone. */
	free_irq(mon->irq, mon);
	/* The timer queues the work, so it goes first. */
	if (mon->spec.kind == HMS_MONITOR_GPIO)
		hrtimer_cancel(&mon->settle_timer);
	cancel_delayed_work_sync(&mon->line_work);
	gpiod_put(mon->desc);
}
