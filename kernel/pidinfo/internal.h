/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interface of kernel/pidinfo: shared by the syscalls and their
 * KUnit tests, not by the rest of the kernel.
 */
#ifndef _KERNEL_PIDINFO_INTERNAL_H
#define _KERNEL_PIDINFO_INTERNAL_H

#include <linux/pid.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <uapi/linux/pidinfo.h>

struct kernel_siginfo;
struct pid_namespace;
struct rusage;
struct task_struct;

#define PIDINFO_FLAGS_ALL	PIDINFO_PIDFD

/**
 * struct pidinfo_result - what get_pid_info() gathers before copy-out
 * @info:         the fields, exactly as user space will see them; its
 *                input fields (buffer pointers and sizes) are the caller's.
 * @children:     the first @nr_written children's PIDs, or NULL.
 * @nr_written:   entries of @children to copy out.
 * @root_buf:     PATH_MAX buffer holding @root, or NULL.
 * @root:         root directory path, NUL-terminated, inside @root_buf.
 * @cwd_buf:      PATH_MAX buffer holding @cwd, or NULL.
 * @cwd:          working directory path, inside @cwd_buf.
 *
 * Everything is collected into kernel memory with the locks held only as
 * long as the collection needs them; user memory is touched afterwards.
 */
struct pidinfo_result {
	struct pidinfo info;
	pid_t *children;
	u32 nr_written;
	char *root_buf;
	const char *root;
	char *cwd_buf;
	const char *cwd;
};

/*
 * For __free(pidinfo_result): the cleanup gets a pointer to the result,
 * as path.h arranges for __free(path_put), so nothing is copied.
 */
#define __free_pidinfo_result pidinfo_result_release

/* access.c: who may see what */
unsigned int pidinfo_stack_mode(void);
unsigned int pidinfo_paths_mode(const struct pidinfo *req);
bool pidinfo_visible(struct task_struct *task);

/**
 * struct ft_waiter - one ft_wait() call
 * @type:    what @pid selects: %PIDTYPE_PID, %PIDTYPE_PGID, or
 *           %PIDTYPE_MAX for any child
 * @pid:     the child or process group waited for, referenced; NULL for any
 * @options: wait4() options, plus %WEXITED
 * @entry:   the waiter on its process's child-exit queue; ->private is the
 *           waiting thread
 */
struct ft_waiter {
	enum pid_type type;
	struct pid *pid;
	int options;
	wait_queue_entry_t entry;
};

/*
 * The steps of each call that the KUnit suites test directly: static
 * unless CONFIG_KUNIT (VISIBLE_IF_KUNIT).  The suites are built in, never
 * modules, so nothing is exported.
 */
#if IS_ENABLED(CONFIG_KUNIT)
/* core.c: get_pid_info() */
int pidinfo_fill(struct task_struct *task, struct pid_namespace *ns,
		 struct pidinfo_result *res);
void pidinfo_result_release(struct pidinfo_result *res);
long do_get_pid_info(int pid, struct pidinfo __user *uinfo,
		     unsigned int usize, unsigned int flags);

/* signal.c: ft_kill() */
void ft_kill_prepare_siginfo(int sig, struct kernel_siginfo *info);
int ft_kill_permission(int sig, struct kernel_siginfo *info,
		       struct task_struct *t);
int do_ft_kill(pid_t pid, int sig);

/* wait.c: ft_wait() */
bool ft_wait_should_wake(const struct ft_waiter *w, struct task_struct *p);
long do_ft_wait(pid_t upid, int *status, int options, struct rusage *ru);
#endif

#endif /* _KERNEL_PIDINFO_INTERNAL_H */
