// SPDX-License-Identifier: GPL-2.0
/*
 * ft_kill(): kill(2), written out step by step.
 *
 * A signal from kill(2) goes through three stages, each re-implemented
 * here from the static helpers of kernel/signal.c that they mirror:
 *
 *   1. the siginfo the receiver will see        (prepare_kill_siginfo())
 *   2. the targets: one process, a process group, or every process
 *                                               (kill_something_info())
 *   3. for each target, the permission check    (check_kill_permission())
 *
 * and then the kernel's own primitive, do_send_sig_info(), queues the
 * signal and wakes a thread to take it.
 */

#include <linux/audit.h>
#include <linux/cleanup.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/security.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uidgid.h>
#include <kunit/visibility.h>

#include "internal.h"

/* Mirrors prepare_kill_siginfo(): what kill(2) says about its sender. */
VISIBLE_IF_KUNIT void ft_kill_prepare_siginfo(int sig,
					      struct kernel_siginfo *info)
{
	clear_siginfo(info);
	info->si_signo = sig;
	info->si_errno = 0;
	info->si_code = SI_USER;
	/*
	 * In the sender's namespaces.  send_signal_locked() maps si_uid into
	 * the receiver's user namespace; si_pid stays the sender's own,
	 * or becomes 0 where the receiver's PID namespace cannot see the
	 * sender (one below the sender's).
	 */
	info->si_pid = task_tgid_vnr(current);
	info->si_uid = from_kuid_munged(current_user_ns(), current_uid());
}

/*
 * Mirrors kill_ok_by_cred(): the sender's real or effective uid is the
 * target's real or saved uid, or the sender has CAP_KILL over it.
 */
static bool ft_kill_ok_by_cred(struct task_struct *t)
{
	const struct cred *cred = current_cred();
	const struct cred *tcred = __task_cred(t);

	return uid_eq(cred->euid, tcred->suid) ||
	       uid_eq(cred->euid, tcred->uid) ||
	       uid_eq(cred->uid, tcred->suid) ||
	       uid_eq(cred->uid, tcred->uid) ||
	       ns_capable(tcred->user_ns, CAP_KILL);
}

/**
 * ft_kill_permission() - may current send @sig to @t?
 * @sig:  the signal, 0 to check only
 * @info: the siginfo to be sent, for the LSM hook
 * @t:    the target
 *
 * Mirrors check_kill_permission() for signals from user space.  The caller
 * holds rcu_read_lock(), which keeps @t's credentials alive.
 *
 * Return: 0 if allowed; -EINVAL for an invalid signal; -EPERM if the
 * credentials do not allow it (SIGCONT is allowed within a session); or
 * what audit or the LSM says.
 */
VISIBLE_IF_KUNIT int ft_kill_permission(int sig, struct kernel_siginfo *info,
					struct task_struct *t)
{
	struct pid *sid;
	int err;

	if (!valid_signal(sig))
		return -EINVAL;

	err = audit_signal_info(sig, t);
	if (err)
		return err;

	if (!same_thread_group(current, t) && !ft_kill_ok_by_cred(t)) {
		if (sig != SIGCONT)
			return -EPERM;
		/* A task already unhashed has no session: let it through. */
		sid = task_session(t);
		if (sid && sid != task_session(current))
			return -EPERM;
	}

	return security_task_kill(t, info, sig, NULL);
}

/*
 * Mirrors group_send_sig_info(): check, then hand the signal to the
 * kernel's queueing.  @type says who shares it: PIDTYPE_TGID for one
 * process, PIDTYPE_PGID for a group, PIDTYPE_MAX for every process; for
 * the last two, a fork in progress gets the signal too.
 */
static int ft_kill_task(int sig, struct kernel_siginfo *info,
			struct task_struct *t, enum pid_type type)
{
	int err;

	scoped_guard(rcu)
		err = ft_kill_permission(sig, info, t);
	if (!err && sig)
		err = do_send_sig_info(sig, info, t, type);
	return err;
}

/* pid > 0: as kill_proc_info() and kill_pid_info_type() do. */
static int ft_kill_process(int sig, struct kernel_siginfo *info, pid_t nr)
{
	struct task_struct *t;
	struct pid *pid;
	int err;

	guard(rcu)();
	pid = find_vpid(nr);
	for (;;) {
		t = pid_task(pid, PIDTYPE_PID);
		if (!t)
			return -ESRCH;
		err = ft_kill_task(sig, info, t, PIDTYPE_TGID);
		/*
		 * -ESRCH from a task we found means it was unhashed in
		 * between: look again, as the PID may now name the new
		 * leader after a de_thread(), or nothing.
		 */
		if (err != -ESRCH)
			return err;
	}
}

/*
 * pid == 0 or pid < -1: every process of a group, as __kill_pgrp_info()
 * does.  Succeeds if one target took the signal; otherwise the last error,
 * or -ESRCH for an empty group.  Called with tasklist_lock held, which
 * keeps the group's membership still.
 */
static int ft_kill_group(int sig, struct kernel_siginfo *info,
			 struct pid *pgrp)
{
	struct task_struct *t;
	int ret = -ESRCH;

	lockdep_assert_held(&tasklist_lock);
	do_each_pid_task(pgrp, PIDTYPE_PGID, t) {
		int err = ft_kill_task(sig, info, t, PIDTYPE_PGID);

		if (ret)
			ret = err;
	} while_each_pid_task(pgrp, PIDTYPE_PGID, t);

	return ret;
}

/*
 * pid == -1: every process in the caller's PID namespace but its init and
 * the caller, as kill_something_info() does.  Refusals (-EPERM) are not
 * reported: the result is 0, or the last other error, or -ESRCH if there
 * was no one to try.  Called with tasklist_lock held.
 */
static int ft_kill_every_process(int sig, struct kernel_siginfo *info)
{
	struct task_struct *t;
	int ret = 0, count = 0;

	lockdep_assert_held(&tasklist_lock);
	for_each_process(t) {
		int err;

		/* 0 outside our namespace, 1 for its init */
		if (task_pid_vnr(t) <= 1 || same_thread_group(t, current))
			continue;
		count++;
		err = ft_kill_task(sig, info, t, PIDTYPE_MAX);
		if (err != -EPERM)
			ret = err;
	}
	return count ? ret : -ESRCH;
}

/**
 * do_ft_kill() - kill(2) from its parts
 * @pid: > 0 a process; 0 the caller's process group; -1 every process the
 *       caller may signal; < -1 the process group -@pid
 * @sig: the signal, or 0 to check existence and permission only
 *
 * Return: as kill(2): 0, -EINVAL, -EPERM or -ESRCH.
 */
VISIBLE_IF_KUNIT int do_ft_kill(pid_t pid, int sig)
{
	struct kernel_siginfo info;
	struct pid *pgrp;
	int ret;

	ft_kill_prepare_siginfo(sig, &info);

	if (pid > 0)
		return ft_kill_process(sig, &info, pid);

	/* -INT_MIN does not exist: no such group, as kill(2) answers. */
	if (pid == INT_MIN)
		return -ESRCH;

	read_lock(&tasklist_lock);
	if (pid == -1) {
		ret = ft_kill_every_process(sig, &info);
	} else {
		pgrp = pid ? find_vpid(-pid) : task_pgrp(current);
		ret = ft_kill_group(sig, &info, pgrp);
	}
	read_unlock(&tasklist_lock);
	return ret;
}

/**
 * sys_ft_kill - send a signal to a process or a group of processes
 * @pid: > 0 the process @pid; 0 every process in the caller's process
 *       group; -1 every process the caller may signal but itself and the
 *       init of its PID namespace; < -1 every process in group -@pid
 * @sig: the signal; 0 checks that the targets exist and may be signalled
 *
 * kill(2), re-implemented: same targets, same permission rules (uid
 * match, %CAP_KILL, %SIGCONT within a session, LSM), same siginfo
 * (%SI_USER with the sender's PID and uid), same errors.
 *
 * Return: 0 on success (for a group: one process got the signal; for -1:
 * no target failed for a reason other than permission), or:
 * * %-EINVAL: @sig is not a valid signal.
 * * %-EPERM:  the caller may not signal the target (or any of the group).
 * * %-ESRCH:  no such process or process group (or, for -1, no process
 *   to try).
 */
SYSCALL_DEFINE2(ft_kill, pid_t, pid, int, sig)
{
	return do_ft_kill(pid, sig);
}
