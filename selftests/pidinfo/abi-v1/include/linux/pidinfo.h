/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * pidinfo: describe a process in one system call, and fork(2), wait4(2) and
 * kill(2) re-implemented from kernel primitives.
 *
 * The four calls take numbers 600 to 603, the same in
 * arch/x86/entry/syscalls/syscall_{64,32}.tbl, in the generic
 * scripts/syscall.tbl and, for AArch32 tasks on arm64, in
 * arch/arm64/tools/syscall_32.tbl (not on Linux 6.1, whose arm64 compat
 * table is a header; nor on 32-bit arm kernels).  Linux 6.12 ends at 462 and upstream has since
 * allocated 463 and up, a few numbers a year; x86_64 reserves 512-547 for
 * x32.  600 is clear of both, with room for decades of upstream growth,
 * and keeps the syscall tables small.
 */
#ifndef _UAPI_LINUX_PIDINFO_H
#define _UAPI_LINUX_PIDINFO_H

#include <linux/types.h>

/*
 * Flags for get_pid_info().  The two NEXT flags list, as /proc's
 * directories do: PIDINFO_NEXT describes the first process whose PID is
 * at least @pid, PIDINFO_NEXT_THREAD the first thread of process
 * @info->tgid whose TID is at least @pid.
 */
#define PIDINFO_PIDFD		(1U << 0)	/* @pid is a pidfd, not a PID */
#define PIDINFO_NEXT		(1U << 1)	/* first process from @pid on */
#define PIDINFO_NEXT_THREAD	(1U << 2)	/* first thread from @pid on */

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

/*
 * Bits of pidinfo.mask: in, the fields wanted (0: every field of the
 * caller's struct); out, the fields filled in.
 */
#define PIDINFO_MASK_PID	(1ULL << 0)	/* pid, tgid */
#define PIDINFO_MASK_STATE	(1ULL << 1)	/* state */
#define PIDINFO_MASK_PPID	(1ULL << 2)	/* ppid */
#define PIDINFO_MASK_PGID	(1ULL << 3)	/* pgid, sid */
#define PIDINFO_MASK_CREDS	(1ULL << 4)	/* uid, euid, gid, egid */
#define PIDINFO_MASK_THREADS	(1ULL << 5)	/* nr_threads */
#define PIDINFO_MASK_NICE	(1ULL << 6)	/* nice */
#define PIDINFO_MASK_STACK	(1ULL << 7)	/* stack_start */
#define PIDINFO_MASK_TIME	(1ULL << 8)	/* start_time_ns, age_ns */
#define PIDINFO_MASK_COMM	(1ULL << 9)	/* comm, name (version 1) */
#define PIDINFO_MASK_CHILDREN	(1ULL << 10)	/* nr_children, children[] */
#define PIDINFO_MASK_ROOT	(1ULL << 11)	/* root_len, root[] */
#define PIDINFO_MASK_CWD	(1ULL << 12)	/* cwd_len, cwd[] */
/* Version 1 */
#define PIDINFO_MASK_CPUTIME	(1ULL << 13)	/* utime_ns, stime_ns */
#define PIDINFO_MASK_FAULTS	(1ULL << 14)	/* min_flt, maj_flt */
#define PIDINFO_MASK_MEMORY	(1ULL << 15)	/* vsize, rss, shared, locked */
#define PIDINFO_MASK_CPU	(1ULL << 16)	/* cpu */
#define PIDINFO_MASK_SCHED	(1ULL << 17)	/* policy, rt_priority, priority */
#define PIDINFO_MASK_TTY	(1ULL << 18)	/* tty_nr, tpgid */
#define PIDINFO_MASK_CGROUP	(1ULL << 19)	/* cgroup_id */
#define PIDINFO_MASK_ATTRIBUTES	(1ULL << 20)	/* attributes */
#define PIDINFO_MASK_EXE	(1ULL << 21)	/* exe_len, exe[] */
#define PIDINFO_MASK_CMDLINE	(1ULL << 22)	/* cmdline_len, cmdline[] */

#define PIDINFO_MASK__RESERVED	(1ULL << 63)	/* EINVAL if wanted */

/* Bits of pidinfo.attributes */
#define PIDINFO_ATTR_KTHREAD	(1ULL << 0)	/* a kernel thread (PF_KTHREAD) */

#define PIDINFO_COMM_LEN	16
#define PIDINFO_NAME_LEN	64

/**
 * struct pidinfo - what get_pid_info() reports about a process
 * @mask:          in: PIDINFO_MASK_* bits of the fields wanted, or 0 for
 *                 every field of the caller's struct version; out: the
 *                 bits of the fields filled in.  Bits the kernel does not
 *                 know are ignored, as are those of fields beyond the
 *                 caller's size; %PIDINFO_MASK__RESERVED gives -EINVAL.
 *                 %PIDINFO_MASK_PID is always filled; any other field may
 *                 be filled unasked (its bit then set), but the work of a
 *                 costly one (children, paths, command line, memory, CPU
 *                 time, the ptrace check) is done only when it is wanted.
 *                 The kernel overwrites @mask: set it again before each
 *                 call of a loop.  Version 0 had it as output only: a
 *                 @size below %PIDINFO_SIZE_VER1 gets every version 0
 *                 field, whatever @mask holds on input.
 * @pid:           out: thread ID, in the caller's PID namespace.
 * @tgid:          out: process (thread group) ID.  In, with
 *                 %PIDINFO_NEXT_THREAD: the process whose threads are
 *                 listed.
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
 * @utime_ns:      out: user CPU time in ns: of the whole process for a
 *                 lookup by PID, TID or pidfd, a thread pidfd included
 *                 (/proc/PID/stat and /proc/TID/stat utime); of the thread
 *                 alone with %PIDINFO_NEXT_THREAD (/proc/PID/task/TID/stat).
 * @stime_ns:      out: system CPU time, as @utime_ns.
 * @min_flt:       out: minor page faults, as @utime_ns (stat minflt).
 * @maj_flt:       out: major page faults, as @utime_ns (stat majflt).
 * @vsize:         out: virtual memory size in bytes (stat vsize); 0 for a
 *                 kernel thread or a zombie.
 * @rss:           out: resident set size in bytes (statm resident).
 * @shared:        out: of @rss, the file and shared memory pages, in
 *                 bytes (statm shared).
 * @locked:        out: memory locked into RAM, in bytes (status VmLck).
 * @cgroup_id:     out: ID of the process's cgroup v2 cgroup, as
 *                 name_to_handle_at() of its directory gives it; unset
 *                 (mask bit clear) without CONFIG_CGROUPS.
 * @attributes:    out: PIDINFO_ATTR_* bits.
 * @cpu:           out: CPU the thread last ran on (stat processor).
 * @policy:        out: scheduling policy, SCHED_* (stat policy).
 * @rt_priority:   out: real-time priority, 0 or 1..99 (stat rt_priority).
 * @priority:      out: priority as /proc/PID/stat shows it: -100..-1 for
 *                 real-time, 0..39 (nice + 20) otherwise.
 * @tty_nr:        out: controlling terminal, as a device number
 *                 (major << 8 | minor, with the minor's high bits at
 *                 bits 20-31, as stat tty_nr); 0: none.
 * @tpgid:         out: the foreground process group of that terminal
 *                 (stat tpgid): -1 without a terminal, 0 if the terminal
 *                 has no foreground group in the caller's PID namespace.
 * @name:          out: the whole name /proc/PID/comm and stat show,
 *                 NUL-padded: @comm and, for a workqueue worker or a
 *                 kernel thread, the rest of it, up to 63 bytes.
 * @exe:           in: user pointer to a buffer for the executable's path.
 * @exe_size:      in: size of the @exe buffer in bytes.
 * @exe_len:       out: as @root_len, for @exe (/proc/PID/exe).
 * @cmdline:       in: user pointer to a buffer for the command line.
 * @cmdline_size:  in: size of the @cmdline buffer in bytes.
 * @cmdline_len:   out: bytes /proc/PID/cmdline holds; the first
 *                 min(@cmdline_size, @cmdline_len) are written.  0 for a
 *                 kernel thread or a zombie.
 *
 * @stack_start, @root*, @cwd* and @exe* need the access /proc/PID/cwd
 * needs (PTRACE_MODE_READ_FSCREDS); without it their mask bits are clear.
 * Everything else is shown to whoever may see the process, as
 * /proc/PID/stat and cmdline show it.
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
	/* Version 1 */
	__u64 utime_ns;
	__u64 stime_ns;
	__u64 min_flt;
	__u64 maj_flt;
	__u64 vsize;
	__u64 rss;
	__u64 shared;
	__u64 locked;
	__u64 cgroup_id;
	__u64 attributes;
	__u32 cpu;
	__u32 policy;
	__u32 rt_priority;
	__s32 priority;
	__u32 tty_nr;
	__s32 tpgid;
	char name[PIDINFO_NAME_LEN];
	__aligned_u64 exe;
	__u32 exe_size;
	__u32 exe_len;
	__aligned_u64 cmdline;
	__u32 cmdline_size;
	__u32 cmdline_len;
};

#define PIDINFO_SIZE_VER0	144	/* sizeof first published struct */
#define PIDINFO_SIZE_VER1	344	/* adds @utime_ns to @cmdline_len */

#endif /* _UAPI_LINUX_PIDINFO_H */
