/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HMS_PLATFORM_H
#define _HMS_PLATFORM_H

/* The driver for "hms,health-monitor" nodes in firmware. */
int hms_platform_init(void);
void hms_platform_exit(void);

#endif /* _HMS_PLATFORM_H */
