/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procfs.h: what /proc says about a process, in get_pid_info()'s terms,
 * and each field of an answer set beside it (procfs.c).  Private to the
 * tool's --proc, the demo, the bench and the kernel tests; not installed.
 */
#ifndef _PIDINFO_PROCFS_H
#define _PIDINFO_PROCFS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "pidinfo.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* What /proc/PID/stat says, by the field numbers of proc(5). */
struct proc_stat {
	int pid;		/* (1) */
	char comm[64];		/* (2) */
	char state;		/* (3) */
	int ppid;		/* (4) */
	int pgrp;		/* (5) */
	int session;		/* (6) */
	int tty_nr;		/* (7) */
	int tpgid;		/* (8) */
	unsigned int flags;	/* (9), PF_* */
	unsigned long long minflt;	/* (10) */
	unsigned long long majflt;	/* (12) */
	unsigned long long utime;	/* (14), clock ticks */
	unsigned long long stime;	/* (15), clock ticks */
	long priority;		/* (18) */
	long nice;		/* (19) */
	long num_threads;	/* (20) */
	unsigned long long starttime;	/* (22), clock ticks */
	unsigned long long vsize;	/* (23), bytes */
	unsigned long long startstack;	/* (28) */
	int processor;		/* (39) */
	unsigned int rt_priority;	/* (40) */
	unsigned int policy;	/* (41) */
};

#define PROC_PF_KTHREAD		0x00200000	/* PF_KTHREAD in (9) */

/* Everything /proc says about one process that get_pid_info() reports. */
struct proc_view {
	struct proc_stat st;
	unsigned int tgid;
	unsigned int uids[4], gids[4];	/* real, effective, saved, fs */
	unsigned long long resident;	/* /proc/PID/statm, pages */
	unsigned long long shared;	/* /proc/PID/statm, pages */
	unsigned int vm_lck;		/* /proc/PID/status VmLck, kB */
	unsigned long long cgroup_id;
	int cgroup_errno;		/* 0 if the ID was read */
	char comm[PIDINFO_NAME_LEN + 1];	/* /proc/PID/comm, whole */
	char root[PATH_MAX];
	char cwd[PATH_MAX];
	char exe[PATH_MAX];
	int root_errno, cwd_errno, exe_errno;	/* 0 if the link was read */
	char cmdline[1 << 16];		/* its first 64 KiB */
	int cmdline_len;
	int *children;			/* sorted */
	int nr_children;
	unsigned long long now_ns;	/* CLOCK_BOOTTIME, once read */
};

/*
 * One field of an answer: its name, get_pid_info()'s value as text and as
 * JSON ("" when absent), and, when compared, /proc's value ("" when not)
 * and whether the two agree.
 */
struct pidinfo_row {
	const char *name;
	const char *text;
	const char *json;
	const char *proc;
	bool same;
};

typedef void (*pidinfo_row_fn)(void *ctx, const struct pidinfo_row *row);

/* The parts of an answer that live outside struct pidinfo. */
struct pidinfo_buffers {
	const int *children;
	const char *root;	/* read only if the mask says it was written */
	const char *cwd;
	const char *exe;
	const char *cmdline;	/* the first cmdline_size bytes */
};

/* A file's first @size - 1 bytes, NUL-terminated: its length, or -1. */
int read_file(const char *path, char *buf, size_t size);
/* As read_file(), but to the end: seq_file may answer a page at a time. */
int read_whole_file(const char *path, char *buf, size_t size);
/* Parses /proc/@dir/stat, @dir being "PID" or "PID/task/TID". */
int proc_read_stat_path(const char *dir, struct proc_stat *st);
int proc_read_stat(pid_t pid, struct proc_stat *st);
bool proc_stat_settled(const struct proc_stat *before,
		       const struct proc_stat *after);
/* The state letter of /proc/PID/stat, or 0. */
char proc_state(pid_t pid);
/* Polls until /proc shows @pid in @state; false after about 10 s. */
bool wait_for_proc_state(pid_t pid, char state);
/* The numbers after @key ("Uid:", "Tgid:", ...) in /proc/PID/status. */
int proc_read_status(pid_t pid, const char *key, unsigned int *vals, int n);
/* The four IDs of a "Uid:" or "Gid:" line of /proc/PID/status. */
int proc_read_ids(pid_t pid, const char *key, unsigned int ids[4]);
/* readlink() of /proc/PID/<name>, NUL-terminated; -1 with errno on error. */
ssize_t proc_readlink(pid_t pid, const char *name, char *buf, size_t size);
/* qsort()'s comparison of ints. */
int cmp_int(const void *a, const void *b);
/* The IDs a /proc directory lists, sorted, at most @max; or -1. */
int proc_list_ids(const char *path, int *ids, int max);
/* The union of /proc/PID/task/TID/children, sorted into @pids. */
int proc_children(pid_t pid, int *pids, int max);
/* The cgroup v2 ID of @pid; -1 with errno (ENOENT without cgroup2). */
int proc_cgroup_id(pid_t pid, unsigned long long *id);
/* CLOCK_BOOTTIME in nanoseconds. */
unsigned long long boottime_ns(void);
/* /proc's view of @pid, read after the call it is compared with. */
int proc_view_read(pid_t pid, struct proc_view *v, int *children, int max);
/* Each field of an answer, beside /proc's @view; returns the mismatches. */
int pidinfo_rows(const struct pidinfo *info,
		 const struct pidinfo_buffers *bufs,
		 const struct proc_view *view, pidinfo_row_fn fn, void *ctx);
/* fork(2), or clone(SIGCHLD) where the architecture has no fork. */
long sys_fork(void);

#endif /* _PIDINFO_PROCFS_H */
