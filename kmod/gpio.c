// SPDX-License-Identifier: GPL-2.0
/*
 * GPIO monitors: a line watched by interrupt on both edges (filament
 * runout, front cover, build plate). The hard IRQ handler only timestamps
 * the edge and (re)arms a high-resolution settle timer (a jiffy is 4 ms at
 * HZ=250, too coarse for a 1 ms debounce); when the line has been stable
 * for the debounce time, the timer queues the work, which reads the line
 * and announces the level: high while asserted. A line that chatters
 * (more than chatter_count edges within chatter_ms) is a fault, announced
 * once, until it has been quiet for chatter_ms.
 */

#include <linux/device.h>
#include <linux/gpio/consumer.h>
#include <linux/interrupt.h>
#include <linux/limits.h>

#include "monitor.h"

static int gpio_check(const struct hms_monitor_spec *spec, const char **why)
{
	const struct hms_threshold_config *t = &spec->threshold;

	if (t->low != S64_MIN || t->high != S64_MAX || spec->codes[HMS_LEVEL_LOW]) {
		*why = "thresholds: only sampled monitors have thresholds";
		return t->low != S64_MIN ? HMS_A_MON_LOW : HMS_A_MON_HIGH;
	}
	if (!spec->codes[HMS_LEVEL_HIGH]) {
		*why = "code: a gpio monitor needs the code to raise while its line is asserted";
		return HMS_A_MON_CODE;
	}
	if (!spec->chatter_count != !spec->chatter_ms ||
	    !spec->chatter_count != !spec->codes[HMS_LEVEL_FAULT]) {
		*why = "chatter: chatter_count, chatter_ms and fault_code go together";
		return HMS_A_MON_CHATTER_COUNT;
	}
	return 0;
}

static bool chattering(struct hms_monitor *mon, ktime_t now)
{
	return mon->spec.chatter_count &&
	       ktime_ms_delta(now, mon->last_edge) < mon->spec.chatter_ms;
}

static void settle(struct work_struct *work)
{
	struct hms_monitor *mon = container_of(to_delayed_work(work), struct hms_monitor,
					       line_work);
	ktime_t now = ktime_get();
	unsigned long flags;
	bool chatter;
	u32 edges;
	int value;

	spin_lock_irqsave(&mon->edges_lock, flags);
	edges = mon->edges;
	chatter = edges > mon->spec.chatter_count && chattering(mon, now);
	spin_unlock_irqrestore(&mon->edges_lock, flags);

	if (chatter) {
		mutex_lock(&mon->lock);
		if (mon->level != HMS_LEVEL_FAULT)
			hms_monitor_set_level(mon, HMS_LEVEL_FAULT, edges);
		mutex_unlock(&mon->lock);
		/* Look again once the line may have gone quiet. */
		schedule_delayed_work(&mon->line_work, msecs_to_jiffies(mon->spec.chatter_ms));
		return;
	}

	value = gpiod_get_value_cansleep(mon->desc);
	if (value < 0)
		return;
	WRITE_ONCE(mon->value, value);
	mutex_lock(&mon->lock);
	if (value && mon->level != HMS_LEVEL_HIGH)
		hms_monitor_set_level(mon, HMS_LEVEL_HIGH, value);
	else if (!value && mon->level != HMS_LEVEL_NORMAL)
		hms_monitor_set_level(mon, HMS_LEVEL_NORMAL, value);
	mutex_unlock(&mon->lock);
}

static irqreturn_t edge(int irq, void *data)
{
	struct hms_monitor *mon = data;
	ktime_t now = ktime_get();

	spin_lock(&mon->edges_lock);
	if (ktime_ms_delta(now, mon->window_start) >= mon->spec.chatter_ms) {
		mon->window_start = now;
		mon->edges = 0;
	}
	mon->edges++;
	mon->last_edge = now;
	spin_unlock(&mon->edges_lock);

	hrtimer_start(&mon->settle_timer, ms_to_ktime(mon->settle_ms), HRTIMER_MODE_REL);
	return IRQ_HANDLED;
}

static enum hrtimer_restart settled(struct hrtimer *timer)
{
	struct hms_monitor *mon = container_of(timer, struct hms_monitor, settle_timer);

	/* mod_: at once, even while the work waits out a chatter. Reading sleeps. */
	mod_delayed_work(system_wq, &mon->line_work, 0);
	return HRTIMER_NORESTART;
}

static int gpio_start(struct hms_monitor *mon, const char **why)
{
	int err;

	spin_lock_init(&mon->edges_lock);
	mon->settle_ms = mon->spec.debounce_ms;
	hrtimer_init(&mon->settle_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	mon->settle_timer.function = settled;
	err = hms_monitor_request_line(mon, edge, IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING,
				       settle, why);
	if (err)
		return err;
	/* Hardware debounce where the controller has it; ours otherwise. */
	if (mon->settle_ms && !gpiod_set_debounce(mon->desc, mon->settle_ms * USEC_PER_MSEC))
		mon->settle_ms = 0;
	/* The line may be asserted already. */
	schedule_delayed_work(&mon->line_work, 0);
	return 0;
}

const struct hms_monitor_ops hms_gpio_ops = {
	.check = gpio_check,
	.start = gpio_start,
	.stop = hms_monitor_release_line,
};
