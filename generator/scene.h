/* scene.h — a display list for one chart box: filled or stroked paths and
 * one-line text items, in points, origin at the top-left of the box, y down.
 * Owns the geometry (cairo_path_t copies) and the strings; knows nothing of
 * what a chart means. Renderers replay the same list into a libharu page
 * (vector paths, text through a caller's callback), into any cairo context,
 * and into PNG or SVG files. Prefix: sc_.
 *
 * Errors are sticky, as in cairo: the first failure is kept in the scene and
 * every later add is a no-op, so drawing code stays straight-line and checks
 * sc_status() once. Text is never rotated (charts put axis titles
 * horizontally), so renderers need no text matrix. */
#ifndef SSWR_SCENE_H
#define SSWR_SCENE_H

#include <stddef.h>

#include <cairo.h>
#include <hpdf.h>

typedef struct sc_color { double r, g, b; } sc_color;   /* each 0..1 */
/* 0xRRGGBB → colour, for themes written as hex. */
sc_color sc_rgb(unsigned hex);

enum { SC_FILL = 1, SC_STROKE = 2 };   /* sc_style.paint bits */
typedef enum { SC_ALIGN_LEFT, SC_ALIGN_CENTER, SC_ALIGN_RIGHT } sc_align;
typedef enum { SC_CAP_BUTT, SC_CAP_ROUND, SC_CAP_SQUARE } sc_cap;
typedef enum { SC_JOIN_MITER, SC_JOIN_ROUND, SC_JOIN_BEVEL } sc_join;

/* How a path is painted. Dash lengths are whole points because libharu
 * 2.3.0's HPDF_Page_SetDash takes integers and rejects 0 (error 0x1056);
 * dash_on == 0 means a solid line. */
typedef struct sc_style {
    unsigned paint;          /* SC_FILL | SC_STROKE */
    sc_color fill, stroke;
    double line_width;
    unsigned dash_on, dash_off;
    sc_cap cap;
    sc_join join;
} sc_style;

/* One line of text: `x` is the anchor for `align`, `y` the baseline. */
typedef struct sc_text {
    char *utf8;
    double x, y, size;
    int bold;
    sc_align align;
    sc_color color;
} sc_text;

typedef enum { SC_PATH, SC_TEXT } sc_kind;
typedef struct sc_item {
    sc_kind kind;
    int tag;                 /* the builder's label for the item (tests, debugging) */
    cairo_path_t *path;      /* SC_PATH: owned; from cairo_copy_path */
    sc_style style;          /* SC_PATH */
    sc_text text;            /* SC_TEXT: utf8 owned */
} sc_item;

typedef struct sc_scene sc_scene;

/* A new empty scene for a box of w × h points; never NULL (allocation
 * failure aborts, as everywhere in sswr). A non-finite or negative size
 * gives a scene in error. */
sc_scene *sc_new(double w, double h);
void sc_free(sc_scene *sc);
double sc_width(const sc_scene *sc);
double sc_height(const sc_scene *sc);
/* 0, or the first error (a cairo_status_t, or -1 for a bad argument). */
int sc_status(const sc_scene *sc);
/* Puts the scene in error (a builder's bad argument); the first error stays. */
void sc_set_error(sc_scene *sc, int status);
/* The status of a scene a builder could not complete because a text did not
 * fit at any size it may use (fit.h), or the box is too small for it: */
#define SC_UNFIT (-2)
/* Puts the scene in error SC_UNFIT, keeping a copy of the text for the
 * caller's message (NULL: the box is too small for the chart itself). The
 * first error stays. */
void sc_set_unfit(sc_scene *sc, const char *utf8);
/* That text, or NULL. */
const char *sc_unfit_text(const sc_scene *sc);

/* The context on which the next path is built with cairo's path API
 * (cairo_move_to, cairo_line_to, cairo_arc, cairo_rectangle...), in box
 * coordinates. Owned by the scene; sc_add_path copies the current path and
 * clears it. Do not change its transformation. */
cairo_t *sc_cr(sc_scene *sc);
/* Adds the current path of sc_cr() with this style; an empty path adds
 * nothing. Returns the scene status. */
int sc_add_path(sc_scene *sc, const sc_style *st, int tag);
/* Adds a text item (the string is copied; invalid UTF-8 puts the scene in
 * error). Returns the scene status. */
int sc_add_text(sc_scene *sc, const sc_text *t, int tag);
/* Adds a copy of every item of src, moved by (dx, dy); a scene in error
 * puts sc in error. Returns the scene status. */
int sc_add_scene(sc_scene *sc, const sc_scene *src, double dx, double dy);

size_t sc_count(const sc_scene *sc);
const sc_item *sc_item_at(const sc_scene *sc, size_t i);

/* Measures the advance width of a string in points. */
typedef double (*sc_width_fn)(void *ctx, const char *utf8, double size, int bold);
/* Extents a text item is taken to occupy, as fractions of its size: Latin
 * capitals and accents stay under SC_ASCENT, descenders above SC_DESCENT. */
#define SC_ASCENT 0.80
#define SC_DESCENT 0.25
/* Bounding box of a text item: x0, y0 (top), x1, y1 (bottom). */
void sc_text_box(const sc_text *t, sc_width_fn width, void *ctx, double box[4]);

/* ---- libharu ---------------------------------------------------------- */

/* Draws one text item at page coordinates (x, y) = anchor and baseline,
 * PDF y up. Font choice, fallback per script and bidi belong to the caller.
 * Returns 0 or an error code. The callback may change any graphics state
 * (the renderer sets colours and line parameters again after it). */
typedef struct sc_fonts {
    int (*text)(void *ctx, HPDF_Page page, double x, double y, const sc_text *t);
    void *ctx;
} sc_fonts;

/* Replays the scene with its box's top-left corner at (x, y_top), both
 * measured from the page's top-left corner, y down (page y = page height −
 * (y_top + y)). Paths become HPDF path operators inside one GSave/GRestore.
 * `fonts` may be NULL: text items are then skipped. Returns 0, the first
 * HPDF_STATUS error, the text callback's error, or -1 when the scene is in
 * error. */
int sc_render_hpdf(const sc_scene *sc, HPDF_Page page, double x, double y_top,
                   const sc_fonts *fonts);

/* A simple text callback for one script: one regular and one bold font
 * (loaded by the caller, e.g. with HPDF_LoadTTFontFromFile and the UTF-8
 * encoder), aligned with HPDF_Page_TextWidth. */
typedef struct sc_hpdf_simple { HPDF_Font regular, bold; } sc_hpdf_simple;
int sc_hpdf_simple_text(void *ctx, HPDF_Page page, double x, double y, const sc_text *t);
/* An sc_width_fn for the same fonts (ctx: sc_hpdf_simple *). */
double sc_hpdf_simple_width(void *ctx, const char *utf8, double size, int bold);

/* ---- cairo (PNG, SVG) --------------------------------------------------- */

/* Draws one text item in the user space of `cr` (the scene's coordinates).
 * Returns 0 or an error code. */
typedef int (*sc_text_fn)(void *ctx, cairo_t *cr, const sc_text *t);

/* Replays the scene into cr, whose user space is the scene's box. Returns
 * 0, the text callback's error, a cairo status, or -1 (scene in error). */
int sc_render_cairo(const sc_scene *sc, cairo_t *cr, sc_text_fn text, void *ctx);
/* Writes the scene as a PNG at `dpi` on a white background. Return as
 * sc_render_cairo; a write failure gives the cairo status. */
int sc_write_png(const sc_scene *sc, const char *path, double dpi, sc_text_fn text, void *ctx);

/* What an SVG says of itself, for a screen reader and a browser; any may be
 * NULL (rtl: 0). */
typedef struct sc_svg_meta {
    const char *title, *desc;   /* <title> and <desc>, which role="img" and aria-labelledby name */
    const char *lang;           /* lang and xml:lang: "fr" */
    int rtl;                    /* direction="rtl" (text anchors stay where the scene put them) */
    const char *font_family;    /* a CSS list with fallbacks; NULL: sans-serif */
} sc_svg_meta;
/* Writes the scene as SVG (sizes in points) with real <text> elements, set
 * by the reader's fonts (font_family), and paths; a white background. The
 * same scene and meta give the same bytes. Returns 0, -1 (scene in error)
 * or a cairo status for a write failure. */
int sc_write_svg(const sc_scene *sc, const char *path, const sc_svg_meta *meta);

/* Default cairo text: cairo-ft faces from a regular and a bold TrueType
 * file (the same files the PDF embeds, so widths agree), hinting off so
 * advances are the font's own. */
typedef struct sc_ft sc_ft;
/* NULL when a file cannot be loaded as a font. */
sc_ft *sc_ft_open(const char *regular_ttf, const char *bold_ttf);
/* Adds fallback faces, for the characters the first ones lack (Latin
 * letters next to Arabic); returns 0 or -1. */
int sc_ft_fallback(sc_ft *ft, const char *regular_ttf, const char *bold_ttf);
void sc_ft_close(sc_ft *ft);
int sc_ft_text(void *ctx, cairo_t *cr, const sc_text *t);        /* an sc_text_fn */
double sc_ft_width(void *ctx, const char *utf8, double size, int bold); /* an sc_width_fn */

#endif
