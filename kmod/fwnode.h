/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HMS_FWNODE_H
#define _HMS_FWNODE_H

#include "monitor.h"

struct fwnode_handle;

/*
 * Reads a monitor from a firmware node: a child of the hms node in the
 * device tree (dts/bindings/hms,health-monitor.yaml), in ACPI _DSD, or a
 * software node. Returns 0, or -EINVAL with *@why saying what is wrong and
 * *@prop the property at fault (NULL where *@why names it).
 */
int hms_monitor_spec_from_fwnode(struct fwnode_handle *node, struct hms_monitor_spec *spec,
				 const char **prop, const char **why);

#endif /* _HMS_FWNODE_H */
