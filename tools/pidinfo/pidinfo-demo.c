// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo-demo: builds a small process tree, then describes it with
 * get_pid_info() alone, printing /proc's value beside each field.
 *
 *   demo (this process)
 *   |- sleeper            a child asleep in pause()
 *   |- parent             a child with a child of its own
 *   |  `- grandchild
 *   |- zombie             exited, not yet reaped
 *   `- thread's child     forked by a second thread of this process
 *
 * Exits 0 when every field agrees with /proc, 1 otherwise.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

#include "pidinfo_util.h"

static int mismatches;

static pid_t spawn_sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void *thread_fork(void *arg)
{
	*(pid_t *)arg = spawn_sleeper();
	for (;;)
		pause();
	return NULL;
}

static int describe(pid_t pid, struct pidinfo *info, int *children, int cap,
		    char *root, char *cwd)
{
	memset(info, 0, sizeof(*info));
	info->children = (uintptr_t)children;
	info->children_cap = cap;
	info->root = (uintptr_t)root;
	info->root_size = root ? PATH_MAX : 0;
	info->cwd = (uintptr_t)cwd;
	info->cwd_size = cwd ? PATH_MAX : 0;
	return get_pid_info(pid, info, sizeof(*info), 0);
}

static void row(const char *field, const char *ours, const char *procs)
{
	bool same = !strcmp(ours, procs);

	printf("  %-14s %-28s %-28s %s\n", field, ours, procs,
	       same ? "" : "MISMATCH");
	if (!same)
		mismatches++;
}

static void row_ll(const char *field, long long ours, long long procs)
{
	char a[32], b[32];

	snprintf(a, sizeof(a), "%lld", ours);
	snprintf(b, sizeof(b), "%lld", procs);
	row(field, a, b);
}

static void print_fields(pid_t pid)
{
	long tick_ns = 1000000000L / sysconf(_SC_CLK_TCK);
	char root[PATH_MAX], cwd[PATH_MAX], link[PATH_MAX], a[64], b[PATH_MAX];
	int children[256], kids[256], nkids, i;
	unsigned int uids[4], gids[4];
	struct pidinfo info;
	struct proc_stat st;

	if (describe(pid, &info, children, 256, root, cwd)) {
		printf("get_pid_info(%d): %s\n", pid, strerror(errno));
		mismatches++;
		return;
	}
	if (proc_read_stat(pid, &st) || proc_read_ids(pid, "Uid:", uids) ||
	    proc_read_ids(pid, "Gid:", gids)) {
		printf("/proc/%d is unreadable\n", pid);
		mismatches++;
		return;
	}

	printf("\nget_pid_info(%d), with /proc beside each field:\n", pid);
	printf("  %-14s %-28s %-28s\n", "field", "get_pid_info", "/proc");
	row_ll("pid", info.pid, pid);
	row_ll("tgid", info.tgid, pid);
	snprintf(a, sizeof(a), "%c", info.state);
	snprintf(b, sizeof(b), "%c", st.state);
	row("state", a, b);
	row_ll("ppid", info.ppid, st.ppid);
	row_ll("pgid", info.pgid, st.pgrp);
	row_ll("sid", info.sid, st.session);
	row_ll("uid", info.uid, uids[0]);
	row_ll("euid", info.euid, uids[1]);
	row_ll("gid", info.gid, gids[0]);
	row_ll("egid", info.egid, gids[1]);
	row_ll("threads", info.nr_threads, st.num_threads);
	row_ll("nice", info.nice, st.nice);
	snprintf(a, sizeof(a), "%#llx", (unsigned long long)info.stack_start);
	snprintf(b, sizeof(b), "%#llx", st.startstack);
	row("stack_start", a, b);
	row_ll("start (ticks)", info.start_time_ns / tick_ns, st.starttime);
	/* /proc has no age: derive it from starttime, to a clock tick. */
	snprintf(a, sizeof(a), "%.2f s", info.age_ns / 1e9);
	snprintf(b, sizeof(b), "%.2f s",
		 (boottime_ns() - st.starttime * tick_ns) / 1e9);
	printf("  %-14s %-28s %-28s %s\n", "age", a, b,
	       info.age_ns <= boottime_ns() - st.starttime * tick_ns ?
	       "" : "MISMATCH");
	mismatches += info.age_ns > boottime_ns() - st.starttime * tick_ns;
	snprintf(b, sizeof(b), "/proc/%d/comm", pid);
	read_file(b, link, sizeof(link));
	link[strcspn(link, "\n")] = '\0';
	row("comm", info.comm, link);
	/* A zombie has neither: /proc fails the readlink, the mask bit is clear. */
	row("root", info.mask & PIDINFO_MASK_ROOT ? root : "(none)",
	    proc_readlink(pid, "root", link, sizeof(link)) < 0 ? "(none)" : link);
	row("cwd", info.mask & PIDINFO_MASK_CWD ? cwd : "(none)",
	    proc_readlink(pid, "cwd", link, sizeof(link)) < 0 ? "(none)" : link);

	nkids = proc_children(pid, kids, 256);
	qsort(children, info.nr_children, sizeof(int), cmp_int);
	a[0] = '\0';
	b[0] = '\0';
	for (i = 0; i < (int)info.nr_children; i++)
		snprintf(a + strlen(a), sizeof(a) - strlen(a), "%d ",
			 children[i]);
	for (i = 0; i < nkids; i++)
		snprintf(b + strlen(b), sizeof(b) - strlen(b), "%d ", kids[i]);
	row("children", a, b);
}

static void walk_down(pid_t pid, int depth)
{
	char root[PATH_MAX], cwd[PATH_MAX];
	int children[256], i;
	struct pidinfo info;

	if (describe(pid, &info, children, 256, root, cwd)) {
		printf("%*s%d: %s\n", depth * 4, "", pid, strerror(errno));
		return;
	}
	printf("%*s%d %c %-16s threads %u, children %u%s\n", depth * 4, "",
	       info.pid, info.state, info.comm, info.nr_threads,
	       info.nr_children, proc_state(pid) == (char)info.state ?
	       "" : "  (MISMATCH with /proc)");
	if (proc_state(pid) != (char)info.state)
		mismatches++;
	for (i = 0; i < (int)info.nr_children && i < 256; i++)
		walk_down(children[i], depth + 1);
}

static void walk_up(pid_t pid)
{
	struct pidinfo info;

	printf("\nancestors of %d, by get_pid_info() alone:\n", pid);
	while (pid > 0) {
		if (describe(pid, &info, NULL, 0, NULL, NULL)) {
			printf("  %d: %s\n", pid, strerror(errno));
			return;
		}
		printf("  %d %c %s\n", info.pid, info.state, info.comm);
		pid = info.ppid;
	}
}

/* The same tree through pidinfo(1), which checks itself against /proc. */
static void run_tool(pid_t pid)
{
	char arg[16];
	int status;
	pid_t tool;

	printf("\n$ pidinfo --tree --proc %d\n", pid);
	snprintf(arg, sizeof(arg), "%d", pid);
	tool = fork();
	if (tool == 0) {
		execl("/bin/pidinfo", "pidinfo", "--tree", "--proc", arg, NULL);
		_exit(127);
	}
	if (tool < 0 || waitpid(tool, &status, 0) != tool ||
	    !WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("pidinfo(1) failed\n");
		mismatches++;
	}
}

int main(void)
{
	pid_t sleeper, parent, zombie, thread_child = 0;
	pthread_t thread;
	int kids[4];

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* A process group of our own, so the tree can be ended in one call. */
	setpgid(0, 0);
	if (pidinfo_missing()) {
		printf("this kernel has no get_pid_info() (CONFIG_PIDINFO=n)\n");
		return 1;
	}

	sleeper = spawn_sleeper();
	parent = fork();
	if (parent == 0) {
		spawn_sleeper();
		for (;;)
			pause();
	}
	zombie = fork();
	if (zombie == 0)
		_exit(0);
	pthread_create(&thread, NULL, thread_fork, &thread_child);
	while (!__atomic_load_n(&thread_child, __ATOMIC_SEQ_CST) ||
	       proc_state(zombie) != 'Z' || proc_children(parent, kids, 4) < 1)
		usleep(1000);

	printf("process tree: demo %d, sleeper %d, parent %d (with grandchild %d)",
	       getpid(), sleeper, parent, kids[0]);
	printf(", zombie %d, thread's child %d\n", zombie, thread_child);
	print_fields(getpid());
	print_fields(zombie);
	walk_up(getpid());
	printf("\ndescendants of %d, by get_pid_info() alone:\n", getpid());
	walk_down(getpid(), 1);

	run_tool(getpid());

	printf("\n%s: %d mismatch(es) with /proc\n",
	       mismatches ? "FAIL" : "OK", mismatches);
	signal(SIGTERM, SIG_IGN);
	kill(0, SIGTERM);
	return mismatches != 0;
}
