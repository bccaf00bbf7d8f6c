/* storypage.h — a country story (story.h) set into a box of a page tree:
 * its heading, title, paragraphs and bullet list with bold, italic and
 * link runs, each line broken by the text engine (tx_wrap: bidi, fallback
 * fonts, every language's line breaking) and placed run by run, links as
 * link annotations, every element with its role (H2, H3, P, L/LI/Lbl/LBody,
 * Link) for the tagger. Used by the profile's [story] block (layout.c) and
 * the report's "Country stories" chapter (report.c). Prefix: sp_. */
#ifndef SSWR_STORYPAGE_H
#define SSWR_STORYPAGE_H

#include "pagetree.h"
#include "scene.h"
#include "story.h"
#include "text.h"

/* How a story looks: sizes and colours from the theme, the texts around it
 * (already translated), and the story's own language and direction. */
typedef struct sp_look {
    double body, small, title;   /* sizes */
    sc_color ink, muted, primary, rule;
    const char *heading;         /* "What is working", or NULL: no heading line */
    const char *note;            /* "(in English)" under the title, or NULL */
    const char *source;          /* "Source: …", or NULL */
    const char *page_lang;       /* the document's language (for the texts above) */
    int page_rtl;
    tx_script page_script;
    pt_role title_role;          /* the story title's heading level (0: PT_H3) */
    int rtl;                     /* the story's direction and script */
    tx_script script;
} sp_look;

/* The height the story needs in a box w points wide. */
double sp_height(tx_fontset *fs, const sy_story *s, const sp_look *lk, double w);

/* Places the story into the tree's current page and element, in the box
 * whose top-left corner is (x, y) (layout coordinates, y down, already
 * mirrored for the page), w wide. Returns the height used. */
double sp_place(pt_doc *tree, tx_fontset *fs, const sy_story *s, const sp_look *lk, double x, double y,
                double w);

/* The line height of the story's body text (for counting overflowing lines). */
double sp_line_height(const sp_look *lk);

#endif
