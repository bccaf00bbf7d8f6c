/* fuzz_util.h — helpers shared by the libFuzzer harnesses (tests/fuzz/):
 * a scratch folder in tmpfs that is removed at exit, writing a file, and
 * checks that abort (libFuzzer reports an abort as a crash). */
#ifndef SSWR_FUZZ_UTIL_H
#define SSWR_FUZZ_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* An invariant of the code under test: a failure is a finding. */
#define FZ_CHECK(cond, ...)                                                        \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "fuzz invariant failed at %s:%d: %s\n  ", __FILE__,    \
                    __LINE__, #cond);                                              \
            fprintf(stderr, __VA_ARGS__);                                          \
            fputc('\n', stderr);                                                   \
            abort();                                                               \
        }                                                                          \
    } while (0)

static __attribute__((unused)) char fz_scratch[4096];

static __attribute__((unused)) void fz_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
                char sub[4096];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                fz_rm_rf(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static __attribute__((unused)) void fz_cleanup(void)
{
    if (fz_scratch[0]) fz_rm_rf(fz_scratch);
}

/* A fresh folder in $SSWR_FUZZ_TMP (run.sh sets it), else /dev/shm, else
 * /tmp; removed when the process exits normally. */
static __attribute__((unused)) const char *fz_scratch_dir(void)
{
    if (fz_scratch[0]) return fz_scratch;
    const char *base = getenv("SSWR_FUZZ_TMP");
    if (!base || !*base) base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fz_scratch, sizeof fz_scratch, "%s/sswr-fuzz-XXXXXX", base);
    if (!mkdtemp(fz_scratch)) {
        perror("mkdtemp");
        abort();
    }
    atexit(fz_cleanup);
    return fz_scratch;
}

static __attribute__((unused)) void fz_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

static __attribute__((unused)) void fz_mkdir(const char *path)
{
    if (mkdir(path, 0755) != 0) {
        perror(path);
        abort();
    }
}

/* Copies a regular file. */
static __attribute__((unused)) void fz_copy(const char *from, const char *to)
{
    FILE *f = fopen(from, "rb");
    if (!f) {
        perror(from);
        abort();
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, k;
    char chunk[65536];
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + k > cap) {
            cap = (len + k) * 2;
            buf = realloc(buf, cap);
            if (!buf) abort();
        }
        memcpy(buf + len, chunk, k);
        len += k;
    }
    fclose(f);
    fz_write(to, buf, len);
    free(buf);
}

/* A NUL-terminated copy of the input (most APIs take C strings). */
static __attribute__((unused)) char *fz_cstr(const uint8_t *data, size_t len)
{
    char *s = malloc(len + 1);
    if (!s) abort();
    if (len) memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

#endif
