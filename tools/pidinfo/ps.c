// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo ps: every process, in the columns of procps' ps(1), from
 * get_pid_info()'s listing alone: no /proc.
 *
 * The default columns are those of
 *   ps -eo pid,ppid,user,stat,ni,rss,vsz,time,start,tty,comm
 * (with -L: pid,lwp,... as ps -eLo), headed, sized and formatted as
 * procps 4 does, and USER and TT resolved as it resolves them, so that
 * the rows of both can be compared.  COMMAND is the whole name
 * /proc/PID/stat shows.
 */
#include <dirent.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "commands.h"
#include "libpidinfo.h"

struct ps_column {
	const char *name;	/* as -o names it */
	const char *header;	/* as procps heads it */
	int width;		/* procps's; negative: left-aligned */
	__u64 mask;		/* the fields it needs */
	bool number;		/* a JSON number, not a string */
	void (*format)(char *buf, size_t size, const struct pidinfo *info);
};

/* Seconds since the epoch at boot, and the clock tick, as procps has them. */
static time_t boot_time;
static time_t now;
static long hz;

static void fmt_pid(char *buf, size_t size, const struct pidinfo *info)
{
	snprintf(buf, size, "%d", info->tgid);
}

static void fmt_lwp(char *buf, size_t size, const struct pidinfo *info)
{
	snprintf(buf, size, "%d", info->pid);
}

static void fmt_ppid(char *buf, size_t size, const struct pidinfo *info)
{
	snprintf(buf, size, "%d", info->ppid);
}

/* The user name of @uid, from a small cache; NULL if it has none. */
static const char *user_name(uid_t uid)
{
	static struct {
		uid_t uid;
		char *name;
	} cache[64];
	static int n;
	struct passwd *pw;
	int i;

	for (i = 0; i < n; i++)
		if (cache[i].uid == uid)
			return cache[i].name;
	pw = getpwuid(uid);
	if (n == ARRAY_SIZE(cache))
		return pw ? pw->pw_name : NULL;
	cache[n].uid = uid;
	cache[n].name = pw ? strdup(pw->pw_name) : NULL;
	return cache[n++].name;
}

/* procps: the effective user's name, cut to 7 bytes and '+' if longer. */
static void fmt_user(char *buf, size_t size, const struct pidinfo *info)
{
	const char *name = user_name(info->euid);

	if (!name)
		snprintf(buf, size, "%u", info->euid);
	else if (strlen(name) > 8)
		snprintf(buf, size, "%.7s+", name);
	else
		snprintf(buf, size, "%s", name);
}

/* The whole name, for JSON. */
static void fmt_user_json(char *buf, size_t size, const struct pidinfo *info)
{
	const char *name = user_name(info->euid);

	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%u", info->euid);
}

/* The state and procps' flags after it: < N L s l +. */
static void fmt_stat(char *buf, size_t size, const struct pidinfo *info)
{
	char flags[8];	/* the state, at most six flags, the NUL */
	size_t n = 0;

	flags[n++] = info->state;
	if (info->nice < 0)
		flags[n++] = '<';
	if (info->nice > 0)
		flags[n++] = 'N';
	if (info->locked)
		flags[n++] = 'L';
	if (info->sid == info->tgid)
		flags[n++] = 's';
	if (info->nr_threads > 1)
		flags[n++] = 'l';
	if (info->pgid == info->tpgid)
		flags[n++] = '+';
	flags[n] = '\0';
	snprintf(buf, size, "%s", flags);
}

/* procps shows no nice value for the real-time and idle policies. */
static void fmt_ni(char *buf, size_t size, const struct pidinfo *info)
{
	if (info->policy != 0 /* SCHED_OTHER */ &&
	    info->policy != 3 /* SCHED_BATCH */)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d", info->nice);
}

static void fmt_rss(char *buf, size_t size, const struct pidinfo *info)
{
	snprintf(buf, size, "%llu", (unsigned long long)info->rss / 1024);
}

static void fmt_vsz(char *buf, size_t size, const struct pidinfo *info)
{
	snprintf(buf, size, "%llu", (unsigned long long)info->vsize / 1024);
}

/* User and system time, each in whole ticks as /proc has them, summed. */
static void fmt_time(char *buf, size_t size, const struct pidinfo *info)
{
	unsigned long long tick = 1000000000ULL / hz;
	unsigned long long t = (info->utime_ns / tick + info->stime_ns / tick) /
			       hz;
	unsigned int ss = t % 60, mm = t / 60 % 60, hh = t / 3600 % 24;
	unsigned int dd = t / 86400;

	if (dd)
		snprintf(buf, size, "%u-%02u:%02u:%02u", dd, hh, mm, ss);
	else
		snprintf(buf, size, "%02u:%02u:%02u", hh, mm, ss);
}

/* The time of day it started, or its date if that is a day ago. */
static void fmt_start(char *buf, size_t size, const struct pidinfo *info)
{
	unsigned long long tick = 1000000000ULL / hz;
	time_t t = boot_time + info->start_time_ns / tick / hz;
	char str[32];

	ctime_r(&t, str);
	if (str[8] == ' ')
		str[8] = '0';
	if (str[11] == ' ')
		str[11] = '0';
	if (t + 24 * 3600 > now)
		snprintf(buf, size, "%.8s", str + 11);
	else
		snprintf(buf, size, "%.6s", str + 4);
}

/* Character devices under /dev and /dev/pts, for the terminals' names. */
static struct tty_name {
	dev_t rdev;
	char name[300];
} *ttys;
static int nr_ttys;

static void scan_ttys(const char *dir, const char *prefix)
{
	char path[300];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);
	struct tty_name *more;

	if (!d)
		return;
	while ((de = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) || !S_ISCHR(st.st_mode))
			continue;
		more = realloc(ttys, (nr_ttys + 1) * sizeof(*ttys));
		if (!more)
			break;
		ttys = more;
		ttys[nr_ttys].rdev = st.st_rdev;
		snprintf(ttys[nr_ttys++].name, sizeof(ttys->name), "%s%s",
			 prefix, de->d_name);
	}
	closedir(d);
}

/*
 * The terminal's name as procps abbreviates it (pts/0, ttyS0, tty1), by
 * its device number in /dev; "?" for none, or one /dev does not name.
 */
static void fmt_tty(char *buf, size_t size, const struct pidinfo *info)
{
	unsigned int maj = (info->tty_nr >> 8) & 0xfff;
	unsigned int min = (info->tty_nr & 0xff) |
			   ((info->tty_nr >> 12) & 0xfff00);
	static bool scanned;
	int i;

	if (!info->tty_nr) {
		snprintf(buf, size, "?");
		return;
	}
	if (!scanned) {
		scan_ttys("/dev", "");
		scan_ttys("/dev/pts", "pts/");
		scanned = true;
	}
	for (i = 0; i < nr_ttys; i++) {
		if (major(ttys[i].rdev) == maj && minor(ttys[i].rdev) == min) {
			snprintf(buf, size, "%s", ttys[i].name);
			return;
		}
	}
	snprintf(buf, size, "?");
}

/* The whole name; in text, unprintable bytes as '?', as procps shows them. */
static void fmt_comm(char *buf, size_t size, const struct pidinfo *info)
{
	snprintf(buf, size, "%s", info->name);
}

static void fmt_comm_text(char *buf, size_t size, const struct pidinfo *info)
{
	char *p;

	fmt_comm(buf, size, info);
	for (p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

#define STAT_MASK	(PIDINFO_MASK_STATE | PIDINFO_MASK_NICE |	\
			 PIDINFO_MASK_MEMORY | PIDINFO_MASK_PGID |	\
			 PIDINFO_MASK_THREADS | PIDINFO_MASK_TTY)

static const struct ps_column columns[] = {
	{ "pid", "PID", 5, PIDINFO_MASK_PID, true, fmt_pid },
	{ "lwp", "LWP", 5, PIDINFO_MASK_PID, true, fmt_lwp },
	{ "ppid", "PPID", 5, PIDINFO_MASK_PPID, true, fmt_ppid },
	{ "user", "USER", -8, PIDINFO_MASK_CREDS, false, fmt_user },
	{ "stat", "STAT", -4, STAT_MASK, false, fmt_stat },
	{ "ni", "NI", 3, PIDINFO_MASK_NICE | PIDINFO_MASK_SCHED, false,
	  fmt_ni },
	{ "rss", "RSS", 5, PIDINFO_MASK_MEMORY, true, fmt_rss },
	{ "vsz", "VSZ", 6, PIDINFO_MASK_MEMORY, true, fmt_vsz },
	{ "time", "TIME", 8, PIDINFO_MASK_CPUTIME, false, fmt_time },
	{ "start", "STARTED", 8, PIDINFO_MASK_TIME, false, fmt_start },
	{ "tty", "TT", -8, PIDINFO_MASK_TTY, false, fmt_tty },
	{ "comm", "COMMAND", -1, PIDINFO_MASK_COMM, false, fmt_comm_text },
};

/* After pid (and lwp, with -L). */
#define DEFAULT_COLUMNS	"ppid,user,stat,ni,rss,vsz,time,start,tty,comm"

struct ps_state {
	const struct ps_column *cols[32];
	int nr_cols;
	__u64 mask;
	bool json, threads;
	int rows;
};

static void print_row(struct ps_state *ps, const struct pidinfo *info)
{
	char val[256], json[600];
	int i;

	if (ps->json) {
		printf("%s\n{", ps->rows ? "," : "[");
		for (i = 0; i < ps->nr_cols; i++) {
			const struct ps_column *c = ps->cols[i];

			/* JSON escapes what text cuts or masks. */
			if (c->format == fmt_user)
				fmt_user_json(val, sizeof(val), info);
			else if (c->format == fmt_comm_text)
				fmt_comm(val, sizeof(val), info);
			else
				c->format(val, sizeof(val), info);
			if (c->number || (c->format == fmt_ni && strcmp(val, "-")))
				snprintf(json, sizeof(json), "%s", val);
			else if (c->format == fmt_ni)
				snprintf(json, sizeof(json), "null");
			else
				pidinfo_json_string(json, sizeof(json), val);
			printf("%s\"%s\":%s", i ? "," : "", c->name, json);
		}
		putchar('}');
	} else {
		for (i = 0; i < ps->nr_cols; i++) {
			const struct ps_column *c = ps->cols[i];
			bool last = i == ps->nr_cols - 1;

			c->format(val, sizeof(val), info);
			printf("%s%*s", i ? " " : "",
			       last && c->width < 0 ? 0 : c->width, val);
		}
		putchar('\n');
	}
	ps->rows++;
}

static int print_thread(const struct pidinfo *info, void *ctx)
{
	print_row(ctx, info);
	return 0;
}

static int print_process(const struct pidinfo *info, void *ctx)
{
	struct ps_state *ps = ctx;

	if (!ps->threads) {
		print_row(ps, info);
		return 0;
	}
	/* A process gone since it was listed has no threads left to show. */
	return pidinfo_list(ps->mask, info->pid, print_thread, ps) ? -1 : 0;
}

/* procps' boot time: /proc/stat's btime, or the clocks' difference. */
static time_t find_boot_time(void)
{
	struct timespec rt, bt;
	char line[256];
	FILE *f = fopen("/proc/stat", "re");

	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "btime ", 6)) {
			fclose(f);
			return strtoll(line + 6, NULL, 10);
		}
	}
	if (f)
		fclose(f);
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return rt.tv_sec - bt.tv_sec - (rt.tv_nsec < bt.tv_nsec);
}

static int add_columns(struct ps_state *ps, char *list)
{
	char *name, *save;
	unsigned int i;

	for (name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < ARRAY_SIZE(columns); i++)
			if (!strcmp(name, columns[i].name))
				break;
		if (i == ARRAY_SIZE(columns) || ps->nr_cols == 32) {
			fprintf(stderr, "pidinfo ps: unknown column '%s'\n",
				name);
			return -1;
		}
		ps->cols[ps->nr_cols++] = &columns[i];
		ps->mask |= columns[i].mask;
	}
	return 0;
}

static void ps_usage(FILE *f)
{
	fprintf(f, "usage: pidinfo ps [-L] [-o COLUMN,...] [--no-headers] [--json]\n"
		"columns: pid lwp ppid user stat ni rss vsz time start tty comm\n");
}

int pidinfo_ps(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "no-headers", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	char defaults[] = "pid," DEFAULT_COLUMNS;
	char defaults_threads[] = "pid,lwp," DEFAULT_COLUMNS;
	struct ps_state ps = { .mask = PIDINFO_MASK_PID };
	char *list = NULL;
	bool headers = true;
	int c, i;

	while ((c = getopt_long(argc, argv, "Lo:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'L':
			ps.threads = true;
			break;
		case 'o':
			list = optarg;
			break;
		case 'j':
			ps.json = true;
			break;
		case 'H':
			headers = false;
			break;
		default:
			ps_usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (optind != argc) {
		ps_usage(stderr);
		return 2;
	}
	if (add_columns(&ps, list ? list : ps.threads ? defaults_threads :
				    defaults))
		return 2;

	hz = sysconf(_SC_CLK_TCK);
	boot_time = find_boot_time();
	now = time(NULL);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (headers && !ps.json) {
		for (i = 0; i < ps.nr_cols; i++) {
			const struct ps_column *col = ps.cols[i];
			bool last = i == ps.nr_cols - 1;

			printf("%s%*s", i ? " " : "",
			       last && col->width < 0 ? 0 : col->width,
			       col->header);
		}
		putchar('\n');
	}
	if (pidinfo_list(ps.threads ? PIDINFO_MASK_PID : ps.mask, 0,
			 print_process, &ps)) {
		fflush(stdout);
		fprintf(stderr, "pidinfo ps: %s\n", errno == ENOSYS ?
			"no get_pid_info() in this kernel" : strerror(errno));
		return 2;
	}
	if (ps.json)
		printf("%s]\n", ps.rows ? "\n" : "[");
	return 0;
}
