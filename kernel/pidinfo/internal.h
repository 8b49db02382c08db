/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interface of kernel/pidinfo: shared by the syscalls and their
 * KUnit tests, not by the rest of the kernel.
 */
#ifndef _KERNEL_PIDINFO_INTERNAL_H
#define _KERNEL_PIDINFO_INTERNAL_H

#include <linux/types.h>
#include <uapi/linux/pidinfo.h>

struct pid_namespace;
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

int pidinfo_fill(struct task_struct *task, struct pid_namespace *ns,
		 struct pidinfo_result *res);
void pidinfo_result_release(struct pidinfo_result *res);
long do_get_pid_info(int pid, struct pidinfo __user *uinfo,
		     unsigned int usize, unsigned int flags);

#endif /* _KERNEL_PIDINFO_INTERNAL_H */
