/* storypage.c — setting a story into a box (see storypage.h). One walk
 * both measures (tree NULL) and places, so what is measured is what is
 * placed. A line of styled runs is broken by the text engine: tx_wrap
 * proposes the next line at the regular weight, and while the line's runs
 * at their own weights are wider than the box, it proposes again in a
 * narrower width; each run is then one text item, placed after the other
 * in the story's direction. */
#include "storypage.h"
#include "draw.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SP_HEADING_H 16.0     /* the heading line, its rule at its bottom (a [section]'s look) */
#define SP_AFTER_HEADING 6.0
#define SP_INDENT 10.0        /* a list item's text, after its bullet */
#define SP_PARA_GAP 0.45      /* between paragraphs, in body sizes */
#define SP_EPS 0.01

typedef struct pen {
    pt_doc *tree;             /* NULL: measuring */
    tx_fontset *fs;
    const sp_look *lk;
    const sy_story *s;
    double x, w;              /* the box's left edge and width (page coordinates) */
    double y;                 /* next line's top, layout coordinates */
} pen;

static tx_style story_style(const pen *p, double size, int bold, sc_color c)
{
    return (tx_style){ .size = size, .bold = bold, .r = (float)c.r, .g = (float)c.g,
                       .b = (float)c.b, .lang = p->s->lang, .rtl = p->lk->rtl, .script = p->lk->script };
}

static tx_style page_style(const pen *p, double size, int bold, sc_color c)
{
    return (tx_style){ .size = size, .bold = bold, .r = (float)c.r, .g = (float)c.g, .b = (float)c.b,
                       .lang = p->lk->page_lang, .rtl = p->lk->page_rtl, .script = p->lk->page_script };
}

/* Plain text wrapped to the box (heading, title, note, source line). */
static void plain(pen *p, const char *s, tx_style st, double w)
{
    char **lines = NULL;
    size_t n = tx_wrap(p->fs, s, &st, w, &lines);
    for (size_t i = 0; i < n; i++) {
        double base = p->y + TX_FIRST_BASELINE * st.size;
        if (p->tree) {
            double lw = tx_width(p->fs, lines[i], &st);
            int right = st.rtl;
            pt_text(p->tree, lines[i], right ? p->x + p->w : p->x, dw_top(base), right ? TX_RIGHT : TX_LEFT, lw, &st);
        }
        p->y += st.size * TX_LINE_HEIGHT;
    }
    ut_strv_free(lines);
}

/* ---- styled lines ------------------------------------------------------- */

typedef struct para {
    char *text;               /* the spans' texts, joined */
    size_t *start;            /* each span's first byte; start[nspans] = strlen(text) */
    const sy_block *b;
} para;

static void para_init(para *pa, const sy_block *b)
{
    ut_buf t = {0};
    pa->b = b;
    pa->start = ut_xcalloc(b->nspans + 1, sizeof *pa->start);
    for (size_t k = 0; k < b->nspans; k++) {
        pa->start[k] = t.len;
        ut_buf_add(&t, b->spans[k].text, strlen(b->spans[k].text));
    }
    pa->start[b->nspans] = t.len;
    ut_buf_add(&t, "", 1);
    pa->text = t.data;
}

static tx_style span_style(const pen *p, const sy_span *sp)
{
    return story_style(p, p->lk->body, sp->bold, sp->url ? p->lk->primary : p->lk->ink);
}

/* The width of bytes [a, b) of the paragraph, each span at its weight. */
static double span_width(const pen *p, const para *pa, size_t a, size_t b)
{
    double w = 0;
    for (size_t k = 0; k < pa->b->nspans; k++) {
        size_t s0 = pa->start[k] > a ? pa->start[k] : a, s1 = pa->start[k + 1] < b ? pa->start[k + 1] : b;
        if (s0 >= s1) continue;
        char *piece = ut_xstrndup(pa->text + s0, s1 - s0);
        tx_style st = span_style(p, &pa->b->spans[k]);
        w += tx_width(p->fs, piece, &st);
        free(piece);
    }
    return w;
}

/* The length of the next line from `at`, as the text engine breaks it. */
static size_t next_line(const pen *p, const para *pa, size_t at, double w)
{
    tx_style reg = story_style(p, p->lk->body, 0, p->lk->ink);
    double try_w = w;
    for (int round = 0; round < 40; round++) {
        char **lines = NULL;
        size_t n = tx_wrap(p->fs, pa->text + at, &reg, try_w, &lines);
        size_t len = n ? strlen(lines[0]) : strlen(pa->text + at);
        /* tx_wrap returns the text itself, cut: its first line is a prefix */
        if (n && strncmp(lines[0], pa->text + at, len) != 0) len = strlen(pa->text + at);
        ut_strv_free(lines);
        double real = span_width(p, pa, at, at + len);
        if (real <= w + SP_EPS || try_w < 2 * p->lk->body) return len ? len : strlen(pa->text + at);
        try_w -= real - w + 0.5;
    }
    return strlen(pa->text + at);
}

/* One run of a line, placed at x (its left edge); a link's run is its own
 * Link element with its annotation, and underlined. */
static void place_run(pen *p, const sy_span *sp, const char *text, double x, double base, double w)
{
    tx_style st = span_style(p, sp);
    if (!sp->url) {
        pt_text(p->tree, text, x, dw_top(base), TX_LEFT, w, &st);
        if (sp->italic) pt_slant(p->tree);
        return;
    }
    pt_open(p->tree, PT_LINK, NULL, 0, NULL, NULL);
    pt_text(p->tree, text, x, dw_top(base), TX_LEFT, w, &st);
    if (sp->italic) pt_slant(p->tree);
    double size = p->lk->body;
    pt_rule(p->tree, x, dw_top(base + 1.0), w, 0.4, p->lk->primary);
    pt_uri(p->tree, x, dw_top(base + SC_DESCENT * size), w, (SC_ASCENT + SC_DESCENT) * size, sp->url);
    pt_close(p->tree);
}

/* Places bytes [a, b) of the paragraph as one line whose box starts at x0,
 * w wide: runs left to right, or right to left in a right-to-left story. */
static void place_line(pen *p, const para *pa, size_t a, size_t b, double x0, double w, double base)
{
    double x = p->lk->rtl ? x0 + w : x0;
    for (size_t k = 0; k < pa->b->nspans; k++) {
        size_t s0 = pa->start[k] > a ? pa->start[k] : a, s1 = pa->start[k + 1] < b ? pa->start[k + 1] : b;
        if (s0 >= s1) continue;
        char *piece = ut_xstrndup(pa->text + s0, s1 - s0);
        tx_style st = span_style(p, &pa->b->spans[k]);
        double pw = tx_width(p->fs, piece, &st);
        if (pw > 0) {
            if (p->lk->rtl) x -= pw;
            place_run(p, &pa->b->spans[k], piece, x, base, pw);
            if (!p->lk->rtl) x += pw;
        }
        free(piece);
    }
}

/* A paragraph or a list item's text, in the box from x0, w wide. */
static void styled(pen *p, const sy_block *b, double x0, double w)
{
    para pa;
    para_init(&pa, b);
    size_t at = 0, len = strlen(pa.text);
    while (at < len && (pa.text[at] == ' ' || pa.text[at] == '\n')) at++;
    while (at < len) {
        size_t n = next_line(p, &pa, at, w);
        size_t end = at + n;
        while (end > at && pa.text[end - 1] == ' ') end--;
        double base = p->y + TX_FIRST_BASELINE * p->lk->body;
        if (p->tree) place_line(p, &pa, at, end, x0, w, base);
        p->y += p->lk->body * TX_LINE_HEIGHT;
        at += n;
        while (at < len && (pa.text[at] == ' ' || pa.text[at] == '\n')) at++;
    }
    free(pa.text);
    free(pa.start);
}

/* ---- the story ---------------------------------------------------------- */

static void open_el(pen *p, pt_role role, const char *lang)
{
    if (!p->tree) return;
    pt_node *n = pt_open(p->tree, role, NULL, 0, NULL, NULL);
    if (lang) pt_set_lang(n, lang);
}

static void close_el(pen *p)
{
    if (p->tree) pt_close(p->tree);
}

static void item(pen *p, const sy_block *b)
{
    const sp_look *lk = p->lk;
    open_el(p, PT_LI, NULL);
    if (p->tree) {
        open_el(p, PT_LBL, NULL);
        tx_style st = story_style(p, lk->body, 1, lk->primary);
        double bw = tx_width(p->fs, "•", &st);
        double base = p->y + TX_FIRST_BASELINE * lk->body;
        pt_text(p->tree, "•", lk->rtl ? p->x + p->w - 2 - bw : p->x + 2, dw_top(base), TX_LEFT, bw, &st);
        close_el(p);
    }
    open_el(p, PT_LBODY, NULL);
    styled(p, b, lk->rtl ? p->x : p->x + SP_INDENT, p->w - SP_INDENT);
    close_el(p);
    close_el(p);
    p->y += 1.0;
}

static void walk(pen *p)
{
    const sp_look *lk = p->lk;
    const sy_story *s = p->s;
    const char *slang = lk->page_lang && strcmp(lk->page_lang, s->lang) != 0 ? s->lang : NULL;
    if (lk->heading) {
        double top = p->y;
        open_el(p, PT_H2, NULL);
        plain(p, lk->heading, page_style(p, lk->title, 1, lk->primary), p->w);
        p->y = fmax(p->y, top + SP_HEADING_H);
        if (p->tree) pt_rule(p->tree, p->x, dw_top(p->y), p->w, 0.6, lk->rule);
        close_el(p);
        p->y += SP_AFTER_HEADING;
    }
    open_el(p, lk->title_role ? lk->title_role : PT_H3, slang);
    plain(p, s->title, story_style(p, lk->body + 1.5, 1, lk->ink), p->w);
    close_el(p);
    if (lk->note) {
        open_el(p, PT_P, NULL);
        plain(p, lk->note, page_style(p, lk->small, 0, lk->muted), p->w);
        close_el(p);
    }
    p->y += 2;
    for (size_t i = 0; i < s->nblocks; i++) {
        const sy_block *b = &s->blocks[i];
        if (b->kind == SY_PARA) {
            open_el(p, PT_P, slang);
            styled(p, b, p->x, p->w);
            close_el(p);
            p->y += lk->body * SP_PARA_GAP;
            continue;
        }
        open_el(p, PT_L, slang);
        size_t j = i;
        for (; j < s->nblocks && s->blocks[j].kind == SY_ITEM && s->blocks[j].list == b->list; j++)
            item(p, &s->blocks[j]);
        close_el(p);
        p->y += lk->body * SP_PARA_GAP;
        i = j - 1;
    }
    if (lk->source) {
        open_el(p, PT_P, NULL);
        plain(p, lk->source, page_style(p, lk->small, 0, lk->muted), p->w);
        close_el(p);
    }
}

double sp_line_height(const sp_look *lk)
{
    return lk->body * TX_LINE_HEIGHT;
}

double sp_height(tx_fontset *fs, const sy_story *s, const sp_look *lk, double w)
{
    pen p = { .fs = fs, .lk = lk, .s = s, .x = 0, .w = w, .y = 0 };
    walk(&p);
    return p.y;
}

double sp_place(pt_doc *tree, tx_fontset *fs, const sy_story *s, const sp_look *lk, double x, double y,
                double w)
{
    pen p = { .tree = tree, .fs = fs, .lk = lk, .s = s, .x = x, .w = w, .y = y };
    walk(&p);
    return p.y - y;
}
