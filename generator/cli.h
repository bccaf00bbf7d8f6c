/* cli.h — the rules every command applies to its command line, in one
 * place. A usage error is one line, "sswr build: what is wrong", then a
 * hint to --help, and exit status 2; nothing is written before the
 * command line is known to be right (what needs the datasets, a country
 * code or a year, is checked once they are loaded). An option's value is never empty; an
 * option that takes a value is given at most once (a second --country would
 * silently drop the first); numbers are checked against their range; a
 * comma-separated list has no empty and no repeated element (an error, not
 * a silent fix: "KEN,KEN" or "KEN,,UGA" is a typing slip whose intent is
 * unknown); a value from a known set that is not in it names the closest
 * known value. Prefix: cl_. */
#ifndef SSWR_CLI_H
#define SSWR_CLI_H

#include <getopt.h>
#include <stddef.h>

/* Exit status of a usage error. */
#define CL_USAGE 2

/* One command's options, read with getopt_long. */
typedef struct cl_parser {
    const char *prog;                  /* "sswr build": names the command in messages */
    const char *shortopts;             /* as for getopt_long ("+" first: stop at the first operand) */
    const struct option *longopts;
    int seen[32];                      /* options with a value given so far */
    size_t nseen;
    char optstring[64];                /* shortopts behind ':' (set by cl_next) */
} cl_parser;

/* The next option, as getopt_long returns it (its value in optarg), or -1
 * after the last. '?' after a usage error it has printed: an unknown option
 * (with the closest known one) or an ambiguous abbreviation, a missing or
 * empty value, a value given to an option that takes none, or an option
 * with a value given a second time. --input-encoding, when the command's
 * table has it (CL_INPUT_ENCODING_OPTION), is read here and never returned:
 * '?' after its usage error. */
int cl_next(cl_parser *p, int argc, char **argv);

/* --input-encoding ENC, in the tables of sswr itself and of `sswr check`
 * (sswr's short form -E is CL_INPUT_ENCODING in its shortopts): an
 * encoding name (letters, digits, '-', '_', '.', ':'; iconv's "//IGNORE"
 * suffixes would drop bytes silently) that iconv knows, given once in the
 * whole command line, which the CSV files are converted from. */
#define CL_INPUT_ENCODING 'E'
#define CL_INPUT_ENCODING_OPTION { "input-encoding", required_argument, NULL, CL_INPUT_ENCODING }

/* Prints "PROG: MESSAGE" and "Try 'PROG --help' for more information." to
 * stderr; returns CL_USAGE. A value of the user's in MESSAGE must be passed
 * through ut_shown. */
int cl_usage_error(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses s as a whole number from min to max (digits only: no sign, no
 * spaces, no "4.0"); on an error prints "PROG: OPT 'S' is not WHAT from MIN
 * to MAX" and returns -1. `what` is "a number", "a year". */
int cl_number(const char *prog, const char *opt, const char *s, long min, long max, const char *what,
              int *out);

/* Splits a comma-separated list (spaces around an element are dropped;
 * with `upper`, elements are upper-cased: country codes). A usage error
 * (NULL) for an empty list, an empty element ("KEN,,UGA", "KEN,") or an
 * element given twice ("KEN,ken"). Free with ut_strv_free. */
char **cl_list(const char *prog, const char *opt, const char *s, int upper);

/* cl_list's checks alone, for an option read before what it names can be
 * looked up: 0, or CL_USAGE after the usage error. */
int cl_list_ok(const char *prog, const char *opt, const char *s, int upper);

/* The index of s in known[0..n), or -1 after printing "PROG: WHAT 'S' is
 * not one of A, B, C (did you mean B?)". */
int cl_choice(const char *prog, const char *what, const char *s, const char *const *known, size_t n);

/* The known value closest to s (case aside, at most a third of its letters
 * changed, and only when no other is as close), or NULL. */
const char *cl_closest(const char *s, const char *const *known, size_t n);

/* A report language: a valid code ("fr", "pt-BR") with a catalog
 * I18N_DIR/CODE.po, or English, which needs none. 0, or a usage error
 * (CL_USAGE, printed) naming the languages that have one (or the closest). */
int cl_language(const char *prog, const char *code, const char *i18n_dir);

/* "2012–2024" or "2010, 2012–2024": the years y (first <= y < first + n)
 * with has[y - first] set, owned by the caller; "none" when there is none. */
char *cl_years(const unsigned char *has, int first, int n);

#endif
