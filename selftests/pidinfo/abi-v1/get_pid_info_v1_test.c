// SPDX-License-Identifier: GPL-2.0
/*
 * A program built against version 1's header (abi-v1/include, frozen):
 * what it was promised, on today's kernel.  Its struct is 344 bytes; it
 * asks with a mask or with 0, and it reads /proc itself, as a program of
 * that time would, to check the answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/pidinfo.h>

#include "../../kselftest_harness.h"

#ifndef __NR_get_pid_info
#define __NR_get_pid_info 600
#endif

/* Every field of version 1, what a mask of 0 gets. */
#define V1_ALL	((PIDINFO_MASK_CMDLINE << 1) - 1)

static int get_pid_info(int pid, struct pidinfo *info, unsigned int size)
{
	return syscall(__NR_get_pid_info, pid, info, size, 0);
}

/* /proc/PID/stat's fields from (3) on, split at spaces after the name. */
struct stat_fields {
	char comm[64];
	char *f[64];
	char buf[1024];
};

static int read_stat(pid_t pid, struct stat_fields *s)
{
	char path[64], *p, *name;
	int fd, n, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, s->buf, sizeof(s->buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	s->buf[n] = '\0';
	name = strchr(s->buf, '(');
	p = strrchr(s->buf, ')');
	if (!name || !p)
		return -1;
	*p = '\0';
	snprintf(s->comm, sizeof(s->comm), "%s", name + 1);
	/* f[3] is field (3), as proc(5) numbers them. */
	for (i = 3, p += 2; i < 64 && p && *p; i++) {
		s->f[i] = p;
		p = strchr(p, ' ');
		if (p)
			*p++ = '\0';
	}
	return i > 41 ? 0 : -1;
}

static long long field(const struct stat_fields *s, int n)
{
	return atoll(s->f[n]);
}

/* The first of the numbers after @key in /proc/PID/status. */
static long long status_value(pid_t pid, const char *key, int nth)
{
	char path[64], buf[4096], *p;
	long long v = -1;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, key);
	if (!p)
		return -1;
	for (p += strlen(key); nth-- >= 0;)
		v = strtoll(p, &p, 10);
	return v;
}

static pid_t start_sleeper(int ready[2])
{
	pid_t pid;
	char byte = 0;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		if (write(ready[1], &byte, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (pid > 0 && read(ready[0], &byte, 1) != 1)
		return -1;
	close(ready[0]);
	return pid;
}

/* A sleeping child, asked for everything, against /proc. */
TEST(every_field_matches_proc)
{
	struct stat_fields before, after;
	char cwd[PATH_MAX], exe[PATH_MAX], mine[PATH_MAX], path[64];
	struct pidinfo info;
	int ready[2], tries;
	ssize_t n;
	long ticks = sysconf(_SC_CLK_TCK);
	pid_t pid = start_sleeper(ready);

	ASSERT_LT(0, pid);
	/* Asked again until /proc reads the same on both sides of it. */
	for (tries = 0; tries < 100; tries++) {
		memset(&info, 0, sizeof(info));
		info.cwd = (unsigned long)cwd;
		info.cwd_size = sizeof(cwd);
		info.exe = (unsigned long)exe;
		info.exe_size = sizeof(exe);
		ASSERT_EQ(0, read_stat(pid, &before));
		ASSERT_EQ(0, get_pid_info(pid, &info, sizeof(info)));
		ASSERT_EQ(0, read_stat(pid, &after));
		if (*before.f[3] == 'S' && *after.f[3] == 'S' &&
		    !strcmp(before.f[14], after.f[14]) &&
		    !strcmp(before.f[15], after.f[15]) &&
		    !strcmp(before.f[39], after.f[39]))
			break;
		usleep(10000);
	}
	ASSERT_GT(100, tries);

	EXPECT_EQ(V1_ALL, info.mask);
	EXPECT_EQ(pid, info.pid);
	EXPECT_EQ(pid, info.tgid);
	EXPECT_EQ('S', info.state);
	EXPECT_EQ(field(&after, 4), info.ppid);
	EXPECT_EQ(field(&after, 5), info.pgid);
	EXPECT_EQ(field(&after, 6), info.sid);
	EXPECT_EQ(field(&after, 19), info.nice);
	EXPECT_EQ(field(&after, 20), info.nr_threads);
	EXPECT_EQ(field(&after, 22), info.start_time_ns / (1000000000 / ticks));
	EXPECT_STREQ(after.comm, info.comm);
	EXPECT_STREQ(after.comm, info.name);
	EXPECT_EQ(field(&after, 10), info.min_flt);
	EXPECT_EQ(field(&after, 12), info.maj_flt);
	EXPECT_EQ(field(&after, 14), info.utime_ns / (1000000000 / ticks));
	EXPECT_EQ(field(&after, 15), info.stime_ns / (1000000000 / ticks));
	EXPECT_EQ(field(&after, 23), info.vsize);
	EXPECT_EQ(field(&after, 18), info.priority);
	EXPECT_EQ(field(&after, 39), info.cpu);
	EXPECT_EQ(field(&after, 40), info.rt_priority);
	EXPECT_EQ(field(&after, 41), info.policy);
	EXPECT_EQ(field(&after, 7), info.tty_nr);
	EXPECT_EQ(field(&after, 8), info.tpgid);
	EXPECT_EQ(status_value(pid, "Uid:", 0), info.uid);
	EXPECT_EQ(status_value(pid, "Uid:", 1), info.euid);
	EXPECT_EQ(status_value(pid, "Gid:", 0), info.gid);
	EXPECT_EQ(status_value(pid, "Gid:", 1), info.egid);
	EXPECT_EQ(status_value(pid, "VmRSS:", 0) * 1024, info.rss);
	EXPECT_EQ(status_value(pid, "VmLck:", 0) * 1024, info.locked);
	ASSERT_NE(NULL, getcwd(mine, sizeof(mine)));
	EXPECT_STREQ(mine, cwd);
	EXPECT_EQ(strlen(mine) + 1, info.cwd_len);
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	n = readlink(path, mine, sizeof(mine) - 1);
	ASSERT_LT(0, n);
	mine[n] = '\0';
	EXPECT_STREQ(mine, exe);
	EXPECT_EQ(n + 1, info.exe_len);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A mask asks for what it names, and the PID always; nothing else moves. */
TEST(mask_and_size)
{
	unsigned char buf[512];
	struct pidinfo *info = (struct pidinfo *)buf;

	memset(buf, 0, sizeof(buf));
	info->mask = PIDINFO_MASK_COMM;
	ASSERT_EQ(0, get_pid_info(getpid(), info, sizeof(*info)));
	EXPECT_EQ(PIDINFO_MASK_PID | PIDINFO_MASK_COMM, info->mask);
	EXPECT_EQ(getpid(), info->pid);
	EXPECT_EQ(0, info->nr_threads);

	/* Mask 0: version 1's fields; past its 344 bytes, nothing written. */
	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(0, get_pid_info(getpid(), info, PIDINFO_SIZE_VER1));
	EXPECT_EQ(V1_ALL, info->mask);
	for (size_t i = PIDINFO_SIZE_VER1; i < sizeof(buf); i++)
		ASSERT_EQ(0, buf[i]);

	/* The reserved bit is refused, as version 1 said. */
	memset(buf, 0, sizeof(buf));
	info->mask = PIDINFO_MASK__RESERVED;
	EXPECT_EQ(-1, get_pid_info(getpid(), info, sizeof(*info)));
	EXPECT_EQ(EINVAL, errno);
}

TEST_HARNESS_MAIN
