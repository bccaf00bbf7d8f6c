/* stamp.h — content hashes for incremental builds. A stamp, written after
 * an output's last successful build, certifies two things: the hash of
 * everything the output was made from, and the size and SHA-256 of each
 * file of the output as it was written (a profile's PDF and its charts).
 * The output is up to date only when both still hold: same inputs, and
 * every file present and unchanged. SHA-256, so a stamp matches only for
 * identical inputs and identical files. Prefix: st_. */
#ifndef SSWR_STAMP_H
#define SSWR_STAMP_H

#include <stddef.h>
#include <stdint.h>

typedef struct st_hash {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
} st_hash;

void st_init(st_hash *s);
void st_add(st_hash *s, const void *data, size_t n);
void st_add_str(st_hash *s, const char *str);   /* with its length: "ab","c" ≠ "a","bc" */
void st_add_double(st_hash *s, double v);
/* Adds a file's bytes (or a marker when it cannot be read); returns -1 then. */
int st_add_file(st_hash *s, const char *path);
/* Adds every regular file under dir, in name order, with its relative name. */
int st_add_tree(st_hash *s, const char *dir);
/* Uses the portable code even where the CPU's SHA instructions are there
 * (for tests: both must give the same hashes). */
void st_use_portable(int on);
/* Finishes: 64 lowercase hex digits and a NUL. */
void st_hex(st_hash *s, char out[65]);

/* The SHA-256 of a file's bytes (as sha256sum prints it) and its size.
 * Returns 0, or -1 with errno set. */
int st_file_hex(const char *path, char out[65], uint64_t *size);

/* A stamp file, text:
 *     sswr-stamp 3
 *     inputs <64 hex digits>
 *     file <size> <64 hex digits> <seen> <name>       (one line per file)
 * Names are relative to the stamp's base folder (output/YEAR). <seen> is
 * the file's device, inode, modification and status-change times (ns) once
 * it was in place: a file whose stat still says exactly that is the file
 * that was written, without reading it again (any write, copy or rename
 * gives it a new status-change time, which no user can set back); any
 * other file is read and its SHA-256 compared. */
typedef struct st_file {
    char *name;
    uint64_t size;
    char hex[65];
    char seen[96];   /* "DEV:INO:MTIME:CTIME" (ns) of the file in place, "-" if not known */
} st_file;
typedef struct st_stamp {
    char inputs[65];
    st_file *f;
    size_t n, cap;
} st_stamp;

void st_stamp_init(st_stamp *s, const char inputs[65]);
/* Adds the file `name` with the bytes now in `path` (the file itself, or
 * the temporary it is about to be renamed from). Returns 0 or -1 (errno). */
int st_stamp_add(st_stamp *s, const char *name, const char *path);
/* Records what stat says of each listed file now in place under base
 * (after the files were renamed there). */
void st_stamp_seen(st_stamp *s, const char *base);
void st_stamp_free(st_stamp *s);
/* Writes the stamp atomically; returns 0 or -1 (errno). */
int st_write(const char *stamp_path, const st_stamp *s);

typedef enum st_verdict {
    ST_FRESH,        /* same inputs; every file present and unchanged */
    ST_NO_STAMP,     /* no stamp, or not one this program wrote */
    ST_INPUTS,       /* the inputs changed */
    ST_MISSING,      /* a file of the output is missing */
    ST_CHANGED,      /* a file of the output differs from what was written */
} st_verdict;
/* Checks an output against its stamp: `inputs` is the hash of what it would
 * be made from now, `main` (relative to base) a file the stamp must list.
 * For ST_MISSING and ST_CHANGED, `which` receives the file's path. */
st_verdict st_check(const char *stamp_path, const char *base, const char *inputs, const char *main,
                    char *which, size_t whichlen);

#endif
