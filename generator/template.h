/* template.h — the layout files a designer edits (the .tpl files in templates/): pages,
 * blocks with their positions and options, and the theme (colours, sizes).
 * A small INI-like format: `[TYPE NAME]` opens a block, `key = value` sets
 * an option, a "quoted value" is an English message id translated through
 * the catalogs, `#` starts a comment. Every problem is reported with its
 * file and line. This module parses and checks; layout.c gives meaning.
 * Prefix: tp_. */
#ifndef SSWR_TEMPLATE_H
#define SSWR_TEMPLATE_H

#include <stddef.h>

#include "diag.h"

typedef struct tp_attr {
    char *key, *value;
    int is_text;        /* the value was quoted: a message id */
    long line;
} tp_attr;

typedef struct tp_block {
    char *type, *name;  /* "[chart trend]" → type chart, name trend */
    long line;
    int page;           /* 0: every page (running blocks) */
    double x, y, w, h;  /* points, from the page's top-left corner */
    tp_attr *attrs;
    size_t nattrs;
} tp_block;

typedef struct tp_template {
    char *file;         /* as shown in messages */
    tp_block *blocks;
    size_t nblocks;
} tp_template;

/* What an option's value must be. */
typedef enum {
    TP_TEXT,      /* a "quoted" English message id, translated through the catalogs */
    TP_NUMBER,    /* a number from lo to hi */
    TP_WHOLE,     /* a whole number from lo to hi */
    TP_COLOR,     /* #rrggbb, or one of words (names of theme colours) */
    TP_COLORS,    /* from lo to hi #rrggbb colours, comma-separated */
    TP_WORD,      /* one of words */
    TP_WORDS,     /* one or more of words, comma-separated, each once */
    TP_ITEMS,     /* the same, each one of words or an indicator id ([a-z0-9_]), which
                     the layout checks against the scripts once they have loaded */
    TP_DATE,      /* a calendar date written YYYY-MM-DD */
} tp_type;

/* One option a block takes (besides page, x, y, w and h). */
typedef struct tp_opt {
    const char *key;
    tp_type type;
    int required;
    double lo, hi;                 /* TP_NUMBER, TP_WHOLE, TP_COLORS (count) */
    const char *unit;              /* after a range in messages, e.g. "points" */
    const char *const *words;      /* TP_COLOR, TP_WORD, TP_WORDS; NULL-terminated */
    const char *placeholders;      /* TP_TEXT: the {names} it may use, blank-separated;
                                      "indicator:" allows {indicator:ID} for any id */
} tp_opt;

/* A block type a layout knows, with every option it takes. The layout
 * stage passes its table in, so the loader rejects an unknown block, an
 * unknown option (naming the closest known one), a value of the wrong type
 * or range, and a missing option at load time, each at its line.
 *
 * A type may have several entries: one per `kind` (variant: "[chart x]"
 * with `kind = trend` takes the options of the entry whose variant is
 * "trend"; `kind` itself is then required), or one for a block name (name:
 * "[text completeness]"), chosen before the entry for any name. */
typedef struct tp_kind {
    const char *type;
    int positioned;                /* needs page/x/y/w/h */
    const tp_opt *opts;            /* ends with a NULL key; NULL: no options */
    const char *variant;           /* the `kind` value this entry is for, or NULL */
    const char *name;              /* the block name this entry is for, or NULL */
    double min_w, min_h;           /* smallest box (points), when positioned */
} tp_kind;

/* Parses `path` (shown as `shown`). Returns 0, or -1 when it has errors
 * (all reported in dg); the template is filled as far as it parsed and
 * freed with tp_free either way. */
int tp_load(const char *path, const char *shown, const tp_kind *kinds, tp_template *t, dg_list *dg);
int tp_parse(const char *text, size_t len, const char *shown, const tp_kind *kinds, tp_template *t,
             dg_list *dg);
void tp_free(tp_template *t);

/* Every positioned block lies inside a page of w × h points: an error at
 * the line of the option that puts it outside. Returns the error count. */
int tp_check_page(const tp_template *t, double w, double h, dg_list *dg);

/* The entry of kinds a block was checked against (its variant or name
 * entry), or NULL for an unknown type. */
const tp_kind *tp_kind_of(const tp_kind *kinds, const tp_block *b);

/* Looks a block up by type and name (name NULL: the first of the type). */
const tp_block *tp_find(const tp_template *t, const char *type, const char *name);
/* An option's value, or `def` when absent. Values of checked options are
 * of their type: tp_num of a TP_NUMBER option is its number. */
const char *tp_get(const tp_block *b, const char *key, const char *def);
double tp_num(const tp_block *b, const char *key, double def);
const tp_attr *tp_attr_of(const tp_block *b, const char *key);

#endif
