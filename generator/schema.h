/* schema.h — what the template files may hold: every block type of
 * templates/profile.tpl, theme.tpl and report.tpl, with the type, range and
 * necessity of each option. template.c checks the files against these
 * tables when they load (an unknown block, option or value is an error at
 * its line, with the closest known name); layout.c and report.c give the
 * blocks their meaning. templates/README.md documents the same tables, and
 * a test keeps the two in step. Prefix: sm_. */
#ifndef SSWR_SCHEMA_H
#define SSWR_SCHEMA_H

#include "template.h"

/* Sizes a theme may give (points): below SM_SIZE_MIN text is not legible
 * in print, above SM_SIZE_MAX it fits none of the profile's boxes. */
#define SM_SIZE_MIN 4.0
#define SM_SIZE_MAX 24.0
/* The smallest size text may be shrunk to, at most (points). */
#define SM_MIN_SIZE_MAX 12.0
/* Tiles per row in a [tiles] block, at most. */
#define SM_MAX_COLS 8

/* The figures a section heading's {year} can refer to. */
extern const char *const sm_figures[];
extern const tp_kind sm_profile[];   /* profile.tpl */
extern const tp_kind sm_theme[];     /* theme.tpl: the [theme] block */
extern const tp_kind sm_report[];    /* report.tpl */

/* The names of the theme's colours, NULL-terminated (a band's `color` may
 * name one). */
extern const char *const sm_theme_colors[];
/* The tiles a [tiles] block can show besides any indicator, NULL-terminated. */
extern const char *const sm_tiles[];

#endif
