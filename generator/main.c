/* main.c — the command-line shell: parses options and calls the pipeline's
 * stages (load → compute → lay out → draw → write). No report logic lives
 * here. Exit status: 0 success, 1 errors in the data or the build, 2 usage. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "csvread.h"

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
                 "Exit status: 0 success, 1 problems found or a build failed, 2 usage error.\n");
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "input-encoding", required_argument, NULL, 'E' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    /* A full disk or a file-size limit must make write() fail with an error
     * we report (and the temporary file removed), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    /* '+' stops at the first non-option: the command's own options follow. */
    while ((c = getopt_long(argc, argv, "+hVE:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return 0;
        case 'V': printf("sswr %s\n", SSWR_VERSION); return 0;
        case 'E':
            if (cr_set_input_encoding(optarg) != 0) {
                fprintf(stderr, "sswr: unknown input encoding '%s' (try windows-1252, iso-8859-1)\n", optarg);
                return 2;
            }
            break;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    const char *name = argv[optind];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(commands[i].name, name) == 0) {
            int sub_argc = argc - optind;
            char **sub_argv = argv + optind;
            /* getopt names the program in its messages: "sswr check: ..." */
            char prog[64];
            snprintf(prog, sizeof prog, "sswr %s", commands[i].name);
            sub_argv[0] = prog;
            optind = 0;   /* glibc: 0 re-initialises getopt for the command's options */
            return commands[i].run(sub_argc, sub_argv);
        }
    }
    fprintf(stderr, "sswr: unknown command '%s'\n", name);
    usage(stderr);
    return 2;
}
