// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by pidinfo's KUnit suites.  Everything a helper creates is
 * undone by a deferred KUnit action, so a failed assertion leaks nothing.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/capability.h>
#include <linux/cleanup.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/mman.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/uaccess.h>

#include "kunit_helpers.h"

static int test_child_fn(void *data)
{
	struct pidinfo_test_child *child = data;
	struct sighand_struct *sighand;
	unsigned long flags;

	/*
	 * As a user process, not a kernel thread: no signal ignored.  Through
	 * lock_task_sighand(), not ->sighand (__rcu) directly, for sparse.
	 */
	sighand = lock_task_sighand(current, &flags);
	if (sighand) {
		flush_signal_handlers(current, 1);
		spin_unlock_irqrestore(&sighand->siglock, flags);
	}
	if (child->setup)
		child->setup(child);
	complete(&child->started);
	if (child->uninterruptible)
		wait_for_completion(&child->release);
	else
		while (wait_for_completion_interruptible(&child->release))
			if (fatal_signal_pending(current))
				do_group_exit(SIGKILL);
	do_exit(child->exit_code);
}

/**
 * pidinfo_test_child_stop() - let the child exit and reap it
 * @data: the struct pidinfo_test_child
 *
 * Registered by pidinfo_test_child_start() as a deferred action; a test
 * that needs the child gone earlier calls kunit_release_action() on it.
 */
void pidinfo_test_child_stop(void *data)
{
	struct pidinfo_test_child *child = data;
	int status;

	complete(&child->release);
	if (!child->reaped)
		kernel_wait(child->pid, &status);
	/* Reaped or not, *child is freed next: it must be done with it. */
	while (!READ_ONCE(child->task->exit_state))
		usleep_range(1000, 2000);
	put_task_struct(child->task);
}

/**
 * pidinfo_test_child_start() - start a child parked until released
 * @test:            the test
 * @clone_flags:     extra CLONE_* flags (CLONE_NEWPID, ...) and the exit
 *                   signal, SIGCHLD if none
 * @uninterruptible: whether the child sleeps uninterruptibly
 * @setup:           run by the child before it parks, or NULL
 * @data:            for @setup
 *
 * Return: the child, once @setup has run; stopped and reaped at the end of
 * the test.
 */
struct pidinfo_test_child *
pidinfo_test_child_start(struct kunit *test, unsigned long clone_flags,
			 bool uninterruptible,
			 void (*setup)(struct pidinfo_test_child *child),
			 void *data)
{
	struct pidinfo_test_child *child;
	struct pid *pid;

	child = kunit_kzalloc(test, sizeof(*child), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, child);
	init_completion(&child->started);
	init_completion(&child->release);
	child->uninterruptible = uninterruptible;
	child->setup = setup;
	child->data = data;

	if (!(clone_flags & CSIGNAL))
		clone_flags |= SIGCHLD;
	child->pid = user_mode_thread(test_child_fn, child, clone_flags);
	KUNIT_ASSERT_GT(test, child->pid, 0);
	pid = find_get_pid(child->pid);
	child->task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	KUNIT_ASSERT_NOT_NULL(test, child->task);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, pidinfo_test_child_stop,
						  child));
	wait_for_completion(&child->started);
	return child;
}

/* Waits until @task shows @state (a /proc letter); false after 10 s. */
bool pidinfo_test_wait_for_state(struct task_struct *task, char state)
{
	unsigned long timeout = jiffies + 10 * HZ;

	while (task_state_to_char(task) != state) {
		if (time_after(jiffies, timeout))
			return false;
		usleep_range(1000, 2000);
	}
	return true;
}

static void test_ignore_sigchld(void *unused)
{
	kernel_sigaction(SIGCHLD, SIG_IGN);
}

/**
 * pidinfo_test_init() - suite init: let the test thread have zombies
 * @test: the test
 *
 * Test threads are kernel threads, which ignore SIGCHLD, so their children
 * would be reaped at once.  The tests want zombies, and reap them.  The
 * action that puts SIGCHLD back is registered first so that it runs last,
 * after every child has been reaped by pidinfo_test_child_stop().
 *
 * Return: 0, or -ENOMEM.
 */
int pidinfo_test_init(struct kunit *test)
{
	kernel_sigaction(SIGCHLD, SIG_DFL);
	return kunit_add_action_or_reset(test, test_ignore_sigchld, NULL);
}

/**
 * pidinfo_test_attach_mm() - give the test thread a user address space
 * @test:        the test
 * @stack_start: recorded as the mm's start of stack
 *
 * The mm has one page, which holds the argument area: the
 * %PIDINFO_TEST_ARGS strings, as execve() leaves them, with an empty
 * environment after them.  Children started afterwards get a copy of it,
 * as after fork().
 *
 * Return: the address of the page.
 */
unsigned long pidinfo_test_attach_mm(struct kunit *test,
				     unsigned long stack_start)
{
	static const char args[] = PIDINFO_TEST_ARGS;
	struct mm_struct *mm;
	unsigned long addr;

	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE_MSG(test, addr, 0, "no user memory for the test");
	KUNIT_ASSERT_EQ(test, 0,
			copy_to_user((void __user *)addr, args, sizeof(args)));
	mm = current->mm;
	mm->start_stack = stack_start;
	mm->arg_start = addr;
	mm->arg_end = addr + sizeof(args);
	mm->env_start = mm->arg_end;
	mm->env_end = mm->arg_end;
	return addr;
}

KUNIT_DEFINE_ACTION_WRAPPER(test_revert_creds, revert_creds,
			    const struct cred *);

/**
 * pidinfo_test_become_users() - run the rest of the test as other users
 * @test:     the test
 * @uid:      the real uid and every gid of the test thread from now on
 * @euid:     its effective, saved and filesystem uid
 * @cap_kill: keep CAP_KILL; every other capability is dropped
 */
void pidinfo_test_become_users(struct kunit *test, uid_t uid, uid_t euid,
			       bool cap_kill)
{
	const struct cred *old;
	struct cred *cred;

	cred = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, cred);
	cred->uid = KUIDT_INIT(uid);
	cred->euid = KUIDT_INIT(euid);
	cred->suid = cred->euid;
	cred->fsuid = cred->euid;
	cred->gid = KGIDT_INIT(uid);
	cred->sgid = cred->gid;
	cred->egid = cred->gid;
	cred->fsgid = cred->gid;
	cred->cap_effective = CAP_EMPTY_SET;
	if (cap_kill)
		cap_raise(cred->cap_effective, CAP_KILL);
	cred->cap_permitted = cred->cap_effective;
	old = override_creds(cred);
	put_cred(cred);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, test_revert_creds,
						  (void *)old));
}

/**
 * pidinfo_test_become_user() - run the rest of the test as another user
 * @test:     the test
 * @uid:      every uid and gid of the test thread from now on
 * @cap_kill: keep CAP_KILL; every other capability is dropped
 */
void pidinfo_test_become_user(struct kunit *test, uid_t uid, bool cap_kill)
{
	pidinfo_test_become_users(test, uid, uid, cap_kill);
}
