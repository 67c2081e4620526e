/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The properties of a monitor, one line each (see props.h), included
 * wherever a table is made from them, with HMS_PROP() defined for it:
 *
 * HMS_PROP(ATTR, TYPE, KINDS, firmware name, field of struct hms_monitor_spec)
 */
HMS_PROP(PERIOD_MS, U32, HMS_K_SAMPLED | HMS_K_TACH, "hms,period-ms", period_ms)
HMS_PROP(LOW, S64, HMS_K_SAMPLED, "hms,low", threshold.low)
HMS_PROP(HIGH, S64, HMS_K_SAMPLED, "hms,high", threshold.high)
HMS_PROP(HYSTERESIS, S64, HMS_K_SAMPLED, "hms,hysteresis", threshold.hysteresis)
HMS_PROP(VALID_MIN, S64, HMS_K_SAMPLED, "hms,valid-min", threshold.valid_min)
HMS_PROP(VALID_MAX, S64, HMS_K_SAMPLED, "hms,valid-max", threshold.valid_max)
HMS_PROP(DEBOUNCE_SAMPLES, U32, HMS_K_SAMPLED, "hms,debounce-samples", threshold.debounce)
HMS_PROP(LOW_CODE, CODE, HMS_K_SAMPLED, "hms,low-code", codes[HMS_LEVEL_LOW])
HMS_PROP(HIGH_CODE, CODE, HMS_K_SAMPLED, "hms,high-code", codes[HMS_LEVEL_HIGH])
HMS_PROP(LINE, U32, HMS_K_GPIO | HMS_K_TACH, "hms,line", line)
HMS_PROP(ACTIVE_LOW, FLAG, HMS_K_GPIO, "hms,active-low", active_low)
HMS_PROP(DEBOUNCE_MS, U32, HMS_K_GPIO, "hms,debounce-ms", debounce_ms)
HMS_PROP(CODE, KIND_CODE, HMS_K_GPIO | HMS_K_TACH, "hms,code", codes)
HMS_PROP(CHATTER_COUNT, U32, HMS_K_GPIO, "hms,chatter-count", chatter_count)
HMS_PROP(CHATTER_MS, U32, HMS_K_GPIO, "hms,chatter-ms", chatter_ms)
HMS_PROP(PULSES_PER_REV, U32, HMS_K_TACH, "hms,pulses-per-rev", pulses_per_rev)
HMS_PROP(MIN_RPM, U32, HMS_K_TACH, "hms,min-rpm", fan.min_rpm)
HMS_PROP(HOLD_MS, U32, HMS_K_TACH, "hms,hold-ms", fan.hold_ms)
HMS_PROP(SPIN_UP_MS, U32, HMS_K_TACH, "hms,spin-up-ms", fan.spin_up_ms)
HMS_PROP(ARMED, ARMED, HMS_K_TACH, "hms,start-disarmed", armed)
HMS_PROP(FAULT_CODE, CODE, HMS_K_ALL, "hms,fault-code", codes[HMS_LEVEL_FAULT])
