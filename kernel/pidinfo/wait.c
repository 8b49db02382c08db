// SPDX-License-Identifier: GPL-2.0
/*
 * ft_wait(): wait4(2), written out step by step.
 *
 * The waiter puts itself on its process's child-exit queue with a wake-up
 * filter of its own, then loops: look through the children and tracees of
 * every thread for one with something to report; if there is one, let the
 * kernel's own step report (and reap) it; if there is none, sleep until a
 * child the filter lets through changes state.
 *
 * The search mirrors do_wait() and wait_consider_task() of kernel/exit.c.
 * The reporting step is the kernel's, reached through kernel/exit.h as
 * io_uring/waitid.c does: __do_wait() on that one child's PID, without
 * blocking.  It re-checks everything under its own locks, so a child
 * another waiter took in the meantime is simply looked for again, and
 * each zombie is reaped exactly once.
 */

#include <linux/compat.h>
#include <linux/pid.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <kunit/visibility.h>
#include <uapi/linux/wait.h>	/* the W* options, as in kernel/exit.c */
#include <trace/events/sched.h>

#include "../exit.h"
#include "internal.h"

/* Mirrors eligible_pid(): does @p match the pid selector? */
static bool ft_wait_selects(const struct ft_waiter *w, struct task_struct *p)
{
	return w->type == PIDTYPE_MAX || task_pid_type(p, w->type) == w->pid;
}

/*
 * Mirrors eligible_child(): wait4() sees "clone" children (those that
 * report with a signal other than SIGCHLD) only with __WCLONE, the others
 * only without it, and both with __WALL or when tracing them.
 */
static bool ft_wait_eligible(const struct ft_waiter *w, bool ptrace,
			     struct task_struct *p)
{
	if (!ft_wait_selects(w, p))
		return false;
	if (ptrace || (w->options & __WALL))
		return true;
	return (p->exit_signal != SIGCHLD) == !!(w->options & __WCLONE);
}

/**
 * ft_wait_should_wake() - the wake-up filter of ft_wait()
 * @w: the waiter
 * @p: the child whose state changed (the key of the wake-up)
 *
 * Mirrors pid_child_should_wake(): a waiter sleeps on while children it
 * does not wait for come and go.  With __WNOTHREAD, only children of the
 * waiting thread itself count.
 *
 * Return: true if @w should wake up and look.
 */
VISIBLE_IF_KUNIT bool ft_wait_should_wake(const struct ft_waiter *w,
					  struct task_struct *p)
{
	if (!ft_wait_selects(w, p))
		return false;
	return !(w->options & __WNOTHREAD) ||
	       w->entry.private == rcu_access_pointer(p->parent);
}

static int ft_wait_wake(wait_queue_entry_t *entry, unsigned int mode,
			int sync, void *key)
{
	struct ft_waiter *w = container_of(entry, struct ft_waiter, entry);

	if (!ft_wait_should_wake(w, key))
		return 0;
	return default_wake_function(entry, mode, sync, key);
}

/*
 * Mirrors ptrace_reparented(): traced by someone outside its parent's
 * thread group.  Not the header's own: it reads both __rcu parents
 * without an accessor, which sparse reports in every file that calls it.
 * tasklist_lock keeps both parents in place.
 */
static bool ft_wait_traced_by_other(struct task_struct *p)
{
	struct task_struct *real_parent, *tracer;

	real_parent = rcu_dereference_protected(p->real_parent,
						lockdep_is_held(&tasklist_lock));
	tracer = rcu_dereference_protected(p->parent,
					   lockdep_is_held(&tasklist_lock));
	return !same_thread_group(real_parent, tracer);
}

/* Mirrors task_stopped_code(): a stop not yet reported? */
static bool ft_wait_stop_pending(struct task_struct *p, bool ptrace)
{
	if (ptrace)
		return task_is_traced(p) && !(p->jobctl & JOBCTL_LISTENING) &&
		       READ_ONCE(p->exit_code);
	return (READ_ONCE(p->signal->flags) & SIGNAL_STOP_STOPPED) &&
	       READ_ONCE(p->signal->group_exit_code);
}

/**
 * ft_wait_consider() - what is there to wait for in @p?
 * @w:      the waiter
 * @ptrace: @p is on a ptraced list, not a children list
 * @p:      a child or tracee of one of the waiter's threads
 * @exists: set if @p is a child the waiter could ever report
 *
 * Mirrors wait_consider_task(), without acting on what it finds.  Called
 * with tasklist_lock held for reading.
 *
 * Return: true if @p has an exit, a stop or a continue to report now.
 */
static bool ft_wait_consider(const struct ft_waiter *w, bool ptrace,
			     struct task_struct *p, bool *exists)
{
	int exit_state = READ_ONCE(p->exit_state);

	if (exit_state == EXIT_DEAD || !ft_wait_eligible(w, ptrace, p))
		return false;
	/* Reaped by its tracer, to be reported to its parent later. */
	if (exit_state == EXIT_TRACE) {
		if (!ptrace)
			*exists = true;
		return false;
	}
	/* Traced by its own parent's group: the parent sees it as a tracer. */
	if (!ptrace && p->ptrace && !ft_wait_traced_by_other(p))
		ptrace = true;
	*exists = true;

	/*
	 * A leader waiting for its threads is not reaped yet, and a traced
	 * zombie is for its tracer; both may still report a stop.
	 */
	if (exit_state == EXIT_ZOMBIE && !delay_group_leader(p) &&
	    (ptrace || !p->ptrace))
		return true;
	if ((ptrace || (w->options & WUNTRACED)) &&
	    ft_wait_stop_pending(p, ptrace))
		return true;
	return (w->options & WCONTINUED) &&
	       (READ_ONCE(p->signal->flags) & SIGNAL_STOP_CONTINUED);
}

/*
 * Mirrors is_effectively_child(): @p's parent (its tracer with @ptrace) is
 * the waiter or, without __WNOTHREAD, one of its threads.  tasklist_lock
 * keeps both parents in place.
 */
static bool ft_wait_is_parent(const struct ft_waiter *w, bool ptrace,
			      struct task_struct *p)
{
	struct task_struct *parent;

	if (ptrace)
		parent = rcu_dereference_protected(p->parent,
						   lockdep_is_held(&tasklist_lock));
	else
		parent = rcu_dereference_protected(p->real_parent,
						   lockdep_is_held(&tasklist_lock));
	return parent == current || (!(w->options & __WNOTHREAD) &&
				     same_thread_group(parent, current));
}

/*
 * pid > 0: the one child or tracee that PID names, looked up directly as
 * do_wait_pid() does, not searched for among all the children.  Called
 * with tasklist_lock held.
 */
static struct task_struct *ft_wait_find_pid(const struct ft_waiter *w,
					    bool *exists)
{
	struct task_struct *p;

	p = pid_task(w->pid, PIDTYPE_TGID);
	if (p && ft_wait_is_parent(w, false, p) &&
	    ft_wait_consider(w, false, p, exists))
		return p;

	p = pid_task(w->pid, PIDTYPE_PID);
	if (p && p->ptrace && ft_wait_is_parent(w, true, p) &&
	    ft_wait_consider(w, true, p, exists))
		return p;
	return NULL;
}

/*
 * Any other selector: the children, then the tracees, of each thread of
 * the caller (of the caller alone with __WNOTHREAD), as do_wait_thread()
 * and ptrace_do_wait() walk them.  Called with tasklist_lock held.
 */
static struct task_struct *ft_wait_find_any(const struct ft_waiter *w,
					    bool *exists)
{
	struct task_struct *thread = current, *p;

	do {
		list_for_each_entry(p, &thread->children, sibling) {
			if (ft_wait_consider(w, false, p, exists))
				return p;
		}
		list_for_each_entry(p, &thread->ptraced, ptrace_entry) {
			if (ft_wait_consider(w, true, p, exists))
				return p;
		}
		if (w->options & __WNOTHREAD)
			break;
	} while_each_thread(current, thread);
	return NULL;
}

/*
 * Returns a reference to the PID of the first child with something to
 * report, or NULL; @exists says whether there is any child to wait for at
 * all.
 */
static struct pid *ft_wait_find(const struct ft_waiter *w, bool *exists)
{
	struct task_struct *p;
	struct pid *found = NULL;

	*exists = false;
	read_lock(&tasklist_lock);
	if (w->type == PIDTYPE_PID)
		p = ft_wait_find_pid(w, exists);
	else
		p = ft_wait_find_any(w, exists);
	if (p)
		found = get_pid(task_pid(p));
	read_unlock(&tasklist_lock);
	return found;
}

/**
 * ft_wait_report() - report the child found, as the kernel's own step
 * @w:      the waiter
 * @pid:    the PID of the child ft_wait_find() found
 * @status: where to store its wait status
 * @ru:     if not NULL, filled with its resource usage
 *
 * Reports the child's state and, for an exit, reaps it, through
 * __do_wait() on its PID.  A waiter for a process group asks for the
 * group as well: tasklist_lock was dropped since the search, and a child
 * that setpgid() moved out of the group meanwhile must not be reported,
 * as wait4()'s one pass under the lock never reports it.  __do_wait()
 * then takes the first child of the group with something to report, in
 * the order ft_wait_find_any() searches.
 *
 * Return: the PID of the child reported, or 0 if it has nothing to report
 * any more (another waiter got there first, or it left the group).
 */
VISIBLE_IF_KUNIT long ft_wait_report(const struct ft_waiter *w,
				     struct pid *pid, int *status,
				     struct rusage *ru)
{
	bool group = w->type == PIDTYPE_PGID;
	struct wait_opts wo = {
		.wo_type = group ? PIDTYPE_PGID : PIDTYPE_PID,
		.wo_pid = group ? w->pid : pid,
		.wo_flags = w->options | WNOHANG,
		.wo_rusage = ru,
	};
	long ret;

	ret = __do_wait(&wo);
	if (ret <= 0)
		return 0;
	*status = wo.wo_stat;
	return ret;
}

/*
 * Sleeps until a child has something to report.  The task state is set
 * before each search, so a wake-up that comes during the search makes the
 * next schedule() return at once: none is lost.  The sleep is freezable,
 * as do_wait()'s: suspend freezes the waiter where it sleeps instead of
 * waking it with a fake signal.
 */
static long ft_wait_loop(struct ft_waiter *w, int *status, struct rusage *ru)
{
	struct wait_queue_head *queue = &current->signal->wait_chldexit;
	struct pid *found;
	bool exists;
	long ret;

	trace_sched_process_wait(w->pid);
	init_waitqueue_func_entry(&w->entry, ft_wait_wake);
	w->entry.private = current;
	add_wait_queue(queue, &w->entry);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE | TASK_FREEZABLE);
		found = ft_wait_find(w, &exists);
		if (found) {
			ret = ft_wait_report(w, found, status, ru);
			put_pid(found);
			if (ret)
				break;
			continue;
		}
		ret = -ECHILD;
		if (!exists)
			break;
		ret = 0;
		if (w->options & WNOHANG)
			break;
		ret = -ERESTARTSYS;
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(queue, &w->entry);
	return ret;
}

/**
 * do_ft_wait() - wait4(2) from its parts
 * @upid:    -1 any child; > 0 that child; 0 any child in the caller's
 *           process group; < -1 any child in group -@upid
 * @status:  where to store the wait status of the child reported
 * @options: WNOHANG, WUNTRACED, WCONTINUED, __WNOTHREAD, __WCLONE, __WALL
 * @ru:      if not NULL, filled with the reported child's resource usage
 *
 * Return: the PID of the child reported; 0 with WNOHANG if none is ready;
 * -EINVAL for unknown options; -ESRCH for INT_MIN; -ECHILD if there is no
 * such child; -ERESTARTSYS if a signal came first.
 */
VISIBLE_IF_KUNIT long do_ft_wait(pid_t upid, int *status, int options,
				 struct rusage *ru)
{
	struct ft_waiter w = { .options = options | WEXITED };
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	/* -INT_MIN is no group. */
	if (upid == INT_MIN)
		return -ESRCH;

	if (upid == -1) {
		w.type = PIDTYPE_MAX;
	} else if (upid < 0) {
		w.type = PIDTYPE_PGID;
		w.pid = find_get_pid(-upid);
	} else if (upid == 0) {
		w.type = PIDTYPE_PGID;
		w.pid = get_task_pid(current, PIDTYPE_PGID);
	} else {
		w.type = PIDTYPE_PID;
		w.pid = find_get_pid(upid);
	}

	/*
	 * A PID or group that does not exist (w.pid NULL) selects no child:
	 * the loop finds none and returns -ECHILD, traced as do_wait()
	 * traces it.
	 */
	ret = ft_wait_loop(&w, status, ru);
	put_pid(w.pid);
	return ret;
}

/*
 * do_ft_wait() and the status, for both ABIs: the rusage, if asked for, is
 * left in @ru for each to write in its own layout.
 */
static long ft_wait_status_to_user(pid_t upid, int __user *wstatus,
				   int options, struct rusage *ru)
{
	int status = 0;
	long ret;

	ret = do_ft_wait(upid, &status, options, ru);
	if (ret > 0 && wstatus && put_user(status, wstatus))
		return -EFAULT;
	return ret;
}

/**
 * sys_ft_wait - wait for a child to change state
 * @upid:    -1 any child; > 0 the child @upid; 0 any child in the caller's
 *           process group; < -1 any child in process group -@upid
 * @wstatus: if not NULL, receives the wait status (see wait4(2))
 * @options: WNOHANG, WUNTRACED, WCONTINUED, __WNOTHREAD, __WCLONE, __WALL
 * @ru:      if not NULL, receives the resource usage of the child
 *
 * wait4(2), re-implemented: same selection, options, status encoding and
 * errors, with an exited child reaped exactly once.
 *
 * Return: the PID of the child whose state is reported, 0 with %WNOHANG if
 * no child is ready, or:
 * * %-ECHILD: no child matches @upid and @options.
 * * %-EINVAL: @options has an unknown bit.
 * * %-ESRCH:  @upid is INT_MIN.
 * * %-EFAULT: @wstatus or @ru is not writable (the child is reaped all the
 *   same, as with wait4(2)).
 * * %-EINTR:  a signal without SA_RESTART arrived first; with SA_RESTART
 *   the call restarts.
 */
SYSCALL_DEFINE4(ft_wait, pid_t, upid, int __user *, wstatus, int, options,
		struct rusage __user *, ru)
{
	struct rusage r;
	long ret;

	ret = ft_wait_status_to_user(upid, wstatus, options, ru ? &r : NULL);
	if (ret > 0 && ru && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	return ret;
}

#ifdef CONFIG_COMPAT
/*
 * For 32-bit callers of a 64-bit kernel, as compat_sys_wait4(): the same
 * wait, with the rusage in the 32-bit layout.
 */
COMPAT_SYSCALL_DEFINE4(ft_wait, compat_pid_t, upid,
		       compat_uint_t __user *, wstatus, int, options,
		       struct compat_rusage __user *, ru)
{
	struct rusage r;
	long ret;

	ret = ft_wait_status_to_user(upid, wstatus, options, ru ? &r : NULL);
	if (ret > 0 && ru && put_compat_rusage(&r, ru))
		return -EFAULT;
	return ret;
}
#endif
