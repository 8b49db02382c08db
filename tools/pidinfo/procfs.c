// SPDX-License-Identifier: GPL-2.0
/*
 * procfs.c: what /proc says about a process, in get_pid_info()'s terms,
 * and each field of an answer set beside it.  The one source of truth of
 * pidinfo --proc, the demo, the bench and the kernel tests: linked into
 * them, not into libpidinfo.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "procfs.h"

/* cgroup2's f_type (CGROUP2_SUPER_MAGIC of <linux/magic.h>). */
#define PROC_CGROUP2_MAGIC	0x63677270

int read_file(const char *path, char *buf, size_t size)
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
int read_whole_file(const char *path, char *buf, size_t size)
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
int proc_read_stat_path(const char *dir, struct proc_stat *st)
{
	char path[96], buf[1024], *open_paren, *close_paren;

	snprintf(path, sizeof(path), "/proc/%s/stat", dir);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	/* comm, (2), may hold spaces and ')': it ends at the last one. */
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren)
		return -1;
	*close_paren = '\0';
	st->pid = atoi(buf);
	snprintf(st->comm, sizeof(st->comm), "%s", open_paren + 1);
	/* Fields (3) to (41); those not kept are skipped as words (%*s). */
	if (sscanf(close_paren + 1,
		   " %c %d %d %d %d %d %u"			/* (3)-(9) */
		   " %llu %*s %llu %*s %llu %llu"		/* (10)-(15) */
		   " %*s %*s %ld %ld %ld %*s"			/* (16)-(21) */
		   " %llu %llu %*s %*s %*s %*s %llu"		/* (22)-(28) */
		   " %*s %*s %*s %*s %*s %*s %*s %*s %*s"	/* (29)-(37) */
		   " %*s %d %u %u",				/* (38)-(41) */
		   &st->state, &st->ppid, &st->pgrp, &st->session,
		   &st->tty_nr, &st->tpgid, &st->flags, &st->minflt,
		   &st->majflt, &st->utime, &st->stime, &st->priority,
		   &st->nice, &st->num_threads, &st->starttime, &st->vsize,
		   &st->startstack, &st->processor, &st->rt_priority,
		   &st->policy) != 20)
		return -1;
	return 0;
}

int proc_read_stat(pid_t pid, struct proc_stat *st)
{
	char dir[16];

	snprintf(dir, sizeof(dir), "%d", pid);
	return proc_read_stat_path(dir, st);
}

char proc_state(pid_t pid)
{
	struct proc_stat st;

	return proc_read_stat(pid, &st) ? 0 : st.state;
}

/*
 * Whether /proc/PID/stat read before a call (@before) and after it
 * (@after) agree on what a process changes as it runs or moves: if so,
 * the call in between saw the same.  A process that /proc shows asleep
 * may still change: 'S' shows as soon as a task sets its state, while it
 * is still on its way off the CPU with its time not yet accounted; and a
 * task that sleeps with negative lag stays queued (6.12's delayed
 * dequeue), where an idle CPU's load balancer may move it.
 */
bool proc_stat_settled(const struct proc_stat *before,
		       const struct proc_stat *after)
{
	return before->state == after->state &&
	       before->minflt == after->minflt &&
	       before->majflt == after->majflt &&
	       before->utime == after->utime &&
	       before->stime == after->stime &&
	       before->vsize == after->vsize &&
	       before->processor == after->processor;
}

/* Polls until /proc shows @pid in @state; false after about 10 s. */
bool wait_for_proc_state(pid_t pid, char state)
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
int proc_read_status(pid_t pid, const char *key,
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
int proc_read_ids(pid_t pid, const char *key, unsigned int ids[4])
{
	return proc_read_status(pid, key, ids, 4);
}

/* readlink() of /proc/PID/<name>, NUL-terminated; -1 with errno on error. */
ssize_t proc_readlink(pid_t pid, const char *name, char *buf,
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

int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The IDs a /proc directory lists (/proc: processes; /proc/PID/task:
 * threads), sorted, at most @max; returns how many, or -1.
 */
int proc_list_ids(const char *path, int *ids, int max)
{
	struct dirent *de;
	DIR *dir = opendir(path);
	int n = 0;

	if (!dir)
		return -1;
	while ((de = readdir(dir)) && n < max)
		if (atoi(de->d_name) > 0)
			ids[n++] = atoi(de->d_name);
	closedir(dir);
	qsort(ids, n, sizeof(*ids), cmp_int);
	return n;
}

/*
 * The union of /proc/PID/task/TID/children over every thread: the PIDs
 * get_pid_info() must report.  Returns how many, sorted into @pids.
 */
int proc_children(pid_t pid, int *pids, int max)
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

/*
 * The cgroup v2 ID of @pid: the file handle of its directory under
 * /sys/fs/cgroup (where cgroup2 must be mounted), as systemd reads it.
 * Returns 0, or -1 with errno set (ENOENT without cgroups).
 */
int proc_cgroup_id(pid_t pid, unsigned long long *id)
{
	char path[64], buf[4096], dir[4200], *p;
	/* struct file_handle, without needing _GNU_SOURCE */
	struct {
		unsigned int handle_bytes;
		int handle_type;
		unsigned char f_handle[128];
	} h;
	struct statfs fs;
	int mnt;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = !strncmp(buf, "0::", 3) ? buf : strstr(buf, "\n0::");
	if (!p) {
		errno = ENOENT;
		return -1;
	}
	p += *p == '\n' ? 4 : 3;
	p[strcspn(p, "\n")] = '\0';
	/* Without cgroup2 there, /proc cannot say: not some other ID. */
	if (statfs("/sys/fs/cgroup", &fs) ||
	    (unsigned long)fs.f_type != PROC_CGROUP2_MAGIC) {
		errno = ENOENT;
		return -1;
	}
	snprintf(dir, sizeof(dir), "/sys/fs/cgroup%s", p);
	h.handle_bytes = sizeof(h.f_handle);
	if (syscall(__NR_name_to_handle_at, AT_FDCWD, dir, &h, &mnt, 0))
		return -1;
	if (h.handle_bytes != sizeof(*id)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(id, h.f_handle, sizeof(*id));
	return 0;
}

unsigned long long boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * Reads /proc's view of @pid, with room for @max children in @children.
 * Read it after the get_pid_info() call it is compared with: the age is
 * checked against the clock read here.  Returns 0, or -1 if @pid is not
 * in /proc.
 */
int proc_view_read(pid_t pid, struct proc_view *v,
		   int *children, int max)
{
	char path[64], statm[128];
	int n;

	memset(v, 0, offsetof(struct proc_view, root));
	v->root[0] = '\0';
	v->cwd[0] = '\0';
	v->exe[0] = '\0';
	if (proc_read_stat(pid, &v->st) ||
	    proc_read_status(pid, "Tgid:", &v->tgid, 1) ||
	    proc_read_ids(pid, "Uid:", v->uids) ||
	    proc_read_ids(pid, "Gid:", v->gids))
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/statm", pid);
	if (read_file(path, statm, sizeof(statm)) < 0 ||
	    sscanf(statm, "%*u %llu %llu", &v->resident, &v->shared) != 2)
		return -1;
	/* Not there for a kernel thread or a zombie: 0, as the kernel says. */
	proc_read_status(pid, "VmLck:", &v->vm_lck, 1);
	v->cgroup_errno = proc_cgroup_id(pid, &v->cgroup_id) ? errno : 0;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	v->cmdline_len = read_whole_file(path, v->cmdline, sizeof(v->cmdline));
	if (v->cmdline_len < 0)
		return -1;
	/* The name may hold newlines: only the last one is /proc's. */
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	n = read_whole_file(path, v->comm, sizeof(v->comm));
	if (n < 0)
		return -1;
	if (n && v->comm[n - 1] == '\n')
		v->comm[n - 1] = '\0';
	v->root_errno = proc_readlink(pid, "root", v->root,
				      sizeof(v->root)) < 0 ? errno : 0;
	v->cwd_errno = proc_readlink(pid, "cwd", v->cwd,
				     sizeof(v->cwd)) < 0 ? errno : 0;
	v->exe_errno = proc_readlink(pid, "exe", v->exe,
				     sizeof(v->exe)) < 0 ? errno : 0;
	v->children = children;
	v->nr_children = proc_children(pid, children, max);
	if (v->nr_children < 0)
		return -1;
	v->now_ns = boottime_ns();
	return 0;
}

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
static void pidinfo_row_out(struct pidinfo_rows_ctx *c,
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
static void pidinfo_row_emit(struct pidinfo_rows_ctx *c,
			     const char *name, bool same)
{
	pidinfo_row_out(c, name, c->text, c->json, c->proc, same);
}

static void pidinfo_row_num(struct pidinfo_rows_ctx *c,
			    const char *name, long long ours,
			    long long procs)
{
	snprintf(c->text, sizeof(c->text), "%lld", ours);
	snprintf(c->json, sizeof(c->json), "%lld", ours);
	snprintf(c->proc, sizeof(c->proc), "%lld", procs);
	pidinfo_row_emit(c, name, ours == procs);
}

/* Why get_pid_info() left a path or the stack out. */
static const char *pidinfo_absent(const struct pidinfo *info)
{
	return info->state == 'Z' || info->state == 'X' ? "(gone)" :
	       "(withheld)";
}

/* root, cwd or exe: present in both and equal, or absent from both. */
static void pidinfo_row_path(struct pidinfo_rows_ctx *c,
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

/* A field the kernel did not fill: shown as such, and agreeing with /proc. */
static bool pidinfo_row_absent(struct pidinfo_rows_ctx *c,
			       const char *name,
			       const struct pidinfo *info, __u64 bit)
{
	if (info->mask & bit)
		return false;
	pidinfo_row_out(c, name, "(not filled)", "", "(not compared)", true);
	return true;
}

/*
 * A count that only grows (CPU time, faults).  /proc is read after the
 * call: of a process that runs meanwhile it may say more, never less.
 * @unit_ns converts both to /proc's unit for the comparison (clock ticks
 * for times), 1 for plain counts.
 */
static void pidinfo_row_counter(struct pidinfo_rows_ctx *c,
				const char *name,
				const struct pidinfo *info, __u64 bit,
				unsigned long long ours,
				unsigned long long procs,
				unsigned long long unit_ns)
{
	unsigned long long mine = ours / unit_ns;

	if (pidinfo_row_absent(c, name, info, bit))
		return;
	snprintf(c->text, sizeof(c->text), "%llu%s", mine,
		 unit_ns > 1 ? " ticks" : "");
	snprintf(c->json, sizeof(c->json), "%llu", ours);
	snprintf(c->proc, sizeof(c->proc), "%llu%s", procs,
		 unit_ns > 1 ? " ticks" : "");
	pidinfo_row_emit(c, name, info->state == 'R' ? mine <= procs :
						     mine == procs);
}

/*
 * A value that a running process changes either way (memory, the CPU it
 * is on): compared only when the process is not running.
 */
static void pidinfo_row_gauge(struct pidinfo_rows_ctx *c,
			      const char *name,
			      const struct pidinfo *info, __u64 bit,
			      long long ours, long long procs)
{
	bool running = info->state == 'R';

	if (pidinfo_row_absent(c, name, info, bit))
		return;
	snprintf(c->text, sizeof(c->text), "%lld", ours);
	snprintf(c->json, sizeof(c->json), "%lld", ours);
	snprintf(c->proc, sizeof(c->proc), "%s%lld",
		 running && ours != procs ? "(running) " : "", procs);
	pidinfo_row_emit(c, name, running || ours == procs);
}

/* A number that holds still, under a mask bit. */
static void pidinfo_row_field(struct pidinfo_rows_ctx *c,
			      const char *name,
			      const struct pidinfo *info, __u64 bit,
			      long long ours, long long procs)
{
	if (!pidinfo_row_absent(c, name, info, bit))
		pidinfo_row_num(c, name, ours, procs);
}

/* The command line: its arguments, the bytes compared with /proc's. */
static void pidinfo_row_cmdline(struct pidinfo_rows_ctx *c,
				const struct pidinfo *info,
				const char *ours,
				const struct proc_view *v)
{
	/* The buffer may hold less than the whole (cmdline_size). */
	size_t len = info->cmdline_len < info->cmdline_size ?
		     info->cmdline_len : info->cmdline_size;
	size_t i, n = 0, start = 0;

	if (pidinfo_row_absent(c, "cmdline", info, PIDINFO_MASK_CMDLINE))
		return;
	/* Text: the arguments, space-separated; JSON: an array of them. */
	c->json[n++] = '[';
	for (i = 0; i <= len && n + 16 < sizeof(c->json); i++) {
		if (i < len && ours[i])
			continue;
		if (i == len && start == len)
			break;
		if (n > 1)
			c->json[n++] = ',';
		{
			char arg[PATH_MAX];

			snprintf(arg, sizeof(arg), "%.*s", (int)(i - start),
				 ours + start);
			pidinfo_json_string(c->json + n, sizeof(c->json) - n,
					    arg);
			n += strlen(c->json + n);
		}
		start = i + 1;
	}
	c->json[n++] = ']';
	c->json[n] = '\0';
	for (i = 0; i < len && i < sizeof(c->text) - 1; i++)
		c->text[i] = ours[i] ? ours[i] : ' ';
	c->text[i] = '\0';
	for (i = 0; i < (size_t)v->cmdline_len && i < sizeof(c->proc) - 1; i++)
		c->proc[i] = v->cmdline[i] ? v->cmdline[i] : ' ';
	c->proc[i] = '\0';
	pidinfo_row_emit(c, "cmdline",
			 info->cmdline_len == (unsigned int)v->cmdline_len &&
			 !memcmp(ours, v->cmdline, len));
}

/* @n PIDs joined by @sep, in a buffer to free(). */
static char *pidinfo_join(const int *pids, int n, const char *open,
			  char sep, const char *close)
{
	size_t size = 12 * (size_t)n + strlen(open) + strlen(close) + 1, len;
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
static void pidinfo_row_children(struct pidinfo_rows_ctx *c,
				 const struct pidinfo *info,
				 const int *children,
				 const struct proc_view *v)
{
	/* The kernel counts them all, and writes as many as there is room. */
	int nr = info->nr_children;
	int n = nr < (int)info->children_cap ? nr : (int)info->children_cap;
	int *sorted = malloc((n + 1) * sizeof(int));
	char *text = pidinfo_join(children, n, n ? "" : "(none)", ' ', "");
	char *json = pidinfo_join(children, n, "[", ',', "]");
	char *procs = pidinfo_join(v->children, v->nr_children,
				   v->nr_children ? "" : "(none)", ' ', "");
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

/* Errors that mean /proc has no cgroup ID to give, not a wrong one. */
static bool cgroup_unavailable(const struct proc_view *v)
{
	return v->cgroup_errno == ENOENT || v->cgroup_errno == EOPNOTSUPP ||
	       v->cgroup_errno == EACCES || v->cgroup_errno == EPERM;
}

/*
 * Calls @fn(@ctx, row) for each field of the answer @info (with its
 * @bufs), beside /proc's @view when it is not NULL, and returns how many
 * fields disagree with /proc.  A new field of struct pidinfo gets its row
 * here, and with it a place in pidinfo(1)'s text and JSON and in every
 * comparison with /proc.
 */
int pidinfo_rows(const struct pidinfo *info,
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
	/* No file of /proc shows it: fstat() of a pidfd does (st_ino). */
	if (!pidinfo_row_absent(c, "identity", info, PIDINFO_MASK_IDENTITY)) {
		snprintf(c->text, sizeof(c->text), "%llu",
			 (unsigned long long)info->identity);
		snprintf(c->json, sizeof(c->json), "%s", c->text);
		snprintf(c->proc, sizeof(c->proc), "(not in /proc)");
		pidinfo_row_emit(c, "identity", true);
	}
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
	pidinfo_row_field(c, "suid", info, PIDINFO_MASK_SAVED_FS_IDS,
			  info->suid, v->uids[2]);
	pidinfo_row_field(c, "fsuid", info, PIDINFO_MASK_SAVED_FS_IDS,
			  info->fsuid, v->uids[3]);
	pidinfo_row_field(c, "sgid", info, PIDINFO_MASK_SAVED_FS_IDS,
			  info->sgid, v->gids[2]);
	pidinfo_row_field(c, "fsgid", info, PIDINFO_MASK_SAVED_FS_IDS,
			  info->fsgid, v->gids[3]);
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
	/* All of it, since version 1. */
	if (!pidinfo_row_absent(c, "name", info, PIDINFO_MASK_COMM)) {
		snprintf(c->text, sizeof(c->text), "%s", info->name);
		pidinfo_json_string(c->json, sizeof(c->json), info->name);
		snprintf(c->proc, sizeof(c->proc), "%s", v->comm);
		pidinfo_row_emit(c, "name", !strcmp(info->name, v->comm));
	}

	pidinfo_row_path(c, "root", info, PIDINFO_MASK_ROOT, bufs->root,
			 v->root, v->root_errno);
	pidinfo_row_path(c, "cwd", info, PIDINFO_MASK_CWD, bufs->cwd,
			 v->cwd, v->cwd_errno);
	pidinfo_row_children(c, info, bufs->children, v);

	/* Version 1 */
	pidinfo_row_counter(c, "utime_ns", info, PIDINFO_MASK_CPUTIME,
			    info->utime_ns, v->st.utime, tick_ns);
	pidinfo_row_counter(c, "stime_ns", info, PIDINFO_MASK_CPUTIME,
			    info->stime_ns, v->st.stime, tick_ns);
	pidinfo_row_counter(c, "min_flt", info, PIDINFO_MASK_FAULTS,
			    info->min_flt, v->st.minflt, 1);
	pidinfo_row_counter(c, "maj_flt", info, PIDINFO_MASK_FAULTS,
			    info->maj_flt, v->st.majflt, 1);
	pidinfo_row_gauge(c, "vsize", info, PIDINFO_MASK_MEMORY, info->vsize,
			  v->st.vsize);
	pidinfo_row_gauge(c, "rss", info, PIDINFO_MASK_MEMORY, info->rss,
			  v->resident * sysconf(_SC_PAGESIZE));
	pidinfo_row_gauge(c, "shared", info, PIDINFO_MASK_MEMORY, info->shared,
			  v->shared * sysconf(_SC_PAGESIZE));
	pidinfo_row_gauge(c, "locked", info, PIDINFO_MASK_MEMORY, info->locked,
			  v->vm_lck * 1024ULL);
	pidinfo_row_gauge(c, "cpu", info, PIDINFO_MASK_CPU, info->cpu,
			  v->st.processor);
	pidinfo_row_field(c, "policy", info, PIDINFO_MASK_SCHED, info->policy,
			  v->st.policy);
	pidinfo_row_field(c, "rt_priority", info, PIDINFO_MASK_SCHED,
			  info->rt_priority, v->st.rt_priority);
	pidinfo_row_field(c, "priority", info, PIDINFO_MASK_SCHED,
			  info->priority, v->st.priority);
	pidinfo_row_field(c, "tty_nr", info, PIDINFO_MASK_TTY,
			  (int)info->tty_nr, v->st.tty_nr);
	pidinfo_row_field(c, "tpgid", info, PIDINFO_MASK_TTY, info->tpgid,
			  v->st.tpgid);
	if (!pidinfo_row_absent(c, "cgroup_id", info, PIDINFO_MASK_CGROUP)) {
		snprintf(c->text, sizeof(c->text), "%llu",
			 (unsigned long long)info->cgroup_id);
		snprintf(c->json, sizeof(c->json), "%llu",
			 (unsigned long long)info->cgroup_id);
		/* No cgroup2 mounted, or not ours to see: /proc cannot say. */
		if (v->cgroup_errno)
			snprintf(c->proc, sizeof(c->proc), "(unavailable: %s)",
				 strerror(v->cgroup_errno));
		else
			snprintf(c->proc, sizeof(c->proc), "%llu",
				 v->cgroup_id);
		pidinfo_row_emit(c, "cgroup_id", cgroup_unavailable(v) ||
				 (!v->cgroup_errno &&
				  info->cgroup_id == v->cgroup_id));
	}
	pidinfo_row_field(c, "kthread", info, PIDINFO_MASK_ATTRIBUTES,
			  !!(info->attributes & PIDINFO_ATTR_KTHREAD),
			  !!(v->st.flags & PROC_PF_KTHREAD));
	pidinfo_row_path(c, "exe", info, PIDINFO_MASK_EXE, bufs->exe, v->exe,
			 v->exe_errno);
	pidinfo_row_cmdline(c, info, bufs->cmdline, v);

	bad = c->bad;
	free(c);
	return bad;
}

/* fork(2), or clone(SIGCHLD) where the architecture has no fork. */
long sys_fork(void)
{
#ifdef __NR_fork
	return syscall(__NR_fork);
#else
	return syscall(__NR_clone, SIGCHLD, 0, 0, 0, 0);
#endif
}
