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
	return res;
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
	KUNIT_EXPECT_EQ(test, info->mask,
			PIDINFO_MASK_PID | PIDINFO_MASK_STATE |
			PIDINFO_MASK_PPID | PIDINFO_MASK_PGID |
			PIDINFO_MASK_CREDS | PIDINFO_MASK_THREADS |
			PIDINFO_MASK_NICE | PIDINFO_MASK_STACK |
			PIDINFO_MASK_TIME | PIDINFO_MASK_COMM |
			PIDINFO_MASK_CHILDREN | PIDINFO_MASK_ROOT |
			PIDINFO_MASK_CWD);
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
}

static void pidinfo_fill_kernel_thread(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_result *res = test_result(test, 0);
	struct pidinfo *info = &res->info;

	/* The test runs in a kernel thread: describe it. */
	KUNIT_ASSERT_EQ(test, 0, test_fill(test, current, ns, res));
	KUNIT_EXPECT_EQ(test, info->pid, task_pid_vnr(current));
	KUNIT_EXPECT_EQ(test, info->ppid, task_pid_vnr(kthreadd_task));
	KUNIT_EXPECT_EQ(test, info->state, PIDINFO_STATE_RUNNING);
	KUNIT_EXPECT_TRUE(test, info->mask & PIDINFO_MASK_STACK);
	KUNIT_EXPECT_EQ(test, info->stack_start, 0);
	KUNIT_EXPECT_STREQ(test, info->comm, current->comm);
	KUNIT_EXPECT_EQ(test, info->nr_threads, 1);
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
	struct pidinfo_test_child *children[3];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(children); i++)
		children[i] = pidinfo_test_child_start(test, 0, false, NULL, NULL);

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

/* Which requests make the ptrace check of the paths an audited one. */
struct paths_mode_case {
	const char *name;
	u32 root_size;
	u32 cwd_size;
	bool audited;
};

static const struct paths_mode_case paths_mode_cases[] = {
	{ .name = "no buffers", .audited = false },
	{ .name = "root buffer", .root_size = 256, .audited = true },
	{ .name = "cwd buffer", .cwd_size = 256, .audited = true },
	{ .name = "both buffers", .root_size = 1, .cwd_size = 1,
	  .audited = true },
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
	};
	unsigned int mode = pidinfo_paths_mode(&req);

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
	bool dirty_tail;
	bool null_info;
	long ret;
};

static const struct size_case size_cases[] = {
	{ .name = "first published size", .size = PIDINFO_SIZE_VER0 },
	{ .name = "smaller than the first", .size = PIDINFO_SIZE_VER0 - 8,
	  .ret = -EINVAL },
	{ .name = "zero size", .size = 0, .ret = -EINVAL },
	{ .name = "larger with zero tail", .size = PIDINFO_SIZE_VER0 + 64 },
	{ .name = "larger with dirty tail", .size = PIDINFO_SIZE_VER0 + 64,
	  .dirty_tail = true, .ret = -E2BIG },
	{ .name = "a page", .size = PAGE_SIZE },
	{ .name = "over a page", .size = PAGE_SIZE + 8, .ret = -E2BIG },
	{ .name = "unknown flag", .size = PIDINFO_SIZE_VER0, .flags = 1U << 1,
	  .ret = -EINVAL },
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
		KUNIT_EXPECT_EQ(test, info.mask, 0);
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
	KUNIT_EXPECT_EQ(test, 0, pidinfo_fill(child->task, ns, &res));
	pidinfo_result_release(&res);
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);

	/* -ESRCH: not visible in the namespace asked for */
	memset(&res, 0, sizeof(res));
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

	/* withheld fields take no path references */
	pidinfo_test_become_user(test, 1000, false);
	memset(&res, 0, sizeof(res));
	KUNIT_EXPECT_EQ(test, 0, pidinfo_fill(child->task, ns, &res));
	pidinfo_result_release(&res);
	refs_read(child->task, &after);
	refs_expect_equal(test, &before, &after);
}

static struct kunit_case pidinfo_fill_cases[] = {
	KUNIT_CASE(pidinfo_fill_user_task),
	KUNIT_CASE(pidinfo_fill_kernel_thread),
	KUNIT_CASE(pidinfo_fill_zombie),
	KUNIT_CASE(pidinfo_fill_reaped),
	KUNIT_CASE_PARAM(pidinfo_state_letters, state_gen_params),
	KUNIT_CASE(pidinfo_fill_state_of_sleepers),
	KUNIT_CASE_PARAM(pidinfo_fill_children_truncated, children_gen_params),
	KUNIT_CASE(pidinfo_fill_pid_namespace),
	KUNIT_CASE(pidinfo_fill_withholds_private_fields),
	KUNIT_CASE_PARAM(pidinfo_paths_mode_audits_when_asked,
			 paths_mode_gen_params),
	KUNIT_CASE(pidinfo_stack_mode_never_audits),
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
