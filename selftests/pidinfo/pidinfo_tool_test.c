// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo(1), the user tool of tools/pidinfo, built beside the tests:
 * its JSON is valid whatever processes name themselves and their
 * directories, and show, ps and tree work with /proc unmounted.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

/* The tool, built beside this test: found before any test moves away. */
static char tool[PATH_MAX];

static void __attribute__((constructor)) find_tool(void)
{
	if (!realpath("pidinfo", tool))
		snprintf(tool, sizeof(tool), "pidinfo");
}

/* Runs the tool with @args (a shell word list); its output in @out. */
static int run_tool(const char *args, char *out, size_t size)
{
	char cmd[PATH_MAX + 256];
	size_t n = 0;
	FILE *p;
	int status;

	snprintf(cmd, sizeof(cmd), "%s %s", tool, args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (n < size - 1 && !feof(p)) {
		n += fread(out + n, 1, size - 1 - n, p);
		if (ferror(p))
			break;
	}
	out[n] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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
			case 'b': buf[0] = '\b'; break;
			case 'f': buf[0] = '\f'; break;
			case 'n': buf[0] = '\n'; break;
			case 'r': buf[0] = '\r'; break;
			case 't': buf[0] = '\t'; break;
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
	"bad\xff" "utf8", "caf\xc3\xa9", "\"}],{\"x\":",
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
		if (!strchr(hostile[i], '\xff')) {
			EXPECT_STREQ(cwd, got);
		}
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

/* With /proc unmounted, in a mount namespace of its own. */
TEST(without_proc)
{
	static char out[1 << 20];
	char args[64], mine[32];
	int status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct stat st;

		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    umount2("/proc", MNT_DETACH) || !stat("/proc/self", &st))
			_exit(10);
		snprintf(mine, sizeof(mine), "\n%5d ", getpid());
		if (run_tool("ps", out, sizeof(out)) || !strstr(out, mine))
			_exit(11);
		if (run_tool("ps -L -o pid,lwp,comm", out, sizeof(out)))
			_exit(12);
		if (run_tool("tree -p", out, sizeof(out)) || !strstr(out, "(1)"))
			_exit(13);
		snprintf(args, sizeof(args), "show %d", getpid());
		if (run_tool(args, out, sizeof(out)) || !strstr(out, "cmdline"))
			_exit(14);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
