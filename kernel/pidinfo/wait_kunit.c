// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for ft_wait(): the status it reports, the children it
 * selects, the wake-ups it lets through, and the references it leaves.
 *
 * The children are user-mode children of the test thread; they exit with
 * a chosen status when released, or die of SIGKILL.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/syscalls.h>
#include <linux/tracepoint.h>
#include <uapi/linux/wait.h>	/* the W* options, as in kernel/exit.c */
#include <trace/events/sched.h>

#include "internal.h"
#include "kunit_helpers.h"

static struct pidinfo_test_child *start_child(struct kunit *test,
					      unsigned long clone_flags)
{
	return pidinfo_test_child_start(test, clone_flags, false, NULL, NULL);
}

static void new_session(struct pidinfo_test_child *child)
{
	ksys_setsid();
}

/* Lets @child exit with @status and waits until it is a zombie. */
static void exit_child(struct kunit *test, struct pidinfo_test_child *child,
		       long status)
{
	child->exit_code = status;
	complete(&child->release);
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(child->task, 'Z'));
}

static long wait_for(struct kunit *test, struct pidinfo_test_child *child,
		     pid_t upid, int options, int *status)
{
	long ret = do_ft_wait(upid, status, options, NULL);

	if (child && ret == child->pid)
		child->reaped = true;
	return ret;
}

static const int exit_codes[] = { 0, 1, 42, 255 };

static void exit_code_desc(const int *code, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "exit(%d)", *code);
}

KUNIT_ARRAY_PARAM(exit_code, exit_codes, exit_code_desc);

/* An exit is reported as status (code << 8), as WEXITSTATUS() reads it. */
static void do_ft_wait_exit_status(struct kunit *test)
{
	const int *code = test->param_value;
	struct pidinfo_test_child *child = start_child(test, 0);
	int status = -1;

	exit_child(test, child, (*code & 0xff) << 8);
	KUNIT_ASSERT_EQ(test, child->pid, wait_for(test, child, child->pid, 0,
						   &status));
	KUNIT_EXPECT_EQ(test, status, *code << 8);
}

/* A death by signal is reported as the signal number, as WTERMSIG(). */
static void do_ft_wait_killed_status(struct kunit *test)
{
	struct pidinfo_test_child *child = start_child(test, 0);
	int status = -1;

	KUNIT_ASSERT_EQ(test, 0, do_ft_kill(child->pid, SIGKILL));
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(child->task, 'Z'));
	KUNIT_ASSERT_EQ(test, child->pid, wait_for(test, child, child->pid, 0,
						   &status));
	KUNIT_EXPECT_EQ(test, status, SIGKILL);
}

/* Each pid form selects its children and no other. */
static void do_ft_wait_selectors(struct kunit *test)
{
	struct pidinfo_test_child *a = start_child(test, 0);
	struct pidinfo_test_child *b;
	int status;

	b = pidinfo_test_child_start(test, 0, false, new_session, NULL);

	/* Alive: nothing yet, but something to wait for. */
	KUNIT_EXPECT_EQ(test, 0, wait_for(test, a, a->pid, WNOHANG, &status));
	KUNIT_EXPECT_EQ(test, 0, wait_for(test, a, -1, WNOHANG, &status));

	exit_child(test, a, 0);
	/* b's group is b alone, and b lives. */
	KUNIT_EXPECT_EQ(test, 0, wait_for(test, b, -b->pid, WNOHANG, &status));
	KUNIT_EXPECT_EQ(test, 0, wait_for(test, b, b->pid, WNOHANG, &status));
	/* a is in the test thread's group: 0 finds it. */
	KUNIT_EXPECT_EQ(test, a->pid, wait_for(test, a, 0, 0, &status));
	KUNIT_EXPECT_EQ(test, -ECHILD, wait_for(test, a, a->pid, 0, &status));

	exit_child(test, b, 3 << 8);
	KUNIT_EXPECT_EQ(test, b->pid, wait_for(test, b, -b->pid, 0, &status));
	KUNIT_EXPECT_EQ(test, status, 3 << 8);
	KUNIT_EXPECT_EQ(test, -ECHILD, wait_for(test, NULL, -1, WNOHANG, &status));
	KUNIT_EXPECT_EQ(test, -ECHILD, wait_for(test, NULL, -1, 0, &status));
}

/* A child reporting with another signal than SIGCHLD is a "clone" child. */
static void do_ft_wait_clone_children(struct kunit *test)
{
	struct pidinfo_test_child *c = start_child(test, SIGUSR1);
	int status;

	KUNIT_EXPECT_EQ(test, -ECHILD, wait_for(test, c, -1, WNOHANG, &status));
	KUNIT_EXPECT_EQ(test, 0, wait_for(test, c, -1, WNOHANG | __WCLONE,
					  &status));
	KUNIT_EXPECT_EQ(test, 0, wait_for(test, c, c->pid, WNOHANG | __WALL,
					  &status));
	exit_child(test, c, 0);
	KUNIT_EXPECT_EQ(test, -ECHILD, wait_for(test, c, c->pid, 0, &status));
	KUNIT_EXPECT_EQ(test, c->pid, wait_for(test, c, c->pid, __WCLONE,
					       &status));
}

static void do_ft_wait_bad_arguments(struct kunit *test)
{
	int status;

	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_wait(-1, &status, WEXITED, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_wait(-1, &status, WNOWAIT, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_wait(-1, &status, 0x100, NULL));
	KUNIT_EXPECT_EQ(test, -ESRCH, do_ft_wait(INT_MIN, &status, 0, NULL));
	KUNIT_EXPECT_EQ(test, -ECHILD, do_ft_wait(PIDINFO_TEST_NO_PID, &status,
						  0, NULL));
	KUNIT_EXPECT_EQ(test, -ECHILD, do_ft_wait(-PIDINFO_TEST_NO_PID, &status,
						  0, NULL));
}

/* The filter, over (selector, child) pairs. */
static void ft_wait_should_wake_filters(struct kunit *test)
{
	struct pidinfo_test_child *a = start_child(test, 0);
	struct pidinfo_test_child *b = start_child(test, 0);
	struct ft_waiter w = { .options = WEXITED };

	w.entry.private = current;
	w.type = PIDTYPE_MAX;
	KUNIT_EXPECT_TRUE(test, ft_wait_should_wake(&w, a->task));

	w.type = PIDTYPE_PID;
	w.pid = task_pid(a->task);
	KUNIT_EXPECT_TRUE(test, ft_wait_should_wake(&w, a->task));
	KUNIT_EXPECT_FALSE(test, ft_wait_should_wake(&w, b->task));

	w.type = PIDTYPE_PGID;
	w.pid = task_pgrp(current);
	KUNIT_EXPECT_TRUE(test, ft_wait_should_wake(&w, b->task));

	/* __WNOTHREAD: only the waiting thread's own children. */
	w.type = PIDTYPE_MAX;
	w.options |= __WNOTHREAD;
	KUNIT_EXPECT_TRUE(test, ft_wait_should_wake(&w, a->task));
	w.entry.private = kthreadd_task;
	KUNIT_EXPECT_FALSE(test, ft_wait_should_wake(&w, a->task));
}

struct bystander {
	struct pidinfo_test_child *other;	/* exits first */
	struct pidinfo_test_child *awaited;	/* exits second */
	struct task_struct *waiter;
	unsigned int waiter_sleep;		/* its ->__state, asleep */
	char waiter_state_after_other;
	bool other_still_zombie;
	struct completion done;
};

static int bystander_fn(void *data)
{
	struct bystander *b = data;

	/* Once the waiter sleeps, end the child it does not wait for. */
	pidinfo_test_wait_for_state(b->waiter, 'S');
	b->waiter_sleep = READ_ONCE(b->waiter->__state);
	complete(&b->other->release);
	pidinfo_test_wait_for_state(b->other->task, 'Z');
	msleep(50);
	b->waiter_state_after_other = task_state_to_char(b->waiter);
	b->other_still_zombie = b->other->task->exit_state == EXIT_ZOMBIE;
	complete(&b->awaited->release);
	complete(&b->done);
	return 0;
}

/* A waiter sleeps through other children's exits and wakes for its own. */
static void do_ft_wait_sleeps_until_its_child(struct kunit *test)
{
	struct bystander *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct task_struct *helper;
	int status;

	KUNIT_ASSERT_NOT_NULL(test, b);
	b->other = start_child(test, 0);
	b->awaited = start_child(test, 0);
	b->waiter = current;
	init_completion(&b->done);
	helper = kthread_run(bystander_fn, b, "pidinfo-bystander");
	KUNIT_ASSERT_FALSE(test, IS_ERR(helper));

	KUNIT_EXPECT_EQ(test, b->awaited->pid,
			wait_for(test, b->awaited, b->awaited->pid, 0, &status));
	wait_for_completion(&b->done);
	KUNIT_EXPECT_EQ(test, 'S', b->waiter_state_after_other);
	KUNIT_EXPECT_TRUE(test, b->other_still_zombie);
	/* As do_wait(): suspend freezes the waiter, no fake signal. */
	KUNIT_EXPECT_EQ(test, b->waiter_sleep,
			TASK_INTERRUPTIBLE | TASK_FREEZABLE);
	KUNIT_EXPECT_EQ(test, b->other->pid,
			wait_for(test, b->other, -1, WNOHANG, &status));
}

/*
 * The report re-checks a group waiter's group: a zombie found in the group
 * but no longer in it by the time it is reported (setpgid() between the
 * two lock sections) is left alone, as wait4()'s single pass leaves it.
 * The child here is never in the waiter's group: it starts its own session.
 */
static void ft_wait_report_rechecks_the_group(struct kunit *test)
{
	struct pidinfo_test_child *child =
		pidinfo_test_child_start(test, 0, false, new_session, NULL);
	struct ft_waiter w = { .type = PIDTYPE_PGID, .options = WEXITED };
	int status = -1;

	exit_child(test, child, 7 << 8);
	w.pid = task_pgrp(current);
	KUNIT_EXPECT_EQ(test, 0, ft_wait_report(&w, task_pid(child->task),
						&status, NULL));
	KUNIT_EXPECT_EQ(test, -1, status);
	KUNIT_EXPECT_EQ(test, 'Z', task_state_to_char(child->task));

	/* Its own group: reported and reaped. */
	w.pid = task_pgrp(child->task);
	KUNIT_ASSERT_EQ(test, child->pid,
			ft_wait_report(&w, task_pid(child->task), &status,
				       NULL));
	child->reaped = true;
	KUNIT_EXPECT_EQ(test, 7 << 8, status);
}

#ifdef CONFIG_TRACEPOINTS
struct wait_trace {
	struct task_struct *waiter;
	struct pid *pids[3];
	int calls;
};

static void count_wait(void *data, struct pid *pid)
{
	struct wait_trace *t = data;

	if (current != t->waiter)
		return;
	if (t->calls < ARRAY_SIZE(t->pids))
		t->pids[t->calls] = pid;
	t->calls++;
}

/*
 * Each wait shows in sched_process_wait, with its PID, as do_wait()'s;
 * so does one for a PID that names nothing, which do_wait() traces before
 * it finds no child.
 */
static void do_ft_wait_traces_each_wait(struct kunit *test)
{
	struct pidinfo_test_child *child = start_child(test, 0);
	struct wait_trace t = { .waiter = current };
	int status;

	KUNIT_ASSERT_EQ(test, 0, register_trace_sched_process_wait(count_wait,
								   &t));
	wait_for(test, child, child->pid, WNOHANG, &status);
	wait_for(test, child, -1, WNOHANG, &status);
	KUNIT_EXPECT_EQ(test, -ECHILD, do_ft_wait(PIDINFO_TEST_NO_PID, &status,
						  WNOHANG, NULL));
	unregister_trace_sched_process_wait(count_wait, &t);
	tracepoint_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, t.calls, 3);
	KUNIT_EXPECT_PTR_EQ(test, t.pids[0], task_pid(child->task));
	KUNIT_EXPECT_NULL(test, t.pids[1]);	/* -1: any child */
	KUNIT_EXPECT_NULL(test, t.pids[2]);	/* no such PID */
}
#endif

/*
 * The scheduler lets go of a reaped child after its last switch, which on
 * another CPU may come after the reaping, then RCU: waits for both.
 */
static void settle(struct pidinfo_test_child *child)
{
	int i;

	for (i = 0; i < 1000 && refcount_read(&child->task->usage) > 1; i++) {
		rcu_barrier();
		usleep_range(1000, 2000);
	}
}

/* Waiting drops every reference it takes; reaping drops the child's. */
static void do_ft_wait_reference_balance(struct kunit *test)
{
	struct pidinfo_test_child *child = start_child(test, 0);
	struct pid *pid = task_pid(child->task);
	struct pid *pgrp = task_pgrp(current);
	/* Read while the child lives; the test's task reference keeps it. */
	unsigned int pid_count = refcount_read(&pid->count);
	unsigned int pgrp_count = refcount_read(&pgrp->count);
	unsigned int usage = refcount_read(&child->task->usage);
	int status;

	KUNIT_EXPECT_EQ(test, 0, wait_for(test, child, child->pid, WNOHANG,
					  &status));
	KUNIT_EXPECT_EQ(test, 0, wait_for(test, child, 0, WNOHANG, &status));
	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_wait(0, &status, -1, NULL));
	KUNIT_EXPECT_EQ(test, pid_count, refcount_read(&pid->count));
	KUNIT_EXPECT_EQ(test, pgrp_count, refcount_read(&pgrp->count));
	KUNIT_EXPECT_EQ(test, usage, refcount_read(&child->task->usage));

	/* Reaped: detached from its PID, and ours is its last reference. */
	exit_child(test, child, 0);
	KUNIT_ASSERT_EQ(test, child->pid, wait_for(test, child, child->pid, 0,
						   &status));
	KUNIT_EXPECT_NULL(test, find_get_pid(child->pid));
	settle(child);
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&child->task->usage));
	KUNIT_EXPECT_EQ(test, pgrp_count, refcount_read(&pgrp->count));
}

/*
 * The reaped child's struct pid is left with the references wait4()
 * leaves: a twin reaped by the kernel's own kernel_wait4() is the measure.
 * Both counts include the test's own reference, which keeps them to read.
 */
KUNIT_DEFINE_ACTION_WRAPPER(put_pid_action, put_pid, struct pid *);

/* A reference of the test's own, so that the count can be read after. */
static struct pid *hold_pid(struct kunit *test, struct task_struct *task)
{
	struct pid *pid = get_pid(task_pid(task));

	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, put_pid_action, pid));
	return pid;
}

static void do_ft_wait_leaves_pid_as_wait4(struct kunit *test)
{
	struct pidinfo_test_child *ours = start_child(test, 0);
	struct pidinfo_test_child *theirs = start_child(test, 0);
	struct pid *our_pid = hold_pid(test, ours->task);
	struct pid *their_pid = hold_pid(test, theirs->task);
	int status;

	exit_child(test, ours, 0);
	exit_child(test, theirs, 0);
	KUNIT_ASSERT_EQ(test, ours->pid, wait_for(test, ours, ours->pid, 0,
						  &status));
	KUNIT_ASSERT_EQ(test, theirs->pid, kernel_wait4(theirs->pid, NULL, 0,
							NULL));
	theirs->reaped = true;
	settle(ours);
	settle(theirs);
	KUNIT_EXPECT_EQ(test, refcount_read(&their_pid->count),
			refcount_read(&our_pid->count));
}

static struct kunit_case pidinfo_wait_cases[] = {
	KUNIT_CASE_PARAM(do_ft_wait_exit_status, exit_code_gen_params),
	KUNIT_CASE(do_ft_wait_killed_status),
	KUNIT_CASE(do_ft_wait_selectors),
	KUNIT_CASE(ft_wait_report_rechecks_the_group),
	KUNIT_CASE(do_ft_wait_clone_children),
	KUNIT_CASE(do_ft_wait_bad_arguments),
	KUNIT_CASE(ft_wait_should_wake_filters),
	KUNIT_CASE(do_ft_wait_sleeps_until_its_child),
	KUNIT_CASE(do_ft_wait_reference_balance),
	KUNIT_CASE(do_ft_wait_leaves_pid_as_wait4),
#ifdef CONFIG_TRACEPOINTS
	KUNIT_CASE(do_ft_wait_traces_each_wait),
#endif
	{}
};

static struct kunit_suite pidinfo_wait_suite = {
	.name = "pidinfo_wait",
	.init = pidinfo_test_init,
	.test_cases = pidinfo_wait_cases,
};

kunit_test_suite(pidinfo_wait_suite);
