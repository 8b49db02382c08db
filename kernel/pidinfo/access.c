// SPDX-License-Identifier: GPL-2.0
/*
 * Who may see what through get_pid_info(): the ptrace access modes, with
 * the audit behaviour of the /proc file each field comes from, and the
 * kernel.pidinfo_restrict policy.
 */

#include <linux/init.h>
#include <linux/ptrace.h>
#include <linux/sysctl.h>

#include "internal.h"

/* A ptrace-read check that logs no denial: what /proc/PID/stat does. */
#define PIDINFO_READ_NOAUDIT	(PTRACE_MODE_READ_FSCREDS | PTRACE_MODE_NOAUDIT)

/*
 * 0: every process in the caller's PID namespace can be described, as
 * kill(2) and pidfd_open(2) can reach it.  1: a process the caller may not
 * ptrace-read is invisible, as with /proc mounted hidepid=invisible.
 */
static int pidinfo_restrict;

static struct ctl_table pidinfo_sysctls[] = {
	{
		.procname	= "pidinfo_restrict",
		.data		= &pidinfo_restrict,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	/* Before 6.6 (register_sysctl() a function), a table ends empty. */
#ifndef register_sysctl
	{ }
#endif
};

static int __init pidinfo_sysctl_init(void)
{
	register_sysctl_init("kernel", pidinfo_sysctls);
	return 0;
}
late_initcall(pidinfo_sysctl_init);

/**
 * pidinfo_stack_mode() - the ptrace mode for the stack address
 *
 * /proc/PID/stat shows the stack address only to those who may
 * ptrace-read the process, and checks without audit: a denial there is
 * routine (ps reads every process), not an event to log.
 *
 * Return: %PTRACE_MODE_READ_FSCREDS | %PTRACE_MODE_NOAUDIT.
 */
unsigned int pidinfo_stack_mode(void)
{
	return PIDINFO_READ_NOAUDIT;
}

/**
 * pidinfo_paths_mode() - the ptrace mode for the root, cwd and exe paths
 * @want: the PIDINFO_MASK_* bits of the fields asked for
 * @in:   the caller's struct, with its buffer sizes
 *
 * A readlink of /proc/PID/cwd, root or exe is an audited check: the
 * caller asked for that path.  Here the caller asks by wanting a path and
 * giving a buffer for it; a call without one (to learn the IDs, or the
 * length a path needs) is checked without audit, like /proc/PID/stat.
 *
 * Return: %PTRACE_MODE_READ_FSCREDS, with %PTRACE_MODE_NOAUDIT unless
 * a path is wanted and has a buffer.
 */
unsigned int pidinfo_paths_mode(u64 want, const struct pidinfo *in)
{
	if (((want & PIDINFO_MASK_ROOT) && in->root_size) ||
	    ((want & PIDINFO_MASK_CWD) && in->cwd_size) ||
	    ((want & PIDINFO_MASK_EXE) && in->exe_size))
		return PTRACE_MODE_READ_FSCREDS;
	return PIDINFO_READ_NOAUDIT;
}

/**
 * pidinfo_visible() - may the caller learn that @task exists?
 * @task: the task asked about
 *
 * Return: true unless kernel.pidinfo_restrict is 1 and the caller may not
 * ptrace-read @task.  Checked without audit: with the policy on, every
 * other user's process is hidden, and a tool listing them must not fill
 * the audit log.
 */
bool pidinfo_visible(struct task_struct *task)
{
	if (!READ_ONCE(pidinfo_restrict))
		return true;
	return ptrace_may_access(task, PIDINFO_READ_NOAUDIT);
}
