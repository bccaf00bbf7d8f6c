/* export.h — the write stage's data exports: the computed model as a tidy
 * table, one row per country × indicator × key × year, in CSV or JSON, for
 * the website team. Reads only the model and the datasets. Prefix: ex_. */
#ifndef SSWR_EXPORT_H
#define SSWR_EXPORT_H

#include <stdio.h>

#include "compute.h"
#include "dataset.h"

typedef enum { EX_CSV, EX_JSON } ex_format;

/* `selected[i]` says whether country i is written (NULL: all); year 0
 * means every year. Returns the number of rows written. */
size_t ex_write(FILE *out, ex_format fmt, const ds_data *ds, const cp_model *m,
                const unsigned char *selected, int year);

/* Formats a value with the indicator's decimals, shortest form, "." point. */
void ex_number(char *buf, size_t n, double v, int decimals);

#endif
