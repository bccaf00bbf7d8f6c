/* i18n.c — per-language translator over a catalog (see i18n.h): the first
 * lookup of a message decides whether its translation is usable and warns
 * once; the verdict is remembered, so later lookups are one hash probe. */
#include "i18n.h"
#include "catalog.h"
#include "conventions.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Bytes of a msgid quoted in a warning before it is cut with "...". */
#define TR_QUOTE_MAX 60

/* A message looked up before and what was decided for it. */
typedef struct tr_memo {
    char *ctxt, *id;            /* id NULL: empty slot */
    uint64_t hash;
    const ct_entry *e;          /* usable translation, or NULL: English */
} tr_memo;

struct tr_lang {
    char *code;
    char *file;                 /* DIR/LANG.po, as shown in messages */
    int english;                /* msgids are the text; en.po for plurals only */
    ct_catalog *cat;            /* NULL: en without en.po */
    cv_conventions *conv;       /* DIR/LANG.conventions, or English's with a warning */
    dg_list *dg;
    tr_memo *memo;
    size_t nmemo, nslot;        /* nslot: a power of two, > 2 nmemo */
};

/* ---- opening ------------------------------------------------------------ */

/* A language tag: 2-3 lowercase letters, then subtags of letters and
 * digits after '-' or '_' ("pt-BR", "zh_Hans"). Keeps paths safe. */
static int valid_code(const char *s)
{
    size_t n = 0;
    while (s[n] >= 'a' && s[n] <= 'z') n++;
    if (n < 2 || n > 3) return 0;
    s += n;
    while (*s) {
        if (*s != '-' && *s != '_') return 0;
        s++;
        size_t k = 0;
        while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9'))
            k++;
        if (k < 1 || k > 8) return 0;
        s += k;
    }
    return 1;
}

/* Length of the primary language subtag ("pt" of "pt-BR"). */
static size_t primary_len(const char *code)
{
    return strcspn(code, "-_");
}

static int same_language(const char *a, const char *b)
{
    size_t la = primary_len(a), lb = primary_len(b);
    return la == lb && strncasecmp(a, b, la) == 0;
}

/* The language's conventions file; English's, with a warning, when there
 * is none. NULL when the file has errors. */
static cv_conventions *conventions(const char *i18n_dir, const char *lang, dg_list *dg)
{
    char *path = ut_xasprintf("%s/%s.conventions", i18n_dir, lang);
    if (access(path, F_OK) != 0 && lang[primary_len(lang)]) {
        /* "pt-BR" without its own file: the language's ("pt") */
        char *primary = ut_xasprintf("%s/%.*s.conventions", i18n_dir, (int)primary_len(lang), lang);
        if (access(primary, F_OK) == 0) {
            free(path);
            path = primary;
        } else {
            free(primary);
        }
    }
    cv_conventions *c = NULL;
    if (access(path, F_OK) == 0) {
        c = cv_load(path, path, lang, dg);
    } else {
        dg_warn(dg, path, 0, NULL, NULL, "no conventions file for \"%s\" (numbers, lists, quotation "
                "marks, direction and script: templates/i18n/README.md); English ones used", lang);
        c = cv_english(lang);
    }
    free(path);
    return c;
}

tr_lang *tr_open(const char *i18n_dir, const char *lang, dg_list *dg)
{
    if (!lang || !valid_code(lang)) {
        dg_error(dg, NULL, 0, NULL, NULL, "invalid language code \"%s\" (expected e.g. fr or pt-BR)",
                 lang ? lang : "");
        return NULL;
    }
    tr_lang *t = ut_xcalloc(1, sizeof *t);
    t->code = ut_xstrdup(lang);
    t->file = ut_xasprintf("%s/%s.po", i18n_dir, lang);
    t->dg = dg;
    t->english = same_language(lang, "en");
    if (!t->english || access(t->file, F_OK) == 0) {
        t->cat = ct_load(t->file, t->file, dg);
        if (!t->cat && !t->english) {
            tr_close(t);
            return NULL;
        }
    }
    const char *hl = ct_header(t->cat, "Language");
    if (hl && *hl && !same_language(hl, lang))
        dg_warn(dg, t->file, 0, NULL, NULL, "the header says Language: %s, but the file is for %s",
                hl, lang);
    t->conv = conventions(i18n_dir, lang, dg);
    if (!t->conv) {
        tr_close(t);
        return NULL;
    }
    return t;
}

void tr_close(tr_lang *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->nslot; i++) {
        free(t->memo[i].ctxt);
        free(t->memo[i].id);
    }
    free(t->memo);
    ct_free(t->cat);
    cv_free(t->conv);
    free(t->code);
    free(t->file);
    free(t);
}

const char *tr_code(const tr_lang *t) { return t->code; }
const nf_locale *tr_numbers(const tr_lang *t) { return &t->conv->numbers; }
int tr_rtl(const tr_lang *t) { return t->conv->rtl; }
const cv_conventions *tr_conventions(const tr_lang *t) { return t->conv; }

/* ---- the memo --------------------------------------------------------------- */

static uint64_t memo_hash(const char *ctxt, const char *id)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a; EOT separates the context */
    if (ctxt) {
        for (const unsigned char *p = (const unsigned char *)ctxt; *p; p++) h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ 4u) * 1099511628211ULL;
    }
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    return h;
}

/* The slot holding the key, or the empty slot where it belongs. */
static tr_memo *memo_slot(tr_memo *v, size_t nslot, const char *ctxt, const char *id, uint64_t h)
{
    for (size_t i = (size_t)h & (nslot - 1);; i = (i + 1) & (nslot - 1)) {
        tr_memo *m = &v[i];
        if (!m->id) return m;
        if (m->hash == h && !m->ctxt == !ctxt && (!ctxt || !strcmp(m->ctxt, ctxt)) && !strcmp(m->id, id))
            return m;
    }
}

static void memo_grow(tr_lang *t)
{
    if (2 * (t->nmemo + 1) < t->nslot) return;
    size_t n = t->nslot ? 2 * t->nslot : 256;
    tr_memo *v = ut_xcalloc(n, sizeof *v);
    for (size_t i = 0; i < t->nslot; i++)
        if (t->memo[i].id) *memo_slot(v, n, t->memo[i].ctxt, t->memo[i].id, t->memo[i].hash) = t->memo[i];
    free(t->memo);
    t->memo = v;
    t->nslot = n;
}

/* ---- deciding ----------------------------------------------------------- */

/* msgid as quoted in a warning: escaped, cut after TR_QUOTE_MAX bytes. */
static char *quoted(const char *ctxt, const char *id)
{
    ut_buf b = {0};
    ut_buf_puts(&b, "\"");
    size_t i = 0;
    for (; id[i] && i < TR_QUOTE_MAX; i++) {
        switch (id[i]) {
        case '\n': ut_buf_puts(&b, "\\n"); break;
        case '\t': ut_buf_puts(&b, "\\t"); break;
        case '"': ut_buf_puts(&b, "\\\""); break;
        case '\\': ut_buf_puts(&b, "\\\\"); break;
        default: ut_buf_add(&b, &id[i], 1);
        }
    }
    while (id[i] && ((unsigned char)id[i] & 0xC0) == 0x80) ut_buf_add(&b, &id[i++], 1);
    ut_buf_puts(&b, id[i] ? "...\"" : "\"");
    if (ctxt) ut_buf_printf(&b, " (context \"%s\")", ctxt);
    return b.data;
}

/* Whether e's translation may be shown in place of the English. */
static int placeholders_ok(const tr_lang *t, const ct_entry *e, char **err)
{
    if (!e->msgid_plural) return ct_placeholders_match(e->msgid, e->msgstr[0], err);
    /* A form may use any placeholder of either English form. */
    char *ref = ut_xasprintf("%s%s", e->msgid, e->msgid_plural);
    int ok = 1;
    for (unsigned long i = 0; ok && i < ct_nplurals(t->cat) && i < e->nstr; i++) {
        char *why = NULL;
        ok = ct_placeholders_within(ref, e->msgstr[i], &why);
        if (!ok) *err = ut_xasprintf("msgstr[%lu]: %s", i, why);
        free(why);
    }
    free(ref);
    return ok;
}

/* The usable entry for the message, or NULL (English), warning as needed. */
static const ct_entry *decide(tr_lang *t, const char *ctxt, const char *id)
{
    const ct_entry *e = ct_find(t->cat, ctxt, id);
    int usable = e && ct_pget(t->cat, ctxt, id) != NULL;
    char *q = NULL;
    if (!usable) {
        if (!t->english) {
            q = quoted(ctxt, id);
            if (e && (e->flags & CT_FUZZY))
                dg_warn(t->dg, t->file, e->line, NULL, NULL, "the translation of %s is marked "
                        "fuzzy (English used)", q);
            else
                dg_warn(t->dg, t->file, e ? e->line : 0, NULL, NULL, "no translation for %s "
                        "(English used)", q);
        }
        free(q);
        return NULL;
    }
    char *why = NULL;
    if (!placeholders_ok(t, e, &why)) {
        q = quoted(ctxt, id);
        dg_warn(t->dg, t->file, e->line, NULL, NULL, "the translation of %s has other placeholders "
                "than the English (%s); English used", q, why);
        free(q);
        free(why);
        return NULL;
    }
    return e;
}

static const ct_entry *resolve(tr_lang *t, const char *ctxt, const char *id)
{
    uint64_t h = memo_hash(ctxt, id);
    if (t->nslot) {
        tr_memo *m = memo_slot(t->memo, t->nslot, ctxt, id, h);
        if (m->id) return m->e;
    }
    const ct_entry *e = decide(t, ctxt, id);
    memo_grow(t);
    tr_memo *m = memo_slot(t->memo, t->nslot, ctxt, id, h);
    m->ctxt = ctxt ? ut_xstrdup(ctxt) : NULL;
    m->id = ut_xstrdup(id);
    m->hash = h;
    m->e = e;
    t->nmemo++;
    return e;
}

/* ---- lookups ------------------------------------------------------------ */

const char *tr_ptext(tr_lang *t, const char *ctxt, const char *msgid)
{
    if (t->english) return msgid;   /* en.po serves plural forms only */
    const ct_entry *e = resolve(t, ctxt, msgid);
    return e ? e->msgstr[0] : msgid;
}

const char *tr_text(tr_lang *t, const char *msgid)
{
    return tr_ptext(t, NULL, msgid);
}

const char *tr_ntext(tr_lang *t, const char *msgid, const char *msgid_plural, unsigned long n)
{
    const ct_entry *e = t->cat ? resolve(t, NULL, msgid) : NULL;
    if (!e) return n == 1 ? msgid : msgid_plural;
    return e->msgid_plural ? e->msgstr[ct_plural(t->cat, n)] : e->msgstr[0];
}

long tr_line(tr_lang *t, const char *msgid)
{
    if (t->english) return 0;
    const ct_entry *e = resolve(t, NULL, msgid);
    return e ? e->line : 0;
}
