// SPDX-License-Identifier: GPL-2.0
/*
 * get_pid_info(): everything /proc/PID/{stat,status,task/\*\/children,root,cwd}
 * says about a process, in one call and without parsing.
 */

#include <linux/cgroup.h>
#include <linux/cleanup.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kdev_t.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/cputime.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/stat.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/time_namespace.h>
#include <linux/timekeeping.h>
#include <linux/tty.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>
#include <uapi/linux/pidfd.h>

#include "internal.h"

/*
 * Room for children in the first pass: a page's worth, so that nearly every
 * process is walked once.  More children take a second, sized walk.
 */
#define PIDINFO_CHILDREN_FIRST	(PAGE_SIZE / sizeof(pid_t))

/*
 * The terminal, as do_task_stat() reports it.  With ->siglock held, which
 * keeps ->signal->tty referenced; without it, only known to be none.
 */
static void pidinfo_fill_tty(struct task_struct *task, struct pid_namespace *ns,
			     bool siglock_held, struct pidinfo *info)
{
	struct tty_struct *tty = siglock_held ? task->signal->tty : NULL;
	struct pid *pgrp;

	info->tty_nr = 0;
	info->tpgid = -1;
	if (tty) {
		pgrp = tty_get_pgrp(tty);
		info->tpgid = pid_nr_ns(pgrp, ns);
		put_pid(pgrp);
		info->tty_nr = new_encode_dev(tty_devnum(tty));
	}
	info->mask |= PIDINFO_MASK_TTY;
}

/* The process's faults: its exited threads' in ->signal, and the rest. */
static void pidinfo_sum_faults(struct signal_struct *sig, struct pidinfo *info)
{
	struct task_struct *t;

	info->min_flt = sig->min_flt;
	info->maj_flt = sig->maj_flt;
	rcu_read_lock();
	__for_each_thread(sig, t) {
		info->min_flt += READ_ONCE(t->min_flt);
		info->maj_flt += READ_ONCE(t->maj_flt);
	}
	rcu_read_unlock();
}

/*
 * Page faults of the thread, or of the whole process.  __exit_signal()
 * moves an exiting thread's faults into ->signal as it unhashes it, under
 * ->stats_lock: the sum is taken locklessly, and only if a thread exited
 * meanwhile again with that lock held (interrupts off), as getrusage()
 * and do_task_stat() take it (read_seqbegin_or_lock_irqsave(), written
 * out so that each path's locking is plain).  Never under ->siglock.
 */
static void pidinfo_fill_faults(struct task_struct *task, bool thread_only,
				struct pidinfo *info)
{
	struct signal_struct *sig = task->signal;
	unsigned long flags;
	unsigned int seq;

	info->mask |= PIDINFO_MASK_FAULTS;
	if (thread_only) {
		info->min_flt = READ_ONCE(task->min_flt);
		info->maj_flt = READ_ONCE(task->maj_flt);
		return;
	}
	seq = read_seqbegin(&sig->stats_lock);
	pidinfo_sum_faults(sig, info);
	if (!read_seqretry(&sig->stats_lock, seq))
		return;
	read_seqlock_excl_irqsave(&sig->stats_lock, flags);
	pidinfo_sum_faults(sig, info);
	read_sequnlock_excl_irqrestore(&sig->stats_lock, flags);
}

/* The IDs, state, thread count and terminal: see pidinfo_fill_ids(). */
static int pidinfo_read_ids(struct task_struct *task, struct pid_namespace *ns,
			    bool siglock_held, struct pidinfo_result *res)
{
	struct pidinfo *info = &res->info;
	u64 want = res->want;
	struct pid *pid;

	/*
	 * The PID and the identity from one load of ->thread_pid: de_thread()
	 * swaps it with the leader's under tasklist_lock alone, and
	 * pidinfo_still_names() retries if the PID is no longer the one
	 * asked for.  release_task() unhashes it: under ->siglock it is still
	 * set; under RCU alone it may be NULL (0 here), or still valid.
	 */
	pid = READ_ONCE(task->thread_pid);
	info->pid = pid_nr_ns(pid, ns);
	if (!info->pid)
		return -ESRCH;
	info->tgid = task_tgid_nr_ns(task, ns);
	info->mask |= PIDINFO_MASK_PID;
	if (want & PIDINFO_MASK_IDENTITY) {
		info->identity = pidinfo_pid_ino(pid);
		info->mask |= PIDINFO_MASK_IDENTITY;
	}

	if (want & PIDINFO_MASK_STATE) {
		info->state = task_state_to_char(task);
		info->mask |= PIDINFO_MASK_STATE;
	}
	if (want & PIDINFO_MASK_PPID) {
		info->ppid = task_ppid_nr_ns(task, ns);
		info->mask |= PIDINFO_MASK_PPID;
	}
	if (want & PIDINFO_MASK_PGID) {
		info->pgid = task_pgrp_nr_ns(task, ns);
		info->sid = task_session_nr_ns(task, ns);
		info->mask |= PIDINFO_MASK_PGID;
	}
	if (want & PIDINFO_MASK_THREADS) {
		info->nr_threads = get_nr_threads(task);
		info->mask |= PIDINFO_MASK_THREADS;
	}
	if (want & PIDINFO_MASK_TTY)
		pidinfo_fill_tty(task, ns, siglock_held, info);
	return 0;
}

/*
 * The IDs, state, thread count and terminal, as one snapshot.
 * __exit_signal() drops the thread count and unhashes the PIDs in one
 * write section of ->stats_lock, so they are read under RCU inside a read
 * section of it: a read that overlapped one may have seen some of them
 * gone (0), and is made again under ->siglock, which that whole release
 * holds (as /proc/PID/stat reads them).  A task reaped since no longer
 * owns its PID, which pidinfo_still_names() checks.
 *
 * A terminal is read under ->siglock, which keeps it referenced, as
 * do_task_stat() does; a process without one (most) needs only a look at
 * the pointer, a moment at which it had none.
 */
static int pidinfo_fill_ids(struct task_struct *task, struct pid_namespace *ns,
			    struct pidinfo_result *res)
{
	struct signal_struct *sig = task->signal;
	struct sighand_struct *sighand;
	unsigned long flags;
	unsigned int seq;
	int err;

	if (!(res->want & PIDINFO_MASK_TTY) || !READ_ONCE(sig->tty)) {
		seq = read_seqbegin(&sig->stats_lock);
		scoped_guard(rcu)
			err = pidinfo_read_ids(task, ns, false, res);
		if (!read_seqretry(&sig->stats_lock, seq))
			return err;
	}
	sighand = lock_task_sighand(task, &flags);
	if (!sighand)
		return -ESRCH;
	err = pidinfo_read_ids(task, ns, true, res);
	/* Not unlock_task_sighand(): its __rcu ->sighand upsets sparse. */
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return err;
}

/*
 * IDs as /proc/PID/status shows them, the task's own (its objective
 * credentials), mapped into the reader's user namespace.
 */
static void pidinfo_fill_creds(struct task_struct *task, u64 want,
			       struct pidinfo *info)
{
	struct user_namespace *user_ns = current_user_ns();
	const struct cred *cred;

	guard(rcu)();
	cred = __task_cred(task);
	if (want & PIDINFO_MASK_CREDS) {
		info->uid = from_kuid_munged(user_ns, cred->uid);
		info->euid = from_kuid_munged(user_ns, cred->euid);
		info->gid = from_kgid_munged(user_ns, cred->gid);
		info->egid = from_kgid_munged(user_ns, cred->egid);
		info->mask |= PIDINFO_MASK_CREDS;
	}
	if (want & PIDINFO_MASK_SAVED_FS_IDS) {
		info->suid = from_kuid_munged(user_ns, cred->suid);
		info->fsuid = from_kuid_munged(user_ns, cred->fsuid);
		info->sgid = from_kgid_munged(user_ns, cred->sgid);
		info->fsgid = from_kgid_munged(user_ns, cred->fsgid);
		info->mask |= PIDINFO_MASK_SAVED_FS_IDS;
	}
}

/* The cgroup v2 ID, as pidfd's PIDFD_INFO_CGROUPID reports it. */
static void pidinfo_fill_cgroup(struct task_struct *task, struct pidinfo *info)
{
#ifdef CONFIG_CGROUPS
	guard(rcu)();
	info->cgroup_id = cgroup_id(task_dfl_cgroup(task));
	info->mask |= PIDINFO_MASK_CGROUP;
#endif
}

/*
 * The name /proc/PID/comm shows, as proc_task_name() builds it: a
 * workqueue worker with its workqueue ("kworker/u8:0-events"), a kernel
 * thread with its full name, up to 63 bytes; @comm gets its first
 * PIDINFO_COMM_LEN - 1.  Sleeps: wq_worker_comm() takes a mutex.
 *
 * A user task's ->comm is read under task_lock(), as /proc reads it: on
 * 6.12, __set_task_comm() copies a long name a word at a time and ends it
 * last, so a lockless read could run past it.
 */
static void pidinfo_fill_comm(struct task_struct *task, struct pidinfo *info)
{
	BUILD_BUG_ON(PIDINFO_COMM_LEN != TASK_COMM_LEN);
	if (task->flags & (PF_WQ_WORKER | PF_KTHREAD)) {
		char name[PIDINFO_NAME_LEN];

		if (task->flags & PF_WQ_WORKER)
			wq_worker_comm(name, sizeof(name), task);
		else
			get_kthread_comm(name, sizeof(name), task);
		strscpy_pad(info->name, name, sizeof(info->name));
	} else {
		__get_task_comm(info->name, sizeof(info->name), task);
	}
	strscpy_pad(info->comm, info->name, sizeof(info->comm));
	info->mask |= PIDINFO_MASK_COMM;
}

/* What needs no lock, or takes its own: the fields of /proc/PID/stat. */
static void pidinfo_fill_misc(struct task_struct *task,
			      struct pidinfo_result *res)
{
	struct pidinfo *info = &res->info;
	u64 want = res->want;
	u64 start = task->start_boottime;

	if (want & (PIDINFO_MASK_CREDS | PIDINFO_MASK_SAVED_FS_IDS))
		pidinfo_fill_creds(task, want, info);
	if (want & PIDINFO_MASK_NICE) {
		info->nice = task_nice(task);
		info->mask |= PIDINFO_MASK_NICE;
	}
	if (want & PIDINFO_MASK_TIME) {
		/* The age is a difference: it needs no time namespace offset. */
		info->start_time_ns = timens_add_boottime_ns(start);
		info->age_ns = ktime_get_boottime_ns() - start;
		info->mask |= PIDINFO_MASK_TIME;
	}
	if (want & PIDINFO_MASK_COMM)
		pidinfo_fill_comm(task, info);
	if (want & PIDINFO_MASK_CPUTIME) {
		if (res->thread_only)
			task_cputime_adjusted(task, &info->utime_ns,
					      &info->stime_ns);
		else
			thread_group_cputime_adjusted(task, &info->utime_ns,
						      &info->stime_ns);
		info->mask |= PIDINFO_MASK_CPUTIME;
	}
	if (want & PIDINFO_MASK_FAULTS)
		pidinfo_fill_faults(task, res->thread_only, info);
	if (want & PIDINFO_MASK_CPU) {
		info->cpu = task_cpu(task);
		info->mask |= PIDINFO_MASK_CPU;
	}
	if (want & PIDINFO_MASK_SCHED) {
		info->policy = READ_ONCE(task->policy);
		info->rt_priority = READ_ONCE(task->rt_priority);
		info->priority = task_prio(task);
		info->mask |= PIDINFO_MASK_SCHED;
	}
	if (want & PIDINFO_MASK_ATTRIBUTES) {
		info->attributes = task->flags & PF_KTHREAD ?
				   PIDINFO_ATTR_KTHREAD : 0;
		info->mask |= PIDINFO_MASK_ATTRIBUTES;
	}
	if (want & PIDINFO_MASK_CGROUP)
		pidinfo_fill_cgroup(task, info);
	if (want & PIDINFO_MASK_SUPPORTED) {
		info->supported_mask = PIDINFO_MASK_SUPPORTED_ALL;
		info->mask |= PIDINFO_MASK_SUPPORTED;
	}
}

/*
 * Sizes from the process's memory, as /proc/PID/stat's vsize (bytes,
 * task_vsize()), statm's resident and shared (pages, task_statm()) and
 * status's VmLck show them: 0 without memory (a kernel thread, a zombie).
 * With the command line wanted, the memory stays referenced until it is
 * read at copy-out.
 */
static void pidinfo_fill_memory(struct task_struct *task,
				struct pidinfo_result *res)
{
	struct pidinfo *info = &res->info;
	struct mm_struct *mm;

	if (!(res->want & (PIDINFO_MASK_MEMORY | PIDINFO_MASK_CMDLINE)))
		return;
	/*
	 * get_task_mm() written out: its lock keeps ->mm while the sizes are
	 * read, and a reference is taken only for the command line.
	 */
	task_lock(task);
	mm = task->flags & PF_KTHREAD ? NULL : task->mm;
	if (res->want & PIDINFO_MASK_MEMORY) {
		info->vsize = 0;
		info->shared = 0;
		info->rss = 0;
		info->locked = 0;
		if (mm) {
			info->vsize = PAGE_SIZE * READ_ONCE(mm->total_vm);
			/* Exact sums, as task_statm() takes them. */
			info->shared = PAGE_SIZE *
				(get_mm_counter_sum(mm, MM_FILEPAGES) +
				 get_mm_counter_sum(mm, MM_SHMEMPAGES));
			info->rss = info->shared + PAGE_SIZE *
				get_mm_counter_sum(mm, MM_ANONPAGES);
			info->locked = PAGE_SIZE * READ_ONCE(mm->locked_vm);
		}
		info->mask |= PIDINFO_MASK_MEMORY;
	}
	if (mm && (res->want & PIDINFO_MASK_CMDLINE)) {
		mmget(mm);
		res->mm = mm;
	}
	task_unlock(task);
}

/*
 * Releases tasklist_lock between two children, for the writers queued
 * behind the walk, and takes it again.  True if @child is still @thread's,
 * so that the walk may go on after it; as in get_children_pid(), a walk
 * can go on from a child only if it was neither reaped nor reparented.
 */
VISIBLE_IF_KUNIT bool pidinfo_children_pause(struct task_struct *thread,
					     struct task_struct *child)
	__must_hold(&tasklist_lock)
{
	bool still_there;

	KUNIT_STATIC_STUB_REDIRECT(pidinfo_children_pause, thread, child);
	get_task_struct(thread);
	get_task_struct(child);
	read_unlock(&tasklist_lock);
	cond_resched();
	read_lock(&tasklist_lock);
	still_there = rcu_access_pointer(child->real_parent) == thread &&
		      !list_empty(&child->sibling);
	/* put_task_struct() may free here: it allows any context. */
	put_task_struct(child);
	put_task_struct(thread);
	return still_there;
}

/*
 * Children of every thread of @task's process, as get_children_pid() in
 * fs/proc/array.c finds them per thread.  Stores the first @cap PIDs visible
 * in @ns into @buf and returns how many there are in all; or, with
 * @stop_when_full, stops at the first child past @cap and returns @cap + 1.
 *
 * Takes tasklist_lock, which keeps the lists in place, for
 * %PIDINFO_CHILDREN_PER_HOLD children at a time while it walks the first
 * thread's list (all of a single-threaded process's children), and once
 * for the other threads'.  Children join a list at its tail only, those
 * of an exiting thread at the tail of the first live thread's; and a
 * thread that still has a child has not exited, so it is still on the
 * thread list.  So every child that lives throughout is counted once,
 * unless the child the walk paused at was reaped or reparented meanwhile:
 * then the walk starts again, in one hold.
 */
static u32 pidinfo_walk_children(struct task_struct *task,
				 struct pid_namespace *ns, pid_t *buf, u32 cap,
				 bool stop_when_full)
{
	struct list_head *threads = &task->signal->thread_head;
	bool global = ns == &init_pid_ns, one_hold = false;
	struct task_struct *thread, *child;
	u32 n, held;

again:
	n = 0;
	held = 0;
	read_lock(&tasklist_lock);
	list_for_each_entry(thread, threads, thread_node) {
		list_for_each_entry(child, &thread->children, sibling) {
			/*
			 * In the initial namespace the task's own copy of its
			 * PID will do, sparing the walk a struct pid per child.
			 */
			pid_t nr = global ? task_pid_nr(child) :
					    task_pid_nr_ns(child, ns);

			if (nr) {
				if (n < cap)
					buf[n] = nr;
				if (++n > cap && stop_when_full)
					goto out;
			}
			if (one_hold || ++held < PIDINFO_CHILDREN_PER_HOLD)
				continue;
			held = 0;
			if (!pidinfo_children_pause(thread, child)) {
				read_unlock(&tasklist_lock);
				one_hold = true;
				goto again;
			}
		}
		one_hold = true;
	}
out:
	read_unlock(&tasklist_lock);
	return n;
}

/*
 * Room for children once a page was not enough.  Every child is a task, so
 * nr_threads bounds them; the slack covers forks before tasklist_lock is
 * taken, and growing by at least a quarter ends the retries in a fork
 * storm.
 */
static u32 pidinfo_children_room(u32 cap, u32 prev)
{
	u64 room = READ_ONCE(nr_threads);

	room += room / 8 + PIDINFO_CHILDREN_FIRST;
	room = max_t(u64, room, (u64)prev + prev / 4);
	return min_t(u64, room, cap);
}

/*
 * The buffer is sized before tasklist_lock is taken: a page first, which
 * nearly every process fits in.  A walk that fills it stops there, and the
 * next is sized from the number of tasks, so a process with many children
 * costs one page's walk more than one walk, not two whole walks.
 */
static int pidinfo_fill_children(struct task_struct *task,
				 struct pid_namespace *ns,
				 struct pidinfo_result *res)
{
	u32 cap = res->info.children_cap;
	u32 alloc = min_t(u32, cap, PIDINFO_CHILDREN_FIRST);
	pid_t *buf = NULL;
	u32 n;

	for (;;) {
		if (alloc) {
			/* Sized by the caller's request: charged to it. */
			buf = kvmalloc_array(alloc, sizeof(*buf),
					     GFP_KERNEL_ACCOUNT);
			if (!buf)
				return -ENOMEM;
		}
		/* With room for all the caller wants, the rest is only counted. */
		n = pidinfo_walk_children(task, ns, buf, alloc, alloc < cap);
		if (n <= alloc || alloc == cap)
			break;
		kvfree(buf);
		buf = NULL;
		alloc = pidinfo_children_room(cap, alloc);
	}

	res->children = buf;
	res->nr_written = min(n, alloc);
	res->info.nr_children = n;
	res->info.mask |= PIDINFO_MASK_CHILDREN;
	return 0;
}

/*
 * Resolves @path, if one was taken, into a new PATH_MAX buffer, as a
 * readlink of /proc/PID/cwd does, and sets @bit in the mask once it is.
 */
static int pidinfo_fill_path(struct pidinfo *info, u64 bit,
			     const struct path *path, char **bufp,
			     const char **strp, u32 *lenp)
{
	char *buf, *str;

	if (!path->mnt)
		return 0;
	buf = __getname();
	if (!buf)
		return -ENOMEM;
	str = d_path(path, buf, PATH_MAX);
	if (IS_ERR(str)) {
		/* Longer than PATH_MAX: reported as unavailable. */
		__putname(buf);
		return 0;
	}
	*bufp = buf;
	*strp = str;
	*lenp = buf + PATH_MAX - str;
	info->mask |= bit;
	return 0;
}

/*
 * The fields /proc hides behind ptrace_may_access(): the stack address and
 * the root, working directory and executable paths.  Each is decided with
 * the audit mode /proc uses for it (see pidinfo_stack_mode() and
 * pidinfo_paths_mode()), and only if it is wanted.  exec_update_lock keeps
 * the decisions valid against a concurrent setuid execve, as in
 * mm_access().
 */
static int pidinfo_fill_private(struct task_struct *task,
				struct pidinfo_result *res)
{
	struct pidinfo *info = &res->info;
	u64 want = res->want;
	unsigned int paths_mode = pidinfo_paths_mode(want, info);
	unsigned int stack_mode = pidinfo_stack_mode();
	bool want_stack = want & PIDINFO_MASK_STACK;
	bool want_paths = want & (PIDINFO_MASK_PRIVATE & ~PIDINFO_MASK_STACK);
	struct path root __free(path_put) = {};
	struct path pwd __free(path_put) = {};
	struct file *exe __free(fput) = NULL;
	bool stack_ok = false, paths_ok = false;
	int err;

	/* Unless the task has them and the caller may see them: 0. */
	info->stack_start = 0;
	info->root_len = 0;
	info->cwd_len = 0;
	info->exe_len = 0;
	err = down_read_killable(&task->signal->exec_update_lock);
	if (err)
		return err;
	if (want_stack)
		stack_ok = ptrace_may_access(task, stack_mode);
	if (want_paths)
		paths_ok = want_stack && paths_mode == stack_mode ? stack_ok :
			   ptrace_may_access(task, paths_mode);

	/* task_lock() pins ->mm and ->fs against exit_mm() and exit_fs(). */
	scoped_guard(task_lock, task) {
		bool user_mm = task->mm && !(task->flags & PF_KTHREAD);

		if (stack_ok && user_mm)
			info->stack_start = task->mm->start_stack;
		if (paths_ok && task->fs && (want & PIDINFO_MASK_ROOT))
			get_fs_root(task->fs, &root);
		if (paths_ok && task->fs && (want & PIDINFO_MASK_CWD))
			get_fs_pwd(task->fs, &pwd);
		/* As get_task_exe_file(), under the lock it would take. */
		if (paths_ok && user_mm && (want & PIDINFO_MASK_EXE))
			exe = get_mm_exe_file(task->mm);
	}
	up_read(&task->signal->exec_update_lock);
	if (stack_ok)
		info->mask |= PIDINFO_MASK_STACK;

	/* Not allowed, or gone (exiting): the path stays unset. */
	err = pidinfo_fill_path(info, PIDINFO_MASK_ROOT, &root, &res->root_buf,
				&res->root, &info->root_len);
	if (!err)
		err = pidinfo_fill_path(info, PIDINFO_MASK_CWD, &pwd,
					&res->cwd_buf, &res->cwd,
					&info->cwd_len);
	if (!err && exe)
		err = pidinfo_fill_path(info, PIDINFO_MASK_EXE, &exe->f_path,
					&res->exe_buf, &res->exe,
					&info->exe_len);
	return err;
}

/**
 * pidinfo_fill() - describe a task into kernel memory
 * @task: the task, referenced by the caller
 * @ns:   the PID namespace the PIDs are reported in
 * @res:  the request (@res->want, @res->thread_only, the input fields of
 *        @res->info) and an empty mask; the other fields zeroed, or as an
 *        earlier call left them.  On return it holds what was gathered, to
 *        be freed with pidinfo_result_release() whatever the return value.
 *
 * Gathers the fields @res->want names, and %PIDINFO_MASK_PID always.
 * Every field of a group asked for is written, whatever the task has, so
 * that a listing zeroes its result once per call and not per record: a
 * field of one process never shows in the next.  Fields of groups not
 * asked for are left alone.
 *
 * Return: 0 on success; -ESRCH if @task is not visible in @ns (outside it,
 * or reaped, even while it is being reaped); -ENOMEM; -EINTR if a fatal
 * signal arrived.
 */
VISIBLE_IF_KUNIT int pidinfo_fill(struct task_struct *task,
				  struct pid_namespace *ns,
				  struct pidinfo_result *res)
{
	int err;

	err = pidinfo_fill_ids(task, ns, res);
	if (err)
		return err;
	pidinfo_fill_misc(task, res);
	pidinfo_fill_memory(task, res);

	if (res->want & PIDINFO_MASK_PRIVATE)
		err = pidinfo_fill_private(task, res);
	if (err || !(res->want & PIDINFO_MASK_CHILDREN))
		return err;
	return pidinfo_fill_children(task, ns, res);
}

/* Frees what pidinfo_fill() gathered; a second call frees nothing. */
void pidinfo_result_release(struct pidinfo_result *res)
{
	kvfree(res->children);
	if (res->root_buf)
		__putname(res->root_buf);
	if (res->cwd_buf)
		__putname(res->cwd_buf);
	if (res->exe_buf)
		__putname(res->exe_buf);
	if (res->mm)
		mmput(res->mm);
	res->children = NULL;
	res->nr_written = 0;
	res->root_buf = NULL;
	res->root = NULL;
	res->cwd_buf = NULL;
	res->cwd = NULL;
	res->exe_buf = NULL;
	res->exe = NULL;
	res->mm = NULL;
}

/*
 * The struct pid asked for and which of its tasks answers: a PID names a
 * thread, as in /proc; a pidfd names its process, or with PIDFD_THREAD
 * (Linux 6.9 and later) one thread.
 */
static struct pid *pidinfo_get_pid(int nr, unsigned int flags,
				   enum pid_type *type)
{
	unsigned int f_flags;
	struct pid *pid;

	if (!(flags & PIDINFO_PIDFD)) {
		*type = PIDTYPE_PID;
		pid = find_get_pid(nr);
		return pid ? pid : ERR_PTR(-ESRCH);
	}

	pid = pidfd_get_pid(nr, &f_flags);
	if (IS_ERR(pid))
		return pid;
	*type = PIDTYPE_TGID;
#ifdef PIDFD_THREAD
	if (f_flags & PIDFD_THREAD)
		*type = PIDTYPE_PID;
#endif
	return pid;
}

/*
 * Readies @res, zeroed once per call, for the next task: the request and
 * an empty mask.  What the last task left is overwritten by pidinfo_fill().
 */
static void pidinfo_result_reset(struct pidinfo_result *res,
				 const struct pidinfo_request *req)
{
	const struct pidinfo_input *in = &req->in;
	struct pidinfo *info = &res->info;

	info->mask = 0;
	res->want = req->want;
	res->thread_only = req->thread_only;
	info->children = in->children;
	info->children_cap = in->children_cap;
	info->root = in->root;
	info->root_size = in->root_size;
	info->cwd = in->cwd;
	info->cwd_size = in->cwd_size;
	info->exe = in->exe;
	info->exe_size = in->exe_size;
	info->cmdline = in->cmdline;
	info->cmdline_size = in->cmdline_size;
}

/*
 * Is @task still the one @pid names, and did @res describe it under that
 * PID?  de_thread() swaps the PIDs of the old leader and the execing
 * thread under tasklist_lock alone, so a description gathered meanwhile
 * can give the new owner its old TID.  See pidinfo_describe().
 */
static bool pidinfo_still_names(struct pid *pid, enum pid_type type,
				struct task_struct *task,
				struct pid_namespace *ns, int err,
				const struct pidinfo_result *res)
{
	guard(rcu)();
	return pid_task(pid, type) == task &&
	       (err || res->info.pid == pid_nr_ns(pid, ns));
}

/*
 * Describes the task @pid names.  An execve() from a non-leader thread
 * makes de_thread() give the leader's PID to the execing thread and
 * release the old leader: a task found just before can then describe
 * itself under its new PID, or be gone.  So an answer counts only if the
 * task still owns @pid once it is gathered, and described itself under
 * it; otherwise look again, as kill_pid_info_type() does.  The old leader
 * never gets the PID back, so a task that owned @pid before and after
 * owned it throughout.
 */
static int pidinfo_describe(struct pid *pid, enum pid_type type,
			    struct pidinfo_request *req,
			    struct pidinfo_result *res)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	enum pidinfo_view view;
	bool owner;
	int err;

	for (;;) {
		struct task_struct *task __free(put_task) =
			get_pid_task(pid, type);

		pidinfo_result_reset(res, req);
		if (!task)
			return -ESRCH;
		view = pidinfo_view(&req->policy, task);
		if (view == PIDINFO_VIEW_NONE)
			return -ESRCH;
		if (view == PIDINFO_VIEW_PID) {
			/* The PID alone: nothing an earlier task left. */
			memset(&res->info, 0, sizeof(res->info));
			pidinfo_result_reset(res, req);
			res->want = PIDINFO_MASK_PID;
		}
		err = pidinfo_fill(task, ns, res);
		owner = pidinfo_still_names(pid, type, task, ns, err, res);
		/* hidepid=noaccess: a thread's process is not told either. */
		if (view == PIDINFO_VIEW_PID && res->info.tgid != res->info.pid)
			res->info.tgid = 0;
		if (owner || (err && err != -ESRCH))
			return err;
		pidinfo_result_release(res);
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
}

/**
 * pidinfo_next_process() - the first process from a PID on
 * @nr: the lowest PID wanted
 * @ns: the PID namespace @nr is in
 *
 * Walks @ns's PIDs upwards from @nr, as next_tgid() in fs/proc/base.c
 * does for /proc's directory, skipping those that name no process (a
 * thread's, one being freed).
 *
 * Return: the first process's struct pid, referenced; NULL if none.
 */
VISIBLE_IF_KUNIT struct pid *pidinfo_next_process(int nr,
						  struct pid_namespace *ns)
{
	struct pid *pid;

	guard(rcu)();
	while ((pid = find_ge_pid(nr, ns))) {
		if (pid_has_task(pid, PIDTYPE_TGID))
			return get_pid(pid);
		nr = pid_nr_ns(pid, ns) + 1;
	}
	return NULL;
}

/**
 * pidinfo_next_thread() - the first thread of a process from a TID on
 * @process: the process's struct pid
 * @nr:      the lowest TID wanted
 * @ns:      the PID namespace @nr is in
 *
 * Threads are listed in the order of their TIDs, not of the thread list
 * (which /proc's task directory follows, by position), so that a listing
 * resumed from the last TID seen plus one neither repeats nor skips a
 * thread that lives throughout.  A walk costs one pass over the threads.
 *
 * Return: the thread's struct pid, referenced; NULL if @process has no
 * thread from @nr on, or is no process.
 */
VISIBLE_IF_KUNIT struct pid *pidinfo_next_thread(struct pid *process, int nr,
						 struct pid_namespace *ns)
{
	struct pid *tid_pid, *found = NULL;
	struct task_struct *leader, *t;
	pid_t best = 0;

	guard(rcu)();
	leader = pid_task(process, PIDTYPE_TGID);
	if (!leader)
		return NULL;
	for_each_thread(leader, t) {
		pid_t tid;

		/*
		 * The struct pid, not the task: a thread released before it
		 * is referenced loses its PID (NULL here, then), and taking
		 * it from the task afterwards ended the listing.  One read
		 * under RCU stays valid for get_pid(), as in get_task_pid().
		 */
		tid_pid = READ_ONCE(t->thread_pid);
		tid = pid_nr_ns(tid_pid, ns);
		if (tid && tid >= nr && (!found || tid < best)) {
			found = tid_pid;
			best = tid;
		}
	}
	return get_pid(found);
}

/*
 * Describes the first process (@process NULL) or the first thread of
 * @process whose ID is at least @nr.  One that is gone, or hidden from
 * the caller (see pidinfo_view()), by the time it is described is
 * skipped.
 */
int pidinfo_describe_next(struct pid *process, int nr,
			  struct pidinfo_request *req,
			  struct pidinfo_result *res)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	enum pid_type type = process ? PIDTYPE_PID : PIDTYPE_TGID;
	struct pid *pid;
	int err;

	for (;;) {
		pid = process ? pidinfo_next_thread(process, nr, ns) :
				pidinfo_next_process(nr, ns);
		if (!pid)
			return -ESRCH;
		/* Gone or hidden, it gathered nothing: try the next one. */
		err = pidinfo_describe(pid, type, req, res);
		nr = pid_nr_ns(pid, ns) + 1;
		put_pid(pid);
		if (err != -ESRCH)
			return err;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
}

/*
 * The threads of a process are listed to those who may read its files,
 * as /proc/PID/task is: not under hidepid=noaccess.
 */
bool pidinfo_threads_visible(struct pid *process,
			     struct pidinfo_policy *pol)
{
	struct task_struct *leader __free(put_task) =
		get_pid_task(process, PIDTYPE_TGID);

	return leader && pidinfo_view(pol, leader) == PIDINFO_VIEW_ALL;
}

/* Looks up what @nr and @flags name, and describes it. */
static int pidinfo_lookup_describe(int nr, unsigned int flags,
				   struct pidinfo_request *req,
				   struct pidinfo_result *res)
{
	struct pid *pid, *process;
	enum pid_type type;
	int err;

	if (flags & PIDINFO_NEXT)
		return pidinfo_describe_next(NULL, nr, req, res);
	if (flags & PIDINFO_NEXT_THREAD) {
		process = find_get_pid(req->in.tgid);
		if (!process)
			return -ESRCH;
		err = -ESRCH;
		if (pidinfo_threads_visible(process, &req->policy))
			err = pidinfo_describe_next(process, nr, req, res);
		put_pid(process);
		return err;
	}

	pid = pidinfo_get_pid(nr, flags, &type);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	err = pidinfo_describe(pid, type, req, res);
	put_pid(pid);
	return err;
}

static int pidinfo_copy_string(u64 uptr, u32 size, const char *str, u32 len)
{
	if (!str || len > size)
		return 0;
	if (copy_to_user(u64_to_user_ptr(uptr), str, len))
		return -EFAULT;
	return 0;
}

/*
 * The command line as /proc/PID/cmdline reads it: the argument area, or,
 * once setproctitle() has overwritten the NUL that ends it, the string at
 * its start, up to a page and into the environment area.  Mirrors
 * get_mm_cmdline() and get_mm_proctitle() in fs/proc/base.c.  Writes the
 * first @size bytes to @ubuf, a page at a time, and returns the length in
 * all; a part that cannot be read ends it, as it ends a read of /proc.
 */
static int pidinfo_copy_cmdline(struct mm_struct *mm, char __user *ubuf,
				u32 size, u32 *lenp)
{
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long len, count, done;
	char c;
	int got;

	*lenp = 0;
	/* Not spawned far enough to have one, as in get_mm_cmdline(). */
	if (!mm || !mm->env_end)
		return 0;
	spin_lock(&mm->arg_lock);
	arg_start = mm->arg_start;
	arg_end = mm->arg_end;
	env_start = mm->env_start;
	env_end = mm->env_end;
	spin_unlock(&mm->arg_lock);
	if (arg_start >= arg_end)
		return 0;
	if (env_start != arg_end || env_end < env_start)
		env_end = arg_end;

	char *page __free(kfree) = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;

	if (access_remote_vm(mm, arg_end - 1, &c, 1, FOLL_ANON) == 1 && c) {
		got = access_remote_vm(mm, arg_start, page, PAGE_SIZE,
				       FOLL_ANON);
		len = 0;
		if (got > 0) {
			len = strnlen(page, got);
			if (len < got)
				len++;	/* with its NUL */
		}
		*lenp = min(len, env_end - arg_start);
		if (copy_to_user(ubuf, page, min(*lenp, size)))
			return -EFAULT;
		return 0;
	}

	len = min_t(unsigned long, arg_end - arg_start, U32_MAX);
	count = min_t(unsigned long, len, size);
	for (done = 0; done < count; done += got) {
		got = access_remote_vm(mm, arg_start + done, page,
				       min(PAGE_SIZE, count - done), FOLL_ANON);
		if (got <= 0) {
			len = done;
			break;
		}
		if (copy_to_user(ubuf + done, page, got))
			return -EFAULT;
	}
	*lenp = len;
	return 0;
}

/*
 * The caller's buffers first and the struct last, so that nothing is
 * written after the struct the caller reads: a fault in a buffer leaves
 * the struct untouched.  A buffer the mask describes may still hold less
 * than the struct says: only the first children_cap children and
 * cmdline_size bytes of the command line, and no path that needs more
 * than its buffer's size (root_len, cwd_len, exe_len tell).  Only the
 * part of the struct the caller knows is written, as
 * sched_attr_copy_to_user() does.
 */
int pidinfo_copy_to_user(struct pidinfo __user *uinfo, unsigned int usize,
			 struct pidinfo_result *res)
{
	struct pidinfo *info = &res->info;
	int err;

	BUILD_BUG_ON(sizeof(*res->children) != sizeof(__s32));
	if (res->nr_written &&
	    copy_to_user(u64_to_user_ptr(info->children), res->children,
			 array_size(res->nr_written, sizeof(*res->children))))
		return -EFAULT;

	err = pidinfo_copy_string(info->root, info->root_size, res->root,
				  info->root_len);
	if (!err)
		err = pidinfo_copy_string(info->cwd, info->cwd_size, res->cwd,
					  info->cwd_len);
	if (!err)
		err = pidinfo_copy_string(info->exe, info->exe_size, res->exe,
					  info->exe_len);
	if (!err && (res->want & PIDINFO_MASK_CMDLINE)) {
		err = pidinfo_copy_cmdline(res->mm,
					   u64_to_user_ptr(info->cmdline),
					   info->cmdline_size,
					   &info->cmdline_len);
		info->mask |= PIDINFO_MASK_CMDLINE;
	}
	if (err)
		return err;

	if (copy_to_user(uinfo, info, min_t(size_t, usize, sizeof(*info))))
		return -EFAULT;
	return 0;
}

/* A struct of an older version, as copy_struct_from_user() takes it. */
static noinline int pidinfo_copy_older(struct pidinfo_input *in,
				       struct pidinfo __user *uinfo,
				       unsigned int usize)
{
	struct pidinfo info;
	int err;

	err = copy_struct_from_user(&info, sizeof(info), uinfo, usize);
	if (err)
		return err;
	in->mask = info.mask;
	in->tgid = info.tgid;
	in->children = info.children;
	in->children_cap = info.children_cap;
	in->root = info.root;
	in->root_size = info.root_size;
	in->cwd = info.cwd;
	in->cwd_size = info.cwd_size;
	in->exe = info.exe;
	in->exe_size = info.exe_size;
	in->cmdline = info.cmdline;
	in->cmdline_size = info.cmdline_size;
	return 0;
}

/*
 * The request, as copy_clone_args_from_user() takes clone3's: at least
 * the first published struct, at most a page, and zero past the struct
 * this kernel knows.  Of the current struct or a larger one, only the
 * input fields are read: the rest is output, and a call that copied it
 * all in paid for it twice.
 */
static int pidinfo_copy_from_user(struct pidinfo_input *in,
				  struct pidinfo __user *uinfo,
				  unsigned int usize)
{
	int ret;

	/* Each published size ends at a field: a new one adds a line here. */
	BUILD_BUG_ON(offsetofend(struct pidinfo, cwd_len) != PIDINFO_SIZE_VER0);
	BUILD_BUG_ON(offsetofend(struct pidinfo, cmdline_len) !=
		     PIDINFO_SIZE_VER1);
	BUILD_BUG_ON(offsetofend(struct pidinfo, fsgid) != PIDINFO_SIZE_VER2);
	/* No tail padding: the struct ends with its last published field. */
	BUILD_BUG_ON(sizeof(struct pidinfo) % sizeof(__u64));

	if (usize < PIDINFO_SIZE_VER0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < sizeof(*uinfo))
		return pidinfo_copy_older(in, uinfo, usize);
	if (usize > sizeof(*uinfo)) {
		ret = check_zeroed_user(uinfo + 1, usize - sizeof(*uinfo));
		if (ret <= 0)
			return ret ?: -E2BIG;
	}
	if (!user_read_access_begin(uinfo, sizeof(*uinfo)))
		return -EFAULT;
	unsafe_get_user(in->mask, &uinfo->mask, efault);
	unsafe_get_user(in->tgid, &uinfo->tgid, efault);
	unsafe_get_user(in->children, &uinfo->children, efault);
	unsafe_get_user(in->children_cap, &uinfo->children_cap, efault);
	unsafe_get_user(in->root, &uinfo->root, efault);
	unsafe_get_user(in->root_size, &uinfo->root_size, efault);
	unsafe_get_user(in->cwd, &uinfo->cwd, efault);
	unsafe_get_user(in->cwd_size, &uinfo->cwd_size, efault);
	unsafe_get_user(in->exe, &uinfo->exe, efault);
	unsafe_get_user(in->exe_size, &uinfo->exe_size, efault);
	unsafe_get_user(in->cmdline, &uinfo->cmdline, efault);
	unsafe_get_user(in->cmdline_size, &uinfo->cmdline_size, efault);
	user_read_access_end();
	return 0;
efault:
	user_read_access_end();
	return -EFAULT;
}

/**
 * pidinfo_request_init() - decide what a call gathers
 * @req:   the request, with the caller's input fields in @req->in
 * @usize: the size of the caller's struct
 * @flags: the call's flags, already checked
 *
 * Sets @req->want from the caller's mask: 0 asks for every field of the
 * caller's struct version that this kernel can fill; bits of fields past
 * that version, and bits this kernel does not know, are dropped, as
 * statx(2) drops them.  A struct smaller than version 1's has no mask:
 * every version 0 field.
 *
 * Return: 0; -EINVAL for %PIDINFO_MASK__RESERVED (from version 1 on), or
 * for %PIDINFO_NEXT_THREAD without a process in @req->in.tgid.
 */
int pidinfo_request_init(struct pidinfo_request *req, unsigned int usize,
			 unsigned int flags)
{
	u64 mask = req->in.mask;
	u64 known;

	if (usize >= PIDINFO_SIZE_VER2)
		known = PIDINFO_MASK_VER2;
	else if (usize >= PIDINFO_SIZE_VER1)
		known = PIDINFO_MASK_VER1;
	else
		known = PIDINFO_MASK_VER0;
	known &= PIDINFO_MASK_SUPPORTED_ALL;

	/*
	 * Version 0 documented @mask as output only: a caller of that size
	 * may leave anything there, and gets every field, as it did then.
	 */
	if (usize < PIDINFO_SIZE_VER1)
		mask = 0;

	if (mask & PIDINFO_MASK__RESERVED)
		return -EINVAL;
	if ((flags & PIDINFO_NEXT_THREAD) && req->in.tgid <= 0)
		return -EINVAL;
	req->want = (mask ? mask & known : known) | PIDINFO_MASK_PID;
	req->thread_only = flags & PIDINFO_NEXT_THREAD;
	return 0;
}

VISIBLE_IF_KUNIT long do_get_pid_info(int pid, struct pidinfo __user *uinfo,
				      unsigned int usize, unsigned int flags)
{
	struct pidinfo_result res __free(pidinfo_result) = {};
	struct pidinfo_request req;
	int err;

	/* The three ways of naming what to describe exclude each other. */
	if ((flags & ~PIDINFO_FLAGS_ALL) || (flags & (flags - 1)))
		return -EINVAL;
	err = pidinfo_copy_from_user(&req.in, uinfo, usize);
	if (err)
		return err;
	err = pidinfo_request_init(&req, usize, flags);
	if (err)
		return err;
	if (pid <= 0 && !(flags & PIDINFO_PIDFD))
		return -EINVAL;

	pidinfo_policy_init(&req.policy);
	err = pidinfo_lookup_describe(pid, flags, &req, &res);
	if (err)
		return err;
	return pidinfo_copy_to_user(uinfo, usize, &res);
}

/**
 * sys_get_pid_info - describe a process
 * @pid:   a PID or TID in the caller's PID namespace; a pidfd with
 *         %PIDINFO_PIDFD (a thread pidfd describes that thread); the
 *         lowest PID or TID to list with %PIDINFO_NEXT or
 *         %PIDINFO_NEXT_THREAD
 * @info:  in: the fields wanted and buffer descriptions; out: the
 *         process, see struct pidinfo
 * @size:  sizeof(*@info) as the caller knows it, at least %PIDINFO_SIZE_VER0
 * @flags: 0, or one of %PIDINFO_PIDFD, %PIDINFO_NEXT, %PIDINFO_NEXT_THREAD
 *
 * Fills @info with what /proc/PID/stat, statm, status, cwd, root, exe,
 * cmdline and the children files of every thread say about the process,
 * as far as @info->mask asks, and writes the children's PIDs, the paths
 * and the command line into the buffers @info points to.  On return
 * @info->mask says which fields were filled.  A smaller @size than the
 * kernel's struct gets the fields it knows; a larger one must be zero
 * past the kernel's struct, and that tail is left untouched.
 *
 * With %PIDINFO_NEXT it describes the first process (thread group
 * leader) of the caller's PID namespace whose PID is at least @pid; with
 * %PIDINFO_NEXT_THREAD, the first thread of process @info->tgid whose TID
 * is at least @pid.  Processes the caller may not see are skipped.
 *
 * The caller sees what the procfs mounted at its /proc shows it: with
 * hidepid=noaccess, a process whose files it may not read is described
 * by its PID alone (@info->mask is %PIDINFO_MASK_PID).  Without a procfs
 * there, kernel.pidinfo_restrict decides, and it narrows either policy.
 *
 * Return: 0 on success, or a negative error:
 * * %-EINVAL: @flags has an unknown bit or more than one, @size is below
 *   %PIDINFO_SIZE_VER0, @info->mask has %PIDINFO_MASK__RESERVED, @pid is
 *   not positive (without %PIDINFO_PIDFD), or @info->tgid is not
 *   positive with %PIDINFO_NEXT_THREAD.
 * * %-E2BIG:  @size is over a page, or the part of @info past the kernel's
 *   struct is not zero.
 * * %-ESRCH:  no such process in the caller's PID namespace, or one its
 *   /proc hides from it (hidepid=invisible or ptraceable), or one it may
 *   not ptrace-read with kernel.pidinfo_restrict = 1; with
 *   %PIDINFO_NEXT or %PIDINFO_NEXT_THREAD, none from @pid on; with
 *   %PIDINFO_NEXT_THREAD, a process whose threads its /proc does not list
 *   (hidepid=noaccess).
 * * %-EBADF:  with %PIDINFO_PIDFD, @pid is not an open pidfd.
 * * %-EFAULT: @info or a buffer it points to is not writable user memory.
 * * %-ENOMEM: out of memory.
 * * %-EINTR:  a fatal signal arrived while waiting for a concurrent execve
 *   or while walking a listing.
 */
SYSCALL_DEFINE4(get_pid_info, int, pid, struct pidinfo __user *, info,
		unsigned int, size, unsigned int, flags)
{
	return do_get_pid_info(pid, info, size, flags);
}
