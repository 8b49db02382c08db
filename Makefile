# SPDX-License-Identifier: GPL-2.0
#
# pidinfo: the subsystem's files, the hooks into Linux 6.12, and a harness
# that builds, boots and tests them.  Every target delegates to scripts/;
# see HACKING.md.

.PHONY: help demo test test-debug fuzz bench mutate check patch kunit kernel selftests prepare deps clean \
	install uninstall

help:
	@echo "make demo       boot the pidinfo kernel and describe a process tree"
	@echo "make test       KUnit and kselftests on the test kernel (qemu), with a verdict"
	@echo "make test-debug the tests on a KASAN/lockdep/kmemleak/UBSAN kernel"
	@echo "make fuzz       fuzz the four calls on that kernel (FUZZ_SECONDS=600)"
	@echo "make bench      get_pid_info against /proc, ft_* against the originals"
	@echo "make mutate     plant scripts/mutants.tsv one by one; each must be killed"
	@echo "make check      checkpatch, kernel-doc, W=1, sparse, the series, configs"
	@echo "make patch      the git format-patch series against Linux (build/patch)"
	@echo "make kunit      only the KUnit suites, by kunit.py run (UML on x86_64)"
	@echo "make kernel     only build the guest kernel (build/\$$ARCH)"
	@echo "make selftests  only build and install the selftests (build/\$$ARCH/kselftest-install)"
	@echo "make prepare    only (re)prepare build/linux-6.12 from the repo"
	@echo "make deps       only install the Debian packages needed"
	@echo "make install    install pidinfo, libpidinfo and the man pages (DESTDIR, prefix)"
	@echo "make uninstall  remove what make install installed (same DESTDIR, prefix)"
	@echo "make clean      remove build/"
	@echo "ARCH=arm64      cross-build and boot under qemu-system-aarch64 instead"

demo:
	./scripts/demo.sh

test:
	./scripts/test.sh

test-debug:
	./scripts/test-debug.sh

fuzz:
	./scripts/fuzz.sh

bench:
	./scripts/bench.sh

mutate:
	./scripts/mutate.sh

check:
	./scripts/check.sh

patch:
	./scripts/make-patch.sh

# What each job needs first (packages, the prepared tree) is its script's
# business, never a prerequisite here.
kunit:
	./scripts/deps.sh && ./scripts/prepare-tree.sh && ./scripts/kunit.sh run

kernel:
	./scripts/deps.sh && ./scripts/prepare-tree.sh && ./scripts/build-kernel.sh

selftests: kernel
	./scripts/build-selftests.sh

prepare:
	./scripts/deps.sh && ./scripts/prepare-tree.sh

deps:
	./scripts/deps.sh

# pidinfo(1), libpidinfo and the man pages, as a distribution installs
# them: make install DESTDIR=... prefix=/usr (bindir, libdir, includedir,
# mandir too).  Built in build/pidinfo/ against include/uapi: no kernel
# tree needed.
install uninstall:
	mkdir -p build/pidinfo
	$(MAKE) -C tools/pidinfo OUTPUT=$(CURDIR)/build/pidinfo/ $@

clean:
	rm -rf build
