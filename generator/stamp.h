/* stamp.h — content hashes for incremental builds. An output is rebuilt
 * only when the hash of everything it was made from differs from the stamp
 * written beside it after its last successful build. SHA-256, so a stamp
 * matches only for identical inputs. Prefix: st_. */
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

/* 1 when the stamp file holds exactly `hex` (and the output exists). */
int st_fresh(const char *stamp_path, const char *output_path, const char *hex);
/* Writes the stamp atomically; returns 0 or -1. */
int st_write(const char *stamp_path, const char *hex);

#endif
