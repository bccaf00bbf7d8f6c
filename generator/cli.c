/* cli.c — the command line's rules (see cli.h): usage errors, options read
 * with getopt_long (its own messages are replaced by ours, which suggest
 * the closest option), and the checks of option values. */
#include "cli.h"
#include "csvread.h"
#include "util.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int cl_usage_error(const char *prog, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *m = ut_xvasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: %s\nTry '%s --help' for more information.\n", prog, m, prog);
    free(m);
    return CL_USAGE;
}

/* ---- options ------------------------------------------------------------ */

/* How an option is named in messages: its long name when it has one. */
static void opt_name(const cl_parser *p, int val, char *out, size_t n)
{
    for (const struct option *o = p->longopts; o && o->name; o++)
        if (o->val == val) {
            snprintf(out, n, "--%s", o->name);
            return;
        }
    snprintf(out, n, "-%c", val > 32 && val < 127 ? val : '?');
}

/* An unknown or ambiguous long option, as typed ("--contry=KEN"). */
static void unknown_long(const cl_parser *p, const char *typed)
{
    char shown[UT_SHOWN_SIZE];
    const char *name = typed + 2;
    size_t len = strcspn(name, "=");
    char *bare = ut_xstrndup(name, len);
    /* getopt takes an unambiguous abbreviation; two or more matches are
       ambiguous (an exact match never is, and is never reported here). */
    ut_buf amb = {0};
    size_t nmatch = 0, nopt = 0;
    for (const struct option *o = p->longopts; o && o->name; o++, nopt++)
        if (len && strncmp(o->name, bare, len) == 0)
            ut_buf_printf(&amb, "%s--%s", nmatch++ ? ", " : "", o->name);
    if (nmatch > 1) {
        cl_usage_error(p->prog, "option '%s' is ambiguous (%s)", ut_shown(shown, typed), amb.data);
    } else {
        const char **names = ut_xcalloc(nopt + 1, sizeof *names);
        for (size_t i = 0; i < nopt; i++) names[i] = p->longopts[i].name;
        const char *best = cl_closest(bare, names, nopt);
        if (best) cl_usage_error(p->prog, "unknown option '%s' (did you mean --%s?)", ut_shown(shown, typed), best);
        else cl_usage_error(p->prog, "unknown option '%s'", ut_shown(shown, typed));
        free(names);
    }
    ut_buf_free(&amb);
    free(bare);
}

/* Whether `typed` is "--flag=value" for the option getopt reported (val):
 * one that takes no value. (An unknown short option in the middle of a
 * cluster leaves the previous argument at argv[optind - 1].) */
static int flag_with_value(const cl_parser *p, const char *typed, int val)
{
    const char *eq = strchr(typed, '=');
    if (strncmp(typed, "--", 2) != 0 || !eq) return 0;
    size_t len = (size_t)(eq - typed - 2);
    for (const struct option *o = p->longopts; o && o->name; o++)
        if (o->val == val && o->has_arg == no_argument && len && strncmp(o->name, typed + 2, len) == 0) return 1;
    return 0;
}

/* ---- input encoding ------------------------------------------------------ */

/* Sets the input encoding (cli.h, CL_INPUT_ENCODING_OPTION): 0, or a usage
 * error (CL_USAGE, printed). */
static int input_encoding(const char *prog, const char *enc)
{
    /* Once for the whole command line: `sswr --input-encoding A check
       --input-encoding B` would otherwise take B silently. */
    static int given;
    static const char *const common[] = { "windows-1252", "iso-8859-1", "iso-8859-15", "utf-8", "utf-16",
                                          "macintosh" };
    char shown[UT_SHOWN_SIZE];
    if (given++) return cl_usage_error(prog, "--input-encoding is given twice");
    size_t n = strlen(enc);
    int ok = n && n <= 40 && strspn(enc, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") == n;
    if (ok && cr_set_input_encoding(enc) == 0) return 0;
    const char *best = cl_closest(enc, common, sizeof common / sizeof *common);
    if (best) return cl_usage_error(prog, "unknown input encoding '%s' (did you mean %s?)", ut_shown(shown, enc), best);
    return cl_usage_error(prog, "unknown input encoding '%s' (try windows-1252, iso-8859-1)", ut_shown(shown, enc));
}

/* Whether the option getopt returned (val) is --input-encoding. */
static int is_input_encoding(const cl_parser *p, int val)
{
    for (const struct option *o = p->longopts; o && o->name; o++)
        if (o->val == val && strcmp(o->name, "input-encoding") == 0) return 1;
    return 0;
}

int cl_next(cl_parser *p, int argc, char **argv)
{
    if (!p->optstring[0]) {
        const char *s = p->shortopts;
        int plus = *s == '+';
        snprintf(p->optstring, sizeof p->optstring, "%s:%s", plus ? "+" : "", s + plus);
    }
    opterr = 0;
    int c = getopt_long(argc, argv, p->optstring, p->longopts, NULL);
    if (c == -1) return -1;
    char name[64];
    if (c == ':') {
        opt_name(p, optopt, name, sizeof name);
        cl_usage_error(p->prog, "%s needs a value", name);
        return '?';
    }
    if (c == '?') {
        const char *typed = optind > 0 && optind <= argc ? argv[optind - 1] : "";
        if (optopt == 0 && strncmp(typed, "--", 2) == 0) {
            unknown_long(p, typed);
        } else if (flag_with_value(p, typed, optopt)) {
            opt_name(p, optopt, name, sizeof name);
            cl_usage_error(p->prog, "%s takes no value", name);
        } else {
            char s[2] = { (char)optopt, 0 };
            char shown[UT_SHOWN_SIZE];
            cl_usage_error(p->prog, "unknown option '-%s'", ut_shown(shown, s));
        }
        return '?';
    }
    if (optarg) {
        opt_name(p, c, name, sizeof name);
        if (!*optarg) {
            cl_usage_error(p->prog, "empty value for %s", name);
            return '?';
        }
        for (size_t i = 0; i < p->nseen; i++)
            if (p->seen[i] == c) {
                cl_usage_error(p->prog, "%s is given twice", name);
                return '?';
            }
        if (p->nseen < sizeof p->seen / sizeof *p->seen) p->seen[p->nseen++] = c;
        if (is_input_encoding(p, c))
            return input_encoding(p->prog, optarg) == 0 ? cl_next(p, argc, argv) : '?';
    }
    return c;
}

/* ---- values ------------------------------------------------------------- */

int cl_number(const char *prog, const char *opt, const char *s, long min, long max, const char *what,
              int *out)
{
    size_t n = strspn(s, "0123456789");
    long v = n && n <= 9 && !s[n] ? strtol(s, NULL, 10) : -1;
    if (v < min || v > max) {
        char shown[UT_SHOWN_SIZE];
        cl_usage_error(prog, "%s '%s' is not %s from %ld to %ld", opt, ut_shown(shown, s), what, min, max);
        return -1;
    }
    *out = (int)v;
    return 0;
}

char **cl_list(const char *prog, const char *opt, const char *s, int upper)
{
    char shown[UT_SHOWN_SIZE];
    size_t n = 0, cap = 0;
    char **v = ut_xcalloc(1, sizeof *v);
    const char *p = s;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *a = p;
        while (len && *a == ' ') { a++; len--; }
        while (len && a[len - 1] == ' ') len--;
        if (!len) {
            if (!e && !n) cl_usage_error(prog, "empty value for %s", opt);
            else cl_usage_error(prog, "%s '%s' has an empty element", opt, ut_shown(shown, s));
            ut_strv_free(v);
            return NULL;
        }
        char *item = ut_xstrndup(a, len);
        if (upper)
            for (char *q = item; *q; q++)
                if (*q >= 'a' && *q <= 'z') *q = (char)(*q - 'a' + 'A');
        for (size_t i = 0; i < n; i++)
            if (strcmp(v[i], item) == 0) {
                cl_usage_error(prog, "%s lists %s twice", opt, ut_shown(shown, item));
                free(item);
                ut_strv_free(v);
                return NULL;
            }
        ut_grow(&v, &cap, n + 2, sizeof *v);
        v[n++] = item;
        v[n] = NULL;
        if (!e) break;
        p = e + 1;
    }
    return v;
}

int cl_list_ok(const char *prog, const char *opt, const char *s, int upper)
{
    char **v = cl_list(prog, opt, s, upper);
    ut_strv_free(v);
    return v ? 0 : CL_USAGE;
}

/* Edits from a to b, a swap of two neighbours counting as one ("chekc" is
 * one from "check"): the optimal string alignment distance. */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 1000;
    int d[65][65];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < v) v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

const char *cl_closest(const char *s, const char *const *known, size_t n)
{
    char low[65];
    size_t len = strlen(s);
    if (!len || len > 64) return NULL;
    for (size_t i = 0; i <= len; i++) low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    int limit = len >= 6 ? (int)len / 3 : 1, best = limit + 1;
    const char *hit = NULL;
    int ties = 0;
    for (size_t i = 0; i < n; i++) {
        int d = distance(low, known[i]);
        if (d < best) { best = d; hit = known[i]; ties = 0; }
        else if (d == best) ties++;
    }
    return hit && !ties ? hit : NULL;
}

/* "a, b, c" of known[0..n). */
static char *joined(const char *const *known, size_t n)
{
    ut_buf b = {0};
    ut_buf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) ut_buf_printf(&b, "%s%s", i ? ", " : "", known[i]);
    return b.data;
}

int cl_choice(const char *prog, const char *what, const char *s, const char *const *known, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, known[i]) == 0) return (int)i;
    char shown[UT_SHOWN_SIZE];
    const char *best = cl_closest(s, known, n);
    if (best) {
        cl_usage_error(prog, "unknown %s '%s' (did you mean %s?)", what, ut_shown(shown, s), best);
    } else {
        char *all = joined(known, n);
        cl_usage_error(prog, "unknown %s '%s' (known: %s)", what, ut_shown(shown, s), all);
        free(all);
    }
    return -1;
}

/* ---- languages ---------------------------------------------------------- */

/* A language tag as i18n.c accepts it: 2-3 lowercase letters, then
 * subtags of 1-8 letters or digits after '-' or '_'. */
static int valid_code(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");
    if (n < 2 || n > 3) return 0;
    s += n;
    while (*s) {
        if (*s != '-' && *s != '_') return 0;
        s++;
        size_t k = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        if (k < 1 || k > 8) return 0;
        s += k;
    }
    return 1;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* English and the languages with a catalog in dir, sorted; NULL-terminated. */
static char **known_languages(const char *dir)
{
    size_t n = 0, cap = 0;
    char **v = NULL;
    ut_grow(&v, &cap, 2, sizeof *v);
    v[n++] = ut_xstrdup("en");
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 3 || strcmp(e->d_name + len - 3, ".po") != 0) continue;
        char *code = ut_xstrndup(e->d_name, len - 3);
        if (!valid_code(code) || strcmp(code, "en") == 0) {
            free(code);
            continue;
        }
        ut_grow(&v, &cap, n + 2, sizeof *v);
        v[n++] = code;
    }
    if (d) closedir(d);
    qsort(v, n, sizeof *v, cmp_str);
    v[n] = NULL;
    return v;
}

int cl_language(const char *prog, const char *code, const char *i18n_dir)
{
    if (strcmp(code, "en") == 0) return 0;
    if (valid_code(code)) {
        char *po = ut_xasprintf("%s/%s.po", i18n_dir, code);
        int ok = access(po, R_OK) == 0;
        free(po);
        if (ok) return 0;
    }
    char **known = known_languages(i18n_dir);
    size_t n = ut_strv_len(known);
    char shown[UT_SHOWN_SIZE];
    const char *best = cl_closest(code, (const char *const *)known, n);
    if (best) {
        cl_usage_error(prog, "no catalog for language '%s' (did you mean %s?)", ut_shown(shown, code), best);
    } else {
        char *all = joined((const char *const *)known, n);
        cl_usage_error(prog, "no catalog for language '%s' (languages: %s)", ut_shown(shown, code), all);
        free(all);
    }
    ut_strv_free(known);
    return CL_USAGE;
}

/* ---- years -------------------------------------------------------------- */

char *cl_years(const unsigned char *has, int first, int n)
{
    ut_buf b = {0};
    ut_buf_add(&b, "", 0);
    for (int i = 0; i < n;) {
        if (!has[i]) { i++; continue; }
        int j = i;
        while (j + 1 < n && has[j + 1]) j++;
        if (b.len) ut_buf_puts(&b, ", ");
        if (j > i) ut_buf_printf(&b, "%d\u2013%d", first + i, first + j);
        else ut_buf_printf(&b, "%d", first + i);
        i = j + 1;
    }
    if (!b.len) ut_buf_puts(&b, "none");
    return b.data;
}
