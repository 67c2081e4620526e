#!/usr/bin/python3
"""Checks that hms.yaml and hms.h describe the same protocol: the same
commands, attributes, states and flags, with the same values; and that a
monitor property has one spelling: attribute HMS_A_MON_FOO_BAR is mon-foo-bar
in the spec, "hms,foo-bar" in the device tree binding and in the kernel's
property list (kmod/prop_list.h).

With --policy, prints the policy the spec asks of each command, to compare
with the kernel's (tests/tools/nlpolicy, in the test VM)."""
import re
import sys

import yaml

HEADER = "include/uapi/linux/hms.h"
SPEC = "include/uapi/linux/hms.yaml"
BINDING = "dts/bindings/hms,health-monitor.yaml"
PROP_LIST = "kmod/prop_list.h"
# Firmware can only say a flag is there: armed = 0 is hms,start-disarmed.
FW_EXCEPTIONS = {"ARMED": "hms,start-disarmed"}
# Properties of the binding that are no monitor attribute of their own.
FW_IDENTITY = {"label", "gpios", "hms,kind", "hms,source"}


def c_enum(text, name):
    """The members of `enum name` in order, with their values."""
    body = re.search(r"enum %s \{(.*?)\};" % name, text, re.S).group(1)
    values, value = {}, -1
    for line in body.splitlines():
        line = re.sub(r"/\*.*?\*/", "", line).strip().rstrip(",")
        if not line or line.startswith("__"):
            continue
        member, _, init = (p.strip() for p in line.partition("="))
        if init.startswith("__"):  # FOO_MAX = __FOO_MAX - 1
            continue
        value = eval(init.replace("U", "")) if init else value + 1
        values[member] = value
    return values


def spec_enum(prefix, entries, flags=False):
    values, value = {}, -1
    for i, entry in enumerate(entries):
        name = entry if isinstance(entry, str) else entry["name"]
        if isinstance(entry, dict) and "value" in entry:
            value = entry["value"]
        else:
            value = 1 << i if flags else value + 1
        values[(prefix + name).upper().replace("-", "_")] = value
    return values


def fw_name(attr):
    return FW_EXCEPTIONS.get(attr, "hms," + attr.lower().replace("_", "-"))


def check_spelling():
    """Two checks: the kernel's property list, and the binding."""
    failed = 0
    rows = re.findall(r"^HMS_PROP\((\w+), \w+, [^,]+, \"([^\"]+)\", ", open(PROP_LIST).read(),
                      re.M)
    wrong = ["%s is %s, not %s" % (attr, fw, fw_name(attr)) for attr, fw in rows
             if fw != fw_name(attr)]
    if rows and not wrong:
        print("ok - %s: each firmware name is its attribute's (%d)" % (PROP_LIST, len(rows)))
    else:
        failed += 1
        print("not ok - %s: firmware names that are not their attribute's" % PROP_LIST)
        for w in wrong or ["no HMS_PROP() line found"]:
            print("#   " + w)

    binding = yaml.safe_load(open(BINDING))
    node = list(binding["patternProperties"].values())[0]["properties"]
    in_binding = set(node) - FW_IDENTITY
    in_kernel = {fw for _, fw in rows}
    if in_binding == in_kernel:
        print("ok - the binding has exactly the kernel's properties (%d)" % len(in_binding))
    else:
        failed += 1
        print("not ok - the binding and the kernel's property list differ")
        for name in sorted(in_binding - in_kernel):
            print("#   only in the binding: " + name)
        for name in sorted(in_kernel - in_binding):
            print("#   only in the kernel: " + name)
    return failed


# What the kernel reports for an integer with no checks of its own.
FULL_RANGE = {
    "u8": (0, 2**8 - 1), "u16": (0, 2**16 - 1), "u32": (0, 2**32 - 1), "u64": (0, 2**64 - 1),
    "s8": (-2**7, 2**7 - 1), "s16": (-2**15, 2**15 - 1), "s32": (-2**31, 2**31 - 1),
    "s64": (-2**63, 2**63 - 1),
}


def policy(spec):
    """The policy the spec asks of each command's doit, as tests/tools/nlpolicy
    prints the kernel's: "CMD ATTR TYPE [min=N max=N] [max-len=N]", sorted.
    An attribute set that is a subset of another may narrow its checks."""
    sets = {s["name"]: s for s in spec["attribute-sets"]}
    cmds = spec_enum("", spec["operations"]["list"])
    lines = []
    for op in spec["operations"]["list"]:
        request = op.get("do", {}).get("request", {}).get("attributes", [])
        own = sets.get(op.get("attribute-set"), sets["hms"])
        base = sets[own.get("subset-of", own["name"])]
        numbers = spec_enum("", base["attributes"])
        for name in request:
            attr = {**next(a for a in base["attributes"] if a["name"] == name),
                    **next((a for a in own["attributes"] if a["name"] == name), {})}
            checks = attr.get("checks", {})
            line = attr["type"]
            if attr["type"] in FULL_RANGE:
                low, high = FULL_RANGE[attr["type"]]
                line += " min=%d max=%d" % (checks.get("min", low), checks.get("max", high))
            if "max-len" in checks:
                line += " max-len=%d" % checks["max-len"]
            lines.append((cmds[op["name"].upper().replace("-", "_")],
                          numbers[name.upper().replace("-", "_")], line))
    return ["%d %d %s" % line for line in sorted(lines)]


def main():
    if sys.argv[1:] == ["--policy"]:
        print("\n".join(policy(yaml.safe_load(open(SPEC)))))
        return 0
    header = open(HEADER).read()
    spec = yaml.safe_load(open(SPEC))
    defs = {d["name"]: d for d in spec["definitions"]}
    checks = [
        ("hms_cmd", spec_enum(spec["operations"]["name-prefix"], spec["operations"]["list"])),
        ("hms_attr", spec_enum(spec["attribute-sets"][0]["name-prefix"],
                               spec["attribute-sets"][0]["attributes"])),
        ("hms_state", spec_enum(defs["state"]["name-prefix"], defs["state"]["entries"])),
        ("hms_flags", spec_enum(defs["flags"]["name-prefix"], defs["flags"]["entries"], True)),
        ("hms_monitor_kind", spec_enum(defs["monitor-kind"]["name-prefix"],
                                       defs["monitor-kind"]["entries"])),
        ("hms_level", spec_enum(defs["level"]["name-prefix"], defs["level"]["entries"])),
    ]
    failed = 0
    for enum, from_spec in checks:
        from_header = c_enum(header, enum)
        if from_header == from_spec:
            print("ok - enum %s matches the spec (%d members)" % (enum, len(from_header)))
        else:
            failed += 1
            print("not ok - enum %s differs from the spec" % enum)
            for key in sorted(set(from_header) | set(from_spec)):
                if from_header.get(key) != from_spec.get(key):
                    print("#   %s: header %s, spec %s" % (key, from_header.get(key),
                                                          from_spec.get(key)))
    failed += check_spelling()
    groups = [g["name"] for g in spec["mcast-groups"]["list"]]
    if '#define HMS_GENL_MCGRP_EVENTS\t"%s"' % groups[0] in header and spec["name"] in header:
        print("ok - family and group names match the spec")
    else:
        failed += 1
        print("not ok - family or group names differ from the spec")
    print("%d passed, %d failed" % (len(checks) + 3 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
