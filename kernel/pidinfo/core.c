// SPDX-License-Identifier: GPL-2.0
/*
 * get_pid_info(): everything /proc/PID/{stat,status,task/\*\/children,root,cwd}
 * says about a process, in one call and without parsing.
 */

#include <linux/cleanup.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/stat.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/time_namespace.h>
#include <linux/timekeeping.h>
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
 * The IDs, state and thread count, as one snapshot.  release_task() drops
 * the thread count, unhashes the PIDs and clears ->sighand under ->siglock:
 * holding it, either all of them still describe the task or the task is
 * gone.  Without it, a task being reaped showed 0 threads and its PID.
 */
static int pidinfo_fill_ids(struct task_struct *task, struct pid_namespace *ns,
			    struct pidinfo *info)
{
	struct sighand_struct *sighand;
	unsigned long flags;

	sighand = lock_task_sighand(task, &flags);
	if (!sighand)
		return -ESRCH;

	info->pid = task_pid_nr_ns(task, ns);
	if (!info->pid) {
		spin_unlock_irqrestore(&sighand->siglock, flags);
		return -ESRCH;
	}
	info->tgid = task_tgid_nr_ns(task, ns);
	info->mask |= PIDINFO_MASK_PID;

	info->state = task_state_to_char(task);
	info->mask |= PIDINFO_MASK_STATE;

	info->ppid = task_ppid_nr_ns(task, ns);
	info->mask |= PIDINFO_MASK_PPID;

	info->pgid = task_pgrp_nr_ns(task, ns);
	info->sid = task_session_nr_ns(task, ns);
	info->mask |= PIDINFO_MASK_PGID;

	info->nr_threads = get_nr_threads(task);
	info->mask |= PIDINFO_MASK_THREADS;

	/* Not unlock_task_sighand(): its __rcu ->sighand upsets sparse. */
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return 0;
}

/* IDs as /proc/PID/status shows them: mapped into the reader's namespace. */
static void pidinfo_fill_creds(struct task_struct *task, struct pidinfo *info)
{
	struct user_namespace *user_ns = current_user_ns();
	const struct cred *cred;

	guard(rcu)();
	cred = __task_cred(task);
	info->uid = from_kuid_munged(user_ns, cred->uid);
	info->euid = from_kuid_munged(user_ns, cred->euid);
	info->gid = from_kgid_munged(user_ns, cred->gid);
	info->egid = from_kgid_munged(user_ns, cred->egid);
	info->mask |= PIDINFO_MASK_CREDS;
}

/*
 * The name /proc/PID/comm shows, as proc_task_name() builds it: a
 * workqueue worker with its workqueue ("kworker/u8:0-events"), a kernel
 * thread with its full name.  Those go up to 63 bytes there; here they are
 * cut to the first PIDINFO_COMM_LEN - 1.  Sleeps: wq_worker_comm() takes
 * a mutex.
 */
static void pidinfo_fill_comm(struct task_struct *task,
			      char comm[PIDINFO_COMM_LEN])
{
	BUILD_BUG_ON(PIDINFO_COMM_LEN != TASK_COMM_LEN);
	if (task->flags & PF_WQ_WORKER)
		wq_worker_comm(comm, PIDINFO_COMM_LEN, task);
	else if (task->flags & PF_KTHREAD)
		get_kthread_comm(comm, PIDINFO_COMM_LEN, task);
	else
		__get_task_comm(comm, PIDINFO_COMM_LEN, task);
}

static void pidinfo_fill_misc(struct task_struct *task, struct pidinfo *info)
{
	u64 start = task->start_boottime;

	info->nice = task_nice(task);
	info->mask |= PIDINFO_MASK_NICE;

	/* The age is a difference, so it needs no time namespace offset. */
	info->start_time_ns = timens_add_boottime_ns(start);
	info->age_ns = ktime_get_boottime_ns() - start;
	info->mask |= PIDINFO_MASK_TIME;

	pidinfo_fill_comm(task, info->comm);
	info->mask |= PIDINFO_MASK_COMM;
}

/*
 * Children of every thread of @task's process, as get_children_pid() in
 * fs/proc/array.c finds them per thread.  Stores the first @cap PIDs visible
 * in @ns into @buf and returns how many there are in all; or, with
 * @stop_when_full, stops at the first child past @cap and returns @cap + 1.
 * Called with tasklist_lock held, which keeps the lists in place.
 */
static u32 pidinfo_walk_children(struct task_struct *task,
				 struct pid_namespace *ns, pid_t *buf, u32 cap,
				 bool stop_when_full)
{
	bool global = ns == &init_pid_ns;
	struct task_struct *thread, *child;
	u32 n = 0;

	lockdep_assert_held(&tasklist_lock);
	for_each_thread(task, thread) {
		list_for_each_entry(child, &thread->children, sibling) {
			/*
			 * In the initial namespace the task's own copy of its
			 * PID will do, sparing the walk a struct pid per child.
			 */
			pid_t nr = global ? task_pid_nr(child) :
					    task_pid_nr_ns(child, ns);

			if (!nr)
				continue;
			if (n < cap)
				buf[n] = nr;
			if (++n > cap && stop_when_full)
				return n;
		}
	}
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
			buf = kvmalloc_array(alloc, sizeof(*buf), GFP_KERNEL);
			if (!buf)
				return -ENOMEM;
		}
		/*
		 * With room for all the caller wants, the rest is only counted.
		 * Not guard(read_lock): sparse cannot follow the rwlock guards.
		 */
		read_lock(&tasklist_lock);
		n = pidinfo_walk_children(task, ns, buf, alloc, alloc < cap);
		read_unlock(&tasklist_lock);
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

/* Resolves @path into a new PATH_MAX buffer, as readlink of /proc/PID/cwd. */
static int pidinfo_path(const struct path *path, char **bufp, const char **strp,
			u32 *lenp)
{
	char *buf, *str;

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
	return 0;
}

/*
 * The fields /proc hides behind ptrace_may_access(): the stack address and
 * the root and working directories.  Each is decided with the audit mode
 * /proc uses for it (see pidinfo_stack_mode() and pidinfo_paths_mode()).
 * exec_update_lock keeps the decisions valid against a concurrent setuid
 * execve, as in mm_access().
 */
static int pidinfo_fill_private(struct task_struct *task,
				struct pidinfo_result *res)
{
	unsigned int paths_mode = pidinfo_paths_mode(&res->info);
	struct path root __free(path_put) = {};
	struct path pwd __free(path_put) = {};
	struct pidinfo *info = &res->info;
	bool stack_ok, paths_ok;
	int err;

	err = down_read_killable(&task->signal->exec_update_lock);
	if (err)
		return err;
	stack_ok = ptrace_may_access(task, pidinfo_stack_mode());
	paths_ok = paths_mode == pidinfo_stack_mode() ? stack_ok :
		   ptrace_may_access(task, paths_mode);

	/* task_lock() pins ->mm and ->fs against exit_mm() and exit_fs(). */
	scoped_guard(task_lock, task) {
		if (stack_ok && task->mm && !(task->flags & PF_KTHREAD))
			info->stack_start = task->mm->start_stack;
		if (paths_ok && task->fs) {
			get_fs_root(task->fs, &root);
			get_fs_pwd(task->fs, &pwd);
		}
	}
	up_read(&task->signal->exec_update_lock);
	if (stack_ok)
		info->mask |= PIDINFO_MASK_STACK;

	/* No ->fs (exiting), or not allowed: both paths stay empty. */
	if (!root.mnt)
		return 0;
	err = pidinfo_path(&root, &res->root_buf, &res->root, &info->root_len);
	if (err)
		return err;
	if (res->root)
		info->mask |= PIDINFO_MASK_ROOT;
	err = pidinfo_path(&pwd, &res->cwd_buf, &res->cwd, &info->cwd_len);
	if (err)
		return err;
	if (res->cwd)
		info->mask |= PIDINFO_MASK_CWD;
	return 0;
}

/**
 * pidinfo_fill() - describe a task into kernel memory
 * @task: the task, referenced by the caller
 * @ns:   the PID namespace the PIDs are reported in
 * @res:  zeroed, but for the input fields of @res->info; on return it holds
 *        what was gathered, to be freed with pidinfo_result_release()
 *        whatever the return value
 *
 * Return: 0 on success; -ESRCH if @task is not visible in @ns (outside it,
 * or reaped, even while it is being reaped); -ENOMEM; -EINTR if a fatal
 * signal arrived.
 */
VISIBLE_IF_KUNIT int pidinfo_fill(struct task_struct *task,
				  struct pid_namespace *ns,
				  struct pidinfo_result *res)
{
	struct pidinfo *info = &res->info;
	int err;

	err = pidinfo_fill_ids(task, ns, info);
	if (err)
		return err;
	pidinfo_fill_creds(task, info);
	pidinfo_fill_misc(task, info);

	err = pidinfo_fill_private(task, res);
	if (err)
		return err;
	return pidinfo_fill_children(task, ns, res);
}

VISIBLE_IF_KUNIT void pidinfo_result_release(struct pidinfo_result *res)
{
	kvfree(res->children);
	if (res->root_buf)
		__putname(res->root_buf);
	if (res->cwd_buf)
		__putname(res->cwd_buf);
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
		if (nr <= 0)
			return ERR_PTR(-EINVAL);
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

/* Keeps the caller's buffer descriptions; every other field starts at 0. */
static void pidinfo_result_init(struct pidinfo_result *res,
				const struct pidinfo *req)
{
	struct pidinfo *info = &res->info;

	memset(res, 0, sizeof(*res));
	info->children = req->children;
	info->children_cap = req->children_cap;
	info->root = req->root;
	info->root_size = req->root_size;
	info->cwd = req->cwd;
	info->cwd_size = req->cwd_size;
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
			    const struct pidinfo *req,
			    struct pidinfo_result *res)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	bool owner;
	int err;

	for (;;) {
		struct task_struct *task __free(put_task) =
			get_pid_task(pid, type);

		pidinfo_result_init(res, req);
		if (!task || !pidinfo_visible(task))
			return -ESRCH;
		err = pidinfo_fill(task, ns, res);
		owner = pidinfo_still_names(pid, type, task, ns, err, res);
		if (owner || (err && err != -ESRCH))
			return err;
		pidinfo_result_release(res);
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
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
 * The caller's buffers first and the struct last, so that nothing is
 * written after the struct the caller reads: a fault in a buffer leaves
 * the struct untouched.  A buffer the mask describes may still hold less
 * than the struct says: only the first children_cap children, and no path
 * that needs more than its buffer's size (root_len, cwd_len tell).  Only
 * the part of the struct the caller knows is written, as
 * sched_attr_copy_to_user() does.
 */
static int pidinfo_copy_to_user(struct pidinfo __user *uinfo, unsigned int usize,
				const struct pidinfo_result *res)
{
	const struct pidinfo *info = &res->info;
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
	if (err)
		return err;

	if (copy_to_user(uinfo, info, min_t(size_t, usize, sizeof(*info))))
		return -EFAULT;
	return 0;
}

/*
 * The request, as copy_clone_args_from_user() takes clone3's: at least
 * the first published struct, at most a page, and zero past the struct
 * this kernel knows.
 */
static int pidinfo_copy_from_user(struct pidinfo *req,
				  struct pidinfo __user *uinfo,
				  unsigned int usize)
{
	/* Each published size ends at a field: a new one adds a line here. */
	BUILD_BUG_ON(offsetofend(struct pidinfo, cwd_len) != PIDINFO_SIZE_VER0);
	/* No tail padding: the struct ends with its last published field. */
	BUILD_BUG_ON(sizeof(struct pidinfo) % sizeof(__u64));

	if (usize < PIDINFO_SIZE_VER0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	return copy_struct_from_user(req, sizeof(*req), uinfo, usize);
}

VISIBLE_IF_KUNIT long do_get_pid_info(int pid, struct pidinfo __user *uinfo,
				      unsigned int usize, unsigned int flags)
{
	struct pidinfo_result res __free(pidinfo_result) = {};
	struct pidinfo req;
	enum pid_type type;
	struct pid *spid;
	int err;

	if (flags & ~PIDINFO_FLAGS_ALL)
		return -EINVAL;
	err = pidinfo_copy_from_user(&req, uinfo, usize);
	if (err)
		return err;

	spid = pidinfo_get_pid(pid, flags, &type);
	if (IS_ERR(spid))
		return PTR_ERR(spid);
	err = pidinfo_describe(spid, type, &req, &res);
	put_pid(spid);
	if (err)
		return err;
	return pidinfo_copy_to_user(uinfo, usize, &res);
}

/**
 * sys_get_pid_info - describe a process
 * @pid:   a PID or TID in the caller's PID namespace, or a pidfd with
 *         %PIDINFO_PIDFD (a thread pidfd describes that thread)
 * @info:  in: buffer descriptions; out: the process, see struct pidinfo
 * @size:  sizeof(*@info) as the caller knows it, at least %PIDINFO_SIZE_VER0
 * @flags: 0 or %PIDINFO_PIDFD
 *
 * Fills @info with what /proc/PID/stat, status, cwd, root and the children
 * files of every thread say about the process, and writes the children's
 * PIDs, the root path and the cwd path into the buffers @info points to.
 * @info->mask says which fields were filled.  A smaller @size than the
 * kernel's struct gets the fields it knows; a larger one must be zero past
 * the kernel's struct, and that tail is left untouched.
 *
 * Return: 0 on success, or a negative error:
 * * %-EINVAL: @flags has an unknown bit, @size is below %PIDINFO_SIZE_VER0,
 *   or @pid is not positive (without %PIDINFO_PIDFD).
 * * %-E2BIG:  @size is over a page, or the part of @info past the kernel's
 *   struct is not zero.
 * * %-ESRCH:  no such process in the caller's PID namespace, or (with
 *   kernel.pidinfo_restrict = 1) one the caller may not ptrace-read.
 * * %-EBADF:  with %PIDINFO_PIDFD, @pid is not an open pidfd.
 * * %-EFAULT: @info or a buffer it points to is not writable user memory.
 * * %-ENOMEM: out of memory.
 * * %-EINTR:  a fatal signal arrived while waiting for a concurrent execve.
 */
SYSCALL_DEFINE4(get_pid_info, int, pid, struct pidinfo __user *, info,
		unsigned int, size, unsigned int, flags)
{
	return do_get_pid_info(pid, info, size, flags);
}
