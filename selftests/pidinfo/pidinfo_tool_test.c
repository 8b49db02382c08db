// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo(1), the user tool of tools/pidinfo, built beside the tests:
 * its JSON is valid whatever processes name themselves and their
 * directories, its text shows no terminal escapes, and show, ps and tree
 * work with /proc unmounted.  Its command line: help for every command,
 * usage errors before any call.  And libpidinfo as installed (make
 * install DESTDIR=installed prefix=/usr): its files, the installed
 * pidinfo, and a program built against it with pkg-config.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>

#include <linux/magic.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

/* The tool, built beside this test: found before any test moves away. */
static char tool[PATH_MAX];

/* The install beside it, and the program built against it. */
static char installed[PATH_MAX], consumer[PATH_MAX];

static void __attribute__((constructor)) find_tool(void)
{
	if (!realpath("pidinfo", tool))
		snprintf(tool, sizeof(tool), "pidinfo");
	if (!realpath("installed", installed))
		snprintf(installed, sizeof(installed), "installed");
	if (!realpath("libpidinfo_consumer", consumer))
		snprintf(consumer, sizeof(consumer), "libpidinfo_consumer");
}

/* Runs the tool with @args (a shell word list); its output in @out. */
static int run_tool(const char *args, char *out, size_t size)
{
	char cmd[PATH_MAX + 256];

	snprintf(cmd, sizeof(cmd), "%s %s", tool, args);
	return run_cmd(cmd, out, size);
}

/*
 * A strict JSON reader (RFC 8259), enough to tell valid from invalid and
 * to decode strings: @p advances over one value; false if it is not one.
 * A string's decoded bytes go to @str when @key matches the key before it.
 */
struct json {
	const char *p;
	const char *key;	/* decode the string of this key */
	char *str;
	size_t size;
	bool found;
};

static void json_space(struct json *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
		j->p++;
}

static bool json_value(struct json *j, const char *key);

/* Appends code point @cp, as UTF-8, to @out. */
static size_t put_utf8(char *out, unsigned int cp)
{
	if (cp < 0x80) {
		out[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = 0xc0 | cp >> 6;
		out[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	out[0] = 0xe0 | cp >> 12;
	out[1] = 0x80 | (cp >> 6 & 0x3f);
	out[2] = 0x80 | (cp & 0x3f);
	return 3;
}

static bool json_string(struct json *j, char *out, size_t size)
{
	size_t n = 0;

	if (*j->p++ != '"')
		return false;
	for (;;) {
		unsigned char c = *j->p++;
		char buf[4];
		size_t len = 1;

		if (c == '"')
			break;
		if (c < 0x20)
			return false;
		buf[0] = c;
		if (c == '\\') {
			c = *j->p++;
			switch (c) {
			case '"': case '\\': case '/':
				buf[0] = c;
				break;
			case 'b':
				buf[0] = '\b';
				break;
			case 'f':
				buf[0] = '\f';
				break;
			case 'n':
				buf[0] = '\n';
				break;
			case 'r':
				buf[0] = '\r';
				break;
			case 't':
				buf[0] = '\t';
				break;
			case 'u': {
				unsigned int cp;

				if (sscanf(j->p, "%4x", &cp) != 1 ||
				    !isxdigit((unsigned char)j->p[3]))
					return false;
				j->p += 4;
				len = put_utf8(buf, cp);
				break;
			}
			default:
				return false;
			}
		} else if (c >= 0x80) {
			/* Raw bytes must be valid UTF-8. */
			len = pidinfo_utf8_len((const unsigned char *)j->p - 1);
			if (!len)
				return false;
			memcpy(buf, j->p - 1, len);
			j->p += len - 1;
		}
		if (out && n + len < size) {
			memcpy(out + n, buf, len);
			n += len;
		}
	}
	if (out)
		out[n] = '\0';
	return true;
}

static bool json_number(struct json *j)
{
	const char *start = j->p;

	if (*j->p == '-')
		j->p++;
	if (*j->p == '0')
		j->p++;
	else if (*j->p >= '1' && *j->p <= '9')
		while (isdigit((unsigned char)*j->p))
			j->p++;
	else
		return false;
	if (*j->p == '.') {
		j->p++;
		if (!isdigit((unsigned char)*j->p))
			return false;
		while (isdigit((unsigned char)*j->p))
			j->p++;
	}
	return j->p > start;
}

static bool json_container(struct json *j, char open, char close, bool keys)
{
	char key[256];

	j->p++;
	json_space(j);
	if (*j->p == close) {
		j->p++;
		return true;
	}
	for (;;) {
		json_space(j);
		key[0] = '\0';
		if (keys) {
			if (!json_string(j, key, sizeof(key)))
				return false;
			json_space(j);
			if (*j->p++ != ':')
				return false;
		}
		if (!json_value(j, keys ? key : NULL))
			return false;
		json_space(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p++ != close)
			return false;
		return true;
	}
	(void)open;
}

static bool json_value(struct json *j, const char *key)
{
	json_space(j);
	switch (*j->p) {
	case '{':
		return json_container(j, '{', '}', true);
	case '[':
		return json_container(j, '[', ']', false);
	case '"':
		if (key && j->key && !strcmp(key, j->key) && !j->found) {
			j->found = true;
			return json_string(j, j->str, j->size);
		}
		return json_string(j, NULL, 0);
	case 't':
		return !strncmp(j->p, "true", 4) && (j->p += 4);
	case 'f':
		return !strncmp(j->p, "false", 5) && (j->p += 5);
	case 'n':
		return !strncmp(j->p, "null", 4) && (j->p += 4);
	default:
		return json_number(j);
	}
}

/* Valid JSON values, one after another; @key's first string into @str. */
static bool json_valid(const char *text, const char *key, char *str,
		       size_t size)
{
	struct json j = { .p = text, .key = key, .str = str, .size = size };

	json_space(&j);
	if (!*j.p)
		return false;
	while (*j.p) {
		if (!json_value(&j, NULL))
			return false;
		json_space(&j);
	}
	return !key || j.found;
}

TEST(json_reader_refuses_bad_json)
{
	EXPECT_TRUE(json_valid("{\"a\":[1,-2.5,\"x\\n\",null,true]}", NULL,
			       NULL, 0));
	EXPECT_FALSE(json_valid("{\"a\":\"x\ny\"}", NULL, NULL, 0));
	EXPECT_FALSE(json_valid("{\"a\":\"\\q\"}", NULL, NULL, 0));
	EXPECT_FALSE(json_valid("{\"a\":\"\xff\"}", NULL, NULL, 0));
	EXPECT_FALSE(json_valid("{\"a\":1,}", NULL, NULL, 0));
	EXPECT_FALSE(json_valid("{\"a\" 1}", NULL, NULL, 0));
}

/* Names no JSON writer may pass through raw. */
static const char *const hostile[] = {
	"quote\"d", "back\\slash", "new\nline", "tab\tand\x01ctl",
	"bad\xffutf8", "caf\xc3\xa9", "\"}],{\"x\":",
};

/*
 * A child sleeping in a directory named @name, and named the same (the
 * first 15 bytes); returns its PID.
 */
static pid_t start_in(const char *name)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (chdir(name) || prctl(PR_SET_NAME, name))
			_exit(1);
		for (;;)
			pause();
	}
	return pid;
}

TEST(json_of_hostile_names)
{
	static char out[1 << 16];
	char dir[PATH_MAX], cwd[PATH_MAX], got[PATH_MAX], args[64];
	unsigned int i;

	ASSERT_EQ(0, chdir("/tmp"));
	for (i = 0; i < ARRAY_SIZE(hostile); i++) {
		pid_t pid;

		snprintf(dir, sizeof(dir), "/tmp/%s", hostile[i]);
		ASSERT_EQ(0, mkdir(dir, 0755));
		pid = start_in(dir);
		ASSERT_LT(0, pid);
		ASSERT_TRUE(wait_for_proc_state(pid, 'S'));
		ASSERT_LT(0, proc_readlink(pid, "cwd", cwd, sizeof(cwd)));

		snprintf(args, sizeof(args), "show --json %d", pid);
		ASSERT_EQ(0, run_tool(args, out, sizeof(out)));
		EXPECT_TRUE(json_valid(out, "cwd", got, sizeof(got))) {
			TH_LOG("invalid JSON for %s: %s", dir, out);
		}
		/* Decoded, it is the name, but for bytes that are not UTF-8. */
		if (!strchr(hostile[i], '\xff'))
			EXPECT_STREQ(cwd, got);
		EXPECT_TRUE(json_valid(out, "comm", got, sizeof(got)));

		snprintf(args, sizeof(args), "--tree --json %d", pid);
		ASSERT_EQ(0, run_tool(args, out, sizeof(out)));
		EXPECT_TRUE(json_valid(out, NULL, NULL, 0));

		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		rmdir(dir);
	}
}

TEST(ps_and_tree_json)
{
	static char out[1 << 20];
	char name[PIDINFO_NAME_LEN];
	pid_t pid = start_in("/tmp");
	unsigned int i;

	ASSERT_LT(0, pid);
	ASSERT_EQ(0, run_tool("ps --json", out, sizeof(out)));
	EXPECT_TRUE(json_valid(out, NULL, NULL, 0));
	ASSERT_EQ(0, run_tool("ps -L --json", out, sizeof(out)));
	EXPECT_TRUE(json_valid(out, NULL, NULL, 0));
	ASSERT_EQ(0, run_tool("tree --json", out, sizeof(out)));
	EXPECT_TRUE(json_valid(out, "name", name, sizeof(name)));
	for (i = 0; i < ARRAY_SIZE(hostile); i++) {
		/* A process renamed to each, in the listing. */
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		pid = fork();
		if (pid == 0) {
			prctl(PR_SET_NAME, hostile[i]);
			for (;;)
				pause();
		}
		ASSERT_TRUE(wait_for_proc_state(pid, 'S'));
		ASSERT_EQ(0, run_tool("ps --json -o pid,comm", out,
				      sizeof(out)));
		EXPECT_TRUE(json_valid(out, NULL, NULL, 0));
		ASSERT_EQ(0, run_tool("tree --json", out, sizeof(out)));
		EXPECT_TRUE(json_valid(out, NULL, NULL, 0));
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * The identity ps and tree show is the process's: st_ino of a pidfd for
 * it where pidfs numbers processes, '-' (JSON null) on a kernel without.
 */
TEST(ps_and_tree_show_identities)
{
	static char out[1 << 20];
	struct pidinfo info = { .mask = PIDINFO_MASK_SUPPORTED };
	char id[32], text[32], want[128];
	pid_t pid = start_in("/tmp");
	struct statx stx;
	int pidfd;

	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_for_proc_state(pid, 'S'));
	ASSERT_EQ(0, get_pid_info(pid, &info, sizeof(info), 0));
	snprintf(id, sizeof(id), "null");
	snprintf(text, sizeof(text), "-");
	if (info.supported_mask & PIDINFO_MASK_IDENTITY) {
		pidfd = sys_pidfd_open(pid, 0);
		ASSERT_LE(0, pidfd);
		ASSERT_EQ(0, statx(pidfd, "", AT_EMPTY_PATH, STATX_INO, &stx));
		close(pidfd);
		snprintf(id, sizeof(id), "%llu",
			 (unsigned long long)stx.stx_ino);
		snprintf(text, sizeof(text), "%s", id);
	}

	ASSERT_EQ(0, run_tool("ps -o pid,identity", out, sizeof(out)));
	snprintf(want, sizeof(want), "\n%5d %8s\n", pid, text);
	EXPECT_NE(NULL, strstr(out, want)) TH_LOG("no '%s' in ps", want + 1);
	ASSERT_EQ(0, run_tool("ps --json -o pid,identity", out, sizeof(out)));
	snprintf(want, sizeof(want), "{\"pid\":%d,\"identity\":%s}", pid, id);
	EXPECT_NE(NULL, strstr(out, want)) TH_LOG("no %s in ps --json", want);
	snprintf(want, sizeof(want), "tree --json %d", pid);
	ASSERT_EQ(0, run_tool(want, out, sizeof(out)));
	snprintf(want, sizeof(want), "{\"pid\":%d,\"identity\":%s,", pid, id);
	EXPECT_EQ(0, strncmp(out, want, strlen(want))) TH_LOG("%s", out);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * Runs @fn in a child with a mount namespace of its own, where it may
 * unmount what it likes; the child's exit status (10 if it had no
 * namespace), or -1.
 */
static int in_own_mounts(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
			_exit(10);
		_exit(fn());
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int run_without_proc(void)
{
	static char out[1 << 20];
	char args[64], mine[32];
	struct stat st;

	if (umount2("/proc", MNT_DETACH) || !stat("/proc/self", &st))
		return 11;
	snprintf(mine, sizeof(mine), "\n%5d ", getpid());
	if (run_tool("ps", out, sizeof(out)) || !strstr(out, mine))
		return 12;
	if (run_tool("ps -L -o pid,lwp,comm", out, sizeof(out)))
		return 13;
	if (run_tool("tree -p", out, sizeof(out)) || !strstr(out, "(1)"))
		return 14;
	snprintf(args, sizeof(args), "show %d", getpid());
	if (run_tool(args, out, sizeof(out)) || !strstr(out, "cmdline"))
		return 15;
	return 0;
}

/* With /proc unmounted, in a mount namespace of its own. */
TEST(without_proc)
{
	EXPECT_EQ(0, in_own_mounts(run_without_proc));
}

/* The real programs, which the guest has beside the tests. */
#define PROCPS_PS	"/usr/bin/ps"
#define PSMISC_PSTREE	"/usr/bin/pstree"
/* ps -eo's columns (with -L: pid,lwp,...), as pidinfo ps has them. */
#define PS_AFTER_PID	"ppid,user,stat,ni,rss,vsz,time,start,tty,comm"
#define PS_FIELDS	11
enum { COL_PID, COL_PPID, COL_USER, COL_STAT, COL_NI, COL_RSS, COL_VSZ,
	COL_TIME, COL_START, COL_TTY, COL_COMM };

struct ps_row {
	/* With -L, LWP adds one; the last, COMMAND, may hold spaces. */
	char *field[PS_FIELDS + 1];
};

/* Splits ps output (header first) into rows; returns how many. */
static int ps_rows(char *out, struct ps_row *rows, int max, int fields)
{
	char *line, *save, *p;
	int n = 0, i;

	strtok_r(out, "\n", &save);	/* the header */
	if (fields > (int)ARRAY_SIZE(rows->field))
		return -1;
	while ((line = strtok_r(NULL, "\n", &save)) && n < max) {
		p = line;
		for (i = 0; i < fields; i++) {
			while (*p == ' ')
				p++;
			rows[n].field[i] = p;
			if (i == fields - 1)
				break;
			p += strcspn(p, " ");
			if (*p)
				*p++ = '\0';
		}
		n++;
	}
	return n;
}

static struct ps_row *ps_find(struct ps_row *rows, int n, const char *key,
			      int key_field)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].field[key_field], key))
			return &rows[i];
	return NULL;
}

/* The rows' own programs come and go between the two runs. */
static bool transient(const struct ps_row *row, int comm_field)
{
	const char *comm = row->field[comm_field];

	return !strcmp(comm, "ps") || !strcmp(comm, "sh") ||
	       !strcmp(comm, "pidinfo") || kill(atoi(row->field[COL_PID]), 0);
}

static long clock_seconds(const char *t)
{
	unsigned int d = 0, h, m, s;

	if (sscanf(t, "%u-%u:%u:%u", &d, &h, &m, &s) == 4)
		return ((d * 24L + h) * 60 + m) * 60 + s;
	if (sscanf(t, "%u:%u:%u", &h, &m, &s) == 3)
		return (h * 60L + m) * 60 + s;
	return -1;
}

/*
 * Each row of procps' ps beside pidinfo ps's for the same process (or,
 * with @threads, thread): equal, but for what moves between the runs (a
 * running process's state and memory, CPU time by a second at most).
 */
static void compare_ps(struct __test_metadata *_metadata, bool threads)
{
	static char theirs_out[1 << 20], ours_out[1 << 20];
	static struct ps_row theirs[8192], ours[8192];
	const char *cols = threads ? "pid,lwp," PS_AFTER_PID :
				     "pid," PS_AFTER_PID;
	int fields = PS_FIELDS + threads, key = threads, comm = fields - 1;
	int nt, no, i, j, compared = 0;
	char cmd[256];

	snprintf(cmd, sizeof(cmd), PROCPS_PS " -e%so %s", threads ? "L" : "",
		 cols);
	ASSERT_EQ(0, run_cmd(cmd, theirs_out, sizeof(theirs_out)));
	snprintf(cmd, sizeof(cmd), "ps %s-o %s", threads ? "-L " : "", cols);
	ASSERT_EQ(0, run_tool(cmd, ours_out, sizeof(ours_out)));
	/* The same header: the same columns, named alike. */
	ASSERT_EQ(strcspn(theirs_out, "\n"), strcspn(ours_out, "\n"));
	EXPECT_EQ(0, strncmp(theirs_out, ours_out, strcspn(ours_out, "\n")));
	nt = ps_rows(theirs_out, theirs, ARRAY_SIZE(theirs), fields);
	no = ps_rows(ours_out, ours, ARRAY_SIZE(ours), fields);
	ASSERT_LT(1, nt);

	for (i = 0; i < nt; i++) {
		struct ps_row *t = &theirs[i];
		struct ps_row *o = ps_find(ours, no, t->field[key], key);
		int stat = COL_STAT + threads;
		bool self = atoi(t->field[COL_PID]) == getpid();
		bool running = t->field[stat][0] == 'R' ||
			       (o && o->field[stat][0] == 'R');

		if (!o) {
			EXPECT_TRUE(transient(t, comm)) {
				TH_LOG("procps lists %s %s, pidinfo ps does not",
				       t->field[key], t->field[comm]);
			}
			continue;
		}
		for (j = 0; j < fields; j++) {
			const char *name = j == key ? "ID" : "a column";
			/* The column's place without -L; the LWP is -1. */
			int col = j && threads ? j - 1 : j;

			if (threads && j == 1)
				col = -1;

			/* rss and vsz of this test, stat of a running task. */
			if ((col == COL_RSS || col == COL_VSZ) &&
			    (self || running))
				continue;
			if (col == COL_STAT && running)
				continue;
			if (col == COL_TIME) {
				long d = clock_seconds(o->field[j]) -
					 clock_seconds(t->field[j]);

				EXPECT_TRUE(d >= 0 && d <= 1) {
					TH_LOG("%s TIME: procps %s, pidinfo %s",
					       t->field[key], t->field[j],
					       o->field[j]);
				}
				continue;
			}
			if (j == comm) {
				EXPECT_TRUE(same_command(t->field[j],
							 o->field[j])) {
					TH_LOG("%s: procps %s, pidinfo %s",
					       t->field[key], t->field[j],
					       o->field[j]);
				}
				continue;
			}
			EXPECT_STREQ(t->field[j], o->field[j]) {
				TH_LOG("%s of %s %s", name, t->field[key],
				       t->field[comm]);
			}
		}
		compared++;
	}
	for (i = 0; i < no; i++)
		if (!ps_find(theirs, nt, ours[i].field[key], key))
			EXPECT_TRUE(transient(&ours[i], comm)) {
				TH_LOG("pidinfo ps lists %s %s, procps does not",
				       ours[i].field[key], ours[i].field[comm]);
			}
	EXPECT_LT(nt / 2, compared);
	TH_LOG("%d rows compared", compared);
}

static void *sleep_forever(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

/*
 * Processes of every kind for the rows, in a process group of their own:
 * a thread, a zombie, a niced process.
 */
static pid_t start_variety(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		setpgid(0, 0);
		if (fork() == 0)
			_exit(0);	/* stays a zombie: never reaped */
		if (fork() == 0) {
			if (setpriority(PRIO_PROCESS, 0, 5))
				_exit(1);
			sleep_forever(NULL);
		}
		pthread_create(&t, NULL, sleep_forever, NULL);
		sleep_forever(NULL);
	}
	usleep(100000);
	return pid;
}

static void stop_variety(pid_t pid)
{
	kill(-pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

TEST(ps_matches_procps)
{
	pid_t variety;

	if (access(PROCPS_PS, X_OK))
		SKIP(return, "no procps ps at " PROCPS_PS);
	variety = start_variety();
	ASSERT_LT(0, variety);
	compare_ps(_metadata, false);
	compare_ps(_metadata, true);
	stop_variety(variety);
}

/* The IDs "(N)" a pstree -p drawing shows, sorted; returns how many. */
static int tree_ids(const char *out, int *ids, int max)
{
	const char *p = out;
	int n = 0;

	while ((p = strchr(p, '(')) && n < max) {
		char *end;
		long id = strtol(p + 1, &end, 10);

		if (end > p + 1 && *end == ')')
			ids[n++] = id;
		p++;
	}
	qsort(ids, n, sizeof(*ids), cmp_int);
	return n;
}

/* pidinfo tree -p and pstree -p show the same processes and threads. */
TEST(tree_matches_pstree)
{
	static char theirs_out[1 << 20], ours_out[1 << 20];
	static int theirs[16384], ours[16384];
	pid_t variety;
	int nt, no, i;

	if (access(PSMISC_PSTREE, X_OK))
		SKIP(return, "no psmisc pstree at " PSMISC_PSTREE);
	variety = start_variety();
	ASSERT_LT(0, variety);
	ASSERT_EQ(0, run_cmd(PSMISC_PSTREE " -p -l 1", theirs_out,
			     sizeof(theirs_out)));
	ASSERT_EQ(0, run_tool("tree -p 1", ours_out, sizeof(ours_out)));
	nt = tree_ids(theirs_out, theirs, ARRAY_SIZE(theirs));
	no = tree_ids(ours_out, ours, ARRAY_SIZE(ours));
	ASSERT_LT(1, nt);
	for (i = 0; i < nt; i++)
		if (!bsearch(&theirs[i], ours, no, sizeof(int), cmp_int))
			EXPECT_NE(0, kill(theirs[i], 0)) {
				TH_LOG("pstree shows %d, pidinfo tree does not",
				       theirs[i]);
			}
	for (i = 0; i < no; i++)
		if (!bsearch(&ours[i], theirs, nt, sizeof(int), cmp_int))
			EXPECT_NE(0, kill(ours[i], 0)) {
				TH_LOG("pidinfo tree shows %d, pstree does not",
				       ours[i]);
			}
	/* The variety's thread, drawn as pstree draws threads. */
	EXPECT_NE(NULL, strstr(ours_out, "{pidinfo_tool_te}("));
	stop_variety(variety);
}

/* pidinfo --help names every command; each takes -h, --help and -V. */
TEST(help_lists_every_command)
{
	static const char *const cmds[] = { "show", "ps", "tree", "top",
					    "help" };
	static const char *const columns[] = {
		"pid", "lwp", "ppid", "user", "stat", "ni", "rss", "vsz",
		"time", "start", "tty", "comm",
	};
	static char out[1 << 14];
	char args[64], line[64];
	unsigned int i;

	ASSERT_EQ(0, run_tool("--help", out, sizeof(out)));
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		snprintf(line, sizeof(line), "\n %s ", cmds[i]);
		EXPECT_NE(NULL, strstr(out, line)) {
			TH_LOG("pidinfo --help does not list %s: %s", cmds[i],
			       out);
		}
	}
	ASSERT_EQ(0, run_tool("-h", args, sizeof(args)));
	for (i = 0; i < ARRAY_SIZE(cmds) - 1; i++) {
		snprintf(args, sizeof(args), "%s --help", cmds[i]);
		EXPECT_EQ(0, run_tool(args, out, sizeof(out)));
		EXPECT_NE(NULL, strstr(out, "Options:"));
		EXPECT_NE(NULL, strstr(out, "--version"));
		snprintf(args, sizeof(args), "%s -h", cmds[i]);
		EXPECT_EQ(0, run_tool(args, out, sizeof(out)));
		EXPECT_NE(NULL, strstr(out, "Usage:"));
		snprintf(args, sizeof(args), "%s -V", cmds[i]);
		EXPECT_EQ(0, run_tool(args, out, sizeof(out)));
		EXPECT_NE(NULL, strstr(out, "pidinfo"));
		/* A bad option: exit 2, nothing on stdout, a hint on stderr. */
		snprintf(args, sizeof(args), "%s --no-such-option 2>/dev/null",
			 cmds[i]);
		EXPECT_EQ(2, run_tool(args, out, sizeof(out)));
		EXPECT_STREQ("", out);
		snprintf(args, sizeof(args), "%s --no-such-option 2>&1",
			 cmds[i]);
		EXPECT_EQ(2, run_tool(args, out, sizeof(out)));
		EXPECT_NE(NULL, strstr(out, "--help"));
	}
	ASSERT_EQ(0, run_tool("--version", out, sizeof(out)));
	ASSERT_EQ(0, run_tool("ps --list-columns", out, sizeof(out)));
	for (i = 0; i < ARRAY_SIZE(columns); i++) {
		/* " NAME " and a description after it. */
		snprintf(line, sizeof(line), " %s ", columns[i]);
		EXPECT_NE(NULL, strstr(out, line)) {
			TH_LOG("ps --list-columns lacks %s", columns[i]);
		}
	}
	ASSERT_EQ(0, run_tool("ps --help", out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "Columns:"));
	EXPECT_NE(NULL, strstr(out, " comm "));
}

/* A PID must be whole and in range: exit 2, a message, no output. */
TEST(malformed_pids_are_usage_errors)
{
	static const char *const bad[] = {
		"1abc", "show --json 4294967297", "show 4294967297",
		"show -- -1", "0", "' 1'", "+1", "0x10", "''", "1 2",
		"--proc 1.0", "tree 1abc", "tree 4294967297", "tree 0",
		"tree -p 99999999999999999999", "tree 1 1",
	};
	char args[96], out[4096];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(args, sizeof(args), "%s 2>/dev/null", bad[i]);
		EXPECT_EQ(2, run_tool(args, out, sizeof(out))) {
			TH_LOG("pidinfo %s", bad[i]);
		}
		EXPECT_STREQ("", out) {
			TH_LOG("pidinfo %s printed %s", bad[i], out);
		}
		snprintf(args, sizeof(args), "%s 2>&1 >/dev/null", bad[i]);
		EXPECT_EQ(2, run_tool(args, out, sizeof(out)));
		EXPECT_NE(NULL, strstr(out, "PID")) {
			TH_LOG("pidinfo %s said %s", bad[i], out);
		}
	}
}

/*
 * Text a terminal may show safely: printable ASCII, newlines, tabs and
 * valid UTF-8 without C1 controls.  The offset of the first bad byte, or
 * -1.
 */
static int raw_control(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	int len;

	for (; *p; p += len) {
		len = pidinfo_utf8_len(p);
		if (!len || *p == 0x7f || (*p < 0x20 && *p != '\n') ||
		    (p[0] == 0xc2 && p[1] < 0xa0))
			return (const char *)p - text;
	}
	return -1;
}

/* Sleeps under @name (prctl), in a child; its PID. */
static pid_t start_named(const char *name)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (prctl(PR_SET_NAME, name))
			_exit(1);
		for (;;)
			pause();
	}
	return pid;
}

/* ESC sequences, a newline, invalid UTF-8: every text view masks them. */
TEST(text_views_mask_control_bytes)
{
	static const char *const views[] = {
		"show %d", "--proc %d", "show --tree %d", "tree %d",
		"tree -p %d", "ps -o pid,comm", "ps -L",
	};
	static char out[1 << 20];
	const char *name = "\x1b[2J\x1b]0;t\a\nx\xff\xc2\x9b";
	char args[64];
	unsigned int i;
	pid_t pid = start_named(name);
	int bad;

	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_for_proc_state(pid, 'S'));
	for (i = 0; i < ARRAY_SIZE(views); i++) {
		snprintf(args, sizeof(args), views[i], pid);
		EXPECT_EQ(0, run_tool(args, out, sizeof(out))) {
			TH_LOG("pidinfo %s: %s", args, out);
		}
		bad = raw_control(out);
		EXPECT_EQ(-1, bad) {
			TH_LOG("pidinfo %s: byte %#x at %d", args,
			       (unsigned char)out[bad], bad);
		}
		/* The name's newline breaks no line: no line starts "x?". */
		EXPECT_EQ(NULL, strstr(out, "\nx?")) {
			TH_LOG("pidinfo %s: %s", args, out);
		}
		EXPECT_EQ(NULL, strstr(out, "MISMATCH")) {
			TH_LOG("pidinfo %s: %s", args, out);
		}
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* --proc reads /proc/PID/comm whole: a name with a newline agrees. */
TEST(proc_compares_a_newline_name)
{
	static char out[1 << 16];
	pid_t pid = start_named("two\nlines");
	char args[64];

	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_for_proc_state(pid, 'S'));
	snprintf(args, sizeof(args), "--proc %d", pid);
	EXPECT_EQ(0, run_tool(args, out, sizeof(out)));
	EXPECT_EQ(NULL, strstr(out, "MISMATCH")) {
		TH_LOG("%s", out);
	}
	EXPECT_NE(NULL, strstr(out, "two?lines"));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static int run_without_cgroup2(void)
{
	static char out[1 << 16];
	struct statfs fs;
	char args[64];

	/* Every cgroup2 mount there, stacked or not. */
	while (!statfs("/sys/fs/cgroup", &fs) &&
	       fs.f_type == CGROUP2_SUPER_MAGIC)
		if (umount2("/sys/fs/cgroup", MNT_DETACH))
			return 11;
	snprintf(args, sizeof(args), "--proc %d", getppid());
	if (run_tool(args, out, sizeof(out)))
		return 12;
	if (strstr(out, "MISMATCH") || !strstr(out, "unavailable"))
		return 13;
	return 0;
}

/* Without cgroup2 mounted, /proc has no cgroup ID: not a mismatch. */
TEST(proc_without_cgroup2)
{
	EXPECT_EQ(0, in_own_mounts(run_without_cgroup2));
}

/* make install's files, as a distribution packages them. */
TEST(installed_files)
{
	static const char *const files[] = {
		"usr/bin/pidinfo", "usr/include/pidinfo.h",
		"usr/lib/libpidinfo.a", "usr/lib/libpidinfo.so.2.1.0",
		"usr/lib/pkgconfig/libpidinfo.pc",
	};
	static const char *const links[][2] = {
		{ "usr/lib/libpidinfo.so", "libpidinfo.so.2" },
		{ "usr/lib/libpidinfo.so.2", "libpidinfo.so.2.1.0" },
	};
	char path[PATH_MAX + 64], target[64], pc[1024];
	unsigned int i;
	struct stat st;
	ssize_t n;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", installed, files[i]);
		EXPECT_EQ(0, lstat(path, &st)) {
			TH_LOG("%s is not installed", files[i]);
			continue;
		}
		EXPECT_TRUE(S_ISREG(st.st_mode));
		/* Programs 0755, data (the .so included, as Debian has it) 0644. */
		EXPECT_EQ(strstr(files[i], "bin/") ? 0755 : 0644,
			  st.st_mode & 07777) {
			TH_LOG("%s: mode %o", files[i], st.st_mode & 07777);
		}
	}
	for (i = 0; i < ARRAY_SIZE(links); i++) {
		snprintf(path, sizeof(path), "%s/%s", installed, links[i][0]);
		n = readlink(path, target, sizeof(target) - 1);
		ASSERT_LT(0, n);
		target[n] = '\0';
		EXPECT_STREQ(links[i][1], target);
	}
	snprintf(path, sizeof(path), "%s/usr/lib/pkgconfig/libpidinfo.pc",
		 installed);
	ASSERT_LT(0, read_file(path, pc, sizeof(pc)));
	EXPECT_EQ(0, strncmp(pc, "prefix=/usr\n", 12));
	EXPECT_NE(NULL, strstr(pc, "\nName: libpidinfo\n"));
	EXPECT_NE(NULL, strstr(pc, "\nVersion: 2.1.0\n"));
	EXPECT_NE(NULL, strstr(pc, "\nLibs: -L${libdir} -lpidinfo\n"));
	EXPECT_NE(NULL, strstr(pc, "\nCflags: -I${includedir}\n"));
}

/* The installed pidinfo, and a program built against the install. */
TEST(installed_programs_run)
{
	static char out[1 << 16];
	char cmd[2 * PATH_MAX];

	snprintf(cmd, sizeof(cmd), "%s/usr/bin/pidinfo --version", installed);
	ASSERT_EQ(0, run_cmd(cmd, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "pidinfo"));
	snprintf(cmd, sizeof(cmd), "%s/usr/bin/pidinfo show %d", installed,
		 getpid());
	ASSERT_EQ(0, run_cmd(cmd, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "cmdline"));
	snprintf(cmd, sizeof(cmd), "%s/usr/bin/pidinfo tree -p 1", installed);
	ASSERT_EQ(0, run_cmd(cmd, out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "(1)"));
	ASSERT_EQ(0, run_cmd(consumer, out, sizeof(out))) {
		TH_LOG("%s: %s", consumer, out);
	}
	EXPECT_NE(NULL, strstr(out, "OK")) {
		TH_LOG("%s", out);
	}
}

TEST_HARNESS_MAIN
