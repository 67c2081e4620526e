// SPDX-License-Identifier: GPL-2.0
/*
 * The threshold engine. Hysteresis keeps a level until the value is back
 * past its threshold by the hysteresis; debounce makes a new level wait
 * for that many consecutive samples. A fault (a thermistor that reads open
 * or short) is a level like the others, so it too is debounced.
 */

#include <linux/limits.h>
#include <linux/minmax.h>

#include "threshold.h"

const char *hms_threshold_check(const struct hms_threshold_config *config)
{
	if (config->valid_min > config->valid_max)
		return "valid range: minimum above maximum";
	if (config->low != S64_MIN && config->high != S64_MAX && config->low >= config->high)
		return "thresholds: low is not below high";
	if (config->hysteresis < 0)
		return "hysteresis: negative";
	if (config->low != S64_MIN && config->high != S64_MAX &&
	    config->hysteresis > config->high / 2 - config->low / 2)
		return "hysteresis: larger than half the distance between the thresholds";
	return NULL;
}

/* The level @value calls for, seen from the announced @level. */
static enum hms_level classify(const struct hms_threshold_config *config, enum hms_level level,
			       int err, s64 value)
{
	if (err || value < config->valid_min || value > config->valid_max)
		return HMS_LEVEL_FAULT;
	if (level == HMS_LEVEL_HIGH && value > config->high - config->hysteresis)
		return HMS_LEVEL_HIGH;
	if (level == HMS_LEVEL_LOW && value < config->low + config->hysteresis)
		return HMS_LEVEL_LOW;
	if (config->high != S64_MAX && value > config->high)
		return HMS_LEVEL_HIGH;
	if (config->low != S64_MIN && value < config->low)
		return HMS_LEVEL_LOW;
	return HMS_LEVEL_NORMAL;
}

bool hms_threshold_feed(struct hms_threshold *state, const struct hms_threshold_config *config,
			int err, s64 value)
{
	enum hms_level seen = classify(config, state->level, err, value);

	if (seen == state->level) {
		state->pending_count = 0;
		return false;
	}
	if (seen != state->pending || !state->pending_count) {
		state->pending = seen;
		state->pending_count = 0;
	}
	if (++state->pending_count < max(config->debounce, 1U))
		return false;

	state->level = seen;
	state->pending_count = 0;
	return true;
}
