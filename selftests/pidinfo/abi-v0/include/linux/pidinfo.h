/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * pidinfo: describe a process in one system call, and fork(2), wait4(2) and
 * kill(2) re-implemented from kernel primitives.
 *
 * The four calls take numbers 600 to 603, the same in
 * arch/x86/entry/syscalls/syscall_64.tbl and in the generic
 * scripts/syscall.tbl.  Linux 6.12 ends at 462 and upstream has since
 * allocated 463 and up, a few numbers a year; x86_64 reserves 512-547 for
 * x32.  600 is clear of both, with room for decades of upstream growth,
 * and keeps the syscall tables small.
 */
#ifndef _UAPI_LINUX_PIDINFO_H
#define _UAPI_LINUX_PIDINFO_H

#include <linux/types.h>

/* Flags for get_pid_info() */
#define PIDINFO_PIDFD		(1U << 0)	/* @pid is a pidfd, not a PID */

/* Values of pidinfo.state: the letters of /proc/PID/stat */
#define PIDINFO_STATE_RUNNING	'R'
#define PIDINFO_STATE_SLEEPING	'S'
#define PIDINFO_STATE_DISK_SLEEP 'D'
#define PIDINFO_STATE_STOPPED	'T'
#define PIDINFO_STATE_TRACED	't'
#define PIDINFO_STATE_DEAD	'X'
#define PIDINFO_STATE_ZOMBIE	'Z'
#define PIDINFO_STATE_PARKED	'P'
#define PIDINFO_STATE_IDLE	'I'

/* Bits of pidinfo.mask: which fields the kernel filled in */
#define PIDINFO_MASK_PID	(1ULL << 0)	/* pid, tgid */
#define PIDINFO_MASK_STATE	(1ULL << 1)	/* state */
#define PIDINFO_MASK_PPID	(1ULL << 2)	/* ppid */
#define PIDINFO_MASK_PGID	(1ULL << 3)	/* pgid, sid */
#define PIDINFO_MASK_CREDS	(1ULL << 4)	/* uid, euid, gid, egid */
#define PIDINFO_MASK_THREADS	(1ULL << 5)	/* nr_threads */
#define PIDINFO_MASK_NICE	(1ULL << 6)	/* nice */
#define PIDINFO_MASK_STACK	(1ULL << 7)	/* stack_start */
#define PIDINFO_MASK_TIME	(1ULL << 8)	/* start_time_ns, age_ns */
#define PIDINFO_MASK_COMM	(1ULL << 9)	/* comm */
#define PIDINFO_MASK_CHILDREN	(1ULL << 10)	/* nr_children, children[] */
#define PIDINFO_MASK_ROOT	(1ULL << 11)	/* root_len, root[] */
#define PIDINFO_MASK_CWD	(1ULL << 12)	/* cwd_len, cwd[] */

#define PIDINFO_COMM_LEN	16

/**
 * struct pidinfo - what get_pid_info() reports about a process
 * @mask:          out: PIDINFO_MASK_* bits of the fields that were filled.
 * @pid:           out: thread ID, in the caller's PID namespace.
 * @tgid:          out: process (thread group) ID.
 * @ppid:          out: parent's process ID; 0 if outside the namespace.
 * @pgid:          out: process group ID; 0 if outside the namespace.
 * @sid:           out: session ID; 0 if outside the namespace.
 * @state:         out: one of PIDINFO_STATE_*, the letters R S D T t X Z P I
 *                 of /proc/PID/stat.
 * @uid:           out: real user ID, in the caller's user namespace.
 * @euid:          out: effective user ID.
 * @gid:           out: real group ID.
 * @egid:          out: effective group ID.
 * @nr_threads:    out: threads in the process, as in /proc/PID/stat.
 * @nice:          out: nice value, -20..19, as in /proc/PID/stat.
 * @stack_start:   out: start of the user stack, mm->start_stack (0: kernel
 *                 thread, zombie); only for callers that may ptrace-read
 *                 the process.
 * @start_time_ns: out: start time, in ns of boot time (CLOCK_BOOTTIME in
 *                 the caller's time namespace); /proc/PID/stat's starttime
 *                 is this in clock ticks.
 * @age_ns:        out: time since the process started, in ns.
 * @comm:          out: command name, NUL-padded: the first 15 bytes of what
 *                 /proc/PID/comm shows.  For a user process that is all of
 *                 it; for a workqueue worker /proc adds the workqueue
 *                 (kworker/u8:0-events) and for a kernel thread its full
 *                 name, up to 63 bytes, of which @comm holds the first 15
 *                 (kworker/u8:0-e).
 * @children:      in: user pointer to an array of __s32 for children's PIDs.
 * @children_cap:  in: entries @children can hold.
 * @nr_children:   out: the true number of children; the first
 *                 min(@children_cap, @nr_children) are written.
 * @root:          in: user pointer to a buffer for the root directory path.
 * @root_size:     in: size of the @root buffer in bytes.
 * @root_len:      out: bytes the path takes, including its NUL; the path is
 *                 written only if it fits (@root_len <= @root_size).
 * @cwd:           in: user pointer to a buffer for the working directory.
 * @cwd_size:      in: size of the @cwd buffer in bytes.
 * @cwd_len:       out: as @root_len, for @cwd.
 *
 * @stack_start, @root* and @cwd* need the access /proc/PID/cwd needs
 * (PTRACE_MODE_READ_FSCREDS); without it their mask bits are clear.
 */
struct pidinfo {
	__u64 mask;
	__s32 pid;
	__s32 tgid;
	__s32 ppid;
	__s32 pgid;
	__s32 sid;
	__u32 state;
	__u32 uid;
	__u32 euid;
	__u32 gid;
	__u32 egid;
	__u32 nr_threads;
	__s32 nice;
	__u64 stack_start;
	__u64 start_time_ns;
	__u64 age_ns;
	char comm[PIDINFO_COMM_LEN];
	__aligned_u64 children;
	__u32 children_cap;
	__u32 nr_children;
	__aligned_u64 root;
	__u32 root_size;
	__u32 root_len;
	__aligned_u64 cwd;
	__u32 cwd_size;
	__u32 cwd_len;
};

#define PIDINFO_SIZE_VER0	144	/* sizeof first published struct */

#endif /* _UAPI_LINUX_PIDINFO_H */
