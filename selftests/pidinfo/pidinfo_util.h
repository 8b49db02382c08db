/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the pidinfo selftests: what only tests need (probes
 * for the calls, raw fork and pidfd_open, byte patterns) beside the
 * library of tools/pidinfo.
 */
#ifndef PIDINFO_UTIL_H
#define PIDINFO_UTIL_H

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

/*
 * What users have, in the tree: libpidinfo (<pidinfo.h>, the wrappers and
 * requests), and the /proc reader of procfs.h, the tests' source of
 * truth, both of tools/pidinfo and linked in by the Makefile.
 */
#include "../../../pidinfo/pidinfo.h"
#include "../../../pidinfo/procfs.h"

/*
 * Built with -DPIDINFO_ON_ORIGINALS, the re-implementations' wrappers are
 * kill(2), fork(2) and wait4(2) instead: the differential tests then check
 * their own expectations on any kernel, pidinfo or not.
 */
#ifdef PIDINFO_ON_ORIGINALS
#include <sys/wait.h>
#define ft_kill(pid, sig)		kill(pid, sig)
#define ft_fork()			((pid_t)sys_fork())
#define ft_wait(pid, status, options, ru) wait4(pid, status, options, ru)
#define ft_missing()			0
#endif

static inline int sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(__NR_pidfd_open, pid, flags);
}

/*
 * Whether the running kernel gives every struct pid a pidfs inode number
 * (Linux 6.9 and later), from uname(2): the test's own source, not the
 * kernel's supported_mask, which it checks.
 */
static inline bool kernel_has_pidfs(void)
{
	struct utsname u;
	int major, minor;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return false;
	return major > 6 || (major == 6 && minor >= 9);
}

/* What a mask of 0 gets from this kernel in a struct of this header's. */
static inline __u64 pidinfo_all_fields(void)
{
	return kernel_has_pidfs() ? PIDINFO_MASK_ALL :
				    PIDINFO_MASK_ALL & ~PIDINFO_MASK_IDENTITY;
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

static inline void *report_tid(void *arg)
{
	__atomic_store_n((pid_t *)arg, gettid(), __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

/* A thread that sleeps until cancelled; its TID once it runs, or -1. */
static inline pid_t start_sleeping_thread(pthread_t *thread)
{
	pid_t tid = 0;

	if (pthread_create(thread, NULL, report_tid, &tid))
		return -1;
	while (!__atomic_load_n(&tid, __ATOMIC_SEQ_CST))
		usleep(1000);
	return tid;
}

/* Blocks @sig in the calling thread; @set is left holding just @sig. */
#ifdef CLONE_ARGS_SIZE_VER0	/* <linux/sched.h>, included before */
/*
 * fork(), but the child gets PID @pid exactly: clone3() with set_tid,
 * which needs CAP_SYS_ADMIN over the PID namespace (Linux 5.5 and later).
 */
static inline pid_t fork_as(pid_t pid)
{
	struct clone_args args = {
		.exit_signal = SIGCHLD,
		.set_tid = (uintptr_t)&pid,
		.set_tid_size = 1,
	};

	return syscall(__NR_clone3, &args, sizeof(args));
}

/* A sleeping child with PID @pid exactly. */
static inline pid_t start_sleeper_as(pid_t pid)
{
	pid_t got = fork_as(pid);

	if (got == 0) {
		for (;;)
			pause();
	}
	return got;
}
#endif

/*
 * A workqueue worker's name ends with what it works on now, after a '-' or
 * a '+' (wq_worker_comm()): that part moves between the runs.
 */
static inline bool same_command(const char *theirs, const char *ours)
{
	size_t n;

	if (!strcmp(theirs, ours))
		return true;
	if (strncmp(theirs, "kworker/", 8))
		return false;
	n = strcspn(theirs, "-+");
	return n == strcspn(ours, "-+") && !strncmp(theirs, ours, n);
}

/* Runs the shell command @cmd; its output in @out. */
static inline int run_cmd(const char *cmd, char *out, size_t size)
{
	size_t n = 0;
	FILE *p = popen(cmd, "r");
	int status;

	if (!p)
		return -1;
	while (n < size - 1 && !feof(p)) {
		n += fread(out + n, 1, size - 1 - n, p);
		if (ferror(p))
			break;
	}
	out[n] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static inline void block_signal(int sig, sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, sig);
	sigprocmask(SIG_BLOCK, set, NULL);
}

/* Whether @pid is one of the @n in @pids. */
static inline bool pid_in(const pid_t *pids, int n, pid_t pid)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

/* Writes @value to the file at @path (a sysctl, a cgroup file). */
static inline int write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	close(fd);
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

struct pid_list {
	pid_t *pids;
	int n, max;
};

static inline int pid_list_add(const struct pidinfo *info, void *ctx)
{
	struct pid_list *l = ctx;

	if (l->n < l->max)
		l->pids[l->n++] = info->pid;
	return 0;
}

/*
 * The processes get_pid_info() lists (PIDINFO_NEXT), at most @max of
 * them, in order; returns how many, or -1 with errno set if the listing
 * ended with another error than ESRCH.
 */
static inline int list_processes(pid_t *pids, int max)
{
	struct pid_list l = { .pids = pids, .max = max };

	return pidinfo_list(PIDINFO_MASK_PID, 0, pid_list_add, &l) ? -1 : l.n;
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
