// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for pidinfo's internals.
 *
 * The tests describe real tasks they create: user-mode children of the test
 * thread (not kernel threads: they have their own mm and fs), kernel
 * threads, and zombies.  Every task and reference a test takes is released
 * by a deferred action, so a failing assertion leaks nothing.
 */

#include <kunit/resource.h>
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/delay.h>
#include <linux/fs_struct.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/pid_namespace.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "internal.h"
#include "kunit_helpers.h"

/* Arbitrary, recognisable, page aligned. */
#define TEST_STACK_START	0x7ffc12345000UL
/* Every field this kernel fills: a version 2 struct's mask of 0. */
#define PIDINFO_TEST_ALL	PIDINFO_MASK_SUPPORTED_ALL
#define TEST_VER1		(PIDINFO_MASK_VER1 & PIDINFO_TEST_ALL)

KUNIT_DEFINE_ACTION_WRAPPER(test_release_result, pidinfo_result_release,
			    struct pidinfo_result *);

/*
 * Describes @task in @ns, registering the release of what was gathered.
 * @res->info must hold the request (buffer capacities) on entry.
 */
static int test_fill(struct kunit *test, struct task_struct *task,
		     struct pid_namespace *ns, struct pidinfo_result *res)
{
	int err = pidinfo_fill(task, ns, res);

	KUNIT_EXPECT_EQ(test, 0,
			kunit_add_action_or_reset(test, test_release_result, res));
	return err;
}

static struct pidinfo_result *test_result(struct kunit *test, u32 children_cap)
{
	struct pidinfo_result *res = kunit_kzalloc(test, sizeof(*res), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, res);
	res->info.children_cap = children_cap;
	res->want = PIDINFO_TEST_ALL;
	return res;
}

/* What pidinfo_fill() gathers of a live user task, asked for everything. */
static u64 user_task_mask(void)
{
	/* The command line's bit is set at copy-out; the test has no exe. */
	u64 mask = PIDINFO_TEST_ALL & ~(PIDINFO_MASK_CMDLINE |
					PIDINFO_MASK_EXE);

	if (!IS_ENABLED(CONFIG_CGROUPS))
		mask &= ~PIDINFO_MASK_CGROUP;
	return mask;
}

static void pidinfo_fill_user_task(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 4);
	struct pidinfo_test_child *child;
	struct pidinfo *info = &res->info;

	pidinfo_test_attach_mm(test, TEST_STACK_START);
	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(child->task, 'S'));

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, child->task, ns, res));
	KUNIT_EXPECT_EQ(test, info->mask, user_task_mask());
	KUNIT_EXPECT_EQ(test, info->pid, child->pid);
	KUNIT_EXPECT_EQ(test, info->tgid, child->pid);
	KUNIT_EXPECT_EQ(test, info->ppid, task_pid_vnr(current));
	KUNIT_EXPECT_EQ(test, info->pgid, task_pgrp_vnr(current));
	KUNIT_EXPECT_EQ(test, info->sid, task_session_vnr(current));
	KUNIT_EXPECT_EQ(test, info->state, PIDINFO_STATE_SLEEPING);
	KUNIT_EXPECT_EQ(test, info->uid, 0);
	KUNIT_EXPECT_EQ(test, info->euid, 0);
	KUNIT_EXPECT_EQ(test, info->nr_threads, 1);
	KUNIT_EXPECT_EQ(test, info->nice, task_nice(current));
	KUNIT_EXPECT_EQ(test, info->stack_start, TEST_STACK_START);
	KUNIT_EXPECT_EQ(test, info->start_time_ns, child->task->start_boottime);
	KUNIT_EXPECT_LE(test, info->age_ns,
			ktime_get_boottime_ns() - child->task->start_boottime);
	KUNIT_EXPECT_STREQ(test, info->comm, current->comm);
	KUNIT_EXPECT_EQ(test, info->nr_children, 0);
	KUNIT_EXPECT_EQ(test, res->nr_written, 0);
	KUNIT_EXPECT_STREQ(test, res->root, "/");
	KUNIT_EXPECT_EQ(test, info->root_len, 2);
	KUNIT_EXPECT_STREQ(test, res->cwd, "/");
	KUNIT_EXPECT_EQ(test, info->cwd_len, 2);
	/* The test thread's copy: its page and what the kernel mapped. */
	KUNIT_EXPECT_GE(test, info->vsize, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, info->vsize,
			PAGE_SIZE * child->task->mm->total_vm);
	KUNIT_EXPECT_EQ(test, info->rss,
			PAGE_SIZE * (get_mm_counter_sum(child->task->mm, MM_ANONPAGES) +
				     get_mm_counter_sum(child->task->mm, MM_FILEPAGES) +
				     get_mm_counter_sum(child->task->mm, MM_SHMEMPAGES)));
	KUNIT_EXPECT_LE(test, info->shared, info->rss);
	KUNIT_EXPECT_EQ(test, info->locked, 0);
	KUNIT_EXPECT_EQ(test, info->policy, SCHED_NORMAL);
	KUNIT_EXPECT_EQ(test, info->rt_priority, 0);
	KUNIT_EXPECT_EQ(test, info->priority, 20 + task_nice(current));
	KUNIT_EXPECT_EQ(test, info->cpu, task_cpu(child->task));
	KUNIT_EXPECT_EQ(test, info->tty_nr, 0);
	KUNIT_EXPECT_EQ(test, info->tpgid, -1);
	KUNIT_EXPECT_EQ(test, info->attributes, 0);
	KUNIT_EXPECT_EQ(test, info->min_flt, child->task->min_flt);
	KUNIT_EXPECT_NOT_NULL(test, res->mm);
	KUNIT_EXPECT_EQ(test, info->supported_mask, PIDINFO_TEST_ALL);
	KUNIT_EXPECT_EQ(test, info->identity,
			pidinfo_pid_ino(task_pid(child->task)));
	if (!PIDINFO_MASK_NO_PIDFS)
		KUNIT_EXPECT_NE(test, info->identity, 0);
}

/*
 * Every credential ID, each a different one, as /proc/PID/status shows
 * them: a slip to a neighbouring ID shows.  The test thread takes them
 * (commit_creds()); it ends with the test.
 */
static void pidinfo_fill_every_credential(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 0);
	struct pidinfo *info = &res->info;
	struct cred *cred = prepare_creds();

	KUNIT_ASSERT_NOT_NULL(test, cred);
	cred->uid = KUIDT_INIT(1001);
	cred->euid = KUIDT_INIT(1002);
	cred->suid = KUIDT_INIT(1003);
	cred->fsuid = KUIDT_INIT(1004);
	cred->gid = KGIDT_INIT(2001);
	cred->egid = KGIDT_INIT(2002);
	cred->sgid = KGIDT_INIT(2003);
	cred->fsgid = KGIDT_INIT(2004);
	commit_creds(cred);

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, ns, res));
	KUNIT_EXPECT_TRUE(test, info->mask & PIDINFO_MASK_CREDS);
	KUNIT_EXPECT_TRUE(test, info->mask & PIDINFO_MASK_SAVED_FS_IDS);
	KUNIT_EXPECT_EQ(test, info->uid, 1001);
	KUNIT_EXPECT_EQ(test, info->euid, 1002);
	KUNIT_EXPECT_EQ(test, info->suid, 1003);
	KUNIT_EXPECT_EQ(test, info->fsuid, 1004);
	KUNIT_EXPECT_EQ(test, info->gid, 2001);
	KUNIT_EXPECT_EQ(test, info->egid, 2002);
	KUNIT_EXPECT_EQ(test, info->sgid, 2003);
	KUNIT_EXPECT_EQ(test, info->fsgid, 2004);
}

static void pidinfo_fill_kernel_thread(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 0);
	struct pidinfo *info = &res->info;
	char name[PIDINFO_NAME_LEN];

	/* The test runs in a kernel thread: describe it. */
	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, ns, res));
	KUNIT_EXPECT_EQ(test, info->pid, task_pid_vnr(current));
	KUNIT_EXPECT_EQ(test, info->ppid, task_pid_vnr(kthreadd_task));
	KUNIT_EXPECT_EQ(test, info->state, PIDINFO_STATE_RUNNING);
	KUNIT_EXPECT_TRUE(test, info->mask & PIDINFO_MASK_STACK);
	KUNIT_EXPECT_EQ(test, info->stack_start, 0);
	KUNIT_EXPECT_STREQ(test, info->comm, current->comm);
	/* Its whole name: on 6.12, longer than comm's 15 bytes. */
	get_kthread_comm(name, sizeof(name), current);
	KUNIT_EXPECT_STREQ(test, info->name, name);
	KUNIT_EXPECT_EQ(test, info->nr_threads, 1);
	KUNIT_EXPECT_EQ(test, info->attributes, PIDINFO_ATTR_KTHREAD);
	KUNIT_EXPECT_TRUE(test, info->mask & PIDINFO_MASK_MEMORY);
	KUNIT_EXPECT_EQ(test, info->vsize, 0);
	KUNIT_EXPECT_EQ(test, info->rss, 0);
	KUNIT_EXPECT_FALSE(test, info->mask & PIDINFO_MASK_EXE);
	KUNIT_EXPECT_NULL(test, res->mm);
}

static void pidinfo_fill_zombie(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 0);
	struct pidinfo_test_child *child;
	struct pidinfo *info = &res->info;

	pidinfo_test_attach_mm(test, TEST_STACK_START);
	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	complete(&child->release);
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(child->task, 'Z'));

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, child->task, ns, res));
	KUNIT_EXPECT_EQ(test, info->pid, child->pid);
	KUNIT_EXPECT_EQ(test, info->state, PIDINFO_STATE_ZOMBIE);
	KUNIT_EXPECT_EQ(test, info->ppid, task_pid_vnr(current));
	/* Its mm and fs are gone: no stack, no paths. */
	KUNIT_EXPECT_TRUE(test, info->mask & PIDINFO_MASK_STACK);
	KUNIT_EXPECT_EQ(test, info->stack_start, 0);
	KUNIT_EXPECT_FALSE(test, info->mask & PIDINFO_MASK_ROOT);
	KUNIT_EXPECT_FALSE(test, info->mask & PIDINFO_MASK_CWD);
	KUNIT_EXPECT_EQ(test, info->root_len, 0);
	KUNIT_EXPECT_NULL(test, res->root);
}

static int test_idle_kthread_fn(void *unused)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

KUNIT_DEFINE_ACTION_WRAPPER(test_kthread_stop, kthread_stop,
			    struct task_struct *);

/*
 * A listing zeroes its result once per call, and each record overwrites
 * it: every field of a wanted group must be written whatever the task has
 * (a kernel thread: no memory, stack or exe; a zombie: no paths either),
 * or the last task's value shows through.  Each task is described into a
 * new result and into the one the last task left: the two must agree.
 */
static void pidinfo_fill_overwrites_the_last_task(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *reused = test_result(test, 4);
	struct pidinfo_test_child *live, *dead;
	struct task_struct *kthread, *tasks[4];
	int i;

	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, test_release_result,
						  reused));
	pidinfo_test_attach_mm(test, TEST_STACK_START);
	live = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	dead = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	complete(&dead->release);
	kthread = kthread_run(test_idle_kthread_fn, NULL, "pidinfo-kunit");
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, test_kthread_stop,
						  kthread));
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(live->task, 'S'));
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(dead->task, 'Z'));
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(kthread, 'S'));

	tasks[0] = kthread;
	tasks[1] = live->task;
	tasks[2] = dead->task;
	tasks[3] = kthread;
	for (i = 0; i < ARRAY_SIZE(tasks); i++) {
		struct pidinfo_result *fresh = test_result(test, 4);

		KUNIT_ASSERT_EQ(test, 0, test_fill(test, tasks[i], ns, fresh));
		reused->info.mask = 0;
		KUNIT_ASSERT_EQ(test, 0, pidinfo_fill(tasks[i], ns, reused));
		/*
		 * The two fields that change between the fills (the age, and
		 * the CPU of a sleeping task, which may move) are written.
		 */
		KUNIT_EXPECT_TRUE(test, reused->info.mask & PIDINFO_MASK_TIME);
		KUNIT_EXPECT_TRUE(test, reused->info.mask & PIDINFO_MASK_CPU);
		reused->info.age_ns = fresh->info.age_ns;
		reused->info.cpu = fresh->info.cpu;
		/* Not KUNIT_EXPECT_MEMEQ(), which 6.1 lacks. */
		KUNIT_EXPECT_EQ_MSG(test, 0, memcmp(&reused->info, &fresh->info,
						    sizeof(fresh->info)),
				    "task %d", i);
		KUNIT_EXPECT_EQ(test, reused->nr_written, fresh->nr_written);
		pidinfo_result_release(reused);
	}
}

static void pidinfo_fill_reaped(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 0);
	struct pidinfo_test_child *child;
	int status;

	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	complete(&child->release);
	KUNIT_ASSERT_EQ(test, kernel_wait(child->pid, &status), child->pid);
	child->reaped = true;

	KUNIT_EXPECT_EQ(test, -ESRCH, test_fill(test, child->task, ns, res));
	/* Without the thread count and terminal, under RCU: the same. */
	res->want = PIDINFO_MASK_PID | PIDINFO_MASK_STATE | PIDINFO_MASK_PPID;
	res->info.mask = 0;
	KUNIT_EXPECT_EQ(test, -ESRCH, pidinfo_fill(child->task, ns, res));
}

struct state_case {
	unsigned int state;
	unsigned int exit_state;
	char letter;
};

static const struct state_case state_cases[] = {
	{ .state = TASK_RUNNING, .letter = PIDINFO_STATE_RUNNING },
	{ .state = TASK_INTERRUPTIBLE, .letter = PIDINFO_STATE_SLEEPING },
	{ .state = TASK_UNINTERRUPTIBLE, .letter = PIDINFO_STATE_DISK_SLEEP },
	{ .state = __TASK_STOPPED, .letter = PIDINFO_STATE_STOPPED },
	{ .state = __TASK_TRACED, .letter = PIDINFO_STATE_TRACED },
	{ .state = TASK_DEAD, .exit_state = EXIT_DEAD,
	  .letter = PIDINFO_STATE_DEAD },
	{ .state = TASK_DEAD, .exit_state = EXIT_ZOMBIE,
	  .letter = PIDINFO_STATE_ZOMBIE },
	{ .state = TASK_PARKED, .letter = PIDINFO_STATE_PARKED },
	{ .state = TASK_IDLE, .letter = PIDINFO_STATE_IDLE },
};

static void state_case_desc(const struct state_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "state %#x exit_state %#x is %c",
		 c->state, c->exit_state, c->letter);
}

KUNIT_ARRAY_PARAM(state, state_cases, state_case_desc);

/* The uapi letters are those /proc prints for each scheduler state. */
static void pidinfo_state_letters(struct kunit *test)
{
	const struct state_case *c = test->param_value;
	struct task_struct *fake;

	fake = kunit_kzalloc(test, sizeof(*fake), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fake);
	WRITE_ONCE(fake->__state, c->state);
	fake->exit_state = c->exit_state;
	KUNIT_EXPECT_EQ(test, task_state_to_char(fake), c->letter);
}

/* The same letters on real tasks, through pidinfo_fill(). */
static void pidinfo_fill_state_of_sleepers(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 0);
	struct pidinfo_test_child *child;

	child = pidinfo_test_child_start(test, 0, true, NULL, NULL);
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(child->task, 'D'));
	KUNIT_ASSERT_EQ(test, 0, test_fill(test, child->task, ns, res));
	KUNIT_EXPECT_EQ(test, res->info.state, PIDINFO_STATE_DISK_SLEEP);
}

static bool pid_in(pid_t pid, struct pidinfo_test_child **children, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (children[i]->pid == pid)
			return true;
	return false;
}

/* Starts @n children of the test's thread, parked until the test ends. */
static struct pidinfo_test_child **test_children(struct kunit *test, u32 n)
{
	struct pidinfo_test_child **children;
	u32 i;

	children = kunit_kcalloc(test, n, sizeof(*children), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, children);
	for (i = 0; i < n; i++)
		children[i] = pidinfo_test_child_start(test, 0, false, NULL,
						       NULL);
	return children;
}

struct children_case {
	u32 cap;
	u32 written;
};

static const struct children_case children_cases[] = {
	{ .cap = 0, .written = 0 },
	{ .cap = 1, .written = 1 },
	{ .cap = 2, .written = 2 },
	{ .cap = 3, .written = 3 },
	{ .cap = 64, .written = 3 },
	{ .cap = U32_MAX, .written = 3 },
};

static void children_case_desc(const struct children_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "3 children, room for %u", c->cap);
}

KUNIT_ARRAY_PARAM(children, children_cases, children_case_desc);

static void pidinfo_fill_children_truncated(struct kunit *test)
{
	const struct children_case *c = test->param_value;
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, c->cap);
	struct pidinfo_test_child **children = test_children(test, 3);
	u32 i;

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, ns, res));
	KUNIT_EXPECT_TRUE(test, res->info.mask & PIDINFO_MASK_CHILDREN);
	KUNIT_EXPECT_EQ(test, res->info.nr_children, 3);
	KUNIT_ASSERT_EQ(test, res->nr_written, c->written);
	for (i = 0; i < res->nr_written; i++)
		KUNIT_EXPECT_TRUE(test, pid_in(res->children[i], children, 3));
	if (res->nr_written == 3) {
		KUNIT_EXPECT_NE(test, res->children[0], res->children[1]);
		KUNIT_EXPECT_NE(test, res->children[1], res->children[2]);
		KUNIT_EXPECT_NE(test, res->children[0], res->children[2]);
	}
}

/* Each of the @n @children but @gone is in @res once; @gone is not. */
static void expect_children_once(struct kunit *test,
				 const struct pidinfo_result *res,
				 struct pidinfo_test_child **children, u32 n,
				 const struct pidinfo_test_child *gone)
{
	u32 i, j, seen;

	for (i = 0; i < n; i++) {
		for (seen = 0, j = 0; j < res->nr_written; j++)
			seen += res->children[j] == children[i]->pid;
		KUNIT_EXPECT_EQ_MSG(test, seen, children[i] == gone ? 0 : 1,
				    "child %d", children[i]->pid);
	}
}

/*
 * More children than one hold of tasklist_lock covers: the walk pauses
 * between them, and still counts each once.
 */
static void pidinfo_fill_children_in_pieces(struct kunit *test)
{
	const u32 n = 2 * PIDINFO_CHILDREN_PER_HOLD + 3;
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, n);
	struct pidinfo_test_child **children = test_children(test, n);

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, ns, res));
	KUNIT_EXPECT_EQ(test, res->info.nr_children, n);
	KUNIT_ASSERT_EQ(test, res->nr_written, n);
	expect_children_once(test, res, children, n, NULL);
}

/* On 6.1, which has no static stubs, the walk's restart is not tested. */
#ifdef kunit_activate_static_stub
/* In place of the first pause: the child it pauses at is reaped meanwhile. */
static bool reap_during_pause(struct task_struct *thread,
			      struct task_struct *child)
	__must_hold(&tasklist_lock)
{
	struct kunit *test = kunit_get_current_test();
	struct pidinfo_test_child *doomed = test->priv;
	bool still_there;
	int status;

	get_task_struct(child);
	read_unlock(&tasklist_lock);
	kunit_deactivate_static_stub(test, pidinfo_children_pause);
	KUNIT_EXPECT_PTR_EQ(test, child, doomed->task);
	doomed->reaped = kernel_wait(doomed->pid, &status) == doomed->pid;
	KUNIT_EXPECT_TRUE(test, doomed->reaped);
	read_lock(&tasklist_lock);
	/* The real pause, which finds the child gone. */
	still_there = pidinfo_children_pause(thread, child);
	put_task_struct(child);
	return still_there;
}

/*
 * The child a walk paused at is reaped before it goes on: the walk starts
 * again, in one hold, and counts the others once.
 */
static void pidinfo_children_walk_starts_again(struct kunit *test)
{
	const u32 n = 2 * PIDINFO_CHILDREN_PER_HOLD + 3;
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, n);
	struct pidinfo_test_child **children = test_children(test, n);
	/* Children are listed in the order they were born. */
	struct pidinfo_test_child *doomed =
		children[PIDINFO_CHILDREN_PER_HOLD - 1];

	complete(&doomed->release);
	KUNIT_ASSERT_TRUE(test, pidinfo_test_wait_for_state(doomed->task, 'Z'));
	test->priv = doomed;
	kunit_activate_static_stub(test, pidinfo_children_pause,
				   reap_during_pause);

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, ns, res));
	KUNIT_EXPECT_TRUE(test, doomed->reaped);
	KUNIT_EXPECT_EQ(test, res->info.nr_children, n - 1);
	KUNIT_ASSERT_EQ(test, res->nr_written, n - 1);
	expect_children_once(test, res, children, n, doomed);
}
#endif

static bool test_children_pause(struct task_struct *thread,
				struct task_struct *child)
{
	bool still_there;

	read_lock(&tasklist_lock);
	still_there = pidinfo_children_pause(thread, child);
	read_unlock(&tasklist_lock);
	return still_there;
}

/*
 * A walk goes on after a pause only from a child that is still the
 * thread's: from one reaped meanwhile, or another's, it starts again.
 */
static void pidinfo_children_pause_checks_the_child(struct kunit *test)
{
	struct pidinfo_test_child *child;
	struct task_struct *task;
	int status;

	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	task = get_task_struct(child->task);

	KUNIT_EXPECT_TRUE(test, test_children_pause(current, task));
	KUNIT_EXPECT_FALSE(test, test_children_pause(task, task));

	complete(&child->release);
	KUNIT_EXPECT_EQ(test, kernel_wait(child->pid, &status), child->pid);
	child->reaped = true;
	KUNIT_EXPECT_FALSE(test, test_children_pause(current, task));
	put_task_struct(task);
}

static void pidinfo_fill_pid_namespace(struct kunit *test)
{
	struct pid_namespace *parent_ns = task_active_pid_ns(current);
	struct pidinfo_result *inside = test_result(test, 4);
	struct pidinfo_result *self = test_result(test, 4);
	struct pidinfo_result *outside = test_result(test, 4);
	struct pid_namespace *child_ns;
	struct pidinfo_test_child *child;

	child = pidinfo_test_child_start(test, CLONE_NEWPID, false, NULL, NULL);
	child_ns = task_active_pid_ns(child->task);
	KUNIT_ASSERT_PTR_NE(test, child_ns, parent_ns);

	/* Seen from inside, the child is init and its parent is nobody. */
	KUNIT_ASSERT_EQ(test, 0, test_fill(test, child->task, child_ns, inside));
	KUNIT_EXPECT_EQ(test, inside->info.pid, 1);
	KUNIT_EXPECT_EQ(test, inside->info.tgid, 1);
	KUNIT_EXPECT_EQ(test, inside->info.ppid, 0);
	KUNIT_EXPECT_EQ(test, inside->info.pgid, 0);
	KUNIT_EXPECT_EQ(test, inside->info.sid, 0);

	/* The test thread is outside the child's namespace. */
	KUNIT_EXPECT_EQ(test, -ESRCH, test_fill(test, current, child_ns, self));

	/* From outside, the child has its outer PID. */
	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, parent_ns, outside));
	KUNIT_EXPECT_EQ(test, outside->info.nr_children, 1);
	KUNIT_ASSERT_EQ(test, outside->nr_written, 1);
	KUNIT_EXPECT_EQ(test, outside->children[0], child->pid);
}

static void pidinfo_fill_withholds_private_fields(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 4);
	struct pidinfo_test_child *child;
	struct pidinfo *info = &res->info;

	pidinfo_test_attach_mm(test, TEST_STACK_START);
	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	pidinfo_test_become_user(test, 1000, false);

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, child->task, ns, res));
	KUNIT_EXPECT_EQ(test, info->pid, child->pid);
	KUNIT_EXPECT_TRUE(test, info->mask & PIDINFO_MASK_CREDS);
	KUNIT_EXPECT_FALSE(test, info->mask & PIDINFO_MASK_STACK);
	KUNIT_EXPECT_FALSE(test, info->mask & PIDINFO_MASK_ROOT);
	KUNIT_EXPECT_FALSE(test, info->mask & PIDINFO_MASK_CWD);
	KUNIT_EXPECT_EQ(test, info->stack_start, 0);
	KUNIT_EXPECT_EQ(test, info->root_len, 0);
	KUNIT_EXPECT_EQ(test, info->cwd_len, 0);
	KUNIT_EXPECT_NULL(test, res->root);
	KUNIT_EXPECT_NULL(test, res->cwd);
}

/*
 * What a caller sees of another user's process under each /proc policy,
 * as has_pid_permissions() decides for /proc: the caller is uid and gid
 * 1000 without capabilities, the process is root's.
 */
struct view_case {
	const char *name;
	enum proc_hidepid hide_pid;
	bool gid_exempt;	/* gid= names the caller's group */
	bool restricted;	/* kernel.pidinfo_restrict = 1 */
	bool as_root;		/* the caller stays root */
	enum pidinfo_view view;
};

static const struct view_case view_cases[] = {
	{ .name = "no hidepid", .hide_pid = HIDEPID_OFF,
	  .view = PIDINFO_VIEW_ALL },
	{ .name = "no hidepid, the sysctl", .hide_pid = HIDEPID_OFF,
	  .restricted = true, .view = PIDINFO_VIEW_NONE },
	{ .name = "noaccess", .hide_pid = HIDEPID_NO_ACCESS,
	  .view = PIDINFO_VIEW_PID },
	{ .name = "noaccess, gid= exempt", .hide_pid = HIDEPID_NO_ACCESS,
	  .gid_exempt = true, .view = PIDINFO_VIEW_ALL },
	{ .name = "invisible", .hide_pid = HIDEPID_INVISIBLE,
	  .view = PIDINFO_VIEW_NONE },
	{ .name = "invisible, gid= exempt", .hide_pid = HIDEPID_INVISIBLE,
	  .gid_exempt = true, .view = PIDINFO_VIEW_ALL },
	{ .name = "invisible, gid= exempt, the sysctl",
	  .hide_pid = HIDEPID_INVISIBLE, .gid_exempt = true, .restricted = true,
	  .view = PIDINFO_VIEW_NONE },
	{ .name = "ptraceable", .hide_pid = HIDEPID_NOT_PTRACEABLE,
	  .view = PIDINFO_VIEW_NONE },
	{ .name = "ptraceable: gid= exempts no one",
	  .hide_pid = HIDEPID_NOT_PTRACEABLE, .gid_exempt = true,
	  .view = PIDINFO_VIEW_NONE },
	{ .name = "invisible, as root", .hide_pid = HIDEPID_INVISIBLE,
	  .as_root = true, .view = PIDINFO_VIEW_ALL },
	{ .name = "ptraceable and the sysctl, as root",
	  .hide_pid = HIDEPID_NOT_PTRACEABLE, .restricted = true,
	  .as_root = true, .view = PIDINFO_VIEW_ALL },
};

static void view_case_desc(const struct view_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(view, view_cases, view_case_desc);

#ifdef kunit_activate_static_stub
/* The lookups of the caller's /proc, made by test_policy_look_up(). */
static int view_lookups;

/* pidinfo_policy_look_up() as if /proc were mounted as the case says. */
static void test_policy_look_up(struct pidinfo_policy *pol)
{
	const struct view_case *c = kunit_get_current_test()->param_value;

	view_lookups++;
	pol->hide_pid = c->hide_pid;
	pol->pid_gid = KGIDT_INIT(c->gid_exempt ? 1000 : 4242);
	pol->looked_up = true;
}

/*
 * The same decisions with /proc read when first needed: not for one's
 * own process, nor under the sysctl, which decides alone; and once at
 * most.  On 6.1, which has no static stubs, not tested.
 */
static void test_lazy_view(struct kunit *test, const struct view_case *c,
			   struct task_struct *task)
{
	struct pidinfo_policy lazy = { .restricted = c->restricted };
	int lookups = c->restricted ? 0 : 1;

	kunit_activate_static_stub(test, pidinfo_policy_look_up,
				   test_policy_look_up);
	view_lookups = 0;
	KUNIT_EXPECT_EQ(test, PIDINFO_VIEW_ALL, pidinfo_view(&lazy, current));
	KUNIT_EXPECT_EQ(test, 0, view_lookups);
	KUNIT_EXPECT_EQ(test, c->view, pidinfo_view(&lazy, task));
	KUNIT_EXPECT_EQ(test, lookups, view_lookups);
	KUNIT_EXPECT_EQ(test, c->view, pidinfo_view(&lazy, task));
	KUNIT_EXPECT_EQ(test, lookups, view_lookups);
}
#else
static void test_lazy_view(struct kunit *test, const struct view_case *c,
			   struct task_struct *task)
{
}
#endif

static void pidinfo_view_follows_hidepid(struct kunit *test)
{
	const struct view_case *c = test->param_value;
	struct pidinfo_policy pol = {
		.hide_pid = c->hide_pid,
		.pid_gid = KGIDT_INIT(c->gid_exempt ? 1000 : 4242),
		.restricted = c->restricted,
		.looked_up = true,
	};
	struct pidinfo_test_child *child;

	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	if (!c->as_root)
		pidinfo_test_become_user(test, 1000, false);
	KUNIT_EXPECT_EQ(test, c->view, pidinfo_view(&pol, child->task));
	/* One's own process is always in view, as /proc/self is. */
	KUNIT_EXPECT_EQ(test, PIDINFO_VIEW_ALL, pidinfo_view(&pol, current));
	test_lazy_view(test, c, child->task);
}

/* Which requests make the ptrace check of the paths an audited one. */
struct paths_mode_case {
	const char *name;
	u64 want;
	u32 root_size;
	u32 cwd_size;
	u32 exe_size;
	bool audited;
};

static const struct paths_mode_case paths_mode_cases[] = {
	{ .name = "no buffers", .want = PIDINFO_MASK_VER1, .audited = false },
	{ .name = "root buffer", .want = PIDINFO_MASK_VER1, .root_size = 256,
	  .audited = true },
	{ .name = "cwd buffer", .want = PIDINFO_MASK_VER1, .cwd_size = 256,
	  .audited = true },
	{ .name = "exe buffer", .want = PIDINFO_MASK_VER1, .exe_size = 256,
	  .audited = true },
	{ .name = "both buffers", .want = PIDINFO_MASK_VER1, .root_size = 1,
	  .cwd_size = 1, .audited = true },
	{ .name = "root buffer, root not wanted",
	  .want = PIDINFO_MASK_VER1 & ~PIDINFO_MASK_ROOT, .root_size = 256,
	  .audited = false },
	{ .name = "cwd buffer, only the root wanted",
	  .want = PIDINFO_MASK_ROOT, .cwd_size = 256, .audited = false },
	{ .name = "exe buffer, exe not wanted", .want = PIDINFO_MASK_CWD,
	  .exe_size = 256, .audited = false },
};

static void paths_mode_case_desc(const struct paths_mode_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(paths_mode, paths_mode_cases, paths_mode_case_desc);

/*
 * As /proc: reading the paths is audited only when asked for, as a
 * readlink of /proc/PID/cwd is; the stack never, as /proc/PID/stat.
 */
static void pidinfo_paths_mode_audits_when_asked(struct kunit *test)
{
	const struct paths_mode_case *c = test->param_value;
	struct pidinfo req = {
		.root_size = c->root_size,
		.cwd_size = c->cwd_size,
		.exe_size = c->exe_size,
	};
	unsigned int mode = pidinfo_paths_mode(c->want, &req);

	KUNIT_EXPECT_EQ(test, mode & ~PTRACE_MODE_NOAUDIT,
			PTRACE_MODE_READ_FSCREDS);
	KUNIT_EXPECT_EQ(test, !(mode & PTRACE_MODE_NOAUDIT), c->audited);
}

static void pidinfo_stack_mode_never_audits(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, pidinfo_stack_mode(),
			PTRACE_MODE_READ_FSCREDS | PTRACE_MODE_NOAUDIT);
}

/* The PID a case passes: the test thread's, 0, or one no task can have. */
enum size_case_pid { OWN_PID, PID_ZERO, NO_SUCH_PID };

struct size_case {
	const char *name;
	enum size_case_pid pid;
	unsigned int size;
	unsigned int flags;
	u64 mask;
	bool dirty_tail;
	bool null_info;
	long ret;
};

static const struct size_case size_cases[] = {
	{ .name = "first published size", .size = PIDINFO_SIZE_VER0 },
	{ .name = "smaller than the first", .size = PIDINFO_SIZE_VER0 - 8,
	  .ret = -EINVAL },
	{ .name = "zero size", .size = 0, .ret = -EINVAL },
	{ .name = "larger with zero tail", .size = sizeof(struct pidinfo) + 64 },
	{ .name = "larger with dirty tail", .size = sizeof(struct pidinfo) + 64,
	  .dirty_tail = true, .ret = -E2BIG },
	{ .name = "a page", .size = PAGE_SIZE },
	{ .name = "over a page", .size = PAGE_SIZE + 8, .ret = -E2BIG },
	{ .name = "unknown flag", .size = PIDINFO_SIZE_VER0, .flags = 1U << 3,
	  .ret = -EINVAL },
	{ .name = "PIDFD and NEXT", .size = PIDINFO_SIZE_VER0,
	  .flags = PIDINFO_PIDFD | PIDINFO_NEXT, .ret = -EINVAL },
	{ .name = "NEXT and NEXT_THREAD", .size = PIDINFO_SIZE_VER0,
	  .flags = PIDINFO_NEXT | PIDINFO_NEXT_THREAD, .ret = -EINVAL },
	{ .name = "NEXT_THREAD without a process", .size = PIDINFO_SIZE_VER0,
	  .flags = PIDINFO_NEXT_THREAD, .ret = -EINVAL },
	{ .name = "NEXT from PID 0", .pid = PID_ZERO, .size = PIDINFO_SIZE_VER0,
	  .flags = PIDINFO_NEXT, .ret = -EINVAL },
	{ .name = "NEXT from the test thread", .size = PIDINFO_SIZE_VER1,
	  .flags = PIDINFO_NEXT },
	{ .name = "NEXT past every PID", .pid = NO_SUCH_PID,
	  .size = PIDINFO_SIZE_VER1, .flags = PIDINFO_NEXT, .ret = -ESRCH },
	{ .name = "reserved mask bit", .size = PIDINFO_SIZE_VER1,
	  .mask = PIDINFO_MASK__RESERVED, .ret = -EINVAL },
	{ .name = "high flag", .size = PIDINFO_SIZE_VER0, .flags = 1U << 31,
	  .ret = -EINVAL },
	{ .name = "NULL struct", .size = PIDINFO_SIZE_VER0, .null_info = true,
	  .ret = -EFAULT },
	{ .name = "PID 0", .pid = PID_ZERO, .size = PIDINFO_SIZE_VER0,
	  .ret = -EINVAL },
	{ .name = "no such PID", .pid = NO_SUCH_PID, .size = PIDINFO_SIZE_VER0,
	  .ret = -ESRCH },
};

static void size_case_desc(const struct size_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(size, size_cases, size_case_desc);

/* The whole syscall path, on a struct in user memory. */
static void do_get_pid_info_size_and_errors(struct kunit *test)
{
	const struct size_case *c = test->param_value;
	size_t len = 2 * PAGE_SIZE;
	struct pidinfo info;
	unsigned long uaddr;
	void __user *ubuf;
	u8 *kbuf;
	int pid;

	uaddr = kunit_vm_mmap(test, NULL, 0, len, PROT_READ | PROT_WRITE,
			      MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE(test, uaddr, 0);
	ubuf = (void __user *)uaddr;
	kbuf = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kbuf);
	if (c->dirty_tail)
		kbuf[c->size - 1] = 1;
	memcpy(kbuf, &c->mask, sizeof(c->mask));
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(ubuf, kbuf, len));

	pid = task_pid_vnr(current);
	if (c->pid == PID_ZERO)
		pid = 0;
	else if (c->pid == NO_SUCH_PID)
		pid = PIDINFO_TEST_NO_PID;

	KUNIT_EXPECT_EQ(test, c->ret,
			do_get_pid_info(pid, c->null_info ? NULL : ubuf,
					c->size, c->flags));

	KUNIT_ASSERT_EQ(test, 0, copy_from_user(kbuf, ubuf, len));
	memcpy(&info, kbuf, sizeof(info));
	if (c->ret) {
		/* A failed call writes nothing. */
		KUNIT_EXPECT_EQ(test, info.mask, c->mask);
		return;
	}
	KUNIT_EXPECT_EQ(test, info.pid, pid);
	KUNIT_EXPECT_NE(test, info.mask, 0);
	/* Nothing past the kernel's struct is written. */
	KUNIT_EXPECT_TRUE(test, !memchr_inv(kbuf + sizeof(info), 0,
					    len - sizeof(info)));
}

struct refs {
	unsigned int task_usage;
	unsigned int pid_count;
	int mm_users;
	unsigned int root_count;
	unsigned int pwd_count;
};

static void refs_read(struct task_struct *task, struct refs *r)
{
	r->task_usage = refcount_read(&task->usage);
	r->pid_count = refcount_read(&task_pid(task)->count);
	r->mm_users = atomic_read(&task->mm->mm_users);
	r->root_count = d_count(task->fs->root.dentry);
	r->pwd_count = d_count(task->fs->pwd.dentry);
}

static void refs_expect_equal(struct kunit *test, const struct refs *a,
			      const struct refs *b)
{
	KUNIT_EXPECT_EQ(test, a->task_usage, b->task_usage);
	KUNIT_EXPECT_EQ(test, a->pid_count, b->pid_count);
	KUNIT_EXPECT_EQ(test, a->mm_users, b->mm_users);
	KUNIT_EXPECT_EQ(test, a->root_count, b->root_count);
	KUNIT_EXPECT_EQ(test, a->pwd_count, b->pwd_count);
}

/* Every success and error path drops each reference it took. */
static void pidinfo_refcounts_balanced(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result res;
	struct pidinfo_test_child *child, *ns_child;
	struct refs before, after;
	struct pidinfo __user *uinfo;
	struct pidinfo req = { .children_cap = 4, .root_size = 1 };
	unsigned long uaddr;

	pidinfo_test_attach_mm(test, TEST_STACK_START);
	uaddr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE(test, uaddr, 0);
	uinfo = (struct pidinfo __user *)uaddr;
	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	ns_child = pidinfo_test_child_start(test, CLONE_NEWPID, false, NULL, NULL);

	/* success */
	refs_read(child->task, &before);
	memset(&res, 0, sizeof(res));
	res.info.children_cap = 4;
	res.want = PIDINFO_MASK_VER1;
	KUNIT_EXPECT_EQ(test, 0, pidinfo_fill(child->task, ns, &res));
	KUNIT_EXPECT_NOT_NULL(test, res.mm);
	pidinfo_result_release(&res);
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);

	/* -ESRCH: not visible in the namespace asked for */
	memset(&res, 0, sizeof(res));
	res.want = PIDINFO_MASK_VER1;
	KUNIT_EXPECT_EQ(test, -ESRCH,
			pidinfo_fill(child->task,
				     task_active_pid_ns(ns_child->task), &res));
	pidinfo_result_release(&res);
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);

	/* the syscall path, succeeding */
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(uinfo, &req, sizeof(req)));
	KUNIT_EXPECT_EQ(test, 0, do_get_pid_info(child->pid, uinfo,
						 sizeof(req), 0));
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);

	/* -EFAULT after everything was gathered: unmapped root buffer */
	req.root = 1;
	req.root_size = PATH_MAX;
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(uinfo, &req, sizeof(req)));
	KUNIT_EXPECT_EQ(test, -EFAULT, do_get_pid_info(child->pid, uinfo,
						       sizeof(req), 0));
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);

	/* -EFAULT in the command line, read at copy-out from the child's mm */
	req.root = 0;
	req.root_size = 0;
	req.cmdline = 1;
	req.cmdline_size = 64;
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(uinfo, &req, sizeof(req)));
	KUNIT_EXPECT_EQ(test, -EFAULT, do_get_pid_info(child->pid, uinfo,
						       sizeof(req), 0));
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);

	/* withheld fields take no path references */
	pidinfo_test_become_user(test, 1000, false);
	memset(&res, 0, sizeof(res));
	res.want = PIDINFO_MASK_VER1;
	KUNIT_EXPECT_EQ(test, 0, pidinfo_fill(child->task, ns, &res));
	pidinfo_result_release(&res);
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);
}

/* How the caller's mask, size and flags become what is gathered. */
struct request_case {
	const char *name;
	u64 mask;
	unsigned int size;
	unsigned int flags;
	s32 tgid;
	int ret;
	u64 want;
	bool thread_only;
};

static const struct request_case request_cases[] = {
	{ .name = "version 0, mask 0: every version 0 field",
	  .size = PIDINFO_SIZE_VER0, .want = PIDINFO_MASK_VER0 },
	{ .name = "version 1, mask 0: every version 1 field",
	  .size = PIDINFO_SIZE_VER1, .want = TEST_VER1 },
	{ .name = "version 2, mask 0: every field this kernel has",
	  .size = PIDINFO_SIZE_VER2, .want = PIDINFO_TEST_ALL },
	{ .name = "a larger struct, mask 0: every field known",
	  .size = PIDINFO_SIZE_VER2 + 8, .want = PIDINFO_TEST_ALL },
	{ .name = "between versions 1 and 2: version 1's fields",
	  .size = PIDINFO_SIZE_VER2 - 8, .want = TEST_VER1 },
	{ .name = "version 2's bits in a version 1 struct: dropped",
	  .size = PIDINFO_SIZE_VER1,
	  .mask = PIDINFO_MASK_IDENTITY | PIDINFO_MASK_SUPPORTED |
		  PIDINFO_MASK_STATE,
	  .want = PIDINFO_MASK_STATE | PIDINFO_MASK_PID },
	{ .name = "the supported mask alone", .size = PIDINFO_SIZE_VER2,
	  .mask = PIDINFO_MASK_SUPPORTED,
	  .want = PIDINFO_MASK_SUPPORTED | PIDINFO_MASK_PID },
	{ .name = "between the versions: version 0's fields",
	  .size = PIDINFO_SIZE_VER1 - 8, .want = PIDINFO_MASK_VER0 },
	{ .name = "version 0, mask never set: every version 0 field",
	  .size = PIDINFO_SIZE_VER0, .mask = 0xa5a5a5a5a5a5a5a5ULL,
	  .want = PIDINFO_MASK_VER0 },
	{ .name = "version 0, the reserved bit: ignored",
	  .size = PIDINFO_SIZE_VER0, .mask = ~0ULL,
	  .want = PIDINFO_MASK_VER0 },
	{ .name = "one field, and the PID always",
	  .size = PIDINFO_SIZE_VER1, .mask = PIDINFO_MASK_COMM,
	  .want = PIDINFO_MASK_COMM | PIDINFO_MASK_PID },
	{ .name = "the PID alone", .size = PIDINFO_SIZE_VER1,
	  .mask = PIDINFO_MASK_PID, .want = PIDINFO_MASK_PID },
	{ .name = "a mask in a version 0 struct: ignored",
	  .size = PIDINFO_SIZE_VER0,
	  .mask = PIDINFO_MASK_CMDLINE | PIDINFO_MASK_STATE,
	  .want = PIDINFO_MASK_VER0 },
	{ .name = "unknown bits: dropped", .size = PIDINFO_SIZE_VER1,
	  .mask = BIT_ULL(40) | BIT_ULL(23) | PIDINFO_MASK_CHILDREN,
	  .want = PIDINFO_MASK_CHILDREN | PIDINFO_MASK_PID },
	{ .name = "only unknown bits: the PID",
	  .size = PIDINFO_SIZE_VER1, .mask = BIT_ULL(62),
	  .want = PIDINFO_MASK_PID },
	{ .name = "the reserved bit", .size = PIDINFO_SIZE_VER1,
	  .mask = PIDINFO_MASK__RESERVED | PIDINFO_MASK_PID, .ret = -EINVAL },
	{ .name = "NEXT_THREAD: a thread's times and faults",
	  .size = PIDINFO_SIZE_VER1, .flags = PIDINFO_NEXT_THREAD, .tgid = 1,
	  .want = TEST_VER1, .thread_only = true },
	{ .name = "NEXT_THREAD without a process", .size = PIDINFO_SIZE_VER1,
	  .flags = PIDINFO_NEXT_THREAD, .ret = -EINVAL },
	{ .name = "NEXT_THREAD with a negative process",
	  .size = PIDINFO_SIZE_VER1, .flags = PIDINFO_NEXT_THREAD,
	  .tgid = -1, .ret = -EINVAL },
	{ .name = "NEXT: the process's times", .size = PIDINFO_SIZE_VER1,
	  .flags = PIDINFO_NEXT, .want = TEST_VER1 },
};

static void request_case_desc(const struct request_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(request, request_cases, request_case_desc);

static void pidinfo_request_decisions(struct kunit *test)
{
	const struct request_case *c = test->param_value;
	struct pidinfo_request req = {
		.in = { .mask = c->mask, .tgid = c->tgid },
	};

	KUNIT_ASSERT_EQ(test, c->ret, pidinfo_request_init(&req, c->size,
							   c->flags));
	if (c->ret)
		return;
	KUNIT_EXPECT_EQ(test, req.want, c->want);
	KUNIT_EXPECT_EQ(test, req.thread_only, c->thread_only);
}

/* A field not asked for costs nothing: no walk, no path, no reference. */
static void pidinfo_fill_only_what_is_wanted(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 4);
	struct pidinfo *info = &res->info;

	pidinfo_test_attach_mm(test, TEST_STACK_START);
	pidinfo_test_child_start(test, 0, false, NULL, NULL);
	res->want = PIDINFO_MASK_PID | PIDINFO_MASK_COMM;
	res->info.root_size = PATH_MAX;
	res->info.cwd_size = PATH_MAX;

	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, ns, res));
	KUNIT_EXPECT_EQ(test, info->mask, PIDINFO_MASK_PID | PIDINFO_MASK_COMM);
	KUNIT_EXPECT_EQ(test, info->pid, task_pid_vnr(current));
	KUNIT_EXPECT_STREQ(test, info->comm, current->comm);
	/* The test thread has a child, but it was not asked for. */
	KUNIT_EXPECT_EQ(test, info->nr_children, 0);
	KUNIT_EXPECT_NULL(test, res->children);
	KUNIT_EXPECT_NULL(test, res->root_buf);
	KUNIT_EXPECT_NULL(test, res->cwd_buf);
	KUNIT_EXPECT_NULL(test, res->mm);
	KUNIT_EXPECT_EQ(test, info->state, 0);
	KUNIT_EXPECT_EQ(test, info->nr_threads, 0);
}

/* The command line through the syscall path, as /proc/PID/cmdline. */
struct cmdline_case {
	const char *name;
	u32 size;
	bool retitled;
	u32 len;
	u32 written;
};

static const struct cmdline_case cmdline_cases[] = {
	{ .name = "argument area", .size = 64,
	  .len = sizeof(PIDINFO_TEST_ARGS), .written = sizeof(PIDINFO_TEST_ARGS) },
	{ .name = "cut to the buffer", .size = 5,
	  .len = sizeof(PIDINFO_TEST_ARGS), .written = 5 },
	{ .name = "no buffer: the length", .size = 0,
	  .len = sizeof(PIDINFO_TEST_ARGS), .written = 0 },
	/* setproctitle() overwrote the last NUL: the first string. */
	{ .name = "retitled", .size = 64, .retitled = true,
	  .len = sizeof("pidinfo"), .written = sizeof("pidinfo") },
};

static void cmdline_case_desc(const struct cmdline_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(cmdline, cmdline_cases, cmdline_case_desc);

static void pidinfo_cmdline_as_proc(struct kunit *test)
{
	const struct cmdline_case *c = test->param_value;
	struct pidinfo_test_child *child;
	struct pidinfo info = {};
	char *buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct pidinfo __user *uinfo;
	unsigned long uaddr, args;
	char __user *ubuf;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	args = pidinfo_test_attach_mm(test, TEST_STACK_START);
	if (c->retitled)
		KUNIT_ASSERT_EQ(test, 0,
				put_user('X', (char __user *)args +
					 sizeof(PIDINFO_TEST_ARGS) - 1));
	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);

	uaddr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE(test, uaddr, 0);
	uinfo = (struct pidinfo __user *)uaddr;
	info.mask = PIDINFO_MASK_CMDLINE;
	info.cmdline = uaddr + PAGE_SIZE / 2;
	ubuf = u64_to_user_ptr(info.cmdline);
	info.cmdline_size = c->size;
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(uinfo, &info, sizeof(info)));

	KUNIT_ASSERT_EQ(test, 0, do_get_pid_info(child->pid, uinfo,
						 sizeof(info), 0));
	KUNIT_ASSERT_EQ(test, 0, copy_from_user(&info, uinfo, sizeof(info)));
	KUNIT_ASSERT_EQ(test, 0, copy_from_user(buf, ubuf, PAGE_SIZE / 2));
	KUNIT_EXPECT_EQ(test, info.mask, PIDINFO_MASK_CMDLINE | PIDINFO_MASK_PID);
	KUNIT_EXPECT_EQ(test, info.cmdline_len, c->len);
	KUNIT_EXPECT_EQ(test, 0, memcmp(buf, PIDINFO_TEST_ARGS, c->written));
	/* Nothing past what fits. */
	KUNIT_EXPECT_TRUE(test, !memchr_inv(buf + c->written, 0,
					    PAGE_SIZE / 2 - c->written));
}

/* The walks behind PIDINFO_NEXT and PIDINFO_NEXT_THREAD. */
static void pidinfo_next_walks(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_test_child *child, *ns_child;
	struct pid_namespace *child_ns;
	struct pid *pid;

	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	ns_child = pidinfo_test_child_start(test, CLONE_NEWPID, false, NULL,
					    NULL);
	child_ns = task_active_pid_ns(ns_child->task);

	/* A process is the first from its own PID on. */
	pid = pidinfo_next_process(child->pid, ns);
	KUNIT_EXPECT_PTR_EQ(test, pid, task_pid(child->task));
	put_pid(pid);

	/* Nothing past the highest PID. */
	KUNIT_EXPECT_NULL(test, pidinfo_next_process(PIDINFO_TEST_NO_PID, ns));

	/* In a child namespace: its init only, under its own number. */
	pid = pidinfo_next_process(1, child_ns);
	KUNIT_EXPECT_PTR_EQ(test, pid, task_pid(ns_child->task));
	put_pid(pid);
	KUNIT_EXPECT_NULL(test, pidinfo_next_process(2, child_ns));

	/* A single-threaded process lists itself, then nothing. */
	pid = pidinfo_next_thread(task_tgid(child->task), 1, ns);
	KUNIT_EXPECT_PTR_EQ(test, pid, task_pid(child->task));
	put_pid(pid);
	KUNIT_EXPECT_NULL(test, pidinfo_next_thread(task_tgid(child->task),
						    child->pid + 1, ns));
	/* The test thread's children are none of its threads. */
	pid = pidinfo_next_thread(task_tgid(current), 1, ns);
	KUNIT_EXPECT_PTR_EQ(test, pid, task_pid(current));
	put_pid(pid);
}

/* A reaped process: its struct pid names no process, and lists nothing. */
static void pidinfo_next_thread_of_reaped(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_test_child *child;
	struct pid *old, *pid;
	int status;

	child = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	old = get_task_pid(child->task, PIDTYPE_TGID);
	complete(&child->release);
	KUNIT_ASSERT_EQ(test, kernel_wait(child->pid, &status), child->pid);
	child->reaped = true;

	KUNIT_EXPECT_NULL(test, pidinfo_next_thread(old, 1, ns));
	/* Nor does the walk of processes find it. */
	pid = pidinfo_next_process(child->pid, ns);
	KUNIT_EXPECT_PTR_NE(test, pid, old);
	put_pid(pid);
	put_pid(old);
}

static struct kunit_case pidinfo_fill_cases[] = {
	KUNIT_CASE(pidinfo_fill_user_task),
	KUNIT_CASE(pidinfo_fill_every_credential),
	KUNIT_CASE(pidinfo_fill_kernel_thread),
	KUNIT_CASE(pidinfo_fill_zombie),
	KUNIT_CASE(pidinfo_fill_reaped),
	KUNIT_CASE(pidinfo_fill_overwrites_the_last_task),
	KUNIT_CASE_PARAM(pidinfo_state_letters, state_gen_params),
	KUNIT_CASE(pidinfo_fill_state_of_sleepers),
	KUNIT_CASE_PARAM(pidinfo_fill_children_truncated, children_gen_params),
	KUNIT_CASE(pidinfo_fill_children_in_pieces),
	KUNIT_CASE(pidinfo_children_pause_checks_the_child),
#ifdef kunit_activate_static_stub
	KUNIT_CASE(pidinfo_children_walk_starts_again),
#endif
	KUNIT_CASE(pidinfo_fill_pid_namespace),
	KUNIT_CASE(pidinfo_fill_withholds_private_fields),
	KUNIT_CASE_PARAM(pidinfo_view_follows_hidepid, view_gen_params),
	KUNIT_CASE_PARAM(pidinfo_paths_mode_audits_when_asked,
			 paths_mode_gen_params),
	KUNIT_CASE(pidinfo_stack_mode_never_audits),
	KUNIT_CASE_PARAM(pidinfo_request_decisions, request_gen_params),
	KUNIT_CASE(pidinfo_fill_only_what_is_wanted),
	KUNIT_CASE(pidinfo_next_walks),
	KUNIT_CASE(pidinfo_next_thread_of_reaped),
	{}
};

static struct kunit_suite pidinfo_fill_suite = {
	.name = "pidinfo_fill",
	.init = pidinfo_test_init,
	.test_cases = pidinfo_fill_cases,
};

static struct kunit_case pidinfo_syscall_cases[] = {
	KUNIT_CASE_PARAM(do_get_pid_info_size_and_errors, size_gen_params),
	KUNIT_CASE(pidinfo_refcounts_balanced),
	KUNIT_CASE_PARAM(pidinfo_cmdline_as_proc, cmdline_gen_params),
	{}
};

static struct kunit_suite pidinfo_syscall_suite = {
	.name = "pidinfo_syscall",
	.init = pidinfo_test_init,
	.test_cases = pidinfo_syscall_cases,
};

kunit_test_suites(&pidinfo_fill_suite, &pidinfo_syscall_suite);

MODULE_DESCRIPTION("KUnit tests for pidinfo");
MODULE_LICENSE("GPL");
