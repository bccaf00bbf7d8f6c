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

/* The block types a layout knows, with the options each requires (besides
 * page, x, y, w, h). The layout stage passes its table in, so the loader can
 * reject an unknown block or a missing option at load time. */
typedef struct tp_kind {
    const char *type;
    const char *const *required;   /* NULL-terminated, may be NULL */
    int positioned;                /* needs page/x/y/w/h */
} tp_kind;

/* Parses `path` (shown as `shown`). Returns 0, or -1 when it has errors
 * (all reported in dg); the template is filled as far as it parsed and
 * freed with tp_free either way. */
int tp_load(const char *path, const char *shown, const tp_kind *kinds, tp_template *t, dg_list *dg);
int tp_parse(const char *text, size_t len, const char *shown, const tp_kind *kinds, tp_template *t,
             dg_list *dg);
void tp_free(tp_template *t);

/* Looks a block up by type and name (name NULL: the first of the type). */
const tp_block *tp_find(const tp_template *t, const char *type, const char *name);
/* An option's value, or `def` when absent. */
const char *tp_get(const tp_block *b, const char *key, const char *def);
double tp_num(const tp_block *b, const char *key, double def);
const tp_attr *tp_attr_of(const tp_block *b, const char *key);

#endif
