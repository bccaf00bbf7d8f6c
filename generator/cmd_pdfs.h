/* cmd_pdfs.h — what `sswr profile` (cmd_profile.c) and `sswr build`
 * (cmd_build.c) share once each has read its command line: the checks of
 * the templates and catalogs, loading and computing once, and handing the
 * jobs to build.c. */
#ifndef SSWR_CMD_PDFS_H
#define SSWR_CMD_PDFS_H

/* A command line as read by profile or build (NULL or 0: the default). */
typedef struct cmd_pdf_opts {
    const char *country, *lang, *output, *datasets, *scripts, *templates;
    int year, jobs, quiet, charts, reports, force, nowait;
} cmd_pdf_opts;

/* Builds what o asks for; `single` is profile's one country in one
 * language (one catalog with errors fails it; no exports, no reports).
 * Prints every problem prefixed by prog; returns the exit status (0, 1, or
 * CL_USAGE: an unknown language, country or a year without data). */
int cmd_pdfs(const char *prog, const cmd_pdf_opts *o, int single);

#endif
