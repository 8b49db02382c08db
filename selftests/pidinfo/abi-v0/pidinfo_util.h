/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the pidinfo selftests: what only tests need (probes
 * for the calls, raw fork and pidfd_open, byte patterns) beside the
 * library of tools/pidinfo.
 */
#ifndef PIDINFO_UTIL_H
#define PIDINFO_UTIL_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

/*
 * Built with -DPIDINFO_ON_ORIGINALS, the re-implementations' wrappers call
 * kill(2), fork(2) and wait4(2) instead: the differential tests then check
 * their own expectations on any kernel, pidinfo or not.
 */
#ifdef PIDINFO_ON_ORIGINALS
#undef __NR_ft_kill
#define __NR_ft_kill __NR_kill
#undef __NR_ft_fork
#define __NR_ft_fork __NR_fork
#undef __NR_ft_wait
#define __NR_ft_wait __NR_wait4
#endif

/*
 * What users have, in the tree: the wrappers and requests of
 * tools/pidinfo/libpidinfo.h, and the /proc reader of tools/pidinfo/procfs.h,
 * the tests' source of truth.
 */
#include "libpidinfo.h"	/* Frozen copy: was ../../../pidinfo/ */
#include "procfs.h"

static inline int sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(__NR_pidfd_open, pid, flags);
}

static inline bool is_enosys(long ret)
{
	return ret < 0 && errno == ENOSYS;
}

/*
 * Skips a whole test program, once, on a kernel without the calls it needs
 * (CONFIG_PIDINFO=n, CONFIG_PIDINFO_FT_SYSCALLS=n): from a constructor,
 * before the harness runs any test.  Used after kselftest_harness.h.
 */
#define PIDINFO_REQUIRE(missing, what)					\
	static void __attribute__((constructor)) pidinfo_require(void)	\
	{								\
		if (missing)						\
			ksft_exit_skip(what " not implemented\n");	\
	}

static inline bool all_bytes(const void *buf, int byte, size_t len)
{
	const unsigned char *p = buf;

	while (len--)
		if (*p++ != byte)
			return false;
	return true;
}

#endif /* PIDINFO_UTIL_H */
