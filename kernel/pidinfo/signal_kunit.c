// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for ft_kill(): what ends up on the target's pending queue,
 * and who may put it there.
 *
 * The targets are user-mode children of the test thread that block every
 * signal, so what ft_kill() queues stays queued for the test to inspect.
 */

#include <kunit/test.h>
#include <linux/cleanup.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/user_namespace.h>

#include "internal.h"
#include "kunit_helpers.h"

struct target_creds {
	uid_t uid;
	uid_t euid;
	uid_t suid;
	bool new_session;
};

static void block_all_signals(struct pidinfo_test_child *child)
{
	sigset_t all;

	sigfillset(&all);
	set_current_blocked(&all);
}

/* Runs in the child: block signals, then take on the wanted identity. */
static void become_target(struct pidinfo_test_child *child)
{
	const struct target_creds *tc = child->data;
	struct cred *cred;

	block_all_signals(child);
	if (tc->new_session)
		ksys_setsid();
	cred = prepare_creds();
	if (!cred)
		return;
	cred->uid = KUIDT_INIT(tc->uid);
	cred->euid = KUIDT_INIT(tc->euid);
	cred->suid = KUIDT_INIT(tc->suid);
	cred->fsuid = cred->euid;
	commit_creds(cred);
}

static struct pidinfo_test_child *start_target(struct kunit *test)
{
	return pidinfo_test_child_start(test, 0, false, block_all_signals, NULL);
}

/*
 * Copies up to @max of the siginfos queued for @sig on @t's shared queue
 * (where signals to a process go) into @out; returns how many there are.
 */
static int queued(struct task_struct *t, int sig, kernel_siginfo_t *out,
		  int max)
{
	struct sighand_struct *sighand;
	struct sigqueue *q;
	unsigned long flags;
	int n = 0;

	sighand = lock_task_sighand(t, &flags);
	if (!sighand)
		return -1;
	list_for_each_entry(q, &t->signal->shared_pending.list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (n < max)
			copy_siginfo(&out[n], &q->info);
		n++;
	}
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return n;
}

static bool nothing_pending(struct task_struct *t)
{
	struct sighand_struct *sighand;
	unsigned long flags;
	bool empty;

	sighand = lock_task_sighand(t, &flags);
	if (!sighand)
		return false;
	empty = list_empty(&t->signal->shared_pending.list) &&
		list_empty(&t->pending.list) &&
		sigisemptyset(&t->signal->shared_pending.signal) &&
		sigisemptyset(&t->pending.signal);
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return empty;
}

static void expect_kill_siginfo(struct kunit *test, const kernel_siginfo_t *info,
				int sig, uid_t uid)
{
	KUNIT_EXPECT_EQ(test, info->si_signo, sig);
	KUNIT_EXPECT_EQ(test, info->si_code, SI_USER);
	KUNIT_EXPECT_EQ(test, info->si_errno, 0);
	KUNIT_EXPECT_EQ(test, info->si_pid, task_tgid_vnr(current));
	KUNIT_EXPECT_EQ(test, info->si_uid, uid);
}

/* A standard signal is a bit: sent twice while blocked, pending once. */
static void do_ft_kill_standard_signal_coalesces(struct kunit *test)
{
	struct pidinfo_test_child *child = start_target(test);
	kernel_siginfo_t info[2];

	KUNIT_ASSERT_EQ(test, 0, do_ft_kill(child->pid, SIGUSR1));
	KUNIT_ASSERT_EQ(test, 0, do_ft_kill(child->pid, SIGUSR1));
	KUNIT_EXPECT_EQ(test, 1, queued(child->task, SIGUSR1, info, 2));
	expect_kill_siginfo(test, &info[0], SIGUSR1, 0);
	KUNIT_EXPECT_TRUE(test, sigismember(&child->task->signal->shared_pending.signal,
					    SIGUSR1));
}

/* A real-time signal is a queue: each sending is kept, in order. */
static void do_ft_kill_rt_signal_queues_in_order(struct kunit *test)
{
	struct pidinfo_test_child *child = start_target(test);
	kernel_siginfo_t info[3];

	KUNIT_ASSERT_EQ(test, 0, do_ft_kill(child->pid, SIGRTMIN + 1));
	/* The second comes from uid 1000 with CAP_KILL: told apart by si_uid. */
	pidinfo_test_become_user(test, 1000, true);
	KUNIT_ASSERT_EQ(test, 0, do_ft_kill(child->pid, SIGRTMIN + 1));

	KUNIT_ASSERT_EQ(test, 2, queued(child->task, SIGRTMIN + 1, info, 3));
	expect_kill_siginfo(test, &info[0], SIGRTMIN + 1, 0);
	expect_kill_siginfo(test, &info[1], SIGRTMIN + 1, 1000);
}

static void do_ft_kill_signal_zero_queues_nothing(struct kunit *test)
{
	struct pidinfo_test_child *child = start_target(test);

	KUNIT_EXPECT_EQ(test, 0, do_ft_kill(child->pid, 0));
	KUNIT_EXPECT_TRUE(test, nothing_pending(child->task));
}

static void do_ft_kill_invalid_signals(struct kunit *test)
{
	struct pidinfo_test_child *child = start_target(test);

	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_kill(child->pid, -1));
	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_kill(child->pid, _NSIG + 1));
	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_kill(child->pid, INT_MAX));
	KUNIT_EXPECT_TRUE(test, nothing_pending(child->task));
	/* As kill(2): a missing target is found missing before the signal. */
	KUNIT_EXPECT_EQ(test, -ESRCH, do_ft_kill(PIDINFO_TEST_NO_PID, _NSIG + 1));
	KUNIT_EXPECT_EQ(test, -ESRCH, do_ft_kill(INT_MIN, SIGUSR1));
}

/* No task reference and no sigqueue outlives the signal's delivery. */
static void do_ft_kill_releases_everything(struct kunit *test)
{
	struct pidinfo_test_child *child = start_target(test);
	struct ucounts *ucounts = task_ucounts(child->task);
	unsigned int usage = refcount_read(&child->task->usage);
	long sigpending = get_rlimit_value(ucounts, UCOUNT_RLIMIT_SIGPENDING);
	int i;

	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, 0, do_ft_kill(child->pid, SIGRTMIN + i));
	KUNIT_EXPECT_EQ(test, 0, do_ft_kill(child->pid, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, do_ft_kill(child->pid, -1));
	KUNIT_EXPECT_EQ(test, usage, refcount_read(&child->task->usage));
	/* Each queued signal is charged to its receiver's user... */
	KUNIT_EXPECT_EQ(test, sigpending + 4,
			get_rlimit_value(ucounts, UCOUNT_RLIMIT_SIGPENDING));

	/* ...and given back when the receiver is gone. */
	KUNIT_ASSERT_NOT_NULL(test, get_ucounts(ucounts));
	kunit_release_action(test, pidinfo_test_child_stop, child);
	KUNIT_EXPECT_EQ(test, sigpending,
			get_rlimit_value(ucounts, UCOUNT_RLIMIT_SIGPENDING));
	put_ucounts(ucounts);
}

struct permission_case {
	const char *name;
	uid_t uid;		/* the sender's real uid... */
	uid_t euid;		/* ...effective and saved (0: as @uid)... */
	bool cap_kill;		/* ...and its only capability */
	struct target_creds target;
	int sig;
	int ret;
};

/* Each clause of kill_ok_by_cred() alone, then the other rules. */
static const struct permission_case permission_cases[] = {
	{ .name = "same uid", .uid = 1000,
	  .target = { .uid = 1000, .euid = 1000, .suid = 1000 },
	  .sig = SIGUSR1, .ret = 0 },
	{ .name = "other uid", .uid = 1000,
	  .target = { .uid = 2000, .euid = 2000, .suid = 2000 },
	  .sig = SIGUSR1, .ret = -EPERM },
	{ .name = "real uid is target's real uid", .uid = 1000, .euid = 3000,
	  .target = { .uid = 1000, .euid = 2000, .suid = 2000 },
	  .sig = SIGUSR1, .ret = 0 },
	{ .name = "real uid is target's saved uid", .uid = 1000, .euid = 3000,
	  .target = { .uid = 2000, .euid = 2000, .suid = 1000 },
	  .sig = SIGUSR1, .ret = 0 },
	{ .name = "effective uid is target's real uid", .uid = 3000,
	  .euid = 1000,
	  .target = { .uid = 1000, .euid = 2000, .suid = 2000 },
	  .sig = SIGUSR1, .ret = 0 },
	{ .name = "effective uid is target's saved uid", .uid = 3000,
	  .euid = 1000,
	  .target = { .uid = 2000, .euid = 2000, .suid = 1000 },
	  .sig = SIGUSR1, .ret = 0 },
	{ .name = "target's effective uid only", .uid = 1000,
	  .target = { .uid = 2000, .euid = 1000, .suid = 2000 },
	  .sig = SIGUSR1, .ret = -EPERM },
	{ .name = "CAP_KILL", .uid = 1000, .cap_kill = true,
	  .target = { .uid = 2000, .euid = 2000, .suid = 2000 },
	  .sig = SIGUSR1, .ret = 0 },
	{ .name = "root target", .uid = 1000,
	  .target = { .uid = 0, .euid = 0, .suid = 0 },
	  .sig = SIGUSR1, .ret = -EPERM },
	{ .name = "signal 0 checks too", .uid = 1000,
	  .target = { .uid = 2000, .euid = 2000, .suid = 2000 },
	  .sig = 0, .ret = -EPERM },
	{ .name = "SIGCONT in the session", .uid = 1000,
	  .target = { .uid = 2000, .euid = 2000, .suid = 2000 },
	  .sig = SIGCONT, .ret = 0 },
	{ .name = "SIGCONT across sessions", .uid = 1000,
	  .target = { .uid = 2000, .euid = 2000, .suid = 2000,
		      .new_session = true },
	  .sig = SIGCONT, .ret = -EPERM },
	{ .name = "invalid signal", .uid = 1000,
	  .target = { .uid = 1000, .euid = 1000, .suid = 1000 },
	  .sig = _NSIG + 1, .ret = -EINVAL },
};

static void permission_case_desc(const struct permission_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(permission, permission_cases, permission_case_desc);

/* The decision alone, then the whole call, over credential pairs. */
static void ft_kill_permission_table(struct kunit *test)
{
	const struct permission_case *c = test->param_value;
	struct pidinfo_test_child *child;
	kernel_siginfo_t info;
	int ret;

	child = pidinfo_test_child_start(test, 0, false, become_target,
					 (void *)&c->target);
	pidinfo_test_become_users(test, c->uid, c->euid ?: c->uid,
				  c->cap_kill);
	ft_kill_prepare_siginfo(c->sig, &info);

	scoped_guard(rcu)
		ret = ft_kill_permission(c->sig, &info, child->task);
	KUNIT_EXPECT_EQ(test, c->ret, ret);

	KUNIT_EXPECT_EQ(test, c->ret, do_ft_kill(child->pid, c->sig));
	if (c->ret || !c->sig) {
		KUNIT_EXPECT_TRUE(test, nothing_pending(child->task));
		return;
	}
	KUNIT_ASSERT_EQ(test, 1, queued(child->task, c->sig, &info, 1));
	/* si_uid is the sender's real uid, whatever its effective one. */
	expect_kill_siginfo(test, &info, c->sig, c->uid);
}

/* -pgid reaches that group only; a group with no member is -ESRCH. */
static void do_ft_kill_process_group(struct kunit *test)
{
	static const struct target_creds leader = { .new_session = true };
	struct pidinfo_test_child *a, *b;
	kernel_siginfo_t info;

	a = pidinfo_test_child_start(test, 0, false, become_target,
				     (void *)&leader);
	b = pidinfo_test_child_start(test, 0, false, become_target,
				     (void *)&leader);
	KUNIT_ASSERT_EQ(test, a->pid, task_pgrp_vnr(a->task));

	KUNIT_EXPECT_EQ(test, 0, do_ft_kill(-a->pid, SIGUSR2));
	KUNIT_EXPECT_EQ(test, 1, queued(a->task, SIGUSR2, &info, 1));
	expect_kill_siginfo(test, &info, SIGUSR2, 0);
	KUNIT_EXPECT_TRUE(test, nothing_pending(b->task));

	KUNIT_EXPECT_EQ(test, -ESRCH, do_ft_kill(-PIDINFO_TEST_NO_PID, SIGUSR2));
	KUNIT_EXPECT_EQ(test, -ESRCH, do_ft_kill(-PIDINFO_TEST_NO_PID, 0));
}

static struct kunit_case pidinfo_signal_cases[] = {
	KUNIT_CASE(do_ft_kill_standard_signal_coalesces),
	KUNIT_CASE(do_ft_kill_rt_signal_queues_in_order),
	KUNIT_CASE(do_ft_kill_signal_zero_queues_nothing),
	KUNIT_CASE(do_ft_kill_invalid_signals),
	KUNIT_CASE(do_ft_kill_releases_everything),
	KUNIT_CASE_PARAM(ft_kill_permission_table, permission_gen_params),
	KUNIT_CASE(do_ft_kill_process_group),
	{}
};

static struct kunit_suite pidinfo_signal_suite = {
	.name = "pidinfo_signal",
	.init = pidinfo_test_init,
	.test_cases = pidinfo_signal_cases,
};

kunit_test_suite(pidinfo_signal_suite);
