/* fit.c — the fitting rule (see fit.h). */
#include "fit.h"

/* Sizes closer than this are the same (measures carry rounding). */
#define FIT_EPS 1e-9

double fit_size(double size, double min_size, fit_fn fits, void *ctx)
{
    if (!(size > 0)) return -1;
    if (min_size > size) min_size = size;
    for (double s = size;; s -= FIT_STEP) {
        if (s < min_size) s = min_size;
        if (fits(ctx, s)) return s;
        if (s <= min_size + FIT_EPS) return -1;
    }
}
