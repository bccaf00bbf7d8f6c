/* test_pagetree.c — the page tree (pagetree.c): structure and reading order,
 * and its self-check: each kind of layout fault is found and named at its
 * template line; a clean page passes. */
#include <stdio.h>
#include <string.h>

#include "pagetree.h"

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

#define W 595.0
#define H 842.0

static tx_style style(double size) { return (tx_style){ .size = size, .lang = "en" }; }

/* A one-page document with a block at (100, 100)-(300, 200), top-left
 * coordinates, placed by template line 12. */
static pt_doc *doc_with_block(void)
{
    pt_doc *d = pt_new(W, H);
    pt_add_page(d);
    double box[4] = { 100, 100, 300, 200 };
    pt_open(d, PT_P, "profile.tpl", 12, "text intro", box);
    return d;
}

/* Text whose box is x0..x0+w, with its baseline at top-left y (size 10). */
static void text_at(pt_doc *d, const char *s, double x0, double y, double w)
{
    tx_style st = style(10);
    pt_text(d, s, x0, H - y, TX_LEFT, w, &st);
}

static size_t check(pt_doc *d, dg_list *dg, double min_size)
{
    return pt_check(d, min_size, 6, "KEN, en", dg);
}

static int has(const dg_list *dg, const char *s)
{
    for (size_t i = 0; i < dg->n; i++) {
        char *f = dg_format(&dg->v[i]);
        int ok = strstr(f, s) != NULL;
        free(f);
        if (ok) return 1;
    }
    return 0;
}

int main(void)
{
    dg_list dg = {0};

    /* clean: two lines one under the other, a rule on the block's edge */
    pt_doc *d = doc_with_block();
    text_at(d, "First line", 110, 120, 80);
    text_at(d, "Second line", 110, 135, 80);
    pt_rule(d, 100, H - 200, 200, 0.8, (sc_color){ 0, 0, 0 });
    CHECK(check(d, &dg, 5) == 0, "a clean block: %zu problems", dg.n);
    CHECK(d->root->nkids == 1 && d->root->kids[0].node->nkids == 3, "the block holds its three items");
    pt_free(d);
    dg_free(&dg);

    /* overlapping text */
    d = doc_with_block();
    text_at(d, "Kenya", 110, 120, 80);
    text_at(d, "Total", 150, 124, 40);
    CHECK(check(d, &dg, 5) == 1, "overlap: %zu problems", dg.n);
    CHECK(has(&dg, "profile.tpl:12: block 'text intro': \"Total\" overlaps \"Kenya\" on page 1 (KEN, en)"), "overlap message");
    pt_free(d);
    dg_free(&dg);

    /* outside its block, outside the page */
    d = doc_with_block();
    text_at(d, "Overhang", 250, 150, 80);
    CHECK(check(d, &dg, 5) == 1 && has(&dg, "\"Overhang\" lies outside its block"), "outside the block");
    dg_free(&dg);
    pt_close(d);
    text_at(d, "Off the page", 560, 150, 80);
    CHECK(check(d, &dg, 5) == 2 && has(&dg, "Off the page lies outside the page"), "outside the page");
    pt_free(d);
    dg_free(&dg);

    /* too small */
    d = doc_with_block();
    tx_style tiny = style(3);
    pt_text(d, "tiny", 110, H - 120, TX_LEFT, 10, &tiny);
    CHECK(check(d, &dg, 5) == 1 && has(&dg, "\"tiny\" is set at 3.0 pt, below the theme's minimum of 5 pt"), "min size");
    pt_free(d);
    dg_free(&dg);

    /* table cells closer than the gutter, in one row; not across rows */
    d = doc_with_block();
    pt_node *row = pt_open(d, PT_TR, NULL, 0, NULL, NULL);
    double c1[4] = { 100, 110, 200, 130 }, c2[4] = { 200, 110, 300, 130 };
    pt_open(d, PT_TH, NULL, 0, NULL, c1);
    text_at(d, "нет данных", 140, 125, 58);
    pt_close(d);
    pt_open(d, PT_TD, NULL, 0, NULL, c2);
    text_at(d, "нет данных", 201, 125, 58);
    pt_close(d);
    pt_close(d);
    CHECK(row->nkids == 2, "a row of two cells");
    CHECK(check(d, &dg, 5) == 1 && has(&dg, "table cells \"нет данных\" and \"нет данных\" are 3.0 pt apart, less than the 6 pt gutter"),
          "gutter: %zu problems", dg.n);
    pt_free(d);
    dg_free(&dg);

    /* roles, alt text, scope */
    d = pt_new(W, H);
    pt_add_page(d);
    pt_node *fig = pt_open(d, PT_FIGURE, "profile.tpl", 40, "chart trend", NULL);
    pt_set_alt(fig, "Line chart");
    pt_close(d);
    pt_node *th = pt_open(d, PT_TH, NULL, 0, NULL, NULL);
    pt_set_scope(th, PT_SCOPE_COLUMN);
    pt_close(d);
    CHECK(!strcmp(pt_role_name(fig->role), "Figure") && !strcmp(fig->alt, "Line chart"), "figure");
    CHECK(th->scope == PT_SCOPE_COLUMN && !strcmp(pt_role_name(PT_TH), "TH"), "header cell");
    CHECK(d->cur == d->root, "closed back to the document");
    pt_free(d);

    if (failures) printf("%d failures\n", failures);
    return failures != 0;
}
