/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commands of pidinfo(1) besides show, each in its file: ps.c and
 * tree.c.  Each takes its own argv (argv[0] is the command's name) and
 * returns the exit status.
 */
#ifndef _PIDINFO_COMMANDS_H
#define _PIDINFO_COMMANDS_H

int pidinfo_ps(int argc, char **argv);
int pidinfo_tree(int argc, char **argv);

#endif /* _PIDINFO_COMMANDS_H */
