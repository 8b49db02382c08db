/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by pidinfo's KUnit suites: tasks to test on, and
 * credentials to test with.
 */
#ifndef _KERNEL_PIDINFO_KUNIT_HELPERS_H
#define _KERNEL_PIDINFO_KUNIT_HELPERS_H

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/threads.h>
#include <linux/types.h>

struct task_struct;

/* The argument area of pidinfo_test_attach_mm()'s mm: two strings. */
#define PIDINFO_TEST_ARGS	"pidinfo\0kunit"

/* Above any PID the kernel hands out, and still a positive pid_t. */
#define PIDINFO_TEST_NO_PID	((pid_t)(PID_MAX_LIMIT + 1))

/**
 * struct pidinfo_test_child - a user-mode child of the test thread
 * @task:            the child, referenced
 * @pid:             its PID in the test thread's namespace
 * @started:         completed by the child once @setup has run
 * @release:         completed by the test to let the child exit
 * @uninterruptible: sleep in TASK_UNINTERRUPTIBLE rather than interruptible
 * @reaped:          the test reaped it itself
 * @exit_code:       what the child passes to do_exit(): a wait status
 * @setup:           if set, run by the child first (credentials, signals)
 * @data:            for @setup
 *
 * Unlike a kernel thread, the child has its own fs and, if the test thread
 * has attached one, a copy of its mm: what a user process has.  A fatal
 * signal ends it as it ends a user process; its exit signal is SIGCHLD
 * unless the clone flags name another.
 */
struct pidinfo_test_child {
	struct task_struct *task;
	pid_t pid;
	struct completion started;
	struct completion release;
	bool uninterruptible;
	bool reaped;
	long exit_code;
	void (*setup)(struct pidinfo_test_child *child);
	void *data;
};

int pidinfo_test_init(struct kunit *test);
struct pidinfo_test_child *
pidinfo_test_child_start(struct kunit *test, unsigned long clone_flags,
			 bool uninterruptible,
			 void (*setup)(struct pidinfo_test_child *child),
			 void *data);
void pidinfo_test_child_stop(void *child);
bool pidinfo_test_wait_for_state(struct task_struct *task, char state);
unsigned long pidinfo_test_attach_mm(struct kunit *test,
				     unsigned long stack_start);
void pidinfo_test_become_users(struct kunit *test, uid_t uid, uid_t euid,
			       bool cap_kill);
void pidinfo_test_become_user(struct kunit *test, uid_t uid, bool cap_kill);

#endif /* _KERNEL_PIDINFO_KUNIT_HELPERS_H */
