/* text.c — the text engine (see text.h): font set and coverage, runs and
 * fallback, bidi and Arabic shaping, measuring, wrapping, fitting, drawing. */
#include "text.h"
#include "fit.h"
#include "util.h"

#include <errno.h>
#include <fribidi.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Coverage and width tables are built one 256-code-point page at a time,
 * when a code point of the page is first asked for. */
#define TX_PAGE_SIZE 256
#define TX_NPAGES (0x10000 / TX_PAGE_SIZE)
/* How much of a text a warning quotes (bytes). */
#define TX_QUOTE_MAX 60
/* Slack when comparing widths, in points. */
#define TX_EPS 1e-6
/* Key in the reported list for "invalid UTF-8" (not a code point). */
#define TX_KEY_BAD_UTF8 0xFFFFFFFFu

/* ---------------------------------------------------------------- fonts */

typedef struct tx_face {
    char *file;                 /* resolved path */
    char *source;               /* the source font prepare.py used */
    int index;                  /* face index in a .ttc */
    FT_Face face;
    unsigned upem;
    int16_t *page[TX_NPAGES];   /* width in 1/1000 em as libharu rounds it,
                                   -1 = no glyph; NULL = page not built */
    uint16_t *gid[TX_NPAGES];   /* the glyphs, built with the widths */
} tx_face;

struct tx_fontset {
    dg_list *dg;
    FT_Library ft;
    tx_face faces[TX_NFONTS];
    uint32_t *reported;         /* code points already warned about */
    size_t nreported, capreported;
    /* candidates() by class, script, direction and weight, made at first use */
    tx_font cand[5][4][2][2][TX_NFONTS + 4];
    unsigned char ncand[5][4][2][2];   /* 0: not made yet */
    /* first_covering()'s answers, direct-mapped by code point and style:
     * most text repeats few characters. key 0 = empty. */
    struct { uint32_t key; int font; } covering[1024];
    void *attached;             /* a later stage's cache (tx_fontset_attach) */
    void (*free_attached)(void *);
};

static const char *const ROLES[TX_NFONTS] = {
    "latin-regular", "latin-bold", "arabic-regular", "arabic-bold", "cjk",
    "cyrillic-regular", "cyrillic-bold", "cjk-bold",
};

const char *tx_font_role(tx_font font)
{
    return (unsigned)font < TX_NFONTS ? ROLES[font] : "?";
}

/* The Debian package holding the source of a role's font. */
static const char *role_package(tx_font font)
{
    return font == TX_FONT_CJK ? "fonts-wqy-microhei" : font == TX_FONT_CJK_BOLD ? "fonts-noto-cjk"
                                                                                : "fonts-noto-core";
}

/* A quotation of the text for a message: at most TX_QUOTE_MAX bytes, cut
 * on a character boundary. Owned by the caller. */
static char *quote(const char *text)
{
    size_t n = strlen(text);
    if (n <= TX_QUOTE_MAX) return ut_xstrdup(text);
    size_t k = TX_QUOTE_MAX;
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80) k--;
    return ut_xasprintf("%.*s...", (int)k, text);
}

/* Whether cp (or TX_KEY_BAD_UTF8) was reported already; marks it. */
static int already_reported(tx_fontset *fs, uint32_t key)
{
    for (size_t i = 0; i < fs->nreported; i++)
        if (fs->reported[i] == key) return 1;
    ut_grow(&fs->reported, &fs->capreported, fs->nreported + 1, sizeof *fs->reported);
    fs->reported[fs->nreported++] = key;
    return 0;
}

static void report_missing(tx_fontset *fs, uint32_t cp, const char *text)
{
    if (!fs || already_reported(fs, cp)) return;
    char *q = quote(text ? text : "");
    if (cp > 0xFFFF)
        dg_warn(fs->dg, NULL, 0, NULL, NULL,
                "U+%04X is outside the Basic Multilingual Plane, which libharu cannot draw; "
                "it is left out of \"%s\"", (unsigned)cp, q);
    else
        dg_warn(fs->dg, NULL, 0, NULL, NULL,
                "no font has U+%04X; it is left out of \"%s\"", (unsigned)cp, q);
    free(q);
}

static void report_bad_utf8(tx_fontset *fs, size_t offset, const char *text)
{
    if (!fs || already_reported(fs, TX_KEY_BAD_UTF8)) return;
    char *q = quote(text);
    dg_warn(fs->dg, NULL, 0, NULL, NULL,
            "invalid UTF-8 at byte %zu, drawn as U+FFFD: \"%s\"", offset, q);
    free(q);
}

/* Builds (once) and returns the width page of code point cp < 0x10000. */
static const int16_t *face_page(tx_face *f, uint32_t cp)
{
    unsigned pg = cp / TX_PAGE_SIZE;
    if (f->page[pg]) return f->page[pg];
    int16_t *w = ut_xmalloc(TX_PAGE_SIZE * sizeof *w);
    uint16_t *g = ut_xcalloc(TX_PAGE_SIZE, sizeof *g);
    for (unsigned i = 0; i < TX_PAGE_SIZE; i++) {
        FT_UInt gid = FT_Get_Char_Index(f->face, pg * TX_PAGE_SIZE + i);
        FT_Fixed adv = 0;
        if (!gid || gid > 0xFFFF || FT_Get_Advance(f->face, gid, FT_LOAD_NO_SCALE, &adv)) {
            w[i] = -1;
            continue;
        }
        g[i] = (uint16_t)gid;
        /* libharu: (HPDF_UINT16)(advance * 1000 / units_per_em) */
        w[i] = (int16_t)(uint16_t)((unsigned long)adv * 1000u / f->upem);
    }
    f->page[pg] = w;
    f->gid[pg] = g;
    return w;
}

/* Width of cp in 1/1000 em, or -1 when the font lacks it. */
static int glyph_width(tx_fontset *fs, tx_font font, uint32_t cp)
{
    if (cp > 0xFFFF) return -1;
    return face_page(&fs->faces[font], cp)[cp % TX_PAGE_SIZE];
}

const char *tx_fontset_file(const tx_fontset *fs, tx_font font)
{
    return (unsigned)font < TX_NFONTS ? fs->faces[font].file : NULL;
}

static int role_index(const char *role)
{
    for (int i = 0; i < TX_NFONTS; i++)
        if (strcmp(ROLES[i], role) == 0) return i;
    return -1;
}

/* Parses one manifest line into the font set; errors go to dg. */
static void manifest_line(tx_fontset *fs, const char *dir, const char *mpath, long lineno,
                          char *line, long *glyphs)
{
    char *save = NULL;
    char *role = strtok_r(line, " \t\r", &save);
    if (!role || role[0] == '#') return;
    char *file = strtok_r(NULL, " \t\r", &save);
    char *source = strtok_r(NULL, " \t\r", &save);
    char *count = strtok_r(NULL, " \t\r", &save);
    if (!count || strtok_r(NULL, " \t\r", &save)) {
        dg_error(fs->dg, mpath, lineno, NULL, NULL,
                 "expected \"role file source-path glyph-count\"; run `make fonts` again");
        return;
    }
    int r = role_index(role);
    if (r < 0) {
        dg_warn(fs->dg, mpath, lineno, NULL, NULL, "unknown font role \"%s\" ignored", role);
        return;
    }
    tx_face *f = &fs->faces[r];
    if (f->file) {
        dg_error(fs->dg, mpath, lineno, NULL, NULL, "font role %s given twice", role);
        return;
    }
    f->file = file[0] == '/' ? ut_xstrdup(file) : ut_xasprintf("%s/%s", dir, file);
    f->source = ut_xstrdup(source);
    f->index = 0;   /* .ttc: the first face (WenQuanYi Micro Hei) */
    char *end = NULL;
    glyphs[r] = strcmp(count, "-") == 0 ? -1 : strtol(count, &end, 10);
    if (glyphs[r] != -1 && (!end || *end || glyphs[r] <= 0)) {
        dg_error(fs->dg, mpath, lineno, NULL, NULL, "glyph count \"%s\" is not a number", count);
        glyphs[r] = -1;
    }
}

/* Opens one font with FreeType and checks it against the manifest. */
static void open_face(tx_fontset *fs, tx_font r, long glyphs)
{
    tx_face *f = &fs->faces[r];
    FILE *probe = fopen(f->file, "rb");
    if (!probe) {
        dg_error(fs->dg, f->file, 0, NULL, NULL,
                 "cannot open font: %s; it is made from %s (Debian package %s) by `make fonts`",
                 strerror(errno), f->source, role_package(r));
        return;
    }
    fclose(probe);
    FT_Error e = FT_New_Face(fs->ft, f->file, f->index, &f->face);
    if (e) {
        f->face = NULL;
        dg_error(fs->dg, f->file, 0, NULL, NULL,
                 "not a font FreeType can read (error %d); run `make fonts` again", e);
        return;
    }
    f->upem = f->face->units_per_EM ? f->face->units_per_EM : 1000;
    if (!(f->face->face_flags & FT_FACE_FLAG_SFNT) || !FT_IS_SFNT(f->face)
        || FT_Select_Charmap(f->face, FT_ENCODING_UNICODE)) {
        dg_error(fs->dg, f->file, 0, NULL, NULL,
                 "not a TrueType font with a Unicode character map; run `make fonts` again");
        return;
    }
    if (glyphs >= 0 && glyphs != f->face->num_glyphs)
        dg_error(fs->dg, f->file, 0, NULL, NULL,
                 "fonts.txt says %ld glyphs but the font has %ld: the fonts are out of date, "
                 "run `make fonts`", glyphs, (long)f->face->num_glyphs);
}

tx_fontset *tx_fontset_open(const char *font_dir, dg_list *dg)
{
    size_t errors = dg->nerrors;
    char *mpath = ut_xasprintf("%s/fonts.txt", font_dir);
    char *text = ut_read_file(mpath, NULL);
    if (!text) {
        dg_error(dg, mpath, 0, NULL, NULL,
                 "cannot read the font manifest: %s; run `make fonts` (it needs the Debian "
                 "packages fonts-noto-core, fonts-wqy-microhei and fonts-noto-cjk)", strerror(errno));
        free(mpath);
        return NULL;
    }
    tx_fontset *fs = ut_xcalloc(1, sizeof *fs);
    fs->dg = dg;
    long glyphs[TX_NFONTS];
    long lineno = 0;
    for (char *p = text; *p; ) {   /* by hand: strtok would skip empty lines */
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        lineno++;
        manifest_line(fs, font_dir, mpath, lineno, p, glyphs);
        if (!nl) break;
        p = nl + 1;
    }
    free(text);
    for (int r = 0; r < TX_NFONTS; r++)
        if (!fs->faces[r].file)
            dg_error(dg, mpath, 0, NULL, NULL, "no %s font listed; run `make fonts`", ROLES[r]);
    if (dg->nerrors == errors && FT_Init_FreeType(&fs->ft)) {
        fs->ft = NULL;
        dg_error(dg, NULL, 0, NULL, NULL, "cannot initialise FreeType");
    }
    for (int r = 0; r < TX_NFONTS && dg->nerrors == errors; r++)
        open_face(fs, (tx_font)r, glyphs[r]);
    free(mpath);
    if (dg->nerrors != errors) {
        tx_fontset_close(fs);
        return NULL;
    }
    return fs;
}

void tx_fontset_close(tx_fontset *fs)
{
    if (!fs) return;
    for (int r = 0; r < TX_NFONTS; r++) {
        tx_face *f = &fs->faces[r];
        if (f->face) FT_Done_Face(f->face);
        for (int p = 0; p < TX_NPAGES; p++) {
            free(f->page[p]);
            free(f->gid[p]);
        }
        free(f->file);
        free(f->source);
    }
    if (fs->ft) FT_Done_FreeType(fs->ft);
    if (fs->free_attached) fs->free_attached(fs->attached);
    free(fs->reported);
    free(fs);
}

/* ------------------------------------------------------ code point classes */

enum { CL_NEUTRAL, CL_LATIN, CL_ARABIC, CL_CJK, CL_CYRILLIC /* and Greek */ };

static int script_of(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return CL_LATIN;
    if (c >= 0xC0 && c <= 0x2AF) return c == 0xD7 || c == 0xF7 ? CL_NEUTRAL : CL_LATIN;
    if (c >= 0x370 && c <= 0x52F) return CL_CYRILLIC;     /* Greek, Cyrillic */
    if (c >= 0x1E00 && c <= 0x1EFF) return CL_LATIN;      /* Latin extended additional */
    if (c >= 0x1F00 && c <= 0x1FFF) return CL_CYRILLIC;   /* Greek extended */
    if (c >= 0x600 && c <= 0x6FF) return CL_ARABIC;
    if (c >= 0x750 && c <= 0x77F) return CL_ARABIC;
    if (c >= 0x8A0 && c <= 0x8FF) return CL_ARABIC;
    if (c >= 0xFB50 && c <= 0xFDFF) return CL_ARABIC;     /* presentation forms A */
    if (c >= 0xFE70 && c <= 0xFEFE) return CL_ARABIC;     /* presentation forms B */
    if (c >= 0x2E80 && c <= 0x2FDF) return CL_CJK;        /* radicals */
    if (c >= 0x3000 && c <= 0x9FFF) return CL_CJK;        /* punctuation, kana, Han */
    if (c >= 0xAC00 && c <= 0xD7AF) return CL_CJK;        /* Hangul */
    if (c >= 0xF900 && c <= 0xFAFF) return CL_CJK;        /* compatibility ideographs */
    if (c >= 0xFE30 && c <= 0xFE4F) return CL_CJK;        /* vertical forms */
    if (c >= 0xFF00 && c <= 0xFFEF) return CL_CJK;        /* fullwidth forms */
    return CL_NEUTRAL;
}

/* Format and control characters: they steer bidi and joining, then are
 * dropped rather than drawn (U+FEFF is FriBidi's lam-alef filler). */
static int is_invisible(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xAD
        || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2060 && c <= 0x206F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

static int is_break_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0x1680 || c == 0x205F || c == 0x200B
        || (c >= 0x2000 && c <= 0x200A && c != 0x2007);
}

static int is_digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9)
        || (c >= 0xFF10 && c <= 0xFF19);
}

/* Separators inside a number: 12,345.6  12 345,6 (U+202F, U+00A0, U+2009)
 * ١٢٫٥ (U+066B/U+066C) and the fullwidth ，． */
static int is_numsep(uint32_t c)
{
    return c == '.' || c == ',' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x66B
        || c == 0x66C || c == 0xFF0C || c == 0xFF0E;
}

static int is_percent(uint32_t c)
{
    return c == '%' || c == 0x2030 || c == 0x66A || c == 0xFF05;
}

/* May not start a line (simple kinsoku, plus French spaced punctuation). */
static int is_closer(uint32_t c)
{
    static const uint32_t v[] = {
        ')', ']', '}', ',', '.', '!', '?', ':', ';', '%', 0xBB, 0x203A, 0x2019, 0x201D,
        0x2030, 0x20AC, 0x3001, 0x3002, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
        0x3017, 0x3019, 0x301B, 0x301E, 0x30FB, 0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E,
        0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64, 0x2026,
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (v[i] == c) return 1;
    return 0;
}

/* May not end a line. */
static int is_opener(uint32_t c)
{
    static const uint32_t v[] = {
        '(', '[', '{', 0xAB, 0x2039, 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E,
        0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F,
        0xFF62,
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (v[i] == c) return 1;
    return 0;
}

static int is_hyphen(uint32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2013 || c == 0x2014;
}

static int is_letter(uint32_t c)
{
    return script_of(c) != CL_NEUTRAL && !is_digit(c);
}

/* Combining marks: a hard break never separates them from their base. */
static int is_combining(uint32_t c)
{
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x483 && c <= 0x489)
        || (c >= 0x64B && c <= 0x65F) || c == 0x670 || (c >= 0x6D6 && c <= 0x6ED)
        || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF)
        || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

/* The paragraph direction: the language's, from its conventions (one
 * home: no list of right-to-left languages here). */
static int style_rtl(const tx_style *st)
{
    return st->rtl;
}

/* ------------------------------------------------------------- decoding */

typedef struct cpvec {
    uint32_t *v;
    size_t n, cap;
} cpvec;

static void cpvec_push(cpvec *c, uint32_t cp)
{
    ut_grow(&c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = cp;
}

/* Decodes UTF-8; invalid bytes become U+FFFD (reported when fs). */
static cpvec decode(tx_fontset *fs, const char *text)
{
    cpvec c = {0};
    size_t n = strlen(text), i = 0;
    while (i < n) {
        size_t ok = i + ut_utf8_check(text + i, n - i);
        const char *p = text + i;
        while (p < text + ok) cpvec_push(&c, ut_utf8_next(&p));
        if (ok >= n) break;
        report_bad_utf8(fs, ok, text);
        cpvec_push(&c, 0xFFFD);
        i = ok + 1;
    }
    return c;
}

static char *encode(const uint32_t *cp, size_t n)
{
    ut_buf b = {0};
    ut_buf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) ut_utf8_put(&b, cp[i]);
    return b.data;
}

/* ------------------------------------------------------ bidi and shaping */

static int needs_bidi(const uint32_t *cp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        FriBidiCharType t = fribidi_get_bidi_type(cp[i]);
        if (FRIBIDI_IS_RTL(t) || FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t)) return 1;
    }
    return 0;
}

/* Drops invisible characters in place; returns the new length. */
static size_t drop_invisible(uint32_t *cp, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_invisible(cp[i])) cp[k++] = cp[i];
    return k;
}

static void bidi_out_of_memory(void)
{
    fprintf(stderr, "sswr: out of memory (in FriBidi)\n");
    abort();
}

/* Logical → visual order of one line, with Arabic joining and shaping to
 * presentation forms (the pipeline of toolchain-facts.md). Writes n code
 * points to out and returns how many remain after dropping invisible ones
 * (the U+FEFF fillers of lam-alef ligatures among them). */
static size_t bidi_visual(const uint32_t *in, size_t n, int rtl, uint32_t *out)
{
    if (n) memcpy(out, in, n * sizeof *out);
    if (n == 0 || n > (size_t)INT_MAX || (!rtl && !needs_bidi(in, n)))
        return drop_invisible(out, n);
    FriBidiStrIndex len = (FriBidiStrIndex)n;
    FriBidiCharType *types = ut_xmalloc(n * sizeof *types);
    FriBidiBracketType *brackets = ut_xmalloc(n * sizeof *brackets);
    FriBidiLevel *levels = ut_xmalloc(n * sizeof *levels);
    FriBidiArabicProp *ar = ut_xmalloc(n * sizeof *ar);
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    fribidi_get_bidi_types(out, len, types);
    fribidi_get_bracket_types(out, len, types, brackets);
    /* Both return 0 only when FriBidi runs out of memory: treated like
     * ut_xmalloc failing. */
    if (!fribidi_get_par_embedding_levels_ex(types, brackets, len, &base, levels)) bidi_out_of_memory();
    fribidi_get_joining_types(out, len, ar);
    fribidi_join_arabic(types, len, levels, ar);
    fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels, len, ar, out);
    if (!fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types, len, 0, base, levels, out, NULL))
        bidi_out_of_memory();
    free(types);
    free(brackets);
    free(levels);
    free(ar);
    return drop_invisible(out, n);
}

char *tx_visual(const char *utf8, int rtl)
{
    cpvec c = decode(NULL, utf8 ? utf8 : "");
    uint32_t *v = ut_xmalloc((c.n ? c.n : 1) * sizeof *v);
    size_t n = bidi_visual(c.v, c.n, rtl, v);
    char *s = encode(v, n);
    free(v);
    free(c.v);
    return s;
}

/* ---------------------------------------------------------------- runs */

/* A run of visual code points [start, start+len) of a layout in one font;
 * units = its width in 1/1000 em. */
typedef struct seg {
    tx_font font;
    size_t start, len;
    long units;
} seg;

/* One line laid out: shaped visual code points (left-out ones removed)
 * and its runs. */
typedef struct layout {
    uint32_t *cp;
    size_t n;
    seg *runs;
    size_t nruns, capruns;
    long units;
} layout;

static void layout_free(layout *l)
{
    free(l->cp);
    free(l->runs);
    memset(l, 0, sizeof *l);
}

static tx_font script_font(int cls, int bold)
{
    switch (cls) {
    case CL_ARABIC: return bold ? TX_FONT_ARABIC_BOLD : TX_FONT_ARABIC;
    case CL_CJK: return bold ? TX_FONT_CJK_BOLD : TX_FONT_CJK;
    case CL_CYRILLIC: return bold ? TX_FONT_CYRILLIC_BOLD : TX_FONT_CYRILLIC;
    default: return bold ? TX_FONT_LATIN_BOLD : TX_FONT_LATIN;
    }
}

/* Appends script s to order[] unless it is there already. */
static void add_script(int *order, int *n, int s)
{
    for (int i = 0; i < *n; i++)
        if (order[i] == s) return;
    order[(*n)++] = s;
}

/* The fonts to try for a code point of class cls, best first: the
 * language's own font for its letters and for neutral characters (the
 * CJK font's Latin in Chinese, the Cyrillic font's in Cyrillic-script
 * languages), then Latin, then Arabic next to Chinese and to the neutral
 * characters of Latin text, CJK otherwise, then the rest. */
static size_t candidates(int cls, const tx_style *st, tx_font out[TX_NFONTS])
{
    int zh = st->script == TX_SCRIPT_CJK, cyr = st->script == TX_SCRIPT_CYRILLIC;
    int first;
    switch (cls) {
    case CL_ARABIC: case CL_CJK: case CL_CYRILLIC: first = cls; break;
    case CL_LATIN: first = zh ? CL_CJK : cyr ? CL_CYRILLIC : CL_LATIN; break;
    default: first = zh ? CL_CJK : style_rtl(st) ? CL_ARABIC : cyr ? CL_CYRILLIC : CL_LATIN; break;
    }
    int third = first == CL_CJK || (cls == CL_NEUTRAL && first == CL_LATIN) ? CL_ARABIC : CL_CJK;
    const int wanted[] = { first, CL_LATIN, third, CL_CJK, CL_ARABIC, CL_CYRILLIC };
    int order[4], n_order = 0;   /* the four scripts, each once */
    for (size_t i = 0; i < sizeof wanted / sizeof *wanted; i++) add_script(order, &n_order, wanted[i]);
    size_t n = 0;
    for (int i = 0; i < n_order; i++) out[n++] = script_font(order[i], st->bold);
    if (st->bold) {   /* a bold font lacking a character: its regular twin */
        out[n++] = TX_FONT_LATIN;
        out[n++] = TX_FONT_ARABIC;
        out[n++] = TX_FONT_CYRILLIC;
        out[n++] = TX_FONT_CJK;
    }
    return n;
}

/* candidates(), made once per font set for each class and style. */
static size_t candidates_of(tx_fontset *fs, int cls, const tx_style *st, const tx_font **out)
{
    int sc = (unsigned)st->script < 4 ? (int)st->script : 0, r = style_rtl(st) != 0, b = st->bold != 0;
    unsigned char *n = &fs->ncand[cls][sc][r][b];
    tx_font *c = fs->cand[cls][sc][r][b];
    if (!*n) {
        tx_style key = *st;
        key.script = (tx_script)sc;
        key.rtl = r;
        key.bold = b;
        *n = (unsigned char)candidates(cls, &key, c);
    }
    *out = c;
    return *n;
}

static int first_covering(tx_fontset *fs, uint32_t cp, int cls, const tx_style *st)
{
    /* The answer depends on the code point (cls follows from it), the
     * script, the direction and the weight: 21 + 2 + 1 + 1 bits. */
    uint32_t key = cp <= 0x1FFFFF
        ? ((cp << 4) | ((uint32_t)st->script & 3u) << 2 | (uint32_t)(style_rtl(st) != 0) << 1 | (uint32_t)(st->bold != 0)) + 1
        : 0;
    unsigned slot = (unsigned)((key * 2654435761u) >> 22) & 1023u;
    if (key && fs->covering[slot].key == key) return fs->covering[slot].font;
    const tx_font *c;
    size_t n = candidates_of(fs, cls, st, &c);
    int found = -1;
    for (size_t i = 0; i < n && found < 0; i++)
        if (glyph_width(fs, c[i], cp) >= 0) found = (int)c[i];
    if (key) {
        fs->covering[slot].key = key;
        fs->covering[slot].font = found;
    }
    return found;
}

/* The font a neutral character (space, digit, punctuation) takes: the font
 * of the letters on both sides when they agree (keeps runs long), else the
 * language's own font, else a neighbour's, else any font that has it. */
static int neutral_font(tx_fontset *fs, uint32_t cp, int prev, int next, const tx_style *st)
{
    if (prev >= 0 && prev == next && glyph_width(fs, (tx_font)prev, cp) >= 0) return prev;
    const tx_font *c;
    candidates_of(fs, CL_NEUTRAL, st, &c);
    if (glyph_width(fs, c[0], cp) >= 0) return (int)c[0];
    if (prev >= 0 && glyph_width(fs, (tx_font)prev, cp) >= 0) return prev;
    if (next >= 0 && glyph_width(fs, (tx_font)next, cp) >= 0) return next;
    return first_covering(fs, cp, CL_NEUTRAL, st);
}

/* Chooses a font for every visual code point (-1: left out, reported). */
static void assign_fonts(tx_fontset *fs, const uint32_t *cp, size_t n, const tx_style *st,
                         const char *text, int *font)
{
    enum { PENDING = -2 };
    for (size_t i = 0; i < n; i++) {
        int cls = script_of(cp[i]);
        font[i] = cp[i] > 0xFFFF ? -1 : cls == CL_NEUTRAL ? PENDING
                : first_covering(fs, cp[i], cls, st);
        if (font[i] == -1) report_missing(fs, cp[i], text);
    }
    int next = -1;   /* font of the next letter, filled right to left */
    int *next_at = ut_xmalloc((n ? n : 1) * sizeof *next_at);
    for (size_t i = n; i-- > 0; ) {
        next_at[i] = next;
        if (font[i] >= 0) next = font[i];
    }
    int prev = -1;   /* font of the previous letter */
    for (size_t i = 0; i < n; i++) {
        if (font[i] == PENDING) {
            font[i] = neutral_font(fs, cp[i], prev, next_at[i], st);
            if (font[i] < 0) report_missing(fs, cp[i], text);
        } else if (font[i] >= 0) {
            prev = font[i];
        }
    }
    free(next_at);
}

/* Lays out logical code points as one line. `text` is quoted in warnings. */
static void layout_line(tx_fontset *fs, const uint32_t *logical, size_t n, const tx_style *st,
                        const char *text, layout *l)
{
    memset(l, 0, sizeof *l);
    uint32_t *v = ut_xmalloc((n ? n : 1) * sizeof *v);
    size_t m = bidi_visual(logical, n, style_rtl(st), v);
    int *font = ut_xmalloc((m ? m : 1) * sizeof *font);
    assign_fonts(fs, v, m, st, text, font);
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        if (font[i] < 0) continue;
        int w = glyph_width(fs, (tx_font)font[i], v[i]);
        v[k] = v[i];
        seg *last = l->nruns ? &l->runs[l->nruns - 1] : NULL;
        if (!last || last->font != (tx_font)font[i]) {
            ut_grow(&l->runs, &l->capruns, l->nruns + 1, sizeof *l->runs);
            last = &l->runs[l->nruns++];
            *last = (seg){ (tx_font)font[i], k, 0, 0 };
        }
        last->len++;
        last->units += w;
        l->units += w;
        k++;
    }
    l->cp = v;
    l->n = k;
    free(font);
}

static double points(long units, double size)
{
    return (double)units * size / 1000.0;
}

double tx_width(tx_fontset *fs, const char *utf8, const tx_style *st)
{
    if (!utf8) return 0;
    cpvec c = decode(fs, utf8);
    layout l;
    layout_line(fs, c.v, c.n, st, utf8, &l);
    double w = points(l.units, st->size);
    layout_free(&l);
    free(c.v);
    return w;
}

size_t tx_runs(tx_fontset *fs, const char *utf8, const tx_style *st, tx_run **runs_out)
{
    cpvec c = decode(fs, utf8 ? utf8 : "");
    layout l;
    layout_line(fs, c.v, c.n, st, utf8 ? utf8 : "", &l);
    tx_run *r = ut_xcalloc(l.nruns ? l.nruns : 1, sizeof *r);
    for (size_t i = 0; i < l.nruns; i++) {
        r[i].font = l.runs[i].font;
        r[i].text = encode(l.cp + l.runs[i].start, l.runs[i].len);
        r[i].width = points(l.runs[i].units, st->size);
    }
    size_t n = l.nruns;
    layout_free(&l);
    free(c.v);
    *runs_out = r;
    return n;
}

void tx_runs_free(tx_run *runs, size_t n)
{
    for (size_t i = 0; runs && i < n; i++) free(runs[i].text);
    free(runs);
}

/* ------------------------------------------------------------- wrapping */

/* Whether a line may break before cp[i] (0 < i < n). */
static int can_break_before(const uint32_t *cp, size_t i)
{
    uint32_t a = cp[i - 1], b = cp[i];
    int ok = 0;
    if (is_break_space(a) && !is_break_space(b)) {
        size_t j = i - 1;                    /* first space of the run */
        while (j > 0 && is_break_space(cp[j - 1])) j--;
        uint32_t before = j > 0 ? cp[j - 1] : 0;
        ok = !is_closer(b) && !is_opener(before);
        if (is_digit(before) && is_percent(b)) ok = 0;   /* 45,3 % */
    } else if (is_hyphen(a) && i >= 2 && is_letter(cp[i - 2]) && is_letter(b)) {
        ok = 1;                              /* Saint-Vincent- | et-les-Grenadines */
    } else if (!is_break_space(a) && !is_break_space(b)
               && (script_of(a) == CL_CJK || script_of(b) == CL_CJK)) {
        ok = !is_closer(b) && !is_opener(a);
    }
    /* Never inside a number: 12,345.6  12 345,6  45,3%  ١٢٫٥ */
    if (ok && (is_digit(a) || is_numsep(a)) && (is_digit(b) || is_numsep(b) || is_percent(b)))
        ok = 0;
    return ok;
}

typedef struct wrapper {
    tx_fontset *fs;
    const tx_style *st;
    const char *text;       /* for warnings */
    const uint32_t *cp;
    double width;
} wrapper;

static double measure(const wrapper *w, size_t s, size_t e)
{
    layout l;
    layout_line(w->fs, w->cp + s, e - s, w->st, w->text, &l);
    double pts = points(l.units, w->st->size);
    layout_free(&l);
    return pts;
}

static size_t trim_end(const uint32_t *cp, size_t s, size_t e)
{
    while (e > s && is_break_space(cp[e - 1])) e--;
    return e;
}

static size_t skip_spaces(const uint32_t *cp, size_t s, size_t n)
{
    while (s < n && is_break_space(cp[s])) s++;
    return s;
}

/* Last resort for a word wider than the line: as many characters as fit,
 * at least one (with its combining marks). */
static size_t hard_break(const wrapper *w, size_t s, size_t n)
{
    size_t k = s + 1;
    while (k < n && is_combining(w->cp[k])) k++;
    while (k < n) {
        size_t k2 = k + 1;
        while (k2 < n && is_combining(w->cp[k2])) k2++;
        if (measure(w, s, k2) > w->width + TX_EPS) break;
        k = k2;
    }
    return k;
}

typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

static void sv_push(strvec *sv, char *s)
{
    ut_grow(&sv->v, &sv->cap, sv->n + 2, sizeof *sv->v);
    sv->v[sv->n++] = s;
    sv->v[sv->n] = NULL;
}

/* Wraps one paragraph (no '\n') greedily: each line takes the last break
 * opportunity at which it still fits. */
static void wrap_paragraph(const wrapper *w, size_t n, strvec *lines)
{
    const uint32_t *cp = w->cp;
    size_t s = skip_spaces(cp, 0, n);
    if (s == n) {
        sv_push(lines, ut_xstrdup(""));
        return;
    }
    while (s < n) {
        size_t best = 0;
        for (size_t i = s + 1; i <= n; i++) {
            if (i < n && !can_break_before(cp, i)) continue;
            if (measure(w, s, trim_end(cp, s, i)) > w->width + TX_EPS) break;
            best = i;
        }
        if (!best) best = hard_break(w, s, n);
        sv_push(lines, encode(cp + s, trim_end(cp, s, best) - s));
        s = skip_spaces(cp, best, n);
    }
}

size_t tx_wrap(tx_fontset *fs, const char *utf8, const tx_style *st, double width,
               char ***lines_out)
{
    strvec lines = {0};
    sv_push(&lines, NULL);
    lines.n = 0;
    cpvec c = decode(fs, utf8 ? utf8 : "");
    size_t p = 0;
    while (c.n > 0 && p <= c.n) {
        size_t e = p;
        while (e < c.n && c.v[e] != '\n') e++;
        wrapper w = { fs, st, utf8, c.v + p, width };
        wrap_paragraph(&w, e - p, &lines);
        p = e + 1;
    }
    free(c.v);
    *lines_out = lines.v;
    return lines.n;
}

/* ------------------------------------------------------------- shaping */

int tx_fontset_index(const tx_fontset *fs, tx_font font)
{
    return (unsigned)font < TX_NFONTS ? fs->faces[font].index : 0;
}

void tx_fontset_attach(tx_fontset *fs, void *p, void (*free_fn)(void *))
{
    if (fs->free_attached) fs->free_attached(fs->attached);
    fs->attached = p;
    fs->free_attached = free_fn;
}

void *tx_fontset_attached(const tx_fontset *fs)
{
    return fs->attached;
}

static int resolve_align(int align, int rtl)
{
    if (align == TX_START) return rtl ? TX_RIGHT : TX_LEFT;
    if (align == TX_END) return rtl ? TX_LEFT : TX_RIGHT;
    return align;
}

int tx_shape(tx_fontset *fs, const char *utf8, const tx_style *st, int align, tx_shaped *out)
{
    out->nruns = out->nglyphs = 0;
    out->width = 0;
    if (!utf8) return TX_LEFT;
    cpvec c = decode(fs, utf8);
    layout l;
    layout_line(fs, c.v, c.n, st, utf8, &l);
    ut_grow(&out->glyphs, &out->capglyphs, l.n + 1, sizeof *out->glyphs);
    ut_grow(&out->runs, &out->capruns, l.nruns + 1, sizeof *out->runs);
    for (size_t i = 0; i < l.nruns; i++) {
        const seg *r = &l.runs[i];
        tx_face *f = &fs->faces[r->font];
        for (size_t k = 0; k < r->len; k++) {
            uint32_t cp = l.cp[r->start + k];
            unsigned pg = cp / TX_PAGE_SIZE, at = cp % TX_PAGE_SIZE;
            out->glyphs[r->start + k] = (tx_glyph){ cp, f->gid[pg][at], (uint16_t)f->page[pg][at] };
        }
        out->runs[i] = (tx_glyph_run){ r->font, r->start, r->len };
    }
    out->nruns = l.nruns;
    out->nglyphs = l.n;
    out->width = points(l.units, st->size);
    layout_free(&l);
    free(c.v);
    return resolve_align(align, style_rtl(st));
}

void tx_shaped_free(tx_shaped *s)
{
    free(s->glyphs);
    free(s->runs);
    memset(s, 0, sizeof *s);
}

/* --------------------------------------------------------------- fitting */

/* Whether wrapped lines fit the box at size st->size. */
static int lines_fit(tx_fontset *fs, char **lines, size_t n, const tx_style *st, double w,
                     double h, int max_lines, double *widths)
{
    if (max_lines > 0 && n > (size_t)max_lines) return 0;
    if ((double)n * TX_LINE_HEIGHT * st->size > h + TX_EPS) return 0;
    for (size_t i = 0; i < n; i++) {
        double lw = tx_width(fs, lines[i], st);
        if (widths) widths[i] = lw;
        if (lw > w + TX_EPS) return 0;
    }
    return 1;
}

/* A word wider than the box would be hard-broken ("Governmen|t"): tx_fit
 * shrinks the text before accepting that. Widths scale with the size, so
 * the widest word is measured once, at the starting size. Languages written
 * without spaces (zh) break between characters anyway: 0 for them. */
static double widest_word(tx_fontset *fs, const char *utf8, const tx_style *st)
{
    if (st->script == TX_SCRIPT_CJK) return 0;
    double best = 0;
    const char *p = utf8;
    while (*p) {
        size_t len = strcspn(p, " \n");
        if (len) {
            char *word = ut_xstrndup(p, len);
            double ww = tx_width(fs, word, st);
            free(word);
            if (ww > best) best = ww;
        }
        p += len;
        if (*p) p++;
    }
    return best;
}

/* tx_fit's test for fit_size: the text wrapped at this size fits the box
 * without breaking a word (until min_size, where that is the last resort).
 * The lines of the last size tried stay in `lines`. */
typedef struct box_fit {
    tx_fontset *fs;
    const char *utf8;
    tx_style st;
    double w, h, min_size, widest;   /* widest word per point of size */
    int max_lines;
    char **lines;
    double *widths;                  /* of `lines`, measured by lines_fit */
    size_t cap;
} box_fit;

static int box_fits(void *ctx, double size)
{
    box_fit *f = ctx;
    f->st.size = size;
    ut_strv_free(f->lines);
    f->lines = NULL;
    size_t n = tx_wrap(f->fs, f->utf8, &f->st, f->w, &f->lines);
    int shrinkable = size > f->min_size + TX_EPS;
    ut_grow(&f->widths, &f->cap, n ? n : 1, sizeof *f->widths);
    return lines_fit(f->fs, f->lines, n, &f->st, f->w, f->h, f->max_lines, f->widths) &&
           !(shrinkable && f->widest * size > f->w + TX_EPS);
}

int tx_fit(tx_fontset *fs, const char *utf8, double x, double y_top, double w, double h, int align,
           const tx_style *st, double min_size, int max_lines, tx_line_fn line, void *ctx,
           double *size_out)
{
    if (!fs || !utf8) return -1;
    box_fit f = { fs, utf8, *st, w, h, min_size <= 0 || min_size > st->size ? st->size : min_size, 0,
                  max_lines, NULL, NULL, 0 };
    f.widest = widest_word(fs, utf8, st) / st->size;
    double size = fit_size(st->size, f.min_size, box_fits, &f);
    int n = -1;
    if (size > 0) {
        f.st.size = size;
        n = (int)ut_strv_len(f.lines);
        if (line) {
            int a = resolve_align(align, style_rtl(&f.st));
            double ax = a == TX_CENTER ? x + w / 2 : a == TX_RIGHT ? x + w : x;
            for (int i = 0; i < n; i++)
                line(ctx, f.lines[i], ax, y_top - TX_FIRST_BASELINE * size - (double)i * TX_LINE_HEIGHT * size,
                     a, f.widths[i], &f.st);
        }
        if (size_out) *size_out = size;
    }
    ut_strv_free(f.lines);
    free(f.widths);
    return n;
}
