/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * hms - health management system for 3D printers and similar machines.
 *
 * This header is the whole contract between the hms kernel module and
 * userspace. The protocol is also described as a netlink YAML spec in
 * hms.yaml next to this file.
 *
 * Codes
 * -----
 * A health code is 64 bits, written HMS_MMMM_PPPP_SSSS_EEEE in hex:
 *
 *   63      56 55     48 47     40 39     32 31            16 15             0
 *  +---------+---------+---------+---------+----------------+----------------+
 *  | module  |  unit   |  part   | reserved|    severity    |  error number  |
 *  +---------+---------+---------+---------+----------------+----------------+
 *
 * module is one of enum hms_module, unit says which one of several units
 * (AMS 0..3, HMS_UNIT_EXTERNAL for the external spool), part says which part
 * of it (HMS_PART_AMS_SLOT(n) for AMS slots). severity is one of enum
 * hms_severity. HMS_CODE() builds a code and HMS_CODE_*() take it apart.
 * The kernel accepts any code whose severity is valid; it gives no other
 * meaning to the fields.
 *
 * Family
 * ------
 * The generic netlink family HMS_GENL_NAME, version HMS_GENL_VERSION, lives
 * in the initial network namespace only. It keeps a table of active codes:
 * each has a state (raised or acknowledged), an occurrence count, first and
 * last seen times, and the value and source of its last raise.
 *
 * HMS_CMD_GET_CODE
 *   doit, with HMS_A_CODE: replies with that code's entry, or ENOENT.
 *   dumpit, no attributes: one message per active code, in code order,
 *   each as it is when read. A dump is never interrupted: changes while it
 *   runs come as events (see Resync below). Any user may read.
 *
 * HMS_CMD_REPORT (CAP_NET_ADMIN)
 *   A detector raises or clears a code: HMS_A_CODE, HMS_A_STATE
 *   (HMS_STATE_RAISED or HMS_STATE_CLEARED), optional HMS_A_VALUE and
 *   HMS_A_SOURCE (defaults to the calling task's name). Raising an active
 *   code updates it. Clearing a code that is not active fails with ENOENT.
 *   When the table is full a raise fails with ENOSPC and is counted as a
 *   drop.
 *
 * HMS_CMD_ACK (CAP_NET_ADMIN)
 *   HMS_A_CODE: the user has seen an active code. ENOENT if it is not
 *   active; acknowledging twice is not an error and announces nothing.
 *
 * HMS_CMD_GET_STATS
 *   doit, no attributes: replies with the HMS_A_STATS_* attributes.
 *   Any user may read.
 *
 * HMS_CMD_MONITOR_ADD (CAP_NET_ADMIN)
 *   Starts a detector in the kernel. HMS_A_MON_NAME names it (unique),
 *   HMS_A_MON_KIND says what it watches and HMS_A_MON_SOURCE which one:
 *   for HMS_MONITOR_THERMAL the type of a thermal zone (hwmon sensors
 *   reach the kernel as thermal zones), for HMS_MONITOR_IIO the name of an
 *   IIO channel mapped to consumer "hms" (iio_map). Sampled kinds read
 *   their source every HMS_A_MON_PERIOD_MS (at least HMS_MON_PERIOD_MIN_MS,
 *   default HMS_MON_PERIOD_DEFAULT_MS) and feed the value, in milli-units,
 *   to the threshold engine: above HMS_A_MON_HIGH
 *   the level is high and HMS_A_MON_HIGH_CODE is raised, below
 *   HMS_A_MON_LOW it is low (HMS_A_MON_LOW_CODE); a level is left only once
 *   the value is back past its threshold by HMS_A_MON_HYSTERESIS, and a new
 *   level needs HMS_A_MON_DEBOUNCE_SAMPLES consecutive samples. A value outside
 *   [HMS_A_MON_VALID_MIN, HMS_A_MON_VALID_MAX] or a read error is a fault
 *   (a thermistor that reads open or short): HMS_A_MON_FAULT_CODE. Each
 *   threshold needs its code and each code its threshold. The raised code
 *   carries the value that crossed the threshold and the monitor's name as
 *   its source, and is cleared when the level is left.
 *
 *
 *   HMS_MONITOR_GPIO watches line HMS_A_MON_LINE of the GPIO chip labelled
 *   HMS_A_MON_SOURCE by interrupt, on both edges: HMS_A_MON_CODE is raised
 *   while the line is asserted (HMS_A_MON_ACTIVE_LOW: when it reads low)
 *   and stable for HMS_A_MON_DEBOUNCE_MS, and cleared when it is released.
 *   A line with more than HMS_A_MON_CHATTER_COUNT edges within
 *   HMS_A_MON_CHATTER_MS (a worn switch) raises HMS_A_MON_FAULT_CODE once,
 *   cleared when the line has been quiet that long. Its level is high while
 *   asserted, fault while chattering.
 *
 *   HMS_MONITOR_TACH counts the rising edges of a fan's tachometer line
 *   (chip and line as for GPIO) and every HMS_A_MON_PERIOD_MS turns them
 *   into RPM, its value, with HMS_A_MON_PULSES_PER_REV pulses per turn
 *   (default 2). While it is armed, a fan slower than HMS_A_MON_MIN_RPM for
 *   HMS_A_MON_HOLD_MS raises HMS_A_MON_CODE (level low), cleared when it is
 *   back to speed. A fan that is not always on is armed and disarmed by
 *   whatever commands it (HMS_CMD_MONITOR_ARM); after arming it has
 *   HMS_A_MON_SPIN_UP_MS to reach speed, and a disarmed fan raises nothing.
 *   HMS_A_MON_ARMED says whether it starts armed (default yes).
 *
 * HMS_CMD_MONITOR_DEL (CAP_NET_ADMIN)
 *   HMS_A_MON_NAME: stops that monitor and clears the code it raised.
 *
 * HMS_CMD_MONITOR_ARM (CAP_NET_ADMIN)
 *   HMS_A_MON_NAME, HMS_A_MON_ARMED: arms (1) or disarms (0) a tach
 *   monitor. Disarming clears the code it raised; arming an armed monitor
 *   starts its spin-up time again.
 *
 * HMS_CMD_MONITOR_GET
 *   dumpit: one message per monitor, with its configuration, its last
 *   value (HMS_A_MON_VALUE) and level (HMS_A_MON_LEVEL). Any user may read.
 *
 * Errors come with an extended ACK message that says what was wrong, and
 * for a bad property, points at its attribute.
 *
 * Events
 * ------
 * Every change is sent to the multicast group HMS_GENL_MCGRP_EVENTS as an
 * HMS_CMD_EVENT message, which any user may join. It carries HMS_A_SEQ, a
 * sequence number that grows by exactly one per event, so a gap means
 * events were lost (for example a socket overrun) and the listener should
 * resync by dumping. HMS_A_STATE says what happened:
 *
 *   HMS_STATE_RAISED   the code is active (new, or updated: see below)
 *   HMS_STATE_CLEARED  the code is no longer active
 *   HMS_STATE_ACKED    the code is active and was just acknowledged
 *   HMS_STATE_DROPPED  the code was raised but the table is full
 *
 * A raise of a code that is active, or that was cleared less than the
 * flap window (module parameter flap_window_ms) ago, carries HMS_F_UPDATE
 * in HMS_A_FLAGS: it is the same fault again, keeping its first seen time,
 * count and acknowledgment, and should not be announced as new.
 * HMS_F_ACKED says the code has been acknowledged.
 *
 * Events and dumped entries carry the entry attributes: HMS_A_CODE,
 * HMS_A_STATE (HMS_STATE_RAISED in a dump), HMS_A_FLAGS, HMS_A_SEQ (of the
 * entry's last change), HMS_A_TIME_REAL and HMS_A_TIME_BOOT (when that
 * change happened, CLOCK_REALTIME and CLOCK_BOOTTIME in ns), HMS_A_VALUE,
 * HMS_A_SOURCE, HMS_A_COUNT, HMS_A_FIRST_SEEN and HMS_A_LAST_SEEN
 * (CLOCK_BOOTTIME ns: printers often boot without a real-time clock, so
 * ages are measured on boot time).
 *
 * Resync: join the group, drain the socket, read HMS_A_STATS_SEQ (the last
 * event sent), then dump. Every event up to that number is reflected in the
 * dump; apply the later ones in order, except an event whose HMS_A_SEQ is
 * not greater than its code's dumped HMS_A_SEQ (already reflected in it).
 * When the socket overruns (ENOBUFS), netlink says so once and drops
 * silently until the socket is read empty: drain it before resyncing. A
 * gap in HMS_A_SEQ, or a HMS_A_STATS_SEQ above the last event read once
 * the socket is empty, means events were lost: resync.
 */
#ifndef _UAPI_LINUX_HMS_H
#define _UAPI_LINUX_HMS_H

#include <linux/types.h>

#define HMS_GENL_NAME		"hms"
#define HMS_GENL_VERSION	1
#define HMS_GENL_MCGRP_EVENTS	"events"

#define HMS_CODE(module, unit, part, severity, error)			\
	((((__u64)(module) & 0xff) << 56) |				\
	 (((__u64)(unit) & 0xff) << 48) |				\
	 (((__u64)(part) & 0xff) << 40) |				\
	 (((__u64)(severity) & 0xffff) << 16) |				\
	 ((__u64)(error) & 0xffff))

#define HMS_CODE_MODULE(code)	((__u8)(((code) >> 56) & 0xff))
#define HMS_CODE_UNIT(code)	((__u8)(((code) >> 48) & 0xff))
#define HMS_CODE_PART(code)	((__u8)(((code) >> 40) & 0xff))
#define HMS_CODE_RESERVED(code)	((__u8)(((code) >> 32) & 0xff))
#define HMS_CODE_SEVERITY(code)	((__u16)(((code) >> 16) & 0xffff))
#define HMS_CODE_ERROR(code)	((__u16)((code) & 0xffff))

enum hms_module {
	HMS_MODULE_MC		= 0x03,	/* motion controller */
	HMS_MODULE_MAINBOARD	= 0x05,
	HMS_MODULE_AMS		= 0x07,
	HMS_MODULE_TOOLHEAD	= 0x08,
	HMS_MODULE_CAMERA	= 0x0c,	/* camera and lidar */
	HMS_MODULE_AMS_LITE	= 0x12,
};

#define HMS_UNIT_EXTERNAL	0xff	/* the external spool */
#define HMS_PART_AMS_SLOT(slot)	(0x20 + (slot))

enum hms_severity {
	HMS_SEVERITY_FATAL	= 1,
	HMS_SEVERITY_SERIOUS	= 2,
	HMS_SEVERITY_COMMON	= 3,
	HMS_SEVERITY_INFO	= 4,
};

enum hms_state {
	HMS_STATE_UNSPEC,
	HMS_STATE_RAISED,
	HMS_STATE_CLEARED,
	HMS_STATE_ACKED,
	HMS_STATE_DROPPED,

	__HMS_STATE_MAX,
	HMS_STATE_MAX = __HMS_STATE_MAX - 1
};

enum hms_monitor_kind {
	HMS_MONITOR_UNSPEC,
	HMS_MONITOR_THERMAL,
	HMS_MONITOR_GPIO,
	HMS_MONITOR_IIO,
	HMS_MONITOR_TACH,

	__HMS_MONITOR_MAX,
	HMS_MONITOR_MAX = __HMS_MONITOR_MAX - 1
};

enum hms_level {
	HMS_LEVEL_NORMAL,
	HMS_LEVEL_LOW,
	HMS_LEVEL_HIGH,
	HMS_LEVEL_FAULT,	/* read error, or a value outside the valid range */
};

#define HMS_MON_NAME_LEN	32	/* names and sources, with the NUL */
#define HMS_MON_PERIOD_MIN_MS	1
#define HMS_MON_PERIOD_DEFAULT_MS	1000
#define HMS_MON_TACH_PERIOD_MIN_MS	100	/* shorter windows see too few pulses */

enum hms_flags {
	HMS_F_UPDATE		= 1U << 0,	/* events: not a new fault */
	HMS_F_ACKED		= 1U << 1,	/* acknowledged by the user */
};

/* Longest HMS_A_SOURCE, including the terminating NUL. */
#define HMS_SOURCE_LEN		32

enum hms_cmd {
	HMS_CMD_UNSPEC,
	HMS_CMD_GET_CODE,
	HMS_CMD_REPORT,
	HMS_CMD_ACK,
	HMS_CMD_GET_STATS,
	HMS_CMD_EVENT,
	HMS_CMD_MONITOR_ADD,
	HMS_CMD_MONITOR_DEL,
	HMS_CMD_MONITOR_GET,
	HMS_CMD_MONITOR_ARM,

	__HMS_CMD_MAX,
	HMS_CMD_MAX = __HMS_CMD_MAX - 1
};

enum hms_attr {
	HMS_A_UNSPEC,
	HMS_A_PAD,
	HMS_A_CODE,			/* u64 */
	HMS_A_STATE,			/* u8, enum hms_state */
	HMS_A_FLAGS,			/* u32, enum hms_flags */
	HMS_A_SEQ,			/* u64 */
	HMS_A_TIME_REAL,		/* u64, ns */
	HMS_A_TIME_BOOT,		/* u64, ns */
	HMS_A_VALUE,			/* s64, in the detector's unit */
	HMS_A_SOURCE,			/* NUL-terminated string */
	HMS_A_COUNT,			/* u32 */
	HMS_A_FIRST_SEEN,		/* u64, CLOCK_BOOTTIME ns */
	HMS_A_LAST_SEEN,		/* u64, CLOCK_BOOTTIME ns */
	HMS_A_STATS_ACTIVE,		/* u32, codes in the table */
	HMS_A_STATS_CAPACITY,		/* u32, the table's size */
	HMS_A_STATS_RAISED,		/* u64, raises accepted */
	HMS_A_STATS_CLEARED,		/* u64 */
	HMS_A_STATS_ACKED,		/* u64 */
	HMS_A_STATS_DROPPED,		/* u64, raises refused: table full */
	HMS_A_STATS_SEQ,		/* u64, the last event sent's HMS_A_SEQ */
	HMS_A_STATS_FLAP_WINDOW,	/* u32, ms */
	HMS_A_MON_NAME,			/* string */
	HMS_A_MON_KIND,			/* u8, enum hms_monitor_kind */
	HMS_A_MON_SOURCE,		/* string */
	HMS_A_MON_PERIOD_MS,		/* u32 */
	HMS_A_MON_LOW,			/* s64, milli-units */
	HMS_A_MON_HIGH,			/* s64 */
	HMS_A_MON_HYSTERESIS,		/* s64 */
	HMS_A_MON_VALID_MIN,		/* s64 */
	HMS_A_MON_VALID_MAX,		/* s64 */
	HMS_A_MON_DEBOUNCE_SAMPLES,		/* u32, samples */
	HMS_A_MON_LOW_CODE,		/* u64 */
	HMS_A_MON_HIGH_CODE,		/* u64 */
	HMS_A_MON_FAULT_CODE,		/* u64 */
	HMS_A_MON_VALUE,		/* s64, the last sample */
	HMS_A_MON_LEVEL,		/* u8, enum hms_level */
	HMS_A_MON_LINE,			/* u32, GPIO line offset on its chip */
	HMS_A_MON_ACTIVE_LOW,		/* u32, 0 or 1 */
	HMS_A_MON_DEBOUNCE_MS,		/* u32 */
	HMS_A_MON_CODE,			/* u64, raised while a GPIO line is asserted */
	HMS_A_MON_CHATTER_COUNT,	/* u32: more edges than this... */
	HMS_A_MON_CHATTER_MS,		/* u32: ...within this many ms: a fault */
	HMS_A_MON_PULSES_PER_REV,	/* u32, tachometer pulses per turn */
	HMS_A_MON_MIN_RPM,		/* u32 */
	HMS_A_MON_HOLD_MS,		/* u32, how long below min RPM is a fault */
	HMS_A_MON_SPIN_UP_MS,		/* u32, grace after arming */
	HMS_A_MON_ARMED,		/* u8, 0 or 1 */

	__HMS_A_MAX,
	HMS_A_MAX = __HMS_A_MAX - 1
};

#endif /* _UAPI_LINUX_HMS_H */
