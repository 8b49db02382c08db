/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the pidinfo selftests: the syscall wrappers and the
 * /proc readers that are the tests' source of truth.
 */
#ifndef PIDINFO_UTIL_H
#define PIDINFO_UTIL_H

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
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

/* The wrappers users have: tools/pidinfo/libpidinfo.h, in the tree. */
#include "../../../pidinfo/libpidinfo.h"

/*
 * fork(2) as the kernel offers it: sys_fork, or, where there is none
 * (arm64 and the other architectures of the generic table), clone() with
 * SIGCHLD alone, which is the same kernel_clone() request.
 */
static inline long sys_fork(void)
{
#ifdef __NR_fork
	return syscall(__NR_fork);
#else
	return syscall(__NR_clone, SIGCHLD, 0, 0, 0, 0);
#endif
}

static inline int sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(__NR_pidfd_open, pid, flags);
}

static inline bool is_enosys(long ret)
{
	return ret < 0 && errno == ENOSYS;
}

/* True on a kernel built without CONFIG_PIDINFO. */
static inline bool pidinfo_missing(void)
{
	return is_enosys(get_pid_info(getpid(), NULL, 0, 0));
}

/*
 * The same for the re-implementations, probed without side effects: an
 * invalid option gives -EINVAL where ft_wait() exists.
 */
static inline bool ft_missing(void)
{
	return is_enosys(ft_wait(-1, NULL, 0x100, NULL)) ||
	       is_enosys(ft_kill(getpid(), 0));
}

/* What /proc/PID/stat says, by the field numbers of proc(5). */
struct proc_stat {
	char comm[64];
	char state;		/* (3) */
	int ppid;		/* (4) */
	int pgrp;		/* (5) */
	int session;		/* (6) */
	long nice;		/* (19) */
	long num_threads;	/* (20) */
	unsigned long long starttime;	/* (22), clock ticks */
	unsigned long long startstack;	/* (28) */
};

static inline int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* As read_file(), but to the end: seq_file may answer a page at a time. */
static inline int read_whole_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len < size - 1 &&
	       (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* Parses /proc/@dir/stat, @dir being "PID" or "PID/task/TID". */
static inline int proc_read_stat_path(const char *dir, struct proc_stat *st)
{
	char path[96], buf[1024], *open_paren, *close_paren, *tok, *save;
	int field;

	snprintf(path, sizeof(path), "/proc/%s/stat", dir);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren)
		return -1;
	*close_paren = '\0';
	snprintf(st->comm, sizeof(st->comm), "%s", open_paren + 1);

	field = 3;
	for (tok = strtok_r(close_paren + 2, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save), field++) {
		switch (field) {
		case 3:
			st->state = tok[0];
			break;
		case 4:
			st->ppid = atoi(tok);
			break;
		case 5:
			st->pgrp = atoi(tok);
			break;
		case 6:
			st->session = atoi(tok);
			break;
		case 19:
			st->nice = atol(tok);
			break;
		case 20:
			st->num_threads = atol(tok);
			break;
		case 22:
			st->starttime = strtoull(tok, NULL, 10);
			break;
		case 28:
			st->startstack = strtoull(tok, NULL, 10);
			break;
		}
	}
	return field > 28 ? 0 : -1;
}

static inline int proc_read_stat(pid_t pid, struct proc_stat *st)
{
	char dir[16];

	snprintf(dir, sizeof(dir), "%d", pid);
	return proc_read_stat_path(dir, st);
}

static inline char proc_state(pid_t pid)
{
	struct proc_stat st;

	return proc_read_stat(pid, &st) ? 0 : st.state;
}

/* The four IDs of a "Uid:" or "Gid:" line of /proc/PID/status. */
static inline int proc_read_ids(pid_t pid, const char *key, unsigned int ids[4])
{
	char path[64], buf[4096], *line;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	line = strstr(buf, key);
	if (!line)
		return -1;
	return sscanf(line + strlen(key), "%u %u %u %u",
		      &ids[0], &ids[1], &ids[2], &ids[3]) == 4 ? 0 : -1;
}

/* readlink() of /proc/PID/<name>, NUL-terminated; -1 with errno on error. */
static inline ssize_t proc_readlink(pid_t pid, const char *name, char *buf,
				    size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	n = readlink(path, buf, size - 1);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * The union of /proc/PID/task/TID/children over every thread: the PIDs
 * get_pid_info() must report.  Returns how many, sorted into @pids.
 */
#define WHITESPACE "\n "

static inline int proc_children(pid_t pid, int *pids, int max)
{
	static char buf[1 << 17];
	char path[320], *tok, *save;
	struct dirent *de;
	int n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/children",
			 pid, de->d_name);
		if (read_whole_file(path, buf, sizeof(buf)) < 0)
			continue;
		for (tok = strtok_r(buf, WHITESPACE, &save); tok && n < max;
		     tok = strtok_r(NULL, WHITESPACE, &save))
			pids[n++] = atoi(tok);
	}
	closedir(dir);
	qsort(pids, n, sizeof(*pids), cmp_int);
	return n;
}

static inline unsigned long long boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* A get_pid_info() call's struct and buffers, pre-filled with a pattern. */
struct pidinfo_request {
	struct pidinfo info;
	int children[256];
	char root[PATH_MAX];
	char cwd[PATH_MAX];
};

/*
 * Fills the buffers with @pattern and the struct with @info_byte, then
 * describes the buffers, with room for @cap children, in the struct.
 */
static inline void pidinfo_request_init(struct pidinfo_request *req,
					int pattern, int info_byte,
					unsigned int cap)
{
	memset(req, pattern, sizeof(*req));
	memset(&req->info, info_byte, sizeof(req->info));
	req->info.children = (uintptr_t)req->children;
	req->info.children_cap = cap;
	req->info.root = (uintptr_t)req->root;
	req->info.root_size = sizeof(req->root);
	req->info.cwd = (uintptr_t)req->cwd;
	req->info.cwd_size = sizeof(req->cwd);
}

static inline bool all_bytes(const void *buf, int byte, size_t len)
{
	const unsigned char *p = buf;

	while (len--)
		if (*p++ != byte)
			return false;
	return true;
}

/* Polls until /proc shows @pid in @state; false after about 10 s. */
static inline bool wait_for_proc_state(pid_t pid, char state)
{
	int i;

	for (i = 0; i < 10000; i++) {
		if (proc_state(pid) == state)
			return true;
		usleep(1000);
	}
	return false;
}

#endif /* PIDINFO_UTIL_H */
