# SPDX-License-Identifier: GPL-2.0
#
# hms: make builds kmod/hms.ko, hmsctl and hmsd; make check runs every test;
# make demo shows hms at work in a VM; make bench measures it against the
# alternatives. See README.md.

# The kernel to build hms.ko for: the running kernel's build tree, else the
# newest Debian linux-headers-*-amd64 installed.
KDIR ?= $(or $(wildcard /lib/modules/$(shell uname -r)/build), \
	     $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -1))

all: module agent

module:
	@test -n "$(KDIR)" || { echo "no kernel headers: set KDIR= or make deps"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

agent:
	$(MAKE) -C agent

deps:
	tests/install-deps.sh

check: deps
	tests/check.sh

demo: deps
	tests/demo.sh

# Not part of check: it takes minutes. See bench/bench.sh and README.md.
bench:
	bench/bench.sh

# Not part of check: hms reloaded 100 times under a storm, a million fuzzed
# messages, in the test kernel (an hour or more: HMS_SOAK_SECONDS caps it).
soak: deps
	HMS_SOAK=1 HMS_CHECK_STEPS="soak" tests/check.sh

fuzz: deps
	$(MAKE) -C agent fuzz

# The .debs, hms and hms-dkms, in build/deb/: dpkg-buildpackage writes next
# to the tree it builds, so it builds a copy of the sources.
deb:
	rm -rf build/deb && mkdir -p build/deb/hms
	git ls-files -co --exclude-standard | tar cf - -T - | tar xf - -C build/deb/hms
	cd build/deb/hms && dpkg-buildpackage -b -us -uc -jauto

print-kdir:
	@echo $(KDIR)

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C agent clean
	rm -rf build

.PHONY: all module agent deps check demo bench soak fuzz deb print-kdir clean
