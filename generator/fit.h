/* fit.h — the one rule for every text sswr fits into room it is given:
 * page text, table cells, tiles, chart labels, legends and axis labels.
 * The text is tried at its size, then FIT_STEP points smaller, down to the
 * theme's min_size; a text that fits at none of these sizes is an error,
 * which the caller reports naming where the text comes from (template
 * line, catalog entry). Nothing is ever shortened with "…" or left out.
 * Prefix: fit_. */
#ifndef SSWR_FIT_H
#define SSWR_FIT_H

/* Points between two sizes tried. */
#define FIT_STEP 0.5

/* Whether the text fits at this size (the caller's own measure: one line
 * in a width, wrapped lines in a box, a legend in a row...). */
typedef int (*fit_fn)(void *ctx, double size);

/* The largest of size, size - FIT_STEP, ... down to min_size (tried last)
 * at which fits(ctx, size) holds; -1 when none does. A size already below
 * min_size is tried alone: min_size never enlarges text. */
double fit_size(double size, double min_size, fit_fn fits, void *ctx);

#endif
