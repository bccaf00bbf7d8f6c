/* test_catalog.c — unit tests of catalog.c (PO parsing, plural rules,
 * lookups, placeholders) and i18n.c (the per-language translator), on the
 * catalogs in tests/fixtures/i18n/ (good/: msgfmt --check accepts them;
 * bad/: it rejects them) and on a few byte-level cases written to temporary
 * files. Run from the repository root. Prints one line per failed check;
 * exits 1 if any failed. */
#include "catalog.h"
#include "diag.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GOOD "tests/fixtures/i18n/good"
#define BAD "tests/fixtures/i18n/bad"

static int checks, failures;

#define CHECK(cond) do { checks++; if (!(cond)) { failures++; \
    printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_STR(got, want) check_str(__LINE__, (got), (want))
#define CHECK_INT(got, want) check_int(__LINE__, #got, (long)(got), (long)(want))

static void check_str(int line, const char *got, const char *want)
{
    checks++;
    if (got == want || (got && want && strcmp(got, want) == 0)) return;
    failures++;
    printf("%s:%d: expected %s%s%s, got %s%s%s\n", __FILE__, line, want ? "\"" : "",
           want ? want : "NULL", want ? "\"" : "", got ? "\"" : "", got ? got : "NULL", got ? "\"" : "");
}

static void check_int(int line, const char *what, long got, long want)
{
    checks++;
    if (got == want) return;
    failures++;
    printf("%s:%d: %s: expected %ld, got %ld\n", __FILE__, line, what, want, got);
}

/* 1 when dg has an item printed exactly as `text` (FILE:LINE: ...). */
static int has_diag(const dg_list *dg, const char *text)
{
    for (size_t i = 0; i < dg->n; i++) {
        char *s = dg_format(&dg->v[i]);
        int eq = strcmp(s, text) == 0;
        free(s);
        if (eq) return 1;
    }
    return 0;
}

#define CHECK_DIAG(dg, text) do { checks++; if (!has_diag(dg, text)) { failures++; \
    printf("%s:%d: no diagnostic: %s\n", __FILE__, __LINE__, text); print_diags(dg); } } while (0)

static void print_diags(const dg_list *dg)
{
    for (size_t i = 0; i < dg->n; i++) {
        char *s = dg_format(&dg->v[i]);
        printf("    have: %s\n", s);
        free(s);
    }
}

/* Writes bytes to a temporary file; the caller unlinks and frees the path. */
static char *temp_file(const char *data, size_t len)
{
    char *path = strdup("/tmp/sswr-test-catalog-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
        printf("%s: cannot write a temporary file\n", __FILE__);
        exit(1);
    }
    close(fd);
    return path;
}

/* Loads PO text from memory, shown as "t.po" in messages. */
static ct_catalog *load_text(const char *data, size_t len, dg_list *dg)
{
    char *path = temp_file(data, len);
    ct_catalog *c = ct_load(path, "t.po", dg);
    unlink(path);
    free(path);
    return c;
}
#define LOAD(text, dg) load_text(text, sizeof text - 1, dg)

#define HEADER "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"

/* ---- a catalog with every construct -------------------------------------- */

static void test_normal(void)
{
    dg_list dg = {0};
    ct_catalog *c = ct_load(GOOD "/normal.po", "normal.po", &dg);
    CHECK(c != NULL);
    if (!c) return;
    CHECK_INT(dg.n, 0);
    print_diags(&dg);
    CHECK_INT(ct_count(c), 13);
    CHECK_INT(ct_nplurals(c), 2);

    /* comments, references, flags */
    const ct_entry *e = ct_find(c, NULL, "Hello {country}");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->msgstr[0], "Hola {country}");
        CHECK_INT(e->nstr, 1);
        CHECK_INT(e->line, 22);
        CHECK_INT(e->flags, CT_BRACE_FORMAT);
        CHECK_STR(e->comments, "Title of the profile's first page.\nA second extracted comment line.");
        CHECK(e->msgctxt == NULL);
        CHECK(e->msgid_plural == NULL);
    }
    CHECK_STR(ct_get(c, "Hello {country}"), "Hola {country}");

    /* multi-line strings, escapes */
    CHECK_STR(ct_get(c, "Line one continues.\nLine two."), "Línea uno continúa.\nLínea dos.");
    e = ct_find(c, NULL, "Line one continues.\nLine two.");
    CHECK(e && e->line == 26 && e->comments[0] == '\0');
    CHECK_STR(ct_get(c, "Tab\there, quote \"q\", backslash \\ and newline\n"),
              "Tab\tahí, comillas \"q\", barra \\ y salto\n");
    CHECK_STR(ct_get(c, "Octal A, hex B, tab \t"), "Octal A, hex B, tabulador \t");

    /* msgctxt: the pair is the key */
    CHECK_STR(ct_get(c, "Total"), "Total");
    CHECK_STR(ct_pget(c, "chart legend", "Total"), "Conjunto");
    CHECK_STR(ct_pget(c, "table", "Total"), NULL);
    e = ct_find(c, "chart legend", "Total");
    CHECK(e && e->line == 45 && e->msgctxt && strcmp(e->msgctxt, "chart legend") == 0);
    CHECK(ct_find(c, NULL, "Total") != e);

    /* fuzzy and empty translations count as untranslated */
    CHECK_STR(ct_get(c, "Updated {date}"), NULL);
    e = ct_find(c, NULL, "Updated {date}");
    CHECK(e && e->flags == (CT_FUZZY | CT_BRACE_FORMAT));
    CHECK_STR(ct_get(c, "New text"), NULL);
    CHECK(ct_find(c, NULL, "New text") && ct_find(c, NULL, "New text")->flags == CT_FUZZY);
    CHECK_STR(ct_get(c, "Data not available"), NULL);
    CHECK(ct_find(c, NULL, "Data not available") != NULL);

    /* indented keywords, strings side by side */
    CHECK_STR(ct_get(c, "Concat"), "Concat");

    /* plural entry (Spanish: n != 1) */
    CHECK_STR(ct_nget(c, "{n} country", 1), "{n} país");
    CHECK_STR(ct_nget(c, "{n} country", 2), "{n} países");
    CHECK_STR(ct_nget(c, "{n} country", 0), "{n} países");
    CHECK_STR(ct_get(c, "{n} country"), "{n} país");
    e = ct_find(c, NULL, "{n} country");
    CHECK(e && e->nstr == 2 && e->msgid_plural && strcmp(e->msgid_plural, "{n} countries") == 0);
    CHECK_STR(ct_nget(c, "Total", 5), "Total");     /* a singular entry: its msgstr */

    CHECK_STR(ct_get(c, "Côte d’Ivoire"), "Costa de Marfil");
    CHECK_STR(ct_get(c, "Use {{braces}} around {name}"), "Use {{llaves}} alrededor de {name}");
    CHECK(ct_find(c, NULL, "Removed") == NULL);      /* obsolete (#~) */
    CHECK_STR(ct_get(c, "Not in the catalog"), NULL);

    /* header */
    CHECK_STR(ct_header(c, "Language"), "es");
    CHECK_STR(ct_header(c, "language"), "es");
    CHECK_STR(ct_header(c, "Plural-Forms"), "nplurals=2; plural=(n != 1);");
    CHECK_STR(ct_header(c, "X-Text-Direction"), NULL);
    CHECK(ct_find(c, NULL, "") == NULL);             /* the header is no entry */

    /* iteration in file order */
    CHECK_STR(ct_entry_at(c, 0)->msgid, "Hello {country}");
    CHECK_STR(ct_entry_at(c, 12)->msgid, "Use {{braces}} around {name}");
    CHECK(ct_entry_at(c, 13) == NULL);
    ct_free(c);
    dg_free(&dg);
}

/* ---- plural rules ------------------------------------------------------------ */

static void test_plurals(void)
{
    dg_list dg = {0};
    ct_catalog *ru = ct_load(GOOD "/ru.po", "ru.po", &dg);
    ct_catalog *fr = ct_load(GOOD "/fr.po", "fr.po", &dg);
    ct_catalog *ar = ct_load(GOOD "/ar.po", "ar.po", &dg);
    CHECK_INT(dg.n, 0);
    print_diags(&dg);
    if (!ru || !fr || !ar) { CHECK(0); return; }

    /* Russian: n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2 */
    CHECK_INT(ct_nplurals(ru), 3);
    CHECK_INT(ct_plural(ru, 1), 0);
    CHECK_INT(ct_plural(ru, 2), 1);
    CHECK_INT(ct_plural(ru, 5), 2);
    CHECK_INT(ct_plural(ru, 11), 2);
    CHECK_INT(ct_plural(ru, 21), 0);
    CHECK_INT(ct_plural(ru, 22), 1);
    CHECK_INT(ct_plural(ru, 25), 2);
    CHECK_INT(ct_plural(ru, 111), 2);
    CHECK_INT(ct_plural(ru, 0), 2);
    CHECK_INT(ct_plural(ru, 12), 2);
    CHECK_INT(ct_plural(ru, 14), 2);
    CHECK_INT(ct_plural(ru, 101), 0);
    CHECK_INT(ct_plural(ru, 1000001), 0);           /* beyond the probed range */
    CHECK_STR(ct_nget(ru, "{n} worker", 1), "{n} работник");
    CHECK_STR(ct_nget(ru, "{n} worker", 22), "{n} работника");
    CHECK_STR(ct_nget(ru, "{n} worker", 111), "{n} работников");
    /* two of three forms: untranslated for every n */
    CHECK_STR(ct_nget(ru, "{n} country", 1), NULL);
    CHECK_STR(ct_nget(ru, "{n} country", 5), NULL);

    /* French: n > 1 */
    CHECK_INT(ct_nplurals(fr), 2);
    CHECK_INT(ct_plural(fr, 0), 0);
    CHECK_INT(ct_plural(fr, 1), 0);
    CHECK_INT(ct_plural(fr, 2), 1);
    CHECK_INT(ct_plural(fr, 100), 1);
    CHECK_STR(ct_nget(fr, "{n} worker", 0), "{n} travailleur");
    CHECK_STR(ct_nget(fr, "{n} worker", 2), "{n} travailleurs");

    /* Arabic, 6 forms: n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5 */
    CHECK_INT(ct_nplurals(ar), 6);
    CHECK_INT(ct_plural(ar, 0), 0);
    CHECK_INT(ct_plural(ar, 1), 1);
    CHECK_INT(ct_plural(ar, 2), 2);
    CHECK_INT(ct_plural(ar, 3), 3);
    CHECK_INT(ct_plural(ar, 10), 3);
    CHECK_INT(ct_plural(ar, 11), 4);
    CHECK_INT(ct_plural(ar, 99), 4);
    CHECK_INT(ct_plural(ar, 100), 5);
    CHECK_INT(ct_plural(ar, 101), 5);
    CHECK_INT(ct_plural(ar, 102), 5);
    CHECK_INT(ct_plural(ar, 103), 3);
    CHECK_INT(ct_plural(ar, 111), 4);
    CHECK_INT(ct_plural(ar, 1000), 5);
    CHECK_STR(ct_nget(ar, "{n} worker", 2), "عاملان");
    CHECK_STR(ct_nget(ar, "{n} worker", 7), "{n} عمال");
    ct_free(ru);
    ct_free(fr);
    ct_free(ar);
    dg_free(&dg);

    /* The whole operator set, and precedence as in C. */
    struct { const char *rule; unsigned long nplurals, n, want; } cases[] = {
        { "n == 0 ? 0 : n == 1 ? 1 : 2", 3, 0, 0 },
        { "n == 0 ? 0 : n == 1 ? 1 : 2", 3, 1, 1 },
        { "n == 0 ? 0 : n == 1 ? 1 : 2", 3, 9, 2 },
        { "!(n != 3)", 2, 3, 1 },
        { "!!n", 2, 7, 1 },
        { "1 + 2 * 3 - 7", 2, 0, 0 },              /* 1 + 6 - 7 */
        { "(1 + 2) * n % 4", 4, 3, 1 },            /* 9 % 4 */
        { "n / 10 > 0", 2, 15, 1 },
        { "n < 2 || n >= 10 && n <= 20", 2, 15, 1 },
        { "n < 2 || n >= 10 && n <= 20", 2, 5, 0 },
        { "0 - 1 > 5", 2, 0, 1 },                  /* unsigned long, as in gettext */
        { "n==1?0:n%10>=2&&n%10<=4?1:2", 3, 23, 1 },
        { "((n % 2))", 2, 3, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        int len = snprintf(text, sizeof text, HEADER "\"Plural-Forms: nplurals=%lu; plural=%s;\\n\"\n",
                           cases[i].nplurals, cases[i].rule);
        dg_list d = {0};
        ct_catalog *c = load_text(text, (size_t)len, &d);
        checks++;
        if (!c || d.n || ct_plural(c, cases[i].n) != cases[i].want) {
            failures++;
            printf("%s:%d: plural=%s for n=%lu: expected %lu, got %lu (%zu diagnostics)\n", __FILE__,
                   __LINE__, cases[i].rule, cases[i].n, cases[i].want, c ? ct_plural(c, cases[i].n) : 99,
                   d.n);
        }
        ct_free(c);
        dg_free(&d);
    }
}

/* ---- catalogs msgfmt --check rejects ---------------------------------------- */

static void test_bad_fixtures(void)
{
    dg_list dg = {0};
    ct_catalog *c;

    c = ct_load(BAD "/plural_invalid.po", "bad/plural_invalid.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "bad/plural_invalid.po:14: invalid Plural-Forms header: the plural expression is "
               "invalid: expected \")\" at the end (the English rule nplurals=2; plural=n != 1 is used)");
    CHECK_INT(ct_nplurals(c), 2);                    /* the English rule */
    CHECK_INT(ct_plural(c, 0), 1);
    CHECK_INT(ct_plural(c, 1), 0);
    CHECK_INT(ct_plural(c, 2), 1);
    CHECK_STR(ct_nget(c, "{n} worker", 1), "{n} travailleur");   /* still loaded */
    CHECK_STR(ct_nget(c, "{n} worker", 5), "{n} travailleurs");
    ct_free(c);
    dg_free(&dg);

    c = ct_load(BAD "/plural_range.po", "bad/plural_range.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "bad/plural_range.po:14: invalid Plural-Forms header: the plural expression gives "
               "2 for n = 2, but forms are numbered 0..1 (nplurals=2) (the English rule nplurals=2; "
               "plural=n != 1 is used)");
    CHECK_STR(ct_get(c, "Total"), "Ensemble");
    ct_free(c);
    dg_free(&dg);

    c = ct_load(BAD "/no_plural_forms.po", "bad/no_plural_forms.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "bad/no_plural_forms.po:15: a plural message needs a header with \"Plural-Forms: "
               "nplurals=INTEGER; plural=EXPRESSION;\" (the English rule n != 1 is used)");
    ct_free(c);
    dg_free(&dg);

    /* A syntax error: the line, and the entries around it still load. */
    c = ct_load(BAD "/syntax.po", "bad/syntax.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_INT(dg.n ? dg.v[0].line : 0, 21);
    CHECK_DIAG(&dg, "bad/syntax.po:21: syntax error: msgstr has no string (expected \"...\" after it)");
    CHECK_INT(ct_count(c), 2);
    CHECK_STR(ct_get(c, "First"), "Premier");
    CHECK_STR(ct_get(c, "Third"), "Troisième");
    CHECK(ct_find(c, NULL, "Second") == NULL);
    ct_free(c);
    dg_free(&dg);

    c = ct_load(BAD "/utf8.po", "bad/utf8.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "bad/utf8.po:20: invalid UTF-8 (byte 0xE9 at column 19); catalogs must be UTF-8");
    CHECK(ct_find(c, NULL, "Total") == NULL);
    CHECK_STR(ct_get(c, "First"), "Premier");
    CHECK_STR(ct_get(c, "Third"), "Troisième");
    ct_free(c);
    dg_free(&dg);

    c = ct_load(BAD "/duplicate.po", "bad/duplicate.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "bad/duplicate.po:23: duplicate msgid \"Total\" (first at line 16)");
    CHECK_STR(ct_get(c, "Total"), "Total");          /* the first one is kept */
    CHECK_STR(ct_pget(c, "chart legend", "Total"), "Ensemble");
    CHECK_INT(ct_count(c), 2);
    ct_free(c);
    dg_free(&dg);

    c = ct_load(BAD "/nplurals.po", "bad/nplurals.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "bad/nplurals.po:21: msgstr[3] is beyond nplurals=3 of the Plural-Forms header "
               "(forms 0..2)");
    CHECK_STR(ct_nget(c, "{n} worker", 5), "{n} работников");
    ct_free(c);
    dg_free(&dg);

    c = ct_load(BAD "/escape.po", "bad/escape.po", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "bad/escape.po:16: invalid escape \"\\q\" at column 14 (known: \\n \\t \\\" \\\\ "
               "and octal, hex)");
    CHECK_INT(ct_count(c), 1);
    CHECK_STR(ct_get(c, "Third"), "Troisième");
    ct_free(c);
    dg_free(&dg);

    /* Deliberately loaded without errors (msgfmt rejects it): placeholders
     * are checked where they are used (tr_text) and by `strings check`. */
    c = ct_load(BAD "/placeholders.po", "bad/placeholders.po", &dg);
    CHECK_INT(dg.n, 0);
    CHECK_INT(ct_count(c), 3);
    char *err = NULL;
    const ct_entry *e = ct_find(c, NULL, "Profile of {country}");
    CHECK(e && !ct_placeholders_match(e->msgid, e->msgstr[0], &err));
    CHECK_STR(err, "missing {country}; unknown {contry}");
    free(err);
    e = ct_find(c, NULL, "{country} in {year}");
    CHECK(e && !ct_placeholders_match(e->msgid, e->msgstr[0], &err));
    CHECK_STR(err, "missing {year}");
    free(err);
    e = ct_find(c, NULL, "{n} worker");
    CHECK(e && ct_placeholders_within(e->msgid_plural, e->msgstr[0], &err));
    CHECK_STR(err, NULL);
    CHECK(e && !ct_placeholders_within(e->msgid_plural, e->msgstr[1], &err));
    CHECK_STR(err, "unknown {m}");
    free(err);
    ct_free(c);
    dg_free(&dg);

    /* A file that cannot be read: NULL, and why. */
    c = ct_load(BAD "/no-such-file.po", "bad/no-such-file.po", &dg);
    CHECK(c == NULL);
    CHECK_DIAG(&dg, "bad/no-such-file.po: cannot read the catalog: No such file or directory");
    dg_free(&dg);
}

/* ---- byte-level cases ---------------------------------------------------------- */

static void test_odd_files(void)
{
    dg_list dg = {0};
    ct_catalog *c;

    /* CRLF line ends are read as LF. */
    c = LOAD("msgid \"a\"\r\nmsgstr \"b\"\r\n\r\nmsgid \"c\"\r\nmsgstr \"d\"\r\n", &dg);
    CHECK_INT(dg.n, 0);
    CHECK_STR(ct_get(c, "c"), "d");
    ct_free(c);
    dg_free(&dg);

    /* A byte order mark is an error (as for msgfmt); the rest still loads. */
    c = LOAD("\xEF\xBB\xBFmsgid \"a\"\nmsgstr \"b\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:1: the file starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM");
    CHECK_STR(ct_get(c, "a"), "b");
    ct_free(c);
    dg_free(&dg);

    /* A NUL byte in a line. */
    c = LOAD("msgid \"a\"\nmsgstr \"b\0\"\n\nmsgid \"c\"\nmsgstr \"d\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:2: the line holds a NUL byte");
    CHECK(ct_find(c, NULL, "a") == NULL);
    CHECK_STR(ct_get(c, "c"), "d");
    ct_free(c);
    dg_free(&dg);

    /* A bad line among the comments drops its entry whole: the fuzzy flag
     * above it is not lost by turning the entry into a translated one. */
    c = LOAD("#, fuzzy\n# bad \xFF\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nmsgstr \"d\"\n", &dg);
    CHECK_INT(dg.nerrors, 1);
    CHECK_DIAG(&dg, "t.po:2: invalid UTF-8 (byte 0xFF at column 7); catalogs must be UTF-8");
    CHECK(ct_find(c, NULL, "a") == NULL);
    CHECK_STR(ct_get(c, "c"), "d");
    ct_free(c);
    dg_free(&dg);

    /* An escape that makes invalid UTF-8. */
    c = LOAD("msgid \"a\"\nmsgstr \"\\xff\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:2: the escapes of the string at column 8 make invalid UTF-8");
    CHECK_INT(ct_count(c), 0);
    ct_free(c);
    dg_free(&dg);

    /* Characters that do not belong in a translation (ut_stray_char): a
     * bidirectional override printed "elatneiro euqirfA" on a French page.
     * Raw, it is named at its column in characters (after an "é"); spelt
     * by escapes, at its string's column; a bell (\a) is a control
     * character, EOT (\004) has its own message; in a comment it is an
     * error too and drops the entry. The
     * marks right-to-left text needs (RLM, LRM, ALM) and ZWJ, ZWNJ, ZWSP
     * are fine. */
    c = LOAD("msgid \"Eastern Africa\"\nmsgstr \"\xC3\xA9\xE2\x80\xAE" "elatneiro\"\n\n"
             "msgid \"b\"\nmsgstr \"\\342\\201\\246x\"\n\n"
             "msgid \"c\"\nmsgstr \"bell \\a\"\n\n"
             "# comment \xE2\x80\xAD\nmsgid \"d\"\nmsgstr \"e\"\n\n"
             "msgid \"f\"\nmsgstr \"\xEF\xBF\xBD\"\n\n"
             "msgid \"g\"\nmsgstr \"a\\004b\"\n\n"
             "msgid \"ok\"\nmsgstr \"\xE2\x80\x8F" "a\xE2\x80\x8E" "b\xD8\x9C" "c\xE2\x80\x8D\xE2\x80\x8C\xE2\x80\x8B\"\n",
             &dg);
    CHECK_DIAG(&dg, "t.po:2: U+202E RIGHT-TO-LEFT OVERRIDE at column 10: a bidirectional control reverses "
               "or reorders the text around it; remove it");
    CHECK_DIAG(&dg, "t.po:5: the escapes of the string at column 8 make U+2066 LEFT-TO-RIGHT ISOLATE: a "
               "bidirectional control reverses or reorders the text around it; remove it");
    CHECK_DIAG(&dg, "t.po:8: the escapes of the string at column 8 make U+0007: a control character; remove it");
    CHECK_DIAG(&dg, "t.po:10: U+202D LEFT-TO-RIGHT OVERRIDE at column 11: a bidirectional control reverses "
               "or reorders the text around it; remove it");
    CHECK_DIAG(&dg, "t.po:15: U+FFFD REPLACEMENT CHARACTER at column 9: it marks text lost in a broken "
               "conversion; remove it");
    CHECK_DIAG(&dg, "t.po:17: msgstr holds the context separator EOT (\\004)");
    CHECK_INT(dg.nerrors, 6);
    CHECK_INT(ct_count(c), 1);
    CHECK_STR(ct_get(c, "ok"), "\xE2\x80\x8F" "a\xE2\x80\x8E" "b\xD8\x9C" "c\xE2\x80\x8D\xE2\x80\x8C\xE2\x80\x8B");
    ct_free(c);
    dg_free(&dg);

    /* Messages quote whole characters, never half a UTF-8 sequence. */
    c = LOAD("msgid \"a\\\xC3\xA9" "b\"\nmsgstr \"x\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:1: invalid escape \"\\\xC3\xA9\" at column 9 (known: \\n \\t \\\" \\\\ and "
               "octal, hex)");
    ct_free(c);
    dg_free(&dg);

    /* Octal escapes may spell UTF-8; \0 may not appear. */
    c = LOAD("msgid \"e\"\nmsgstr \"\\303\\251\"\n\nmsgid \"z\"\nmsgstr \"a\\0b\"\n", &dg);
    CHECK_STR(ct_get(c, "e"), "é");
    CHECK_DIAG(&dg, "t.po:5: a NUL byte (\\0) cannot be part of a string (column 10)");
    ct_free(c);
    dg_free(&dg);

    /* Unclosed string, unknown keyword, junk after a string: one error each,
     * and the next entry loads. */
    c = LOAD("msgid \"a\nmsgstr \"b\"\n\nmsgi \"c\"\nmsgstr \"d\"\n\nmsgid \"e\"\nmsgstr \"f\" g\n\n"
             "msgid \"h\"\nmsgstr \"i\"\n", &dg);
    CHECK_INT(dg.nerrors, 3);
    CHECK_DIAG(&dg, "t.po:1: string not closed: the line ends before the '\"' opened at column 7");
    CHECK_DIAG(&dg, "t.po:4: unknown keyword \"msgi\" (expected msgctxt, msgid, msgid_plural, msgstr, "
               "msgstr[N], a comment or a quoted string)");
    CHECK_DIAG(&dg, "t.po:8: unexpected \"g\" (expected a quoted string)");
    CHECK_INT(ct_count(c), 1);
    CHECK_STR(ct_get(c, "h"), "i");
    ct_free(c);
    dg_free(&dg);

    /* Structure errors. */
    c = LOAD("msgid \"a\"\n# note\nmsgstr \"b\"\n\n"      /* 1: comment inside an entry */
             "msgid \"c\"\n\nmsgid \"d\"\nmsgstr \"e\"\n\n"  /* 5: no msgstr */
             "msgctxt \"k\"\nmsgstr \"f\"\n\n"               /* 10: msgctxt without msgid */
             "msgid \"g\"\nmsgstr[0] \"h\"\n\n"              /* 13: msgstr[0], no plural */
             "msgid \"i\"\nmsgid_plural \"is\"\nmsgstr \"j\"\n\n"   /* 16 */
             "msgid \"l\"\nmsgid_plural \"ls\"\nmsgstr[1] \"m\"\n\n" /* 20 */
             "msgid \"n\"\nmsgstr \"o\"\nmsgstr \"p\"\n\n"   /* 24: two msgstr */
             "msgid \"q\\004r\"\nmsgstr \"s\"\n\n"            /* 28: EOT */
             "msgid \"t\"\n", &dg);                          /* 31: end of file */
    CHECK_DIAG(&dg, "t.po:2: a comment cannot stand between the msgid of line 1 and its msgstr");
    CHECK_DIAG(&dg, "t.po:7: syntax error: expected msgstr after the msgid of line 5, found msgid");
    CHECK_DIAG(&dg, "t.po:11: syntax error: expected msgid after the msgctxt of line 10, found msgstr");
    CHECK_DIAG(&dg, "t.po:14: msgstr[0] without msgid_plural: a singular message takes msgstr \"...\"");
    CHECK_DIAG(&dg, "t.po:18: a message with msgid_plural takes msgstr[0], msgstr[1]... not msgstr");
    CHECK_DIAG(&dg, "t.po:22: msgstr[1] where msgstr[0] was expected (forms are numbered 0, 1, 2... "
               "in order)");
    CHECK_DIAG(&dg, "t.po:26: syntax error: unexpected msgstr after the msgstr of line 25");
    CHECK_DIAG(&dg, "t.po:28: msgid holds the context separator EOT (\\004)");
    CHECK_DIAG(&dg, "t.po:31: syntax error: expected msgstr after the msgid of line 31, found the end "
               "of the file");
    CHECK_INT(dg.nerrors, 9);
    CHECK_INT(ct_count(c), 1);
    CHECK_STR(ct_get(c, "d"), "e");
    ct_free(c);
    dg_free(&dg);

    /* Charsets: UTF-8 only; the template's CHARSET is a warning. */
    c = LOAD("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:2: charset \"ISO-8859-1\" is not supported: catalogs must be UTF-8 (convert "
               "with: msgconv --to-code=UTF-8)");
    ct_free(c);
    dg_free(&dg);
    c = LOAD("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=CHARSET\\n\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:3: warning: charset is the template's CHARSET; the file is read as UTF-8");
    CHECK_INT(dg.nerrors, 0);
    ct_free(c);
    dg_free(&dg);

    /* More bad Plural-Forms headers. */
    c = LOAD(HEADER "\"Plural-Forms: nplurals=2; plural=n/0;\\n\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:4: invalid Plural-Forms header: the plural expression divides by zero for "
               "n = 0 (the English rule nplurals=2; plural=n != 1 is used)");
    ct_free(c);
    dg_free(&dg);
    c = LOAD(HEADER "\"Plural-Forms: nplurals=2;\\n\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:4: invalid Plural-Forms header: no plural=EXPRESSION (the English rule "
               "nplurals=2; plural=n != 1 is used)");
    ct_free(c);
    dg_free(&dg);
    c = LOAD(HEADER "\"Plural-Forms: nplurals=9; plural=n;\\n\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:4: invalid Plural-Forms header: nplurals=9 is out of range 1..8 (the English "
               "rule nplurals=2; plural=n != 1 is used)");
    ct_free(c);
    dg_free(&dg);
    c = LOAD(HEADER "\"Plural-Forms: nplurals=2; plural=n >> 1;\\n\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:4: invalid Plural-Forms header: the plural expression is invalid: unexpected "
               "\">> 1\" after the expression (the English rule nplurals=2; plural=n != 1 is used)");
    ct_free(c);
    dg_free(&dg);
    c = LOAD(HEADER "\"Plural-Forms: nplurals=2; plural=((((((((((((((((((((((((((((((((((((((((((n"
             "))))))))))))))))))))))))))))))))))))))))));\\n\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:4: invalid Plural-Forms header: the plural expression is invalid: expression "
               "nested too deeply (the English rule nplurals=2; plural=n != 1 is used)");
    ct_free(c);
    dg_free(&dg);
    c = LOAD(HEADER "\"Plural-Forms: nplurals=3; plural=n%3;\\n\"\n\nmsgid \"a\"\nmsgid_plural \"as\"\n"
             "msgstr[0] \"x\"\nmsgstr[1] \"y\"\n", &dg);
    CHECK_DIAG(&dg, "t.po:6: only 2 plural forms, but the Plural-Forms header says nplurals=3 (the "
               "message is used as untranslated)");
    CHECK_STR(ct_nget(c, "a", 1), NULL);
    ct_free(c);
    dg_free(&dg);

    /* An empty file is an empty catalog. */
    c = LOAD("", &dg);
    CHECK(c != NULL && ct_count(c) == 0 && dg.n == 0);
    CHECK_INT(ct_plural(c, 1), 0);
    CHECK_INT(ct_plural(c, 2), 1);
    ct_free(c);
    dg_free(&dg);
}

/* ---- placeholders ------------------------------------------------------------ */

static void test_format(void)
{
    const char *names[] = { "country", "year", "n" };
    const char *values[] = { "Kenya", "2024", NULL };
    char *err = (char *)"unset";
    char *s;

    s = ct_format("Social service workforce in {country}", names, values, 3, &err);
    CHECK_STR(s, "Social service workforce in Kenya");
    CHECK(err == NULL);
    free(s);
    s = ct_format("{country}, {year}: {country}", names, values, 3, &err);
    CHECK_STR(s, "Kenya, 2024: Kenya");
    free(s);
    s = ct_format("{{literal}} and {{{year}}} }}", names, values, 3, &err);
    CHECK_STR(s, "{literal} and {2024} }");
    free(s);
    s = ct_format("[{n}]", names, values, 3, &err);     /* a NULL value is "" */
    CHECK_STR(s, "[]");
    free(s);
    s = ct_format("Côte d’Ivoire {year}", names, values, 3, &err);
    CHECK_STR(s, "Côte d’Ivoire 2024");
    free(s);
    s = ct_format("", names, values, 3, &err);
    CHECK_STR(s, "");
    free(s);
    s = ct_format("no placeholder", NULL, NULL, 0, &err);
    CHECK_STR(s, "no placeholder");
    free(s);

    s = ct_format("Profile of {contry}", names, values, 3, &err);
    CHECK(s == NULL);
    CHECK_STR(err, "unknown placeholder {contry} (known: {country}, {year}, {n})");
    free(err);
    s = ct_format("Profile of {country", names, values, 3, &err);
    CHECK(s == NULL);
    CHECK_STR(err, "unclosed \"{\" at \"{country\" (write \"{{\" for a literal brace)");
    free(err);
    s = ct_format("a } b", names, values, 3, &err);
    CHECK(s == NULL);
    CHECK_STR(err, "a single \"}\" at \"} b\" (write \"}}\" for a literal brace)");
    free(err);
    s = ct_format("{0}", names, values, 3, &err);
    CHECK(s == NULL);
    CHECK_STR(err, "invalid placeholder at \"{0}\" (a name is a letter or _, then letters, digits, _; "
                   "write \"{{\" for a literal brace)");
    free(err);
    s = ct_format("x { country } y", names, values, 3, &err);
    CHECK(s == NULL && err && strncmp(err, "invalid placeholder at \"{ country } y\"", 38) == 0);
    free(err);
    s = ct_format("{}", names, values, 3, &err);
    CHECK(s == NULL && err && strncmp(err, "invalid placeholder", 19) == 0);
    free(err);
    s = ct_format("{x}", NULL, NULL, 0, &err);
    CHECK(s == NULL);
    CHECK_STR(err, "unknown placeholder {x} (known: none)");
    free(err);
    /* {indicator:ID}: one ':' joins two names (templates name indicators so). */
    {
        const char *in[] = { "indicator:ratio_per_100k", "year" }, *iv[] = { "27.4", "2024" };
        s = ct_format("{indicator:ratio_per_100k} in {year}", in, iv, 2, &err);
        CHECK_STR(s, "27.4 in 2024");
        free(s);
        s = ct_format("{indicator:}", in, iv, 2, &err);
        CHECK(s == NULL && err && strncmp(err, "invalid placeholder", 19) == 0);
        free(err);
        s = ct_format("{indicator:a:b}", in, iv, 2, &err);
        CHECK(s == NULL && err && strncmp(err, "invalid placeholder", 19) == 0);
        free(err);
        s = ct_format("{:a}", in, iv, 2, &err);
        CHECK(s == NULL && err && strncmp(err, "invalid placeholder", 19) == 0);
        free(err);
        CHECK(ct_placeholders_match("{indicator:x} a", "a {indicator:x}", &err) == 1);
        free(err);
        CHECK(ct_placeholders_match("{indicator:x} a", "a {indicator:y}", &err) == 0);
        CHECK_STR(err, "missing {indicator:x}; unknown {indicator:y}");
        free(err);
    }
    /* The quoted context is cut on a character boundary: "é" is 2 bytes. */
    s = ct_format("{ééééééééééééééééééé", names, values, 3, &err);
    CHECK(s == NULL);
    CHECK_STR(err, "unclosed \"{\" at \"{ééééééééééé\" (write \"{{\" for a literal brace)");
    free(err);
}

static void test_placeholders(void)
{
    char *err = (char *)"unset";
    CHECK(ct_placeholders_match("Hello {country}", "Hola {country}", &err) == 1);
    CHECK(err == NULL);
    CHECK(ct_placeholders_match("{a} {b}", "{b} {a} {b}", &err) == 1);
    CHECK(ct_placeholders_match("{{x}} no placeholder", "{{y}} ninguno", &err) == 1);
    CHECK(ct_placeholders_match("plain", "simple", &err) == 1);
    CHECK(ct_placeholders_match("{country} in {year}", "{country}", &err) == 0);
    CHECK_STR(err, "missing {year}");
    free(err);
    CHECK(ct_placeholders_match("Profile of {country}", "Profil de {contry}", &err) == 0);
    CHECK_STR(err, "missing {country}; unknown {contry}");
    free(err);
    CHECK(ct_placeholders_match("{a} {b} {c}", "{d} {e}", &err) == 0);
    CHECK_STR(err, "missing {a}, {b}, {c}; unknown {d}, {e}");
    free(err);
    CHECK(ct_placeholders_match("{a}", "{a", &err) == 0);
    CHECK_STR(err, "in the translation: unclosed \"{\" at \"{a\" (write \"{{\" for a literal brace)");
    free(err);
    CHECK(ct_placeholders_match("{a}}", "{a}", &err) == 0);
    CHECK_STR(err, "in the English text: a single \"}\" at \"}\" (write \"}}\" for a literal brace)");
    free(err);
    CHECK(ct_placeholders_within("{n} worker{n} workers", "عاملان", &err) == 1);
    CHECK(ct_placeholders_within("{n} of {total}", "{total}", &err) == 1);
    CHECK(ct_placeholders_within("{n}", "{m}", &err) == 0);
    CHECK_STR(err, "unknown {m}");
    free(err);
}

/* ---- the per-language translator ------------------------------------------- */

static void test_tr_fr(void)
{
    dg_list dg = {0};
    tr_lang *fr = tr_open(GOOD, "fr", &dg);
    CHECK(fr != NULL);
    if (!fr) return;
    CHECK_INT(dg.n, 0);
    print_diags(&dg);
    CHECK_STR(tr_code(fr), "fr");
    CHECK_STR(tr_numbers(fr)->lang, "fr");
    CHECK_INT(tr_rtl(fr), 0);

    CHECK_STR(tr_text(fr, "Social service workforce in {country}"),
              "Personnel des services sociaux en {country}");
    CHECK_INT(dg.n, 0);

    /* missing: the msgid itself, one warning however often it is asked */
    const char *missing = "Not in the catalog";
    CHECK(tr_text(fr, missing) == missing);
    CHECK(tr_text(fr, missing) == missing);
    CHECK_INT(dg.nwarnings, 1);
    CHECK_DIAG(&dg, GOOD "/fr.po: warning: no translation for \"Not in the catalog\" (English used)");

    CHECK_STR(tr_text(fr, "Workers per 100,000 children"), "Workers per 100,000 children");
    CHECK_DIAG(&dg, GOOD "/fr.po:30: warning: the translation of \"Workers per 100,000 children\" is "
               "marked fuzzy (English used)");
    CHECK_STR(tr_text(fr, "Data not available"), "Data not available");
    CHECK_DIAG(&dg, GOOD "/fr.po:33: warning: no translation for \"Data not available\" (English used)");

    /* placeholders differ: English, with the line and what differs */
    CHECK_STR(tr_text(fr, "Data for {year}"), "Data for {year}");
    CHECK_DIAG(&dg, GOOD "/fr.po:37: warning: the translation of \"Data for {year}\" has other "
               "placeholders than the English (missing {year}; unknown {annee}); English used");
    CHECK_STR(tr_text(fr, "{count} of {total} countries reported"), "{count} of {total} countries reported");
    CHECK_DIAG(&dg, GOOD "/fr.po:41: warning: the translation of \"{count} of {total} countries "
               "reported\" has other placeholders than the English (missing {total}); English used");
    tr_text(fr, "Data for {year}");
    CHECK_INT(dg.nwarnings, 5);

    /* context */
    CHECK_STR(tr_ptext(fr, "chart legend", "Total"), "Ensemble");
    CHECK_STR(tr_text(fr, "Total"), "Total");
    CHECK_DIAG(&dg, GOOD "/fr.po: warning: no translation for \"Total\" (English used)");
    CHECK_STR(tr_ptext(fr, "table", "Total"), "Total");
    CHECK_DIAG(&dg, GOOD "/fr.po: warning: no translation for \"Total\" (context \"table\") (English used)");

    /* plurals, and the English fallback for n */
    CHECK_STR(tr_ntext(fr, "{n} worker", "{n} workers", 0), "{n} travailleur");
    CHECK_STR(tr_ntext(fr, "{n} worker", "{n} workers", 1), "{n} travailleur");
    CHECK_STR(tr_ntext(fr, "{n} worker", "{n} workers", 2), "{n} travailleurs");
    CHECK_STR(tr_ntext(fr, "{n} file", "{n} files", 1), "{n} file");
    CHECK_STR(tr_ntext(fr, "{n} file", "{n} files", 0), "{n} files");
    CHECK_STR(tr_ntext(fr, "{n} file", "{n} files", 3), "{n} files");
    CHECK_INT(dg.nwarnings, 8);

    /* a long msgid is cut in the warning */
    tr_text(fr, "A very long message that nobody translated, which goes on and on and on");
    CHECK_DIAG(&dg, GOOD "/fr.po: warning: no translation for \"A very long message that nobody "
               "translated, which goes on an...\" (English used)");
    CHECK_INT(dg.nerrors, 0);
    tr_close(fr);
    dg_free(&dg);
}

static void test_tr_others(void)
{
    dg_list dg = {0};

    tr_lang *ru = tr_open(GOOD, "ru", &dg);
    CHECK(ru != NULL);
    if (ru) {
        CHECK_STR(tr_ntext(ru, "{n} worker", "{n} workers", 1), "{n} работник");
        CHECK_STR(tr_ntext(ru, "{n} worker", "{n} workers", 2), "{n} работника");
        CHECK_STR(tr_ntext(ru, "{n} worker", "{n} workers", 5), "{n} работников");
        CHECK_STR(tr_ntext(ru, "{n} worker", "{n} workers", 21), "{n} работник");
        CHECK_STR(tr_ntext(ru, "{n} worker", "{n} workers", 111), "{n} работников");
        CHECK_STR(tr_ntext(ru, "{n} country", "{n} countries", 1), "{n} country");
        CHECK_STR(tr_ntext(ru, "{n} country", "{n} countries", 21), "{n} countries");
        CHECK_DIAG(&dg, GOOD "/ru.po:26: warning: no translation for \"{n} country\" (English used)");
        CHECK_INT(tr_rtl(ru), 0);
        CHECK_INT(dg.n, 1);
        tr_close(ru);
    }
    dg_free(&dg);

    /* Arabic: right-to-left from the built-in list; forms may drop {n}. */
    tr_lang *ar = tr_open(GOOD, "ar", &dg);
    CHECK(ar != NULL);
    if (ar) {
        CHECK_INT(tr_rtl(ar), 1);
        CHECK_STR(tr_numbers(ar)->lang, "ar");
        CHECK_STR(tr_ntext(ar, "{n} worker", "{n} workers", 0), "لا يوجد عاملون");
        CHECK_STR(tr_ntext(ar, "{n} worker", "{n} workers", 1), "عامل واحد");
        CHECK_STR(tr_ntext(ar, "{n} worker", "{n} workers", 2), "عاملان");
        CHECK_STR(tr_ntext(ar, "{n} worker", "{n} workers", 3), "{n} عمال");
        CHECK_STR(tr_ntext(ar, "{n} worker", "{n} workers", 11), "{n} عاملًا");
        CHECK_STR(tr_ntext(ar, "{n} worker", "{n} workers", 100), "{n} عامل");
        CHECK_STR(tr_text(ar, "Social service workforce in {country}"),
                  "القوى العاملة في الخدمة الاجتماعية في {country}");
        CHECK_INT(dg.n, 0);
        tr_close(ar);
    }
    dg_free(&dg);

    /* A language added with files only: direction, numbers and list
     * separator from dv.conventions. */
    tr_lang *dv = tr_open(GOOD, "dv", &dg);
    CHECK(dv != NULL);
    if (dv) {
        CHECK_INT(tr_rtl(dv), 1);
        CHECK_STR(tr_numbers(dv)->lang, "dv");
        CHECK_STR(tr_conventions(dv)->list_separator, "\xD8\x8C ");
        CHECK_INT(tr_conventions(dv)->script, CV_SCRIPT_ARABIC);
        CHECK_INT(dg.nwarnings, 0);
        CHECK_INT(dg.nerrors, 0);
        CHECK_STR(tr_text(dv, "Total"), "ޖުމްލަ");
        tr_close(dv);
    }
    dg_free(&dg);

    /* English: msgids are the text; en.po gives plural forms only. */
    tr_lang *en = tr_open(GOOD, "en", &dg);
    CHECK(en != NULL);
    if (en) {
        CHECK_STR(tr_text(en, "Total"), "Total");
        CHECK_STR(tr_text(en, "Anything at all"), "Anything at all");
        CHECK_STR(tr_ntext(en, "{n} worker", "{n} workers", 1), "{n} social service worker");
        CHECK_STR(tr_ntext(en, "{n} worker", "{n} workers", 4), "{n} social service workers");
        CHECK_STR(tr_ntext(en, "{n} file", "{n} files", 1), "{n} file");
        CHECK_STR(tr_ntext(en, "{n} file", "{n} files", 2), "{n} files");
        CHECK_INT(tr_rtl(en), 0);
        CHECK_INT(dg.n, 0);
        tr_close(en);
    }
    en = tr_open(BAD, "en", &dg);            /* no en.po there: fine */
    CHECK(en != NULL);
    if (en) {
        CHECK_STR(tr_ntext(en, "{n} file", "{n} files", 0), "{n} files");
        CHECK_STR(tr_numbers(en)->lang, "en");
        tr_close(en);
    }
    CHECK_INT(dg.n, 0);
    dg_free(&dg);

    /* A header line that contradicts the file, and no conventions file:
     * warnings; the file's code wins, and English conventions are used
     * (left to right: direction is a convention, not a header line). */
    char dir[] = "/tmp/sswr-test-i18n-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[64];
    snprintf(path, sizeof path, "%s/he.po", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(HEADER "\"Language: fr\\n\"\n\"X-Text-Direction: sideways\\n\"\n", f);
        fclose(f);
    }
    tr_lang *he = tr_open(dir, "he", &dg);
    CHECK(he != NULL);
    if (he) {
        CHECK_INT(tr_rtl(he), 0);
        CHECK_STR(tr_numbers(he)->lang, "he");
        tr_close(he);
    }
    char want[320];
    snprintf(want, sizeof want, "%s: warning: the header says Language: fr, but the file is for he", path);
    CHECK_DIAG(&dg, want);
    snprintf(want, sizeof want, "%s/he.conventions: warning: no conventions file for \"he\" (numbers, "
             "lists, quotation marks, direction and script: templates/i18n/README.md); English ones used",
             dir);
    CHECK_DIAG(&dg, want);
    CHECK_INT(dg.nwarnings, 2);
    CHECK_INT(dg.nerrors, 0);
    unlink(path);
    rmdir(dir);
    dg_free(&dg);

    /* Not openable: no catalog, a bad code. */
    CHECK(tr_open(GOOD, "pt-BR", &dg) == NULL);
    CHECK_DIAG(&dg, GOOD "/pt-BR.po: cannot read the catalog: No such file or directory");
    dg_free(&dg);
    CHECK(tr_open(GOOD, "../bad/escape", &dg) == NULL);
    CHECK_DIAG(&dg, "invalid language code \"../bad/escape\" (expected e.g. fr or pt-BR)");
    dg_free(&dg);
    CHECK(tr_open(GOOD, "FR", &dg) == NULL);
    CHECK(tr_open(GOOD, "", &dg) == NULL);
    CHECK(tr_open(GOOD, "fr-", &dg) == NULL);
    CHECK_INT(dg.nerrors, 3);
    dg_free(&dg);
}

int main(void)
{
    test_normal();
    test_plurals();
    test_bad_fixtures();
    test_odd_files();
    test_format();
    test_placeholders();
    test_tr_fr();
    test_tr_others();
    printf("test_catalog: %d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
