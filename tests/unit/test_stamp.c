/* test_stamp.c — SHA-256 against the FIPS 180-4 test vectors, fed whole and
 * in awkward pieces, and the stamp files. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "stamp.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

static void hex_of(const char *data, size_t n, size_t piece, char out[65])
{
    st_hash h;
    st_init(&h);
    for (size_t i = 0; i < n; i += piece) st_add(&h, data + i, n - i < piece ? n - i : piece);
    st_hex(&h, out);
}

/* The FIPS vectors, whole and in pieces, on the code in use (the CPU's SHA
 * instructions where there are some) or the portable code. */
static void vectors(const char *which)
{
    static const struct { const char *in, *want; } v[] = {
        { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
        { "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
    };
    static const size_t pieces[] = { 1, 3, 63, 64, 65, 1000 };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        for (size_t p = 0; p < sizeof pieces / sizeof *pieces; p++) {
            char hex[65];
            hex_of(v[i].in, strlen(v[i].in), pieces[p], hex);
            CHECK(strcmp(hex, v[i].want) == 0, "%s: vector %zu in pieces of %zu: %s", which, i, pieces[p], hex);
        }
    /* one million 'a', in pieces of 4096 and of 1,000,000 */
    static char million[1000000];
    memset(million, 'a', sizeof million);
    char hex[65];
    hex_of(million, sizeof million, 4096, hex);
    CHECK(strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0, "%s: million a: %s", which, hex);
    hex_of(million, sizeof million, sizeof million, hex);
    CHECK(strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0, "%s: million a whole: %s", which, hex);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    vectors("in use");
    st_use_portable(1);
    vectors("portable");
    st_use_portable(0);
    /* strings carry their length: ("ab","c") differs from ("a","bc") */
    st_hash a, b;
    st_init(&a); st_add_str(&a, "ab"); st_add_str(&a, "c");
    st_init(&b); st_add_str(&b, "a"); st_add_str(&b, "bc");
    char ha[65], hb[65];
    st_hex(&a, ha);
    st_hex(&b, hb);
    CHECK(strcmp(ha, hb) != 0, "string boundaries are hashed");
    /* stamps: fresh only with the same inputs and every listed file as written */
    char dir[] = "/tmp/sswr-stamp-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    char out[256], chart[256], stamp[256], which[512], sub[256];
    snprintf(out, sizeof out, "%s/x.pdf", dir);
    snprintf(sub, sizeof sub, "%s/charts", dir);
    mkdir(sub, 0777);
    snprintf(chart, sizeof chart, "%s/charts/x-a.png", dir);
    snprintf(stamp, sizeof stamp, "%s/.stamps/x", dir);
    CHECK(st_check(stamp, dir, ha, "x.pdf", which, sizeof which) == ST_NO_STAMP, "no stamp");
    put(out, "%PDF one");
    put(chart, "PNG one");
    char hx[65];
    uint64_t size;
    CHECK(st_file_hex(out, hx, &size) == 0 && size == 8, "st_file_hex");
    st_stamp st;
    st_stamp_init(&st, ha);
    CHECK(st_stamp_add(&st, "x.pdf", out) == 0, "st_stamp_add");
    CHECK(st_stamp_add(&st, "charts/x-a.png", chart) == 0, "st_stamp_add");
    CHECK(st_write(stamp, &st) == 0, "st_write");
    st_stamp_free(&st);
    CHECK(st_check(stamp, dir, ha, "x.pdf", which, sizeof which) == ST_FRESH, "stamp and files: fresh");
    CHECK(st_check(stamp, dir, hb, "x.pdf", which, sizeof which) == ST_INPUTS, "other inputs");
    CHECK(st_check(stamp, dir, ha, "y.pdf", which, sizeof which) == ST_NO_STAMP, "main file not listed");
    put(chart, "PNG two");   /* same size, other bytes */
    CHECK(st_check(stamp, dir, ha, "x.pdf", which, sizeof which) == ST_CHANGED && strcmp(which, chart) == 0,
          "same size, other bytes: changed (%s)", which);
    put(chart, "PNG one");
    put(out, "%PDF one junk");
    CHECK(st_check(stamp, dir, ha, "x.pdf", which, sizeof which) == ST_CHANGED && strcmp(which, out) == 0,
          "appended bytes: changed (%s)", which);
    unlink(out);
    CHECK(st_check(stamp, dir, ha, "x.pdf", which, sizeof which) == ST_MISSING && strcmp(which, out) == 0,
          "deleted: missing (%s)", which);
    /* a stamp of the old format, or a damaged or hostile one, certifies nothing */
    static const char *const bad[] = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
        "sswr-stamp 2\ninputs %s\nfile 8 %s x.pdf",                       /* no final newline */
        "sswr-stamp 2\ninputs %s\nfile 8 %s ../x.pdf\nfile 8 %s x.pdf\n",  /* outside the folder */
        "sswr-stamp 2\ninputs %s\nfile 8 %s /x.pdf\nfile 8 %s x.pdf\n",
        "sswr-stamp 2\ninputs %s\nfile x %s x.pdf\n",
        "sswr-stamp 2\ninputs %s\nfile 8 %.63s x.pdf\n",
    };
    put(out, "%PDF one");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[1024];
        snprintf(text, sizeof text, bad[i], ha, hx, hx);
        put(stamp, text);
        CHECK(st_check(stamp, dir, ha, "x.pdf", which, sizeof which) == ST_NO_STAMP, "bad stamp %zu accepted", i);
    }
    unlink(out);
    unlink(chart);
    unlink(stamp);
    rmdir(sub);
    snprintf(stamp, sizeof stamp, "%s/.stamps", dir);
    rmdir(stamp);
    rmdir(dir);
    printf("%d failed\n", failures);
    return failures != 0;
}
