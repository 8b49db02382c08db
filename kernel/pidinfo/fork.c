// SPDX-License-Identifier: GPL-2.0
/*
 * ft_fork(): fork(2) from kernel_clone().
 *
 * kernel_clone() is the kernel's one way to make a task; what makes the
 * result a fork(2) child is the request: no CLONE_* flag, so nothing is
 * shared and everything is copied (the mm copy-on-write, the descriptor
 * table with its open files, fs, signal handlers, ...), and SIGCHLD as
 * the signal the child's exit sends its parent.  What fork(2) promises
 * not to pass on (pending signals, timers, locks, ...) copy_process()
 * leaves out for any such request.
 */

#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/syscalls.h>

#include "internal.h"

/**
 * do_ft_fork() - fork the calling process
 *
 * Return: in the parent, the child's PID in the parent's PID namespace;
 * the child returns 0 to user space.  Or a negative error from
 * kernel_clone(): -EAGAIN (process limits), -ENOMEM, -EINTR.
 */
static pid_t do_ft_fork(void)
{
	struct kernel_clone_args args = {
		.exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

/**
 * sys_ft_fork - create a child process, as fork(2) does
 *
 * Return: the child's PID in the parent, 0 in the child, or:
 * * %-EAGAIN: RLIMIT_NPROC or the system's task limit was reached.
 * * %-ENOMEM: out of memory.
 * * %-EINTR:  a fatal signal arrived while forking (restarted for other
 *   signals, as fork(2) is).
 * * %-EINVAL: on a kernel without an MMU, where fork(2) does not exist.
 */
SYSCALL_DEFINE0(ft_fork)
{
#ifdef CONFIG_MMU
	return do_ft_fork();
#else
	/* Without copy-on-write memory there is no fork(2), only vfork(2). */
	return -EINVAL;
#endif
}
