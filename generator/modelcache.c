/* modelcache.c — computed models kept between runs (see modelcache.h). */
#include "modelcache.h"
#include "outfile.h"
#include "stamp.h"
#include "util.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MC_MAGIC "sswr-model-5"
/* Sanity bounds a damaged file cannot pass. */
#define MC_MAX_COUNT 1000000u
#define MC_MAX_STR (1u << 20)

char *mc_dir(void)
{
    const char *s = getenv("SSWR_CACHE");
    if (s && *s) return strcmp(s, "off") == 0 ? NULL : ut_xstrdup(s);
    const char *x = getenv("XDG_CACHE_HOME");
    if (x && *x == '/') return ut_xasprintf("%s/sswr", x);
    const char *h = getenv("HOME");
    return h && *h == '/' ? ut_xasprintf("%s/.cache/sswr", h) : NULL;
}

void mc_key(const char *datasets, const char *scripts, int year, int edition_only, char out[65])
{
    st_hash h;
    st_init(&h);
    st_add_str(&h, MC_MAGIC);
    st_add_file(&h, "/proc/self/exe");
    st_add(&h, &year, sizeof year);
    st_add(&h, &edition_only, sizeof edition_only);
    st_add_str(&h, "scripts");
    st_add_tree(&h, scripts);
    st_add_str(&h, "datasets");
    st_add_tree(&h, datasets);
    st_hex(&h, out);
}

static char *entry_path(const char *dir, const char key[65])
{
    return ut_xasprintf("%s/%.64s.model", dir, key);
}

/* ------------------------------------------------------------- writing */

static void put(ut_buf *b, const void *p, size_t n) { ut_buf_add(b, p, n); }

static void put_u32(ut_buf *b, uint32_t v) { put(b, &v, sizeof v); }

static void put_str(ut_buf *b, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) + 1 : 0;   /* 0: NULL */
    put_u32(b, n);
    if (n) put(b, s, n);
}

/* A series as its years with a value: most of CP_NYEARS are NAN. */
static void put_years(ut_buf *b, const double *v)
{
    uint32_t n = 0;
    for (int y = 0; y < CP_NYEARS; y++) n += !isnan(v[y]);
    put_u32(b, n);
    for (int y = 0; y < CP_NYEARS; y++) {
        if (isnan(v[y])) continue;
        uint16_t k = (uint16_t)y;
        put(b, &k, sizeof k);
        put(b, &v[y], sizeof v[y]);
    }
}

static void put_model(ut_buf *b, const cp_model *m, int year)
{
    put(b, MC_MAGIC, sizeof MC_MAGIC);
    put_u32(b, (uint32_t)year);
    put_u32(b, (uint32_t)sizeof(double));
    put_u32(b, (uint32_t)CP_NYEARS);
    put_u32(b, (uint32_t)m->nind);
    for (size_t i = 0; i < m->nind; i++) {
        const cp_indicator *d = &m->ind[i];
        put_str(b, d->id); put_str(b, d->label); put_str(b, d->description);
        put_str(b, d->formula); put_str(b, d->unit); put_str(b, d->by); put_str(b, d->script);
        int32_t v[5] = { d->decimals, d->phase, d->history, d->line, 0 };
        put(b, v, sizeof v);
    }
    put(b, m->illustrative_any, sizeof m->illustrative_any);
    put_u32(b, (uint32_t)m->nc);
    for (size_t ci = 0; ci < m->nc; ci++) {
        const cp_country *c = &m->c[ci];
        int32_t v[2] = { c->computed, c->own_target };
        put(b, v, sizeof v);
        put(b, c->illustrative, sizeof c->illustrative);
        put(b, c->failed, m->nind);
        put_u32(b, (uint32_t)c->ns);
        for (size_t k = 0; k < c->ns; k++) {
            put_u32(b, (uint32_t)c->s[k].ind);
            put_str(b, c->s[k].key);
            put_years(b, c->s[k].v);
        }
    }
    put(b, MC_MAGIC, sizeof MC_MAGIC);   /* the end: a cut file is seen */
}

/* Removes the oldest entries beyond MC_KEEP. */
static void prune(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct ent { char *path; struct timespec t; } *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len != 64 + 6 || strcmp(e->d_name + 64, ".model") != 0) continue;
        char *p = ut_xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) != 0) { free(p); continue; }
        ut_grow(&v, &cap, n + 1, sizeof *v);
        v[n++] = (struct ent){ p, st.st_mtim };
    }
    closedir(d);
    while (n > MC_KEEP) {   /* few entries: find the oldest each time */
        size_t o = 0;
        for (size_t i = 1; i < n; i++)
            if (v[i].t.tv_sec < v[o].t.tv_sec || (v[i].t.tv_sec == v[o].t.tv_sec && v[i].t.tv_nsec < v[o].t.tv_nsec))
                o = i;
        unlink(v[o].path);
        free(v[o].path);
        v[o] = v[--n];
    }
    for (size_t i = 0; i < n; i++) free(v[i].path);
    free(v);
}

int mc_save(const char *dir, const char key[65], const cp_model *m, int year)
{
    if (!dir) return -1;
    ut_buf b = {0};
    put_model(&b, m, year);
    char *path = entry_path(dir, key);
    of_file f;   /* written atomically, the folder made if need be */
    int rc = of_open(&f, path);
    if (rc == 0) {
        if (fwrite(b.data, 1, b.len, f.fp) != b.len) {
            of_abort(&f);
            rc = -1;
        } else {
            rc = of_commit(&f);
        }
    }
    free(path);
    ut_buf_free(&b);
    if (rc == 0) prune(dir);
    return rc;
}

/* ------------------------------------------------------------- reading */

typedef struct reader {
    const char *p, *end;
    int bad;
} reader;

static void get(reader *r, void *out, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        memset(out, 0, n);
        return;
    }
    memcpy(out, r->p, n);
    r->p += n;
}

static uint32_t get_u32(reader *r)
{
    uint32_t v = 0;
    get(r, &v, sizeof v);
    return v;
}

static uint32_t get_count(reader *r)
{
    uint32_t n = get_u32(r);
    if (n > MC_MAX_COUNT) r->bad = 1;
    return r->bad ? 0 : n;
}

static char *get_str(reader *r)
{
    uint32_t n = get_u32(r);
    if (r->bad || n == 0) return NULL;
    if (n > MC_MAX_STR || (size_t)(r->end - r->p) < n || r->p[n - 1] != '\0') {
        r->bad = 1;
        return NULL;
    }
    char *s = ut_xstrdup(r->p);
    r->p += n;
    return s;
}

static int get_magic(reader *r)
{
    char m[sizeof MC_MAGIC];
    get(r, m, sizeof m);
    return !r->bad && memcmp(m, MC_MAGIC, sizeof m) == 0;
}

static void get_years(reader *r, double *v)
{
    for (int y = 0; y < CP_NYEARS; y++) v[y] = NAN;
    uint32_t n = get_u32(r);
    if (n > CP_NYEARS) r->bad = 1;
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        uint16_t k = 0;
        double d = 0;
        get(r, &k, sizeof k);
        get(r, &d, sizeof d);
        if (k >= CP_NYEARS || isnan(d)) r->bad = 1;
        else v[k] = d;
    }
}

static void get_model(reader *r, cp_model *m, int *year)
{
    if (!get_magic(r)) {
        r->bad = 1;
        return;
    }
    *year = (int)get_u32(r);
    if (get_u32(r) != sizeof(double) || get_u32(r) != CP_NYEARS) {
        r->bad = 1;
        return;
    }
    m->nind = get_count(r);
    m->ind = ut_xcalloc(m->nind ? m->nind : 1, sizeof *m->ind);
    for (size_t i = 0; i < m->nind && !r->bad; i++) {
        cp_indicator *d = &m->ind[i];
        d->id = get_str(r); d->label = get_str(r); d->description = get_str(r);
        d->formula = get_str(r); d->unit = get_str(r); d->by = get_str(r); d->script = get_str(r);
        int32_t v[5];
        get(r, v, sizeof v);
        d->decimals = v[0]; d->phase = v[1]; d->history = v[2]; d->line = v[3];
        if (!d->id || !d->label || !d->description || !d->formula || !d->unit || !d->script) r->bad = 1;
    }
    get(r, m->illustrative_any, sizeof m->illustrative_any);
    m->nc = get_count(r);
    m->c = ut_xcalloc(m->nc ? m->nc : 1, sizeof *m->c);
    for (size_t ci = 0; ci < m->nc && !r->bad; ci++) {
        cp_country *c = &m->c[ci];
        int32_t v[2];
        get(r, v, sizeof v);
        c->computed = v[0];
        c->own_target = v[1];
        get(r, c->illustrative, sizeof c->illustrative);
        c->failed = ut_xcalloc(m->nind ? m->nind : 1, 1);
        get(r, c->failed, m->nind);
        c->ns = c->scap = get_count(r);
        c->s = ut_xmalloc((c->ns ? c->ns : 1) * sizeof *c->s);   /* every field is set below */
        for (size_t k = 0; k < c->ns; k++) {
            c->s[k].key = NULL;
            c->s[k].ind = 0;
        }
        for (size_t k = 0; k < c->ns && !r->bad; k++) {
            c->s[k].ind = (int)get_u32(r);
            if ((size_t)c->s[k].ind >= m->nind) r->bad = 1;
            c->s[k].key = get_str(r);
            get_years(r, c->s[k].v);
        }
    }
    if (!r->bad && (!get_magic(r) || r->p != r->end)) r->bad = 1;
}

int mc_load(const char *dir, const char key[65], cp_model *m, int *year)
{
    memset(m, 0, sizeof *m);
    if (!dir) return -1;
    char *path = entry_path(dir, key);
    size_t n = 0;
    char *data = ut_read_file(path, &n);
    free(path);
    if (!data) return -1;
    reader r = { data, data + n, 0 };
    get_model(&r, m, year);
    free(data);
    if (r.bad) {
        cp_model_free(m);
        return -1;
    }
    return 0;
}
