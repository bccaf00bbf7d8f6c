/* stamp.c — SHA-256 (FIPS 180-4) and stamp files (see stamp.h). */
#include "stamp.h"
#include "outfile.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ST_MAGIC "sswr-stamp 3"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block_c(uint32_t *hs, const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = hs[0], b = hs[1], c = hs[2], d = hs[3];
    uint32_t e = hs[4], f = hs[5], g = hs[6], h = hs[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    hs[0] += a; hs[1] += b; hs[2] += c; hs[3] += d;
    hs[4] += e; hs[5] += f; hs[6] += g; hs[7] += h;
}

/* The x86 SHA extensions compute the same rounds 5-10 times faster: a
 * no-op build checks every output file it vouches for (~100 MB per
 * language), so this is most of its time. Chosen at run time; the
 * portable code above is used everywhere else. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define ST_SHANI 1

__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_shani(uint32_t *hs, const unsigned char *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&hs[0]), 0xB1);   /* CDAB */
    __m128i st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&hs[4]), 0x1B);   /* EFGH */
    __m128i st0 = _mm_alignr_epi8(tmp, st1, 8);                                        /* ABEF */
    st1 = _mm_blend_epi16(st1, tmp, 0xF0);                                             /* CDGH */
    for (; nblocks--; p += 64) {
        __m128i save0 = st0, save1 = st1, m[4];
        for (int i = 0; i < 16; i++) {          /* four rounds each */
            if (i < 4) m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
            __m128i msg = _mm_add_epi32(m[i % 4], _mm_loadu_si128((const __m128i *)&K[4 * i]));
            st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
            if (i >= 3 && i < 15) {             /* the schedule, four words ahead */
                __m128i t = _mm_alignr_epi8(m[i % 4], m[(i + 3) % 4], 4);
                m[(i + 1) % 4] = _mm_sha256msg2_epu32(_mm_add_epi32(m[(i + 1) % 4], t), m[i % 4]);
            }
            st0 = _mm_sha256rnds2_epu32(st0, st1, _mm_shuffle_epi32(msg, 0x0E));
            if (i >= 1 && i < 13) m[(i + 3) % 4] = _mm_sha256msg1_epu32(m[(i + 3) % 4], m[i % 4]);
        }
        st0 = _mm_add_epi32(st0, save0);
        st1 = _mm_add_epi32(st1, save1);
    }
    tmp = _mm_shuffle_epi32(st0, 0x1B);                                                /* FEBA */
    st1 = _mm_shuffle_epi32(st1, 0xB1);                                                /* DCHG */
    _mm_storeu_si128((__m128i *)&hs[0], _mm_blend_epi16(tmp, st1, 0xF0));              /* DCBA */
    _mm_storeu_si128((__m128i *)&hs[4], _mm_alignr_epi8(st1, tmp, 8));                 /* HGFE */
}

static int cpu_has_shani(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19)) || !(c & (1u << 9))) return 0;   /* SSE4.1, SSSE3 */
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));                    /* SHA */
}
#endif

static int use_shani = -1;   /* -1: not decided yet */

void st_use_portable(int on)
{
#ifdef ST_SHANI
    use_shani = on ? 0 : cpu_has_shani();
#else
    (void)on;
    use_shani = 0;
#endif
}

static void blocks(st_hash *s, const unsigned char *p, size_t n)
{
    if (use_shani < 0) st_use_portable(0);
#ifdef ST_SHANI
    if (use_shani) {
        blocks_shani(s->h, p, n);
        return;
    }
#endif
    for (; n--; p += 64) block_c(s->h, p);
}

void st_init(st_hash *s)
{
    static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memset(s, 0, sizeof *s);
    memcpy(s->h, iv, sizeof iv);
}

void st_add(st_hash *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    s->len += n;
    if (s->nbuf) {                      /* top up a partial block first */
        size_t k = 64 - s->nbuf < n ? 64 - s->nbuf : n;
        memcpy(s->buf + s->nbuf, p, k);
        s->nbuf += k;
        p += k;
        n -= k;
        if (s->nbuf < 64) return;
        blocks(s, s->buf, 1);
        s->nbuf = 0;
    }
    blocks(s, p, n / 64);                /* whole blocks in place */
    p += n / 64 * 64;
    n %= 64;
    memcpy(s->buf, p, n);
    s->nbuf = n;
}

void st_add_str(st_hash *s, const char *str)
{
    uint64_t n = str ? strlen(str) : 0;
    st_add(s, &n, sizeof n);
    if (n) st_add(s, str, (size_t)n);
}

void st_add_double(st_hash *s, double v)
{
    st_add(s, &v, sizeof v);
}

int st_add_file(st_hash *s, const char *path)
{
    size_t len;
    char *data = ut_read_file(path, &len);
    if (!data) {
        st_add_str(s, "(unreadable)");
        return -1;
    }
    uint64_t n = len;
    st_add(s, &n, sizeof n);
    st_add(s, data, len);
    free(data);
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int add_tree(st_hash *s, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        ut_grow(&names, &cap, n + 1, sizeof *names);
        names[n++] = ut_xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, cmp_str);   /* names is NULL in an empty folder */
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *path = ut_xasprintf("%s/%s", dir, names[i]);
        char *r = ut_xasprintf("%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) rc |= add_tree(s, path, r);
        else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            st_add_str(s, r);
            rc |= st_add_file(s, path);
        }
        free(path);
        free(r);
        free(names[i]);
    }
    free(names);
    return rc;
}

int st_add_tree(st_hash *s, const char *dir)
{
    return add_tree(s, dir, "");
}

void st_hex(st_hash *s, char out[65])
{
    uint64_t bits = s->len * 8;
    unsigned char pad = 0x80, zero = 0;
    st_add(s, &pad, 1);
    while (s->nbuf != 56) st_add(s, &zero, 1);
    unsigned char lenb[8];
    for (int i = 0; i < 8; i++) lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
    st_add(s, lenb, 8);
    for (int i = 0; i < 8; i++) snprintf(out + 8 * i, 9, "%08x", s->h[i]);
    out[64] = '\0';
}

int st_file_hex(const char *path, char out[65], uint64_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    st_hash h;
    st_init(&h);
    static unsigned char buf[1 << 16];   /* one job at a time per process */
    uint64_t n = 0;
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) != 0) {
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        st_add(&h, buf, (size_t)r);
        n += (uint64_t)r;
    }
    close(fd);
    st_hex(&h, out);
    *size = n;
    return 0;
}

void st_stamp_init(st_stamp *s, const char inputs[65])
{
    memset(s, 0, sizeof *s);
    memcpy(s->inputs, inputs, 65);
}

int st_stamp_add(st_stamp *s, const char *name, const char *path)
{
    st_file f = { .name = NULL, .seen = "-" };
    if (st_file_hex(path, f.hex, &f.size) != 0) return -1;
    f.name = ut_xstrdup(name);
    ut_grow(&s->f, &s->cap, s->n + 1, sizeof *s->f);
    s->f[s->n++] = f;
    return 0;
}

/* What stat says of a file, as a stamp's <seen>. */
static void seen_of(const struct stat *st, char out[96])
{
    snprintf(out, 96, "%llu:%llu:%lld.%09ld:%lld.%09ld", (unsigned long long)st->st_dev,
             (unsigned long long)st->st_ino, (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
             (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
}

void st_stamp_seen(st_stamp *s, const char *base)
{
    for (size_t i = 0; i < s->n; i++) {
        char *path = ut_xasprintf("%s/%s", base, s->f[i].name);
        struct stat st;
        if (stat(path, &st) == 0 && (uint64_t)st.st_size == s->f[i].size) seen_of(&st, s->f[i].seen);
        else snprintf(s->f[i].seen, sizeof s->f[i].seen, "-");
        free(path);
    }
}

void st_stamp_free(st_stamp *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->f[i].name);
    free(s->f);
    memset(s, 0, sizeof *s);
}

int st_write(const char *stamp_path, const st_stamp *s)
{
    of_file f;
    if (of_open(&f, stamp_path) != 0) return -1;
    fprintf(f.fp, "%s\ninputs %s\n", ST_MAGIC, s->inputs);
    for (size_t i = 0; i < s->n; i++)
        fprintf(f.fp, "file %llu %s %s %s\n", (unsigned long long)s->f[i].size, s->f[i].hex,
                s->f[i].seen[0] ? s->f[i].seen : "-", s->f[i].name);
    return of_commit(&f);
}

static int is_hex64(const char *p)
{
    for (int i = 0; i < 64; i++)
        if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f'))) return 0;
    return 1;
}

/* A name a stamp may list: relative, no empty, "." or ".." component. */
static int safe_name(const char *n)
{
    if (!*n || *n == '/') return 0;
    for (const char *c = n; *c;) {
        size_t k = strcspn(c, "/");
        if (k == 0 || (k == 1 && c[0] == '.') || (k == 2 && c[0] == '.' && c[1] == '.')) return 0;
        c += k;
        if (*c) c++;
        if (!*c && c[-1] == '/') return 0;
    }
    return 1;
}

/* Parses one "file SIZE HEX SEEN NAME" line (NUL-terminated, no newline). */
static int parse_file_line(char *line, st_file *f)
{
    if (strncmp(line, "file ", 5) != 0) return -1;
    char *p = line + 5, *end;
    if (*p < '0' || *p > '9') return -1;
    errno = 0;
    unsigned long long size = strtoull(p, &end, 10);
    if (errno || *end != ' ' || !is_hex64(end + 1) || end[65] != ' ') return -1;
    char *seen = end + 66;
    size_t ns = strspn(seen, "0123456789:.-");
    if (ns == 0 || ns >= sizeof f->seen || seen[ns] != ' ' || !safe_name(seen + ns + 1)) return -1;
    f->size = size;
    memcpy(f->hex, end + 1, 64);
    f->hex[64] = '\0';
    memcpy(f->seen, seen, ns);
    f->seen[ns] = '\0';
    f->name = seen + ns + 1;
    return 0;
}

static st_verdict check_file(const char *base, const st_file *f, char *which, size_t whichlen)
{
    char *path = ut_xasprintf("%s/%s", base, f->name);
    struct stat st;
    st_verdict v = ST_FRESH;
    char hex[65];
    uint64_t size;
    char now[96];
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) v = ST_MISSING;
    else if ((uint64_t)st.st_size != f->size) v = ST_CHANGED;
    else if (seen_of(&st, now), strcmp(now, f->seen) == 0) v = ST_FRESH;   /* untouched since */
    else if (st_file_hex(path, hex, &size) != 0) v = errno == ENOENT ? ST_MISSING : ST_CHANGED;
    else if (size != f->size || strcmp(hex, f->hex) != 0) v = ST_CHANGED;
    if (v != ST_FRESH) snprintf(which, whichlen, "%s", path);
    free(path);
    return v;
}

st_verdict st_check(const char *stamp_path, const char *base, const char *inputs, const char *main,
                    char *which, size_t whichlen)
{
    size_t len;
    char *data = ut_read_file(stamp_path, &len);
    if (!data) return ST_NO_STAMP;
    st_verdict v = ST_NO_STAMP;
    size_t ml = strlen(ST_MAGIC);
    char *p = data;
    if (strlen(data) != len || len < ml + 73 || memcmp(p, ST_MAGIC "\ninputs ", ml + 8) != 0 ||
        !is_hex64(p + ml + 8) || p[ml + 72] != '\n' || data[len - 1] != '\n') goto done;
    if (memcmp(p + ml + 8, inputs, 64) != 0) {
        v = ST_INPUTS;
        goto done;
    }
    /* Every line well formed, and the main file listed, before any file is
     * read: a damaged stamp certifies nothing. */
    int has_main = 0;
    for (char *l = p + ml + 73; *l; l = strchr(l, '\n') + 1) {
        char *nl = strchr(l, '\n');
        *nl = '\0';
        st_file f;
        int bad = parse_file_line(l, &f);
        *nl = '\n';
        if (bad) goto done;
        size_t nlen = (size_t)(nl - f.name);
        if (strlen(main) == nlen && memcmp(f.name, main, nlen) == 0) has_main = 1;
    }
    if (!has_main) goto done;
    v = ST_FRESH;
    for (char *l = p + ml + 73; *l && v == ST_FRESH; l = strchr(l, '\n') + 1) {
        char *nl = strchr(l, '\n');
        *nl = '\0';
        st_file f;
        parse_file_line(l, &f);
        v = check_file(base, &f, which, whichlen);
        *nl = '\n';
    }
done:
    free(data);
    return v;
}
