// SPDX-License-Identifier: GPL-2.0
/*
 * get_pid_info() shows a caller no more than its /proc does.  For each way
 * of mounting /proc (every hidepid= value, gid=, subset=pid, a private
 * instance as systemd's ProtectProc=invisible gives a service, one covered
 * by another file system, none at all), a caller in a mount namespace of
 * its own, as nobody or as root, compares what get_pid_info() says of each
 * process (by PID, by pidfd, listed, its threads listed) with what
 * ls /proc and reads under it say to the same caller.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

#define NOBODY		65534
#define OTHER_UID	61237	/* owns the victim */
#define EXEMPT_GID	61238	/* the gid= of the exempt variants */
/* Where a covered procfs is still seen, to know what it shows. */
#define UNDER_COVER	"/tmp/pidinfo-proc-under"
/* The new root of the symlink variant. */
#define NEW_ROOT	"/tmp/pidinfo-new-root"
#define MAX_PIDS	4096

/* How much of a process a caller sees. */
enum seen { SEEN_NONE, SEEN_PID, SEEN_ALL, SEEN_ERROR };

static const char *const seen_name[] = { "nothing", "its PID", "all",
					 "an error" };

/*
 * What the procfs at @root shows the caller of @pid: nothing (hidepid=
 * invisible or ptraceable: stat() fails), the PID alone (noaccess: the
 * directory is there but its files are refused), or its files.
 */
static enum seen proc_shows(const char *root, pid_t pid)
{
	char path[64];
	struct stat st;
	int fd;

	if (!root)	/* no procfs: kernel.pidinfo_restrict=0 decides */
		return SEEN_ALL;
	snprintf(path, sizeof(path), "%s/%d", root, pid);
	if (stat(path, &st))
		return SEEN_NONE;
	snprintf(path, sizeof(path), "%s/%d/stat", root, pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return SEEN_PID;
	close(fd);
	return SEEN_ALL;
}

/* Whether that procfs lists the threads of @pid (its task directory). */
static bool proc_lists_threads(const char *root, pid_t pid)
{
	char path[64];
	DIR *dir;

	if (!root)
		return true;
	snprintf(path, sizeof(path), "%s/%d/task", root, pid);
	dir = opendir(path);
	if (dir)
		closedir(dir);
	return dir;
}

/* What get_pid_info() shows of @pid (a pidfd with PIDINFO_PIDFD). */
static enum seen pidinfo_shows(int pid, unsigned int flags)
{
	struct pidinfo info = { .mask = 0 };

	if (get_pid_info(pid, &info, sizeof(info), flags))
		return errno == ESRCH ? SEEN_NONE : SEEN_ERROR;
	return info.mask == PIDINFO_MASK_PID ? SEEN_PID : SEEN_ALL;
}

static bool pidinfo_lists_threads(pid_t pid)
{
	struct pidinfo info = { .mask = PIDINFO_MASK_PID, .tgid = pid };

	return !get_pid_info(1, &info, sizeof(info), PIDINFO_NEXT_THREAD);
}

/* Still there?  Asked of kill(), which answers EPERM for another's. */
static bool exists(pid_t pid)
{
	return !kill(pid, 0) || errno != ESRCH;
}

static int list_proc(const char *root, pid_t *pids)
{
	return root ? proc_list_ids(root, pids, MAX_PIDS) : 0;
}

FIXTURE(proc_policy) {
	pid_t victim;
	pid_t pids[MAX_PIDS];
	int n;
};

/* How /proc is mounted, and who looks. */
struct proc_setup {
	const char *options;	/* of the procfs at /proc; NULL: none there */
	bool covered;		/* a tmpfs mounted over that procfs */
	bool other_pid_ns;	/* that procfs is of a child PID namespace */
	bool symlink;		/* /proc leads to it: a new root's symlink */
	uid_t uid;
	bool exempt;		/* the caller is in group EXEMPT_GID */
};

FIXTURE_VARIANT(proc_policy) {
	struct proc_setup setup;
};

#define GID_EXEMPT	",gid=61238"

FIXTURE_VARIANT_ADD(proc_policy, off_nobody) {
	.setup = { .options = "hidepid=off", .uid = NOBODY },
};

FIXTURE_VARIANT_ADD(proc_policy, off_root) {
	.setup = { .options = "hidepid=off", .uid = 0 },
};

FIXTURE_VARIANT_ADD(proc_policy, noaccess_nobody) {
	.setup = { .options = "hidepid=noaccess", .uid = NOBODY },
};

FIXTURE_VARIANT_ADD(proc_policy, noaccess_root) {
	.setup = { .options = "hidepid=noaccess", .uid = 0 },
};

FIXTURE_VARIANT_ADD(proc_policy, invisible_nobody) {
	.setup = { .options = "hidepid=invisible", .uid = NOBODY },
};

FIXTURE_VARIANT_ADD(proc_policy, invisible_root) {
	.setup = { .options = "hidepid=invisible", .uid = 0 },
};

FIXTURE_VARIANT_ADD(proc_policy, ptraceable_nobody) {
	.setup = { .options = "hidepid=ptraceable", .uid = NOBODY },
};

FIXTURE_VARIANT_ADD(proc_policy, ptraceable_root) {
	.setup = { .options = "hidepid=ptraceable", .uid = 0 },
};

FIXTURE_VARIANT_ADD(proc_policy, noaccess_gid_exempt) {
	.setup = {
		.options = "hidepid=noaccess" GID_EXEMPT,
		.uid = NOBODY,
		.exempt = true,
	},
};

FIXTURE_VARIANT_ADD(proc_policy, invisible_gid_exempt) {
	.setup = {
		.options = "hidepid=invisible" GID_EXEMPT,
		.uid = NOBODY,
		.exempt = true,
	},
};

FIXTURE_VARIANT_ADD(proc_policy, invisible_gid_not_a_member) {
	.setup = { .options = "hidepid=invisible" GID_EXEMPT, .uid = NOBODY },
};

FIXTURE_VARIANT_ADD(proc_policy, ptraceable_gid_exempts_no_one) {
	.setup = {
		.options = "hidepid=ptraceable" GID_EXEMPT,
		.uid = NOBODY,
		.exempt = true,
	},
};

FIXTURE_VARIANT_ADD(proc_policy, subset_pid) {
	.setup = { .options = "subset=pid", .uid = NOBODY },
};

/* Android: hidepid=2,gid=readproc, seen by a member of readproc. */
FIXTURE_VARIANT_ADD(proc_policy, android_readproc_member) {
	.setup = {
		.options = "hidepid=2" GID_EXEMPT,
		.uid = NOBODY,
		.exempt = true,
	},
};

/* systemd's ProtectProc=invisible with ProcSubset=pid: a private /proc. */
FIXTURE_VARIANT_ADD(proc_policy, systemd_protect_proc) {
	.setup = { .options = "hidepid=invisible,subset=pid", .uid = NOBODY },
};

FIXTURE_VARIANT_ADD(proc_policy, covered_by_tmpfs) {
	.setup = {
		.options = "hidepid=invisible",
		.covered = true,
		.uid = NOBODY,
	},
};

/* Not a view of the caller's processes: as if none were mounted. */
FIXTURE_VARIANT_ADD(proc_policy, of_another_pid_namespace) {
	.setup = {
		.options = "hidepid=invisible",
		.other_pid_ns = true,
		.uid = NOBODY,
	},
};

/* A root of a sandbox's own, whose /proc is a symlink to its procfs. */
FIXTURE_VARIANT_ADD(proc_policy, reached_by_a_symlink) {
	.setup = {
		.options = "hidepid=invisible",
		.symlink = true,
		.uid = NOBODY,
	},
};

FIXTURE_VARIANT_ADD(proc_policy, unmounted) {
	.setup = { .uid = NOBODY },
};

/* Another user's process, which nobody may ptrace-read. */
static pid_t start_victim(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(OTHER_UID) || setuid(OTHER_UID))
			_exit(1);
		for (;;)
			pause();
	}
	return pid;
}

static void stop_victim(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A mount namespace of our own, without the system's /proc. */
static int private_mount_ns(void)
{
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return -1;
	umount2("/proc", MNT_DETACH);
	return 0;
}

FIXTURE_SETUP(proc_policy)
{
	self->victim = start_victim();
	ASSERT_LE(0, self->victim);
	/* Every process there is, listed by root. */
	self->n = list_processes(self->pids, MAX_PIDS);
	ASSERT_LT(1, self->n);
}

FIXTURE_TEARDOWN(proc_policy)
{
	stop_victim(self->victim);
}

/* Exit codes of the prober. */
enum {
	PROBE_OK, PROBE_SETUP, PROBE_LOOKUP, PROBE_PIDFD, PROBE_LISTED,
	PROBE_THREADS, PROBE_ERROR,
};

/*
 * A procfs of a new PID namespace, mounted at /proc by its init: the
 * caller's processes are not in it.
 */
static int mount_proc_of_child_ns(const char *options)
{
	int status;
	pid_t pid;

	if (unshare(CLONE_NEWPID))
		return -1;
	pid = fork();
	if (pid == 0)
		_exit(mount("proc", "/proc", "proc", 0, options) ? 1 : 0);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/* /proc mounted as the variant says, in a mount namespace of our own. */
static const char *mount_proc(const struct proc_setup *v)
{
	if (private_mount_ns())
		return NULL;
	if (!v->options)
		return "";
	if (v->other_pid_ns)
		return mount_proc_of_child_ns(v->options) ? NULL : "";
	if (v->symlink) {
		mkdir(NEW_ROOT, 0755);
		if (mount("tmpfs", NEW_ROOT, "tmpfs", 0, NULL) ||
		    mkdir(NEW_ROOT "/real-proc", 0555) ||
		    mount("proc", NEW_ROOT "/real-proc", "proc", 0,
			  v->options) ||
		    symlink("/real-proc", NEW_ROOT "/proc") ||
		    chroot(NEW_ROOT) || chdir("/"))
			return NULL;
		return "/proc";
	}
	if (mount("proc", "/proc", "proc", 0, v->options))
		return NULL;
	if (!v->covered)
		return "/proc";
	mkdir(UNDER_COVER, 0755);
	if (mount("/proc", UNDER_COVER, NULL, MS_BIND, NULL) ||
	    mount("tmpfs", "/proc", "tmpfs", 0, NULL))
		return NULL;
	return UNDER_COVER;
}

static int become(const struct proc_setup *v)
{
	gid_t groups[] = { EXEMPT_GID };

	if (!v->uid)
		return 0;
	if (setgroups(v->exempt ? 1 : 0, groups))
		return -1;
	return setgid(v->uid) || setuid(v->uid) ? -1 : 0;
}

static int mismatch(int code, pid_t pid, enum seen proc, enum seen ours)
{
	fprintf(stderr, "# PID %d: /proc shows %s, get_pid_info() %s\n", pid,
		seen_name[proc], seen_name[ours]);
	return code;
}

/*
 * One process, by PID and by pidfd.  A process that changes meanwhile
 * (exits) is asked again; it must agree once it is stable.
 */
static int probe_one(const char *root, pid_t pid)
{
	enum seen proc, ours, by_fd;
	int tries, pidfd;

	for (tries = 0; tries < 3; tries++) {
		proc = proc_shows(root, pid);
		ours = pidinfo_shows(pid, 0);
		by_fd = ours;
		pidfd = sys_pidfd_open(pid, 0);
		if (pidfd >= 0) {
			by_fd = pidinfo_shows(pidfd, PIDINFO_PIDFD);
			close(pidfd);
		}
		if (!exists(pid))
			return PROBE_OK;
		if (proc == ours && by_fd == ours &&
		    proc_lists_threads(root, pid) == pidinfo_lists_threads(pid))
			return PROBE_OK;
	}
	if (ours == SEEN_ERROR || by_fd == SEEN_ERROR)
		return PROBE_ERROR;
	if (proc != ours)
		return mismatch(PROBE_LOOKUP, pid, proc, ours);
	if (by_fd != ours)
		return mismatch(PROBE_PIDFD, pid, ours, by_fd);
	return PROBE_THREADS;
}

/* The listing (PIDINFO_NEXT) holds what ls /proc holds. */
static int probe_listing(const char *root, const pid_t *all, int n)
{
	static pid_t listed[MAX_PIDS], shown[MAX_PIDS];
	int i, nr_listed, nr_shown;

	nr_listed = list_processes(listed, MAX_PIDS);
	nr_shown = list_proc(root, shown);
	if (nr_listed < 0 || nr_shown < 0)
		return PROBE_ERROR;
	for (i = 0; i < n; i++) {
		bool in_listing = pid_in(listed, nr_listed, all[i]);
		bool in_proc = root ? pid_in(shown, nr_shown, all[i]) : true;

		if (in_listing != in_proc && exists(all[i])) {
			fprintf(stderr, "# PID %d: %s by ls /proc, %s by PIDINFO_NEXT\n",
				all[i], in_proc ? "listed" : "not listed",
				in_listing ? "listed" : "not listed");
			return PROBE_LISTED;
		}
	}
	return PROBE_OK;
}

static int probe(const struct proc_setup *v, const pid_t *all,
		 int n)
{
	const char *root = mount_proc(v);
	int i, ret;

	if (!root || become(v))
		return PROBE_SETUP;
	if (!*root)
		root = NULL;
	for (i = 0; i < n; i++) {
		ret = probe_one(root, all[i]);
		if (ret)
			return ret;
	}
	/* Its own process, which it always sees. */
	if (pidinfo_shows(getpid(), 0) != SEEN_ALL)
		return PROBE_LOOKUP;
	return probe_listing(root, all, n);
}

TEST_F(proc_policy, matches_proc)
{
	pid_t prober;
	int status;

	if (geteuid())
		SKIP(return, "needs root to mount /proc and change users");
	prober = fork();
	ASSERT_LE(0, prober);
	if (prober == 0)
		_exit(probe(&variant->setup, self->pids, self->n));
	ASSERT_EQ(prober, waitpid(prober, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(PROBE_OK, WEXITSTATUS(status)) {
		const struct proc_setup *v = &variant->setup;

		TH_LOG("/proc mounted %s%s%s, as uid %u%s",
		       v->options ? v->options : "nowhere",
		       v->covered ? " and covered" : "",
		       v->other_pid_ns ? " for another PID namespace" : "",
		       v->uid,
		       v->exempt ? " in the gid= group" : "");
	}
}

/*
 * Runs @probe(@victim) in a child, as root in a mount namespace of its own
 * with no /proc yet; returns its exit code, or -1 if it did not exit.
 */
static int run_probe(int (*probe)(pid_t victim), pid_t victim)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(private_mount_ns() ? PROBE_SETUP : probe(victim));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* A tmpfs at /proc, no procfs beneath: the sysctl (0) decides. */
static int probe_without_proc(pid_t victim)
{
	if (mount("tmpfs", "/proc", "tmpfs", 0, NULL) ||
	    setgid(NOBODY) || setuid(NOBODY))
		return PROBE_SETUP;
	return pidinfo_shows(victim, 0) == SEEN_ALL ? PROBE_OK : PROBE_LOOKUP;
}

/*
 * The case a sandbox author must know: without a procfs at /proc, the
 * policy is kernel.pidinfo_restrict's, and with 0 a caller sees every
 * process.  Asserted here so that the documented rule stays the rule.
 */
TEST(no_proc_the_sysctl_decides)
{
	pid_t victim;

	if (geteuid())
		SKIP(return, "needs root to unmount /proc and change users");
	victim = start_victim();
	ASSERT_LE(0, victim);
	EXPECT_EQ(PROBE_OK, run_probe(probe_without_proc, victim));
	stop_victim(victim);
}

/*
 * A caller in a user namespace of its own (but not a PID namespace) may
 * chroot where no /proc is: its view proves nothing, and it sees only the
 * processes it may ptrace-read, whatever the sysctl.  Without that rule,
 * unshare -U and chroot undid every hidepid= for an unprivileged user.
 */
static int setup_failed(const char *step)
{
	fprintf(stderr, "# %s: %s\n", step, strerror(errno));
	return PROBE_SETUP;
}

static int escape_proc(pid_t victim)
{
	char map[32];

	if (mount("proc", "/proc", "proc", 0, "hidepid=invisible") ||
	    setgid(NOBODY) || setuid(NOBODY))
		return PROBE_SETUP;
	/* Seen as root, the victim is not the caller's to read. */
	if (pidinfo_shows(victim, 0) != SEEN_NONE)
		return PROBE_LOOKUP;
	/* setuid() left it undumpable: its uid_map would be root's. */
	if (prctl(PR_SET_DUMPABLE, 1) || unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return setup_failed("unshare(user, mount)");
	snprintf(map, sizeof(map), "0 %d 1", NOBODY);
	if (write_file("/proc/self/uid_map", map))
		return setup_failed("uid_map");
	if (chroot(UNDER_COVER "-root") || chdir("/"))
		return setup_failed("chroot");
	if (pidinfo_shows(victim, 0) != SEEN_NONE ||
	    pidinfo_shows(getpid(), 0) != SEEN_ALL)
		return PROBE_LOOKUP;
	return PROBE_OK;
}

TEST(user_namespace_cannot_leave_proc_behind)
{
	pid_t victim;

	if (geteuid())
		SKIP(return, "needs root to mount /proc and change users");
	victim = start_victim();
	ASSERT_LE(0, victim);
	mkdir(UNDER_COVER "-root", 0755);
	EXPECT_EQ(PROBE_OK, run_probe(escape_proc, victim));
	stop_victim(victim);
}

TEST_HARNESS_MAIN
