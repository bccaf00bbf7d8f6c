/* story.h — the country stories of datasets/stories/ISO3.LANG.md ("what is
 * working", in a country team's words): a small header, then a Markdown
 * subset parsed with cmark — one `# title`, paragraphs, **bold**, *italic*,
 * links and one level of bullet list. Anything else (images, raw HTML,
 * tables, code, quotations, rules, other headings, numbered or nested
 * lists) is an error at its FILE:LINE saying what to write instead; a bad
 * story fails its country only. Part of the load stage: the dataset module
 * loads the stories with the tables (ds_data.stories). Prefix: sy_. */
#ifndef SSWR_STORY_H
#define SSWR_STORY_H

#include <stddef.h>

#include "diag.h"

/* A run of text in one style; a link's runs carry its target. */
typedef struct sy_span {
    char *text;        /* UTF-8; soft line breaks are spaces */
    int bold, italic;
    char *url;         /* a link's target, or NULL */
} sy_span;

typedef enum { SY_PARA, SY_ITEM } sy_kind;

/* A paragraph, or one item of a bullet list (consecutive items of one list
 * share `list`). */
typedef struct sy_block {
    sy_kind kind;
    int list;          /* SY_ITEM: which list of the story (0, 1, ...) */
    sy_span *spans;
    size_t nspans;
    long line;
} sy_block;

typedef struct sy_story {
    char iso3[4];
    char lang[8];      /* the file's language */
    char *path;        /* as read: DIR/stories/KEN.en.md */
    char *original;    /* header `original`: the language the story was written in */
    char *source;      /* header `source`: the source line, or NULL */
    int published;     /* header `kind`: 1 published, 0 illustrative */
    char *title;
    sy_block *blocks;
    size_t nblocks;
    char *raw;         /* the file's bytes (build stamps hash them) */
    size_t rawlen;
    int ok;            /* no error in the file */
} sy_story;

/* Every story of a datasets folder, sorted by iso3, then language. */
typedef struct sy_set {
    sy_story *v;
    size_t n;
} sy_set;

/* Reads every *.md file of dir (a missing folder holds no story). Errors
 * go to dg at FILE:LINE with the country of the file name; a bad file is
 * kept with ok = 0. Returns the number of files with errors. */
size_t sy_load(const char *dir, sy_set *out, dg_list *dg);
void sy_free(sy_set *s);

/* Reads one story from its bytes (n of them, copied into s->raw) into s,
 * whose path and iso3 name it in messages; sets s->ok. Free with
 * sy_story_free (which frees s->path too). */
void sy_parse(sy_story *s, const char *bytes, size_t n, dg_list *dg);
void sy_story_free(sy_story *s);

/* The story of a country in a language, or NULL (bad files count as none). */
const sy_story *sy_find(const sy_set *s, const char *iso3, const char *lang);
/* The story a profile in `lang` shows: the one in its language, else the
 * one in the original language the country's stories name, else NULL.
 * *fallback is set when the story is not in `lang`. */
const sy_story *sy_pick(const sy_set *s, const char *iso3, const char *lang, int *fallback);
/* Whether any file of the country (good or bad) exists. */
int sy_has(const sy_set *s, const char *iso3);
/* Whether a bad file of the country exists. */
int sy_failed(const sy_set *s, const char *iso3);

#endif
