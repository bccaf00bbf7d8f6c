/* story.c — reading and checking the country stories (see story.h): the
 * header lines, then the Markdown body through cmark, walked node by node
 * into paragraphs and list items of styled runs. */
#include "story.h"
#include "util.h"

#include <cmark.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a story is being read with: its file, where its body starts, the
 * story it fills. */
typedef struct reader {
    sy_story *s;
    dg_list *dg;
    long offset;        /* lines before the body (the header and its blank line) */
    const char *body;   /* the body's text, for the lines of tables */
    int bold, italic;
    const char *url;
    int lists;
    sy_block *cur;
} reader;

static void bad(reader *r, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void bad(reader *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dg_vadd(r->dg, DG_ERROR, r->s->path, line, NULL, r->s->iso3, fmt, ap);
    va_end(ap);
    r->s->ok = 0;
}

/* The file line of a node (cmark counts the body's lines from 1); a node
 * without a position (a soft break) takes its parent's. */
static long line_of(const reader *r, cmark_node *n)
{
    for (; n; n = cmark_node_parent(n))
        if (cmark_node_get_start_line(n) > 0) return cmark_node_get_start_line(n) + r->offset;
    return r->offset + 1;
}

/* ---- header ------------------------------------------------------------- */

static char *trimmed(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    return ut_xstrndup(s, n);
}

/* Reads `key: value` lines up to the first blank line; returns the number
 * of lines before the body, or -1 when the file has no header. */
static long read_header(reader *r, const char *text, const char **body)
{
    sy_story *s = r->s;
    const char *p = text;
    long line = 0, kind_line = 0;
    char *kind = NULL;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        line++;
        char *l = trimmed(p, n);
        p = e ? e + 1 : p + n;
        if (!*l) { free(l); break; }
        char *colon = strchr(l, ':');
        size_t klen = colon ? (size_t)(colon - l) : 0;
        int ok_key = klen > 0;
        for (size_t i = 0; i < klen; i++) ok_key &= islower((unsigned char)l[i]) != 0;
        if (!ok_key) {
            if (line == 1)
                bad(r, 1, "a story starts with its header: 'original: LANG', 'kind: published' or "
                          "'kind: illustrative', 'source: …', then a blank line and '# Title'");
            else
                bad(r, line, "the header ends with a blank line before the story's '# Title'");
            free(l);
            free(kind);
            return -1;
        }
        char *v = trimmed(colon + 1, strlen(colon + 1));
        *colon = 0;
        char **slot = !strcmp(l, "original") ? &s->original : !strcmp(l, "source") ? &s->source
                    : !strcmp(l, "kind") ? &kind : NULL;
        if (!slot) {
            char sh[UT_SHOWN_SIZE];
            bad(r, line, "unknown header field '%s': a story's header has 'original', 'kind' and 'source'",
                ut_shown(sh, l));
            free(v);
        } else if (*slot) {
            bad(r, line, "header field '%s' given twice", l);
            free(v);
        } else if (!*v) {
            bad(r, line, "header field '%s' is empty", l);
            free(v);
        } else {
            *slot = v;
            if (slot == &kind) kind_line = line;
        }
        free(l);
    }
    *body = p;
    if (!s->original)
        bad(r, 1, "the header has no 'original: LANG' (the language the story was written in, e.g. 'original: en')");
    else if (strlen(s->original) < 2 || strlen(s->original) > 3 ||
             strspn(s->original, "abcdefghijklmnopqrstuvwxyz") != strlen(s->original))
        bad(r, 1, "'original' is a language code such as en or fr, not '%s'", s->original);
    if (!kind)
        bad(r, 1, "the header has no 'kind': 'kind: published' (drawn from a published source, named in "
                  "'source') or 'kind: illustrative'");
    else if (!strcmp(kind, "published"))
        s->published = 1;
    else if (strcmp(kind, "illustrative") != 0)
        bad(r, kind_line, "'kind' is 'published' or 'illustrative', not '%s'", kind);
    if (s->published && !s->source)
        bad(r, kind_line, "a story drawn from a published source names it: add 'source: PUBLISHER, TITLE, YEAR'");
    free(kind);
    return line;
}

/* ---- body --------------------------------------------------------------- */

static void add_span(reader *r, const char *text)
{
    sy_block *b = r->cur;
    sy_span *last = b->nspans ? &b->spans[b->nspans - 1] : NULL;
    if (last && last->bold == r->bold && last->italic == r->italic &&
        ((!last->url && !r->url) || (last->url && r->url && !strcmp(last->url, r->url)))) {
        char *t = ut_xasprintf("%s%s", last->text, text);
        free(last->text);
        last->text = t;
        return;
    }
    b->spans = ut_xrealloc(b->spans, (b->nspans + 1) * sizeof *b->spans);
    b->spans[b->nspans++] = (sy_span){ .text = ut_xstrdup(text), .bold = r->bold, .italic = r->italic,
                                       .url = r->url ? ut_xstrdup(r->url) : NULL };
}

static int allowed_url(const char *u)
{
    return !strncmp(u, "https://", 8) || !strncmp(u, "http://", 7) || !strncmp(u, "mailto:", 7);
}

static void inlines(reader *r, cmark_node *n)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
            add_span(r, cmark_node_get_literal(c));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            add_span(r, " ");
            break;
        case CMARK_NODE_EMPH: {
            int was = r->italic;
            r->italic = 1;
            inlines(r, c);
            r->italic = was;
            break;
        }
        case CMARK_NODE_STRONG: {
            int was = r->bold;
            r->bold = 1;
            inlines(r, c);
            r->bold = was;
            break;
        }
        case CMARK_NODE_LINK: {
            const char *u = cmark_node_get_url(c);
            if (!u || !allowed_url(u)) {
                char sh[UT_SHOWN_SIZE];
                bad(r, line_of(r, c), "a link goes to a web address (https://…) or an e-mail address "
                    "(mailto:…), not '%s'", ut_shown(sh, u ? u : ""));
            }
            r->url = u;
            inlines(r, c);
            r->url = NULL;
            break;
        }
        case CMARK_NODE_IMAGE:
            bad(r, line_of(r, c), "an image is not allowed in a story: describe it in words, or link to it "
                "with [text](https://…)");
            break;
        case CMARK_NODE_HTML_INLINE:
            bad(r, line_of(r, c), "raw HTML is not allowed in a story: write **bold**, *italic* or "
                "[text](https://…) instead");
            break;
        case CMARK_NODE_CODE:
            bad(r, line_of(r, c), "code (`…`) is not allowed in a story: write the words without backquotes");
            break;
        default:
            bad(r, line_of(r, c), "'%s' is not allowed in a story", cmark_node_get_type_string(c));
            break;
        }
    }
}

/* The error of a block the subset does not allow. */
static void block_not_allowed(reader *r, cmark_node *n)
{
    long line = line_of(r, n);
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HTML_BLOCK:
        bad(r, line, "raw HTML is not allowed in a story: write **bold**, *italic* or [text](https://…) instead");
        break;
    case CMARK_NODE_CODE_BLOCK:
        bad(r, line, "a code block is not allowed in a story: write the text as a paragraph, not indented "
            "and without ```");
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        bad(r, line, "a quotation block (>) is not allowed in a story: put the quotation in a paragraph, "
            "between quotation marks");
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        bad(r, line, "a rule (---) is not allowed in a story: leave a blank line between paragraphs");
        break;
    case CMARK_NODE_HEADING:
        bad(r, line, "a heading other than the title is not allowed in a story: write it as a paragraph, in "
            "**bold** if it must stand out");
        break;
    case CMARK_NODE_LIST:
        bad(r, line, "a list inside a list is not allowed in a story (one level only): make its items items "
            "of the outer list, or a paragraph");
        break;
    default:
        bad(r, line, "'%s' is not allowed in a story", cmark_node_get_type_string(n));
        break;
    }
}

/* A paragraph whose lines look like a table's (cmark, without the table
 * extension, reads a table as a paragraph): the line of its first row. */
static long table_line(const reader *r, cmark_node *n)
{
    int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
    const char *p = r->body;
    for (int l = 1; *p && l <= last; l++) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (l >= first) {
            size_t i = 0;
            while (i < len && (p[i] == ' ' || p[i] == '\t')) i++;
            int pipe_start = i < len && p[i] == '|';
            size_t pipes = 0, dashes = 0, others = 0;
            for (size_t k = i; k < len; k++) {
                if (p[k] == '|') pipes++;
                else if (p[k] == '-') dashes++;
                else if (p[k] != ':' && p[k] != ' ' && p[k] != '\t') others++;
            }
            if ((pipe_start && pipes >= 2) || (pipes && dashes >= 3 && !others)) return first + r->offset;
        }
        p = e ? e + 1 : p + len;
    }
    return 0;
}

static sy_block *new_block(reader *r, sy_kind kind, long line)
{
    sy_story *s = r->s;
    s->blocks = ut_xrealloc(s->blocks, (s->nblocks + 1) * sizeof *s->blocks);
    sy_block *b = &s->blocks[s->nblocks++];
    *b = (sy_block){ .kind = kind, .line = line, .list = kind == SY_ITEM ? r->lists : 0 };
    return b;
}

static void paragraph(reader *r, cmark_node *n, sy_kind kind)
{
    long tl = table_line(r, n);
    if (tl) {
        bad(r, tl, "a table is not allowed in a story: write the figures as sentences or as a bullet list");
        return;
    }
    r->cur = new_block(r, kind, line_of(r, n));
    inlines(r, n);
}

static void list(reader *r, cmark_node *n)
{
    if (cmark_node_get_list_type(n) != CMARK_BULLET_LIST) {
        bad(r, line_of(r, n), "a numbered list is not allowed in a story: write a bullet list, one '- ' per item");
        return;
    }
    for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
        sy_block *b = NULL;
        for (cmark_node *c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
            if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH) {
                block_not_allowed(r, c);
                continue;
            }
            if (!b) {
                paragraph(r, c, SY_ITEM);
                b = r->cur;
            } else {   /* a second paragraph of the item continues it */
                size_t at = r->s->nblocks;
                paragraph(r, c, SY_ITEM);
                if (r->s->nblocks > at) {
                    sy_block *extra = &r->s->blocks[--r->s->nblocks];
                    b = &r->s->blocks[r->s->nblocks - 1];
                    r->cur = b;
                    add_span(r, " ");
                    for (size_t k = 0; k < extra->nspans; k++) {
                        r->bold = extra->spans[k].bold;
                        r->italic = extra->spans[k].italic;
                        r->url = extra->spans[k].url;
                        add_span(r, extra->spans[k].text);
                        free(extra->spans[k].text);
                        free(extra->spans[k].url);
                    }
                    r->bold = r->italic = 0;
                    r->url = NULL;
                    free(extra->spans);
                }
            }
        }
    }
    r->lists++;
}

/* The heading's text, styles dropped. */
static void plain_text(cmark_node *n, ut_buf *out)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) ut_buf_add(out, cmark_node_get_literal(c),
                                                                     strlen(cmark_node_get_literal(c)));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) ut_buf_add(out, " ", 1);
        else plain_text(c, out);
    }
}

static void body(reader *r, const char *text)
{
    cmark_node *doc = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
    cmark_node *c = cmark_node_first_child(doc);
    if (!c || cmark_node_get_type(c) != CMARK_NODE_HEADING || cmark_node_get_heading_level(c) != 1) {
        bad(r, c ? line_of(r, c) : r->offset > 0 ? r->offset : 1,   /* no body: the header's last line */
            "a story starts with its title, '# Title', after the header's blank line");
    } else {
        ut_buf t = {0};
        plain_text(c, &t);
        ut_buf_add(&t, "", 1);
        r->s->title = trimmed(t.data, strlen(t.data));
        ut_buf_free(&t);
        for (cmark_node *k = cmark_node_first_child(c); k; k = cmark_node_next(k)) {
            cmark_node_type kt = cmark_node_get_type(k);
            if (kt == CMARK_NODE_IMAGE || kt == CMARK_NODE_HTML_INLINE || kt == CMARK_NODE_LINK) {
                bad(r, line_of(r, k), "the title is plain text: no link, image or HTML in it");
                break;
            }
        }
        c = cmark_node_next(c);
    }
    for (; c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_PARAGRAPH: paragraph(r, c, SY_PARA); break;
        case CMARK_NODE_LIST: {
            /* a list directly inside the story is fine; one inside an item is not */
            list(r, c);
            break;
        }
        default: block_not_allowed(r, c); break;
        }
    }
    if (r->s->ok && r->s->title && !r->s->nblocks)
        bad(r, r->offset + 1, "the story has a title but no text: write at least one paragraph under it");
    cmark_node_free(doc);
}

/* ---- files -------------------------------------------------------------- */

/* ISO3.LANG.md: three capital letters, a dot, a two- or three-letter code. */
static int parse_name(const char *name, char iso3[4], char lang[8])
{
    size_t n = strlen(name);
    if (n < 9 || n > 10 || strcmp(name + n - 3, ".md") != 0 || name[3] != '.') return -1;
    for (int i = 0; i < 3; i++)
        if (!isupper((unsigned char)name[i])) return -1;
    size_t ll = n - 7;
    for (size_t i = 0; i < ll; i++)
        if (!islower((unsigned char)name[4 + i])) return -1;
    memcpy(iso3, name, 3);
    iso3[3] = 0;
    memcpy(lang, name + 4, ll);
    lang[ll] = 0;
    return 0;
}

void sy_parse(sy_story *s, const char *bytes, size_t n, dg_list *dg)
{
    reader r = { .s = s, .dg = dg };
    s->ok = 1;
    s->raw = ut_xmalloc(n + 1);
    if (n) memcpy(s->raw, bytes, n);
    s->raw[n] = 0;
    s->rawlen = n;
    if (memchr(s->raw, 0, n) || ut_utf8_check(s->raw, n) != n) {
        bad(&r, 1, "the story is not UTF-8 text: save it as UTF-8");
        return;
    }
    const char *text = s->raw;
    if (!strncmp(text, "\xEF\xBB\xBF", 3)) text += 3;
    const char *rest = NULL;
    long off = read_header(&r, text, &rest);
    if (off < 0) return;
    r.offset = off;
    r.body = rest;
    body(&r, rest);
}

static void read_story(sy_story *s, dg_list *dg)
{
    FILE *f = fopen(s->path, "rb");
    if (!f) {
        s->ok = 0;
        dg_error(dg, s->path, 0, NULL, s->iso3, "cannot read the story: %s", strerror(errno));
        return;
    }
    ut_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) ut_buf_add(&b, chunk, n);
    fclose(f);
    sy_parse(s, b.data ? b.data : "", b.len, dg);
    ut_buf_free(&b);
}

static int by_key(const void *a, const void *b)
{
    const sy_story *x = a, *y = b;
    int c = strcmp(x->iso3, y->iso3);
    return c ? c : strcmp(x->lang, y->lang);
}

/* Every file of a country names the same original language, which has its
 * own file. */
static void check_originals(sy_set *set, dg_list *dg)
{
    for (size_t i = 0; i < set->n; i++) {
        sy_story *s = &set->v[i];
        if (!s->original) continue;
        reader r = { .s = s, .dg = dg };
        for (size_t k = 0; k < set->n; k++) {
            const sy_story *o = &set->v[k];
            if (k < i && !strcmp(o->iso3, s->iso3) && o->original && strcmp(o->original, s->original) != 0) {
                bad(&r, 1, "'original: %s' differs from %s's 'original: %s': a story has one original language",
                    s->original, o->path, o->original);
                break;
            }
        }
        int found = 0;
        for (size_t k = 0; k < set->n; k++)
            found |= !strcmp(set->v[k].iso3, s->iso3) && !strcmp(set->v[k].lang, s->original);
        if (!found)
            bad(&r, 1, "'original: %s', but there is no %s.%s.md beside it: add the story in its original "
                "language, or name the language this one is in", s->original, s->iso3, s->original);
    }
}

size_t sy_load(const char *dir, sy_set *out, dg_list *dg)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d) {
        if (errno != ENOENT) dg_error(dg, dir, 0, NULL, NULL, "cannot open the stories folder: %s", strerror(errno));
        return errno != ENOENT;
    }
    size_t cap = 0, failed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        size_t n = strlen(e->d_name);
        if (n < 3 || strcmp(e->d_name + n - 3, ".md") != 0) continue;
        char iso3[4], lang[8];
        char *path = ut_xasprintf("%s/%s", dir, e->d_name);
        if (parse_name(e->d_name, iso3, lang) != 0) {
            char sh[UT_SHOWN_SIZE];
            dg_error(dg, path, 0, NULL, NULL, "a story file is named ISO3.LANG.md (KEN.en.md), not '%s'",
                     ut_shown(sh, e->d_name));
            failed++;
            free(path);
            continue;
        }
        ut_grow(&out->v, &cap, out->n + 1, sizeof *out->v);
        sy_story *s = &out->v[out->n++];
        memset(s, 0, sizeof *s);
        memcpy(s->iso3, iso3, 4);
        memcpy(s->lang, lang, sizeof s->lang);
        s->path = path;
    }
    closedir(d);
    if (out->n > 1) qsort(out->v, out->n, sizeof *out->v, by_key);
    for (size_t i = 0; i < out->n; i++) read_story(&out->v[i], dg);
    check_originals(out, dg);
    for (size_t i = 0; i < out->n; i++) failed += !out->v[i].ok;
    return failed;
}

void sy_story_free(sy_story *s)
{
    for (size_t b = 0; b < s->nblocks; b++) {
        for (size_t k = 0; k < s->blocks[b].nspans; k++) {
            free(s->blocks[b].spans[k].text);
            free(s->blocks[b].spans[k].url);
        }
        free(s->blocks[b].spans);
    }
    free(s->blocks);
    free(s->path);
    free(s->original);
    free(s->source);
    free(s->title);
    free(s->raw);
    memset(s, 0, sizeof *s);
}

void sy_free(sy_set *set)
{
    for (size_t i = 0; i < set->n; i++) sy_story_free(&set->v[i]);
    free(set->v);
    memset(set, 0, sizeof *set);
}

const sy_story *sy_find(const sy_set *set, const char *iso3, const char *lang)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->v[i].ok && !strcmp(set->v[i].iso3, iso3) && !strcmp(set->v[i].lang, lang)) return &set->v[i];
    return NULL;
}

const sy_story *sy_pick(const sy_set *set, const char *iso3, const char *lang, int *fallback)
{
    *fallback = 0;
    const sy_story *s = sy_find(set, iso3, lang);
    if (s) return s;
    for (size_t i = 0; i < set->n; i++) {
        const sy_story *o = &set->v[i];
        if (!o->ok || strcmp(o->iso3, iso3) != 0 || !o->original) continue;
        s = sy_find(set, iso3, o->original);
        if (s) {
            *fallback = 1;
            return s;
        }
    }
    return NULL;
}

int sy_has(const sy_set *set, const char *iso3)
{
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->v[i].iso3, iso3)) return 1;
    return 0;
}

int sy_failed(const sy_set *set, const char *iso3)
{
    for (size_t i = 0; i < set->n; i++)
        if (!set->v[i].ok && !strcmp(set->v[i].iso3, iso3)) return 1;
    return 0;
}
