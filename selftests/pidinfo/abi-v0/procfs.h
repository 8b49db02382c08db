/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procfs.h: what /proc says about a process, in get_pid_info()'s terms,
 * and each field of an answer set beside it.  The one source of truth of
 * pidinfo --proc, the demo, the bench and the kernel tests; header-only, as
 * libpidinfo.h, so that each program builds from its own file.
 */
#ifndef _PIDINFO_PROCFS_H
#define _PIDINFO_PROCFS_H

#include <ctype.h>
#include <stddef.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "libpidinfo.h"

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

/* What /proc/PID/stat says, by the field numbers of proc(5). */
struct proc_stat {
	int pid;		/* (1) */
	char comm[64];		/* (2) */
	char state;		/* (3) */
	int ppid;		/* (4) */
	int pgrp;		/* (5) */
	int session;		/* (6) */
	long nice;		/* (19) */
	long num_threads;	/* (20) */
	unsigned long long starttime;	/* (22), clock ticks */
	unsigned long long startstack;	/* (28) */
};

#define PROC_STAT_FIELDS	28	/* the last one read: startstack */

/* Parses /proc/@dir/stat, @dir being "PID" or "PID/task/TID". */
static inline int proc_read_stat_path(const char *dir, struct proc_stat *st)
{
	char path[96], buf[1024], *open_paren, *close_paren, *save;
	/* f[n] is field (n) of proc(5); comm, (2), may hold spaces. */
	char *f[PROC_STAT_FIELDS + 1] = { NULL };
	int n;

	snprintf(path, sizeof(path), "/proc/%s/stat", dir);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren)
		return -1;
	*close_paren = '\0';
	f[1] = buf;
	f[2] = open_paren + 1;
	f[3] = strtok_r(close_paren + 2, " ", &save);
	for (n = 4; f[n - 1] && n <= PROC_STAT_FIELDS; n++)
		f[n] = strtok_r(NULL, " ", &save);
	if (!f[PROC_STAT_FIELDS])
		return -1;

	st->pid = atoi(f[1]);
	snprintf(st->comm, sizeof(st->comm), "%s", f[2]);
	st->state = f[3][0];
	st->ppid = atoi(f[4]);
	st->pgrp = atoi(f[5]);
	st->session = atoi(f[6]);
	st->nice = atol(f[19]);
	st->num_threads = atol(f[20]);
	st->starttime = strtoull(f[22], NULL, 10);
	st->startstack = strtoull(f[28], NULL, 10);
	return 0;
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

/* The numbers after @key ("Uid:", "Tgid:", ...) in /proc/PID/status. */
static inline int proc_read_status(pid_t pid, const char *key,
				   unsigned int *vals, int n)
{
	char path[64], buf[4096], *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, key);
	if (!p)
		return -1;
	p += strlen(key);
	for (i = 0; i < n; i++)
		vals[i] = strtoul(p, &p, 10);
	return 0;
}

/* The four IDs of a "Uid:" or "Gid:" line of /proc/PID/status. */
static inline int proc_read_ids(pid_t pid, const char *key, unsigned int ids[4])
{
	return proc_read_status(pid, key, ids, 4);
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

static inline int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The union of /proc/PID/task/TID/children over every thread: the PIDs
 * get_pid_info() must report.  Returns how many, sorted into @pids.
 */
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
		for (tok = strtok_r(buf, "\n ", &save); tok && n < max;
		     tok = strtok_r(NULL, "\n ", &save))
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

/* Everything /proc says about one process that get_pid_info() reports. */
struct proc_view {
	struct proc_stat st;
	unsigned int tgid;
	unsigned int uids[4], gids[4];	/* real, effective, saved, fs */
	char comm[64];			/* /proc/PID/comm: up to 64 bytes */
	char root[PATH_MAX];
	char cwd[PATH_MAX];
	int root_errno, cwd_errno;	/* 0 if the link was read */
	int *children;			/* sorted */
	int nr_children;
	unsigned long long now_ns;	/* CLOCK_BOOTTIME, once read */
};

/*
 * Reads /proc's view of @pid, with room for @max children in @children.
 * Read it after the get_pid_info() call it is compared with: the age is
 * checked against the clock read here.  Returns 0, or -1 if @pid is not
 * in /proc.
 */
static inline int proc_view_read(pid_t pid, struct proc_view *v,
				 int *children, int max)
{
	char path[64];

	memset(v, 0, offsetof(struct proc_view, root));
	v->root[0] = v->cwd[0] = '\0';
	if (proc_read_stat(pid, &v->st) ||
	    proc_read_status(pid, "Tgid:", &v->tgid, 1) ||
	    proc_read_ids(pid, "Uid:", v->uids) ||
	    proc_read_ids(pid, "Gid:", v->gids))
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	if (read_file(path, v->comm, sizeof(v->comm)) < 0)
		return -1;
	v->comm[strcspn(v->comm, "\n")] = '\0';
	v->root_errno = proc_readlink(pid, "root", v->root,
				      sizeof(v->root)) < 0 ? errno : 0;
	v->cwd_errno = proc_readlink(pid, "cwd", v->cwd,
				     sizeof(v->cwd)) < 0 ? errno : 0;
	v->children = children;
	v->nr_children = proc_children(pid, children, max);
	if (v->nr_children < 0)
		return -1;
	v->now_ns = boottime_ns();
	return 0;
}

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
};

/* Where pidinfo_rows() builds each row before handing it out. */
struct pidinfo_rows_ctx {
	struct pidinfo_row r;
	char text[PATH_MAX], json[2 * PATH_MAX], proc[PATH_MAX];
	bool compared;
	int bad;
	pidinfo_row_fn fn;
	void *ctx;
};

/* Hands one row to the caller's function, counting a disagreement. */
static inline void pidinfo_row_out(struct pidinfo_rows_ctx *c,
				   const char *name, const char *text,
				   const char *json, const char *procs,
				   bool same)
{
	c->r.name = name;
	c->r.text = text;
	c->r.json = json;
	c->r.proc = c->compared ? procs : "";
	c->r.same = !c->compared || same;
	c->bad += !c->r.same;
	c->fn(c->ctx, &c->r);
}

/* The same, for a row built in @c's own buffers. */
static inline void pidinfo_row_emit(struct pidinfo_rows_ctx *c,
				    const char *name, bool same)
{
	pidinfo_row_out(c, name, c->text, c->json, c->proc, same);
}

static inline void pidinfo_row_num(struct pidinfo_rows_ctx *c,
				   const char *name, long long ours,
				   long long procs)
{
	snprintf(c->text, sizeof(c->text), "%lld", ours);
	snprintf(c->json, sizeof(c->json), "%lld", ours);
	snprintf(c->proc, sizeof(c->proc), "%lld", procs);
	pidinfo_row_emit(c, name, ours == procs);
}

/* A JSON string: quotes, backslashes and control bytes escaped. */
static inline void pidinfo_json_string(char *out, size_t size, const char *s)
{
	size_t n = 0;

	out[n++] = '"';
	for (; *s && n + 8 < size; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			n += snprintf(out + n, size - n, "\\%c", c);
		else if (c < 0x20)
			n += snprintf(out + n, size - n, "\\u%04x", c);
		else
			out[n++] = c;
	}
	out[n++] = '"';
	out[n] = '\0';
}

/* Why get_pid_info() left a path or the stack out. */
static inline const char *pidinfo_absent(const struct pidinfo *info)
{
	return info->state == 'Z' || info->state == 'X' ? "(gone)" :
	       "(withheld)";
}

/* root or cwd: present in both and equal, or absent from both. */
static inline void pidinfo_row_path(struct pidinfo_rows_ctx *c,
				    const char *name,
				    const struct pidinfo *info, __u64 bit,
				    const char *ours, const char *procs,
				    int proc_errno)
{
	bool have = info->mask & bit;

	snprintf(c->text, sizeof(c->text), "%s",
		 have ? ours : pidinfo_absent(info));
	c->json[0] = '\0';
	if (have)
		pidinfo_json_string(c->json, sizeof(c->json), ours);
	snprintf(c->proc, sizeof(c->proc), "%s", !proc_errno ? procs :
		 proc_errno == ENOENT ? "(gone)" : "(withheld)");
	pidinfo_row_emit(c, name, have ? !proc_errno && !strcmp(ours, procs) :
				   proc_errno != 0);
}

/* @n PIDs joined by @sep, in a buffer to free(). */
static inline char *pidinfo_join(const int *pids, int n, const char *open,
				 char sep, const char *close)
{
	size_t size = 12 * (size_t)n + 4, len;
	char *out = malloc(size);
	int i;

	if (!out)
		return NULL;
	len = snprintf(out, size, "%s", open);
	for (i = 0; i < n; i++)
		len += snprintf(out + len, size - len, "%.*s%d", i ? 1 : 0,
				&sep, pids[i]);
	snprintf(out + len, size - len, "%s", close);
	return out;
}

/* Children come in no particular order: compared as sets. */
static inline void pidinfo_row_children(struct pidinfo_rows_ctx *c,
					const struct pidinfo *info,
					const int *children,
					const struct proc_view *v)
{
	/* The kernel counts them all, and writes as many as there is room. */
	int nr = info->nr_children;
	int n = nr < (int)info->children_cap ? nr : (int)info->children_cap;
	int *sorted = malloc((n + 1) * sizeof(int));
	char *text = pidinfo_join(children, n, "", ' ', "");
	char *json = pidinfo_join(children, n, "[", ',', "]");
	char *procs = pidinfo_join(v->children, v->nr_children, "", ' ', "");
	bool same = false;

	if (sorted && text && json && procs) {
		if (n)
			memcpy(sorted, children, n * sizeof(int));
		qsort(sorted, n, sizeof(int), cmp_int);
		same = n == nr && nr == v->nr_children &&
		       (!n || !memcmp(sorted, v->children, n * sizeof(int)));
		pidinfo_row_out(c, "children", text, json, procs, same);
	} else {
		pidinfo_row_out(c, "children", "(out of memory)", "",
				"(not compared)", false);
	}
	free(sorted);
	free(text);
	free(json);
	free(procs);
}

/*
 * Calls @fn(@ctx, row) for each field of the answer @info (with its
 * @bufs), beside /proc's @view when it is not NULL, and returns how many
 * fields disagree with /proc.  A new field of struct pidinfo gets its row
 * here, and with it a place in pidinfo(1)'s text and JSON and in every
 * comparison with /proc.
 */
static inline int pidinfo_rows(const struct pidinfo *info,
			       const struct pidinfo_buffers *bufs,
			       const struct proc_view *view,
			       pidinfo_row_fn fn, void *ctx)
{
	static const struct proc_view none;
	unsigned long long tick_ns = 1000000000ULL / sysconf(_SC_CLK_TCK);
	const struct proc_view *v = view ? view : &none;
	struct pidinfo_rows_ctx *c = malloc(sizeof(*c));
	int bad;

	if (!c)
		return 1;
	c->compared = view;
	c->bad = 0;
	c->fn = fn;
	c->ctx = ctx;

	pidinfo_row_num(c, "pid", info->pid, v->st.pid);
	pidinfo_row_num(c, "tgid", info->tgid, v->tgid);
	snprintf(c->text, sizeof(c->text), "%c", info->state);
	snprintf(c->json, sizeof(c->json), "\"%c\"", info->state);
	snprintf(c->proc, sizeof(c->proc), "%c", v->st.state);
	pidinfo_row_emit(c, "state", (char)info->state == v->st.state);
	pidinfo_row_num(c, "ppid", info->ppid, v->st.ppid);
	pidinfo_row_num(c, "pgid", info->pgid, v->st.pgrp);
	pidinfo_row_num(c, "sid", info->sid, v->st.session);
	pidinfo_row_num(c, "uid", info->uid, v->uids[0]);
	pidinfo_row_num(c, "euid", info->euid, v->uids[1]);
	pidinfo_row_num(c, "gid", info->gid, v->gids[0]);
	pidinfo_row_num(c, "egid", info->egid, v->gids[1]);
	pidinfo_row_num(c, "threads", info->nr_threads, v->st.num_threads);
	pidinfo_row_num(c, "nice", info->nice, v->st.nice);

	/* /proc/PID/stat shows 0 where get_pid_info() withholds the stack. */
	snprintf(c->proc, sizeof(c->proc), "%#llx", v->st.startstack);
	if (info->mask & PIDINFO_MASK_STACK) {
		snprintf(c->text, sizeof(c->text), "%#llx",
			 (unsigned long long)info->stack_start);
		snprintf(c->json, sizeof(c->json), "%llu",
			 (unsigned long long)info->stack_start);
		pidinfo_row_emit(c, "stack_start",
				 info->stack_start == v->st.startstack);
	} else {
		snprintf(c->text, sizeof(c->text), "%s", pidinfo_absent(info));
		c->json[0] = '\0';
		pidinfo_row_emit(c, "stack_start", !v->st.startstack);
	}

	/* /proc counts the start in clock ticks since boot. */
	snprintf(c->text, sizeof(c->text), "%llu ticks",
		 (unsigned long long)info->start_time_ns / tick_ns);
	snprintf(c->json, sizeof(c->json), "%llu",
		 (unsigned long long)info->start_time_ns);
	snprintf(c->proc, sizeof(c->proc), "%llu ticks", v->st.starttime);
	pidinfo_row_emit(c, "start_time_ns",
			 info->start_time_ns / tick_ns == v->st.starttime);

	/* /proc has no age: at most the time from the start to its reading. */
	snprintf(c->text, sizeof(c->text), "%.3f s", info->age_ns / 1e9);
	snprintf(c->json, sizeof(c->json), "%llu",
		 (unsigned long long)info->age_ns);
	snprintf(c->proc, sizeof(c->proc), "<= %.3f s",
		 (v->now_ns - info->start_time_ns) / 1e9);
	pidinfo_row_emit(c, "age_ns",
			 info->age_ns <= v->now_ns - info->start_time_ns);

	/* What /proc/PID/comm shows, cut to TASK_COMM_LEN - 1 bytes. */
	snprintf(c->text, sizeof(c->text), "%s", info->comm);
	pidinfo_json_string(c->json, sizeof(c->json), info->comm);
	snprintf(c->proc, sizeof(c->proc), "%s", v->comm);
	pidinfo_row_emit(c, "comm", !strncmp(info->comm, v->comm,
					     sizeof(info->comm) - 1));

	pidinfo_row_path(c, "root", info, PIDINFO_MASK_ROOT, bufs->root,
			 v->root, v->root_errno);
	pidinfo_row_path(c, "cwd", info, PIDINFO_MASK_CWD, bufs->cwd,
			 v->cwd, v->cwd_errno);
	pidinfo_row_children(c, info, bufs->children, v);

	bad = c->bad;
	free(c);
	return bad;
}

#endif /* _PIDINFO_PROCFS_H */
