// SPDX-License-Identifier: GPL-2.0
/*
 * Who may see what through get_pid_info(): the hidepid= policy of the
 * caller's /proc, the kernel.pidinfo_restrict policy, and the ptrace
 * access modes, with the audit behaviour of the /proc file each field
 * comes from.
 */

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/init.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/ptrace.h>
#include <linux/sysctl.h>
#include <kunit/visibility.h>

#include "internal.h"

/* A ptrace-read check that logs no denial: what /proc/PID/stat does. */
#define PIDINFO_READ_NOAUDIT	(PTRACE_MODE_READ_FSCREDS | PTRACE_MODE_NOAUDIT)

/*
 * 0: the caller sees what its /proc shows it (see pidinfo_policy_init());
 * without a procfs at /proc, every process of its PID namespace, as
 * kill(2) and pidfd_open(2) can reach them.  1: besides, a process the
 * caller may not ptrace-read is invisible, as with hidepid=ptraceable.
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

/*
 * The procfs of the caller's PID namespace that @path, the caller's
 * /proc, shows, looking beneath the mounts stacked on it: a file system
 * mounted over /proc hides the files, not the processes, and must not
 * lift the policy of the procfs it covers.  A procfs of another PID
 * namespace shows other processes: it is no view of the caller's.
 */
static bool pidinfo_find_procfs(struct path *path)
{
	struct pid_namespace *ns = task_active_pid_ns(current);

	for (;;) {
		struct super_block *sb = path->dentry->d_sb;

		if (sb->s_magic == PROC_SUPER_MAGIC)
			return proc_sb_info(sb)->pid_ns == ns;
		if (path->dentry != path->mnt->mnt_root || !follow_up(path))
			return false;
	}
}

/*
 * Not kern_path() each call: no name to copy, audit or check permissions
 * on.  A mount pins the dentry it covers in the dcache, so a /proc that is
 * mounted on is found there.  One that is not in the dcache, or a symlink
 * (a sandbox's /proc may lead elsewhere, and ps follows it), is walked to
 * as ps would, which caches it.  Returns 0 with @path held, or an errno.
 */
static int pidinfo_proc_path(struct path *path)
{
	struct qstr name = QSTR_INIT("proc", 4);	/* hashed by the lookup */
	struct dentry *dentry;
	struct path root;

	get_fs_root(current->fs, &root);
	dentry = d_hash_and_lookup(root.dentry, &name);
	if (!IS_ERR_OR_NULL(dentry) && !d_is_symlink(dentry)) {
		path->mnt = mntget(root.mnt);
		path->dentry = dentry;
		/* The top of the stack, as a path walk would step into it. */
		while (follow_down_one(path))
			;
		path_put(&root);
		return 0;
	}
	path_put(&root);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	dput(dentry);
	return kern_path("/proc", LOOKUP_FOLLOW, path);
}

/**
 * pidinfo_policy_init() - begin deciding what the caller may see
 * @pol: filled in
 *
 * Reads kernel.pidinfo_restrict, once, so that one call applies one
 * policy.  The caller's /proc is read by pidinfo_policy_look_up(), when
 * pidinfo_view() first needs it.
 *
 * A caller in a user namespace that does not own its PID namespace
 * (unshare -U without -p) may chroot, mount and unmount as it likes: what
 * it calls /proc proves nothing, and it sees the processes it may
 * ptrace-read, as with hidepid=ptraceable.
 */
void pidinfo_policy_init(struct pidinfo_policy *pol)
{
	pol->hide_pid = HIDEPID_OFF;
	pol->pid_gid = GLOBAL_ROOT_GID;
	pol->restricted = READ_ONCE(pidinfo_restrict);
	pol->looked_up = false;
	if (current_user_ns() != task_active_pid_ns(current)->user_ns) {
		pol->hide_pid = HIDEPID_NOT_PTRACEABLE;
		pol->looked_up = true;
	}
}

/**
 * pidinfo_policy_look_up() - what the caller's /proc lets it see
 * @pol: from pidinfo_policy_init()
 *
 * Reads the hidepid= and gid= options of the procfs of the caller's PID
 * namespace mounted at /proc as the caller's root and mount namespace show
 * it: the /proc that ps reads.  Without one, the policy is hidepid=off,
 * and kernel.pidinfo_restrict alone may narrow it.
 */
VISIBLE_IF_KUNIT void pidinfo_policy_look_up(struct pidinfo_policy *pol)
{
	struct path path;

	KUNIT_STATIC_STUB_REDIRECT(pidinfo_policy_look_up, pol);
	pol->looked_up = true;
	if (pidinfo_proc_path(&path))
		return;
	if (pidinfo_find_procfs(&path)) {
		struct proc_fs_info *fs_info = proc_sb_info(path.dentry->d_sb);

		/* Remount changes them without a lock, as /proc reads them. */
		pol->hide_pid = READ_ONCE(fs_info->hide_pid);
		pol->pid_gid = READ_ONCE(fs_info->pid_gid);
	}
	path_put(&path);
}

/**
 * pidinfo_view() - how much of @task the caller may see
 * @pol:  the caller's policy, from pidinfo_policy_init()
 * @task: the task asked about
 *
 * Mirrors has_pid_permissions() in fs/proc/base.c, in its order, as
 * /proc's directory (readdir, lookup and getattr: does the process
 * exist?) and its permission check (may its files be read?) apply it.
 * The ptrace checks are made with %PTRACE_MODE_NOAUDIT, as for
 * /proc/PID/stat: a denied capability is not audited (an LSM may still
 * log its own decision).
 *
 * The caller's /proc is looked up (pidinfo_policy_look_up()) when first
 * needed: not for the caller's own process, which every policy shows (as
 * __ptrace_may_access() lets its own thread group through first).  The
 * order of the checks stays has_pid_permissions()'s: a process the caller
 * can see whole by hidepid= or gid= alone is never ptrace-checked, which
 * an LSM might log (SELinux and AppArmor log a denial even with
 * %PTRACE_MODE_NOAUDIT).
 *
 * Return: %PIDINFO_VIEW_ALL; %PIDINFO_VIEW_PID for a process whose PID
 * /proc lists but whose files it denies (hidepid=noaccess); or
 * %PIDINFO_VIEW_NONE for one /proc does not show at all (hidepid=invisible
 * or ptraceable, kernel.pidinfo_restrict).
 */
enum pidinfo_view
pidinfo_view(struct pidinfo_policy *pol, struct task_struct *task)
{
	/*
	 * The sysctl, and hidepid=ptraceable, whose gid= group is not exempt
	 * (as in has_pid_permissions()): ptrace-readable, or nothing.  One
	 * may ptrace-read passes every hidepid= mode.
	 */
	if (pol->restricted || pol->hide_pid == HIDEPID_NOT_PTRACEABLE)
		return ptrace_may_access(task, PIDINFO_READ_NOAUDIT) ?
		       PIDINFO_VIEW_ALL : PIDINFO_VIEW_NONE;
	if (!pol->looked_up) {
		if (same_thread_group(task, current))
			return PIDINFO_VIEW_ALL;
		pidinfo_policy_look_up(pol);
		if (pol->hide_pid == HIDEPID_NOT_PTRACEABLE)
			return ptrace_may_access(task, PIDINFO_READ_NOAUDIT) ?
			       PIDINFO_VIEW_ALL : PIDINFO_VIEW_NONE;
	}
	if (pol->hide_pid == HIDEPID_OFF ||
	    in_group_p(pol->pid_gid) ||
	    ptrace_may_access(task, PIDINFO_READ_NOAUDIT))
		return PIDINFO_VIEW_ALL;
	return pol->hide_pid == HIDEPID_NO_ACCESS ? PIDINFO_VIEW_PID :
						    PIDINFO_VIEW_NONE;
}
