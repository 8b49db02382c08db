/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interface of kernel/pidinfo: shared by the syscalls and their
 * KUnit tests, not by the rest of the kernel.
 */
#ifndef _KERNEL_PIDINFO_INTERNAL_H
#define _KERNEL_PIDINFO_INTERNAL_H

#include <kunit/static_stub.h>
#include <linux/bits.h>
#include <linux/pid.h>
#include <linux/proc_fs.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <uapi/linux/pidfd.h>
#include <uapi/linux/pidinfo.h>

struct kernel_siginfo;
struct mm_struct;
struct pid_namespace;
struct rusage;
struct task_struct;

#define PIDINFO_FLAGS_ALL	(PIDINFO_PIDFD | PIDINFO_NEXT | PIDINFO_NEXT_THREAD)

/* The fields of each published struct version, what a mask of 0 asks for. */
#define PIDINFO_MASK_VER0	GENMASK_ULL(12, 0)
#define PIDINFO_MASK_VER1	GENMASK_ULL(22, 0)
#define PIDINFO_MASK_VER2	GENMASK_ULL(25, 0)

/*
 * pidfs numbers every struct pid, never twice in a boot: the identity.
 * It came in Linux 6.9 with PIDFD_THREAD, which marks a tree that has it;
 * Linux 6.1, to which the series is backported, has neither, and leaves
 * the field out.
 */
#ifdef PIDFD_THREAD
#define PIDINFO_MASK_NO_PIDFS	0
static inline u64 pidinfo_pid_ino(struct pid *pid)
{
	return pid->ino;
}
#else
#define PIDINFO_MASK_NO_PIDFS	PIDINFO_MASK_IDENTITY
static inline u64 pidinfo_pid_ino(struct pid *pid)
{
	return 0;
}
#endif

/*
 * Every field this kernel can fill, what %PIDINFO_MASK_SUPPORTED reports:
 * all it knows, but the identity without pidfs and the cgroup ID without
 * cgroups.
 */
#define PIDINFO_MASK_SUPPORTED_ALL					\
	(PIDINFO_MASK_VER2 & ~PIDINFO_MASK_NO_PIDFS &			\
	 ~(IS_ENABLED(CONFIG_CGROUPS) ? 0 : PIDINFO_MASK_CGROUP))

/* Fields /proc shows only to those who may ptrace-read the process. */
#define PIDINFO_MASK_PRIVATE	(PIDINFO_MASK_STACK | PIDINFO_MASK_ROOT | \
				 PIDINFO_MASK_CWD | PIDINFO_MASK_EXE)

/**
 * struct pidinfo_policy - which processes the caller may see, and how much
 * @hide_pid:   hidepid= of the caller's /proc; %HIDEPID_OFF without one
 * @pid_gid:    gid= of the caller's /proc: its members are exempt from
 *              hidepid=noaccess and invisible
 * @restricted: kernel.pidinfo_restrict: only ptrace-readable processes
 * @looked_up:  @hide_pid and @pid_gid are known.  Until they are needed,
 *              they are not: every policy shows the caller's own process,
 *              so a call about it never reads /proc.
 */
struct pidinfo_policy {
	enum proc_hidepid hide_pid;
	kgid_t pid_gid;
	bool restricted;
	bool looked_up;
};

/* How much of a process pidinfo_view() lets the caller see. */
enum pidinfo_view {
	PIDINFO_VIEW_NONE,	/* nothing: it does not exist for the caller */
	PIDINFO_VIEW_PID,	/* its PID: hidepid=noaccess */
	PIDINFO_VIEW_ALL,	/* what /proc/PID shows */
};

/*
 * The fields of struct pidinfo that a call reads: the mask, the process
 * whose threads are listed, and the buffers.  The rest is output.
 */
struct pidinfo_input {
	u64 mask;
	u64 children;
	u64 root;
	u64 cwd;
	u64 exe;
	u64 cmdline;
	s32 tgid;
	u32 children_cap;
	u32 root_size;
	u32 cwd_size;
	u32 exe_size;
	u32 cmdline_size;
};

/**
 * struct pidinfo_request - what get_pid_info() was asked
 * @in:          the input fields of the caller's struct.
 * @want:        PIDINFO_MASK_* bits of the fields to gather: the caller's
 *               mask, limited to its struct version, plus %PIDINFO_MASK_PID.
 * @thread_only: CPU times and faults of the thread alone, not of its
 *               process (%PIDINFO_NEXT_THREAD, as /proc/PID/task/TID/stat).
 * @policy:      what the caller may see, decided once per call.
 */
struct pidinfo_request {
	struct pidinfo_input in;
	u64 want;
	bool thread_only;
	struct pidinfo_policy policy;
};

/**
 * struct pidinfo_result - what get_pid_info() gathers before copy-out
 * @info:         the fields, exactly as user space will see them; its
 *                input fields (buffer pointers and sizes) are the caller's.
 * @want:         the fields to gather, see struct pidinfo_request.
 * @thread_only:  see struct pidinfo_request.
 * @children:     the first @nr_written children's PIDs, or NULL.
 * @nr_written:   entries of @children to copy out.
 * @root_buf:     PATH_MAX buffer holding @root, or NULL.
 * @root:         root directory path, NUL-terminated, inside @root_buf.
 * @cwd_buf:      PATH_MAX buffer holding @cwd, or NULL.
 * @cwd:          working directory path, inside @cwd_buf.
 * @exe_buf:      PATH_MAX buffer holding @exe, or NULL.
 * @exe:          executable's path, inside @exe_buf.
 * @mm:           the process's memory, referenced (mmget), for the command
 *                line; NULL if not wanted or none (kernel thread, zombie).
 *
 * Everything is collected into kernel memory with the locks held only as
 * long as the collection needs them; user memory is touched afterwards.
 * The command line is the exception: it is read from @mm straight into
 * the caller's buffer a page at a time, as /proc/PID/cmdline is, so that
 * its size costs no kernel memory.
 */
struct pidinfo_result {
	struct pidinfo info;
	u64 want;
	bool thread_only;
	pid_t *children;
	u32 nr_written;
	char *root_buf;
	const char *root;
	char *cwd_buf;
	const char *cwd;
	char *exe_buf;
	const char *exe;
	struct mm_struct *mm;
};

/*
 * For __free(pidinfo_result): the cleanup gets a pointer to the result,
 * as path.h arranges for __free(path_put), so nothing is copied.
 */
#define __free_pidinfo_result pidinfo_result_release

/* access.c: who may see what */
unsigned int pidinfo_stack_mode(void);
unsigned int pidinfo_paths_mode(u64 want, const struct pidinfo *in);
void pidinfo_policy_init(struct pidinfo_policy *pol);
enum pidinfo_view pidinfo_view(struct pidinfo_policy *pol,
			       struct task_struct *task);

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
 * Children recorded per hold of tasklist_lock.  fork() and exit() wait for
 * it to write, and /proc/PID/task/TID/children holds it for one child at a
 * time: a walk of a thousand children must not stall them for longer
 * (see pidinfo_walk_children() for which children are walked so).
 */
#define PIDINFO_CHILDREN_PER_HOLD	128

/*
 * The steps of each call that the KUnit suites test directly: static
 * unless CONFIG_KUNIT (VISIBLE_IF_KUNIT).  The suites are built in, never
 * modules, so nothing is exported.
 */
/* core.c: the steps of a call, which a batch repeats per record */
int pidinfo_request_init(struct pidinfo_request *req, unsigned int usize,
			 unsigned int flags);
bool pidinfo_threads_visible(struct pid *process,
			     struct pidinfo_policy *pol);
int pidinfo_describe_next(struct pid *process, int nr,
			  struct pidinfo_request *req,
			  struct pidinfo_result *res);
int pidinfo_copy_to_user(struct pidinfo __user *uinfo, unsigned int usize,
			 struct pidinfo_result *res);
void pidinfo_result_release(struct pidinfo_result *res);

#if IS_ENABLED(CONFIG_KUNIT)
/* access.c: who sees what */
void pidinfo_policy_look_up(struct pidinfo_policy *pol);
/* core.c: get_pid_info() */
int pidinfo_fill(struct task_struct *task, struct pid_namespace *ns,
		 struct pidinfo_result *res);
long do_get_pid_info(int pid, struct pidinfo __user *uinfo,
		     unsigned int usize, unsigned int flags);
/* list.c: list_pid_info() */
long do_list_pid_info(const struct pidinfo_list_req __user *ureq,
		      void __user *ubuf, size_t bufsize, unsigned int flags);
struct pid *pidinfo_next_process(int nr, struct pid_namespace *ns);
struct pid *pidinfo_next_thread(struct pid *process, int nr,
				struct pid_namespace *ns);
bool pidinfo_children_pause(struct task_struct *thread,
			    struct task_struct *child);

/* signal.c: ft_kill() */
void ft_kill_prepare_siginfo(int sig, struct kernel_siginfo *info);
int ft_kill_permission(int sig, struct kernel_siginfo *info,
		       struct task_struct *t);
int do_ft_kill(pid_t pid, int sig);

/* wait.c: ft_wait() */
bool ft_wait_should_wake(const struct ft_waiter *w, struct task_struct *p);
long ft_wait_report(const struct ft_waiter *w, struct pid *pid, int *status,
		    struct rusage *ru);
long do_ft_wait(pid_t upid, int *status, int options, struct rusage *ru);
#endif

#endif /* _KERNEL_PIDINFO_INTERNAL_H */
