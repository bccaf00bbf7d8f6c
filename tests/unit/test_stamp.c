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
    /* stamps: fresh only with the same hash and an existing output */
    char dir[] = "/tmp/sswr-stamp-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    char out[256], stamp[256];
    snprintf(out, sizeof out, "%s/x.pdf", dir);
    snprintf(stamp, sizeof stamp, "%s/.stamps/x", dir);
    CHECK(!st_fresh(stamp, out, ha), "no stamp, no output: not fresh");
    CHECK(st_write(stamp, ha) == 0, "st_write");
    CHECK(!st_fresh(stamp, out, ha), "stamp without its output: not fresh");
    FILE *f = fopen(out, "w");
    fputs("%PDF", f);
    fclose(f);
    CHECK(st_fresh(stamp, out, ha), "stamp and output: fresh");
    CHECK(!st_fresh(stamp, out, hb), "another hash: not fresh");
    unlink(out);
    unlink(stamp);
    snprintf(stamp, sizeof stamp, "%s/.stamps", dir);
    rmdir(stamp);
    rmdir(dir);
    printf("%d failed\n", failures);
    return failures != 0;
}
