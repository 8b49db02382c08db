// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo-demo: builds a small process tree, then has pidinfo(1) describe
 * it with get_pid_info() alone, /proc's value beside each field: the demo
 * process, the zombie, then the whole tree with the ancestors; then draws
 * it (pidinfo tree), lists every process (pidinfo ps) and shows them as
 * top does (pidinfo top -b, two frames).
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
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procfs.h"

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

/* Runs pidinfo(1) with @argv (NULL-terminated), shown as typed. */
static void run(char *const argv[])
{
	int i, status;
	pid_t tool;

	printf("\n$ pidinfo");
	for (i = 1; argv[i]; i++)
		printf(" %s", argv[i]);
	printf("\n");
	tool = fork();
	if (tool == 0) {
		execv("/bin/pidinfo", argv);
		_exit(127);
	}
	if (tool < 0 || waitpid(tool, &status, 0) != tool ||
	    !WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("pidinfo: a field disagrees with /proc, or it failed\n");
		mismatches++;
	}
}

/* pidinfo(1) on @pid, which checks every field against /proc. */
static void run_tool(const char *how, pid_t pid)
{
	char *argv[5] = { "pidinfo" };
	char arg[16];
	int n = 1;

	if (how)
		argv[n++] = (char *)how;
	argv[n++] = "--proc";
	argv[n++] = arg;
	snprintf(arg, sizeof(arg), "%d", pid);
	run(argv);
}

int main(void)
{
	pid_t sleeper, parent, zombie, thread_child = 0;
	pthread_t thread;
	char me[16];
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
	run_tool(NULL, getpid());
	run_tool(NULL, zombie);
	run_tool("--tree", getpid());
	snprintf(me, sizeof(me), "%d", getpid());
	run((char *const[]){ "pidinfo", "tree", "-p", me, NULL });
	run((char *const[]){ "pidinfo", "ps", NULL });
	/* Two frames of top, a second apart, as top -b prints them. */
	run((char *const[]){ "pidinfo", "top", "-b", "-n", "2", "-d", "1", NULL });

	printf("\n%s: %d mismatch(es) with /proc\n",
	       mismatches ? "FAIL" : "OK", mismatches);
	signal(SIGTERM, SIG_IGN);
	kill(0, SIGTERM);
	return mismatches != 0;
}
