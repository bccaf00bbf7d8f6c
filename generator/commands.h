/* commands.h — one entry point per subcommand (cmd_*.c); each parses its
 * own options and returns the process exit status (0, 1, or 2 for usage). */
#ifndef SSWR_COMMANDS_H
#define SSWR_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_strings(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_sheet(int argc, char **argv);
int cmd_import(int argc, char **argv);

#endif
