// SPDX-License-Identifier: GPL-2.0
/*
 * get_pid_info(): everything /proc/PID/{stat,status,task/\*\/children,root,cwd}
 * says about a process, in one call and without parsing.
 */

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
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

	rcu_read_lock();
	cred = __task_cred(task);
	info->uid = from_kuid_munged(user_ns, cred->uid);
	info->euid = from_kuid_munged(user_ns, cred->euid);
	info->gid = from_kgid_munged(user_ns, cred->gid);
	info->egid = from_kgid_munged(user_ns, cred->egid);
	rcu_read_unlock();
	info->mask |= PIDINFO_MASK_CREDS;
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

	BUILD_BUG_ON(sizeof(info->comm) != TASK_COMM_LEN);
	get_task_comm(info->comm, task);
	info->mask |= PIDINFO_MASK_COMM;
}

/*
 * Children of every thread of @task's process, as get_children_pid() in
 * fs/proc/array.c finds them per thread.  Stores the first @cap PIDs visible
 * in @ns into @buf and returns how many there are in all; or, with
 * @stop_when_full, stops at the first child past @cap and returns @cap + 1.
 */
static u32 pidinfo_walk_children(struct task_struct *task,
				 struct pid_namespace *ns, pid_t *buf, u32 cap,
				 bool stop_when_full)
{
	bool global = ns == &init_pid_ns;
	struct task_struct *thread, *child;
	u32 n = 0;

	read_lock(&tasklist_lock);
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
				goto out;
		}
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
			buf = kvmalloc_array(alloc, sizeof(*buf), GFP_KERNEL);
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
 * the root and working directories.  exec_update_lock keeps the decision
 * valid against a concurrent setuid execve, as in mm_access().
 */
static int pidinfo_fill_private(struct task_struct *task,
				struct pidinfo_result *res)
{
	struct pidinfo *info = &res->info;
	struct path root, pwd;
	bool have_fs = false;
	int err;

	err = down_read_killable(&task->signal->exec_update_lock);
	if (err)
		return err;
	if (!ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS)) {
		up_read(&task->signal->exec_update_lock);
		return 0;
	}

	/* task_lock() pins ->mm and ->fs against exit_mm() and exit_fs(). */
	task_lock(task);
	if (task->mm && !(task->flags & PF_KTHREAD))
		info->stack_start = task->mm->start_stack;
	if (task->fs) {
		get_fs_root(task->fs, &root);
		get_fs_pwd(task->fs, &pwd);
		have_fs = true;
	}
	task_unlock(task);
	up_read(&task->signal->exec_update_lock);
	info->mask |= PIDINFO_MASK_STACK;

	if (!have_fs)
		return 0;
	err = pidinfo_path(&root, &res->root_buf, &res->root, &info->root_len);
	if (!err && res->root)
		info->mask |= PIDINFO_MASK_ROOT;
	if (!err)
		err = pidinfo_path(&pwd, &res->cwd_buf, &res->cwd, &info->cwd_len);
	if (!err && res->cwd)
		info->mask |= PIDINFO_MASK_CWD;
	path_put(&pwd);
	path_put(&root);
	return err;
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
int pidinfo_fill(struct task_struct *task, struct pid_namespace *ns,
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

void pidinfo_result_release(struct pidinfo_result *res)
{
	kvfree(res->children);
	if (res->root_buf)
		__putname(res->root_buf);
	if (res->cwd_buf)
		__putname(res->cwd_buf);
}

static struct task_struct *pidinfo_get_task(int pid, unsigned int flags)
{
	struct task_struct *task;
	unsigned int f_flags;

	if (flags & PIDINFO_PIDFD)
		return pidfd_get_task(pid, &f_flags);

	if (pid <= 0)
		return ERR_PTR(-EINVAL);
	task = find_get_task_by_vpid(pid);
	return task ? task : ERR_PTR(-ESRCH);
}

/* Keeps the caller's buffer descriptions; every other field starts at 0. */
static void pidinfo_init_request(struct pidinfo *info, const struct pidinfo *req)
{
	memset(info, 0, sizeof(*info));
	info->children = req->children;
	info->children_cap = req->children_cap;
	info->root = req->root;
	info->root_size = req->root_size;
	info->cwd = req->cwd;
	info->cwd_size = req->cwd_size;
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
 * The caller's buffers first and the struct last, so a mask the caller sees
 * never describes a buffer that was not written.  Only the part of the
 * struct the caller knows is written, as sched_attr_copy_to_user() does.
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

long do_get_pid_info(int pid, struct pidinfo __user *uinfo, unsigned int usize,
		     unsigned int flags)
{
	struct pidinfo_result res;
	struct task_struct *task;
	struct pidinfo req;
	int err;

	BUILD_BUG_ON(sizeof(struct pidinfo) != PIDINFO_SIZE_VER0);

	if (flags & ~PIDINFO_FLAGS_ALL)
		return -EINVAL;
	if (usize < PIDINFO_SIZE_VER0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(&req, sizeof(req), uinfo, usize);
	if (err)
		return err;

	task = pidinfo_get_task(pid, flags);
	if (IS_ERR(task))
		return PTR_ERR(task);

	memset(&res, 0, sizeof(res));
	pidinfo_init_request(&res.info, &req);
	err = pidinfo_fill(task, task_active_pid_ns(current), &res);
	put_task_struct(task);
	if (!err)
		err = pidinfo_copy_to_user(uinfo, usize, &res);
	pidinfo_result_release(&res);
	return err;
}

/**
 * sys_get_pid_info - describe a process
 * @pid:   a PID in the caller's PID namespace, or a pidfd with %PIDINFO_PIDFD
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
 * * %-ESRCH:  no such process in the caller's PID namespace.
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
