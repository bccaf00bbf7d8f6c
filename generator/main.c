/* main.c — the command-line shell: parses options and calls the pipeline's
 * stages (load → compute → lay out → draw → write). No report logic lives
 * here. Exit status: 0 success, 1 errors in the data or the build, 2 usage
 * (the rules of a usage error are cli.c's). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

#ifndef SSWR_VERSION
#define SSWR_VERSION "dev"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    { "check", cmd_check, "validate the datasets and report every problem" },
    { "review", cmd_review, "review the figures per country before publication (warnings)" },
    { "indicators", cmd_indicators, "compute the indicators and export them (CSV or JSON)" },
    { "profile", cmd_profile, "write one country's profile PDF" },
    { "build", cmd_build, "build the profiles of many countries and languages" },
    { "strings", cmd_strings, "translators' tools: extract the strings, check the catalogs" },
    { "sheet", cmd_sheet, "write a country's data-entry sheet (CSV for a spreadsheet)" },
    { "import", cmd_import, "check a filled-in sheet and merge it into the datasets" },
};

static void usage(FILE *out)
{
    fprintf(out, "usage: sswr [--help] [--version] [--input-encoding ENC] COMMAND [OPTIONS]\n\n"
                 "Generates the State of the Social Service Workforce report.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n--input-encoding ENC converts the CSV files from ENC (e.g. windows-1252,\n"
                 "as older spreadsheets export) to UTF-8 while loading.\n"
                 "\nRun 'sswr COMMAND --help' for a command's options.\n"
                 "Exit status: 0 success, 1 problems found or a build failed, 2 usage error:\n"
                 "an unknown command, option or value, an empty value, an option given twice,\n"
                 "a list with an empty or repeated element; nothing is written then.\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        CL_INPUT_ENCODING_OPTION,   /* read by cl_next */
        { NULL, 0, NULL, 0 },
    };
    int c;
    /* A full disk or a file-size limit must make write() fail with an error
     * we report (and the temporary file removed), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    /* '+' stops at the first non-option: the command's own options follow. */
    cl_parser p = { .prog = "sswr", .shortopts = "+hVE:", .longopts = opts };
    while ((c = cl_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return 0;
        case 'V': printf("sswr %s\n", SSWR_VERSION); return 0;
        default: return CL_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return CL_USAGE;
    }
    const char *name = argv[optind];
    const char *names[sizeof commands / sizeof *commands];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) names[i] = commands[i].name;
    int i = cl_choice("sswr", "command", name, names, sizeof commands / sizeof *commands);
    if (i < 0) return CL_USAGE;
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    /* getopt names the program in its messages: "sswr check: ..." */
    char prog[64];
    snprintf(prog, sizeof prog, "sswr %s", commands[i].name);
    sub_argv[0] = prog;
    optind = 0;   /* glibc: 0 re-initialises getopt for the command's options */
    return commands[i].run(sub_argc, sub_argv);
}
