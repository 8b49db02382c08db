/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * <pidinfo.h>: libpidinfo, the pidinfo system calls for programs.
 *
 * Wrappers for get_pid_info(), ft_kill(), ft_fork() and ft_wait(), so that
 * programs need no raw syscall(); a request builder that asks again until
 * the buffers fit; an iterator over every process or thread; and writers
 * of a process's strings as JSON and as text safe for a terminal.  Each
 * call returns as the C library does: -1 with errno set on error.  See
 * libpidinfo(3).  Link with -lpidinfo (pkg-config libpidinfo).
 */
#ifndef _PIDINFO_H
#define _PIDINFO_H

#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <linux/limits.h>
#include <linux/pidinfo.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef PIDINFO_API
#define PIDINFO_API __attribute__((visibility("default")))
#endif

/*
 * Every field of each struct version: what a mask of 0 asks for.  A
 * kernel fills those it has (the identity needs Linux 6.9): its
 * supported_mask says which.
 */
#define PIDINFO_MASK_ALL_VER0	((PIDINFO_MASK_CWD << 1) - 1)
#define PIDINFO_MASK_ALL_VER1	((PIDINFO_MASK_CMDLINE << 1) - 1)
#define PIDINFO_MASK_ALL	((PIDINFO_MASK_SUPPORTED << 1) - 1)

/* The system calls. */
PIDINFO_API int get_pid_info(int pid, struct pidinfo *info, unsigned int size,
			     unsigned int flags);
PIDINFO_API long list_pid_info(const struct pidinfo_list_req *req,
			       void *buf, size_t bufsize, unsigned int flags);
PIDINFO_API int ft_kill(pid_t pid, int sig);
PIDINFO_API pid_t ft_fork(void);
PIDINFO_API pid_t ft_wait(pid_t pid, int *wstatus, int options,
			  struct rusage *rusage);

/* Non-zero on a kernel without get_pid_info() (CONFIG_PIDINFO=n). */
PIDINFO_API int pidinfo_missing(void);
/* Non-zero on a kernel without the re-implementations. */
PIDINFO_API int ft_missing(void);

/* Points the struct at the caller's buffers. */
PIDINFO_API void pidinfo_set_buffers(struct pidinfo *info, int *children,
				     unsigned int children_cap, char *root,
				     unsigned int root_size, char *cwd,
				     unsigned int cwd_size);
PIDINFO_API void pidinfo_set_exe(struct pidinfo *info, char *exe,
				 unsigned int exe_size);
PIDINFO_API void pidinfo_set_cmdline(struct pidinfo *info, char *cmdline,
				     unsigned int cmdline_size);

/* A whole answer: the struct and buffers big enough for everything. */
struct pidinfo_answer {
	struct pidinfo info;
	int *children;		/* info.nr_children of them */
	char *root;		/* NULL if withheld or gone */
	char *cwd;
	char *exe;
	char *cmdline;		/* info.cmdline_len bytes, NULs between */
};

PIDINFO_API int pidinfo_ask_mask(int pid, unsigned int flags, __u64 mask,
				 int tgid, struct pidinfo_answer *a);
PIDINFO_API int pidinfo_ask(int pid, unsigned int flags,
			    struct pidinfo_answer *a);
PIDINFO_API void pidinfo_answer_free(struct pidinfo_answer *a);

/* The bytes each record of list_pid_info() takes, as the kernel counts. */
PIDINFO_API size_t pidinfo_list_stride(const struct pidinfo_list_req *req);

/*
 * Every process (@tgid 0), or every thread of @tgid, in ID order: many
 * per list_pid_info() call, or one per get_pid_info() call on a kernel
 * without it.
 */
PIDINFO_API int pidinfo_list(__u64 mask, int tgid,
			     int (*fn)(const struct pidinfo *info, void *ctx),
			     void *ctx);

/*
 * A pidfd (pidfd_open(2) with @flags) for the process or thread @seen
 * describes, if its PID still names it: its identity (or, without one, its
 * start time) is checked through the new pidfd.  -1 with ESRCH if the PID
 * is free or names another process now.  @seen needs PIDINFO_MASK_PID and
 * PIDINFO_MASK_IDENTITY or PIDINFO_MASK_TIME.
 */
PIDINFO_API int pidinfo_pidfd_open(const struct pidinfo *seen,
				   unsigned int flags);

/* A request with fixed buffers, for callers that ask again and again. */
struct pidinfo_request {
	struct pidinfo info;
	int children[256];
	char root[PATH_MAX];
	char cwd[PATH_MAX];
	char exe[PATH_MAX];
	char cmdline[4096];
};

PIDINFO_API void pidinfo_request_init(struct pidinfo_request *req,
				      int pattern, int info_byte,
				      unsigned int cap);

/* Strings: UTF-8 checks, JSON, and text safe for a terminal. */
PIDINFO_API int pidinfo_utf8_len(const unsigned char *s);
PIDINFO_API void pidinfo_json_string(char *out, size_t size, const char *s);
PIDINFO_API size_t pidinfo_text_string(char *out, size_t size, const char *s,
				       size_t len);

#ifdef __cplusplus
}
#endif

#endif /* _PIDINFO_H */
