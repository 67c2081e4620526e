/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The threshold engine: turns a stream of samples into a level (normal,
 * low, high, fault) with hysteresis and debounce. Pure logic, shared by
 * every sampled monitor kind (IIO channels, thermal zones).
 */
#ifndef _HMS_THRESHOLD_H
#define _HMS_THRESHOLD_H

#include <linux/types.h>
#include <linux/hms.h>

struct hms_threshold_config {
	s64 low;		/* below it: low; S64_MIN for none */
	s64 high;		/* above it: high; S64_MAX for none */
	s64 hysteresis;		/* a level is left only this far back past its threshold */
	s64 valid_min;		/* outside [valid_min, valid_max]: fault */
	s64 valid_max;
	u32 debounce;		/* consecutive samples a new level needs; 0 counts as 1 */
};

struct hms_threshold {
	enum hms_level level;	/* the level announced */
	enum hms_level pending;	/* the level the last samples saw */
	u32 pending_count;
};

/* Checks a configuration; returns the name of what is wrong, or NULL. */
const char *hms_threshold_check(const struct hms_threshold_config *config);

/*
 * Feeds one sample: @err is the read's result, @value its value. Returns
 * true when the announced level changed.
 */
bool hms_threshold_feed(struct hms_threshold *state, const struct hms_threshold_config *config,
			int err, s64 value);

#endif /* _HMS_THRESHOLD_H */
