/* build.c — running profile and report jobs, incrementally, in parallel
 * workers (see build.h). Each output has a content-hash stamp: the hash of
 * everything it is made from (the program, templates, catalogs, scripts,
 * fonts, and the country's rows and computed values). A job whose stamp
 * matches is up to date and skipped; a stamp is written only after its
 * output was renamed into place, so an interrupted build never leaves a
 * stamp that claims a missing or partial file is done. */
#include "build.h"
#include "export.h"
#include "layout.h"
#include "outfile.h"
#include "report.h"
#include "stamp.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A job's `country` is this for the combined report of its language. */
#define BD_REPORT ((size_t)-1)
/* A worker reports each finished job as one line on its pipe:
 * "<index> <0|1> <message>\n". */
#define BD_MSG 1024

typedef struct job {
    size_t country;
    const char *lang;
    char *path, *stamp;
    char hash[65];
} job;

/* ---- what an output is made of ------------------------------------------ */

/* Inputs every output shares, whatever its language: hashed once per run
 * (the program and fonts alone are 3 MB); each language continues a copy. */
static void hash_base(st_hash *h, const bd_opts *o, const ss_session *s)
{
    st_init(h);
    st_add_str(h, "sswr-stamp-1");
    st_add_file(h, "/proc/self/exe");
    st_add(h, &o->year, sizeof o->year);
    st_add(h, &o->charts, sizeof o->charts);
    st_add_tree(h, o->templates);
    st_add_tree(h, s->scripts);
    st_add_tree(h, o->fonts);
    char *cad = ut_xasprintf("%s/cadres.csv", s->datasets), *it = ut_xasprintf("%s/items.csv", s->datasets);
    st_add_file(h, cad);
    st_add_file(h, it);
    free(cad);
    free(it);
}

static void hash_common(st_hash *h, const st_hash *base, const char *lang)
{
    *h = *base;
    st_add_str(h, lang);
}

/* One country's share: its rows (every column shown or used), its names,
 * and every computed value of its model, which also captures what it takes
 * from its comparison group (ranks, medians); plus the group's ratios,
 * which its comparison chart draws. */
static void hash_country(st_hash *h, const ss_session *s, size_t ci, int year)
{
    const ds_country *c = &s->ds.c[ci];
    st_add_str(h, c->iso3);
    st_add_str(h, c->region);
    st_add_str(h, c->subregion);
    st_add_str(h, c->intermediate);
    for (size_t l = 0; l < s->ds.nlangs; l++) st_add_str(h, c->names[l]);
    for (size_t i = 0; i < c->npop; i++) {
        st_add(h, &c->pop[i].year, sizeof(int));
        st_add_double(h, c->pop[i].population);
        st_add_double(h, c->pop[i].children);
    }
    for (size_t i = 0; i < c->nwork; i++) {
        const ds_work *w = &c->work[i];
        st_add(h, &w->year, sizeof(int) * 3);
        st_add_double(h, w->count);
        st_add_str(h, w->source);
        st_add_str(h, w->note);
    }
    for (size_t i = 0; i < c->nedu; i++) {
        const ds_edu *e = &c->edu[i];
        st_add(h, &e->year, sizeof(int) * 2);
        st_add_double(h, e->institutions);
        st_add_double(h, e->graduates);
        st_add_str(h, e->source);
    }
    for (size_t i = 0; i < c->nsys; i++) {
        const ds_sys *y = &c->sys[i];
        st_add(h, &y->year, sizeof(int) * 3);
        st_add_str(h, y->source);
    }
    const cp_country *cc = &s->model.c[ci];
    st_add(h, &cc->computed, sizeof cc->computed);
    for (size_t k = 0; k < cc->ns; k++) {
        st_add(h, &cc->s[k].ind, sizeof(int));
        st_add_str(h, cc->s[k].key);
        st_add(h, cc->s[k].v, sizeof cc->s[k].v);
    }
    const char *g = c->intermediate[0] ? c->intermediate : c->subregion;
    for (size_t k = 0; k < s->ds.nc; k++) {
        const ds_country *o = &s->ds.c[k];
        if (strcmp(o->intermediate[0] ? o->intermediate : o->subregion, g) != 0) continue;
        st_add_str(h, o->iso3);
        st_add_double(h, cp_value(&s->model, k, "ratio_per_100k", NULL, year));
    }
}

/* ---- running jobs ------------------------------------------------------- */

typedef struct worker_env {
    lo_env *env;
    dg_list dg;
} worker_env;

static int run_job(worker_env *we, ss_session *s, const bd_opts *o, const job *j, char *err, size_t n)
{
    if (!we->env) {
        snprintf(err, n, "the templates or fonts cannot be used (see above)");
        return -1;
    }
    int rc;
    if (j->country == BD_REPORT) {
        rc = rp_build(we->env, &s->ds, &s->model, j->lang, o->year, o->templates, j->path, &we->dg, err, n);
    } else {
        char *charts = o->charts ? ut_xasprintf("%s/%d/%s/charts", o->out_root, o->year, j->lang) : NULL;
        lo_job lj = { .country = j->country, .lang = j->lang, .year = o->year, .pdf_path = j->path,
                      .charts_dir = charts };
        rc = lo_profile(we->env, &s->ds, &s->model, &lj, err, n);
        free(charts);
    }
    if (rc == 0 && j->stamp && st_write(j->stamp, j->hash) != 0) {
        snprintf(err, n, "cannot write the stamp %s: %s", j->stamp, strerror(errno));
        rc = -1;
    }
    return rc;
}

static void we_open(worker_env *we, const bd_opts *o)
{
    memset(we, 0, sizeof *we);
    we->env = lo_open(o->templates, o->fonts, &we->dg);
}

static void we_close(worker_env *we, int print)
{
    if (print) dg_print(&we->dg, stderr);
    lo_close(we->env);
    dg_free(&we->dg);
}

/* Worker w of n: jobs w, w+n, w+2n… Messages for the parent go to fd. */
static void worker(ss_session *s, const bd_opts *o, job *jobs, size_t njobs, size_t w, size_t n, int fd)
{
    worker_env we;
    we_open(&we, o);
    for (size_t i = w; i < njobs; i += n) {
        char err[BD_MSG] = "";
        int rc = run_job(&we, s, o, &jobs[i], err, sizeof err);
        for (char *p = err; *p; p++) if (*p == '\n') *p = ' ';
        dprintf(fd, "%zu %d %s\n", i, rc != 0, err);
    }
    /* Template and catalog warnings are the same in every worker: print them
     * once (worker 0), and errors from any worker that could not start. */
    we_close(&we, w == 0 || !we.env);
}

typedef struct tally {
    size_t done, built, failed, fresh, total;
    double t0;
    int tty, quiet;
} tally;

static const char *job_name(const ss_session *s, const job *j)
{
    return j->country == BD_REPORT ? "report" : s->ds.c[j->country].iso3;
}

static void progress(tally *t, const ss_session *s, const job *j, int failed, const char *msg)
{
    t->done++;
    if (failed) {
        t->failed++;
        if (t->tty && !t->quiet) fputc('\n', stderr);
        fprintf(stderr, "sswr: %s (%s): FAILED: %s\n", job_name(s, j), j->lang, msg);
    } else {
        t->built++;
    }
    if (t->quiet) return;
    double el = ut_now() - t->t0;
    double rate = el > 0 ? (double)t->done / el : 0;
    double left = rate > 0 ? (double)(t->total - t->done) / rate : 0;
    if (t->tty)
        fprintf(stderr, "\r[%zu/%zu] %.0f/s, %.0f s left   ", t->done, t->total, rate, left);
    else if (!failed)
        fprintf(stderr, "built %s\n", j->path);
    if (t->tty && t->done == t->total) fputc('\n', stderr);
}

static void read_results(int fd, tally *t, const ss_session *s, const job *jobs, size_t njobs)
{
    FILE *f = fdopen(fd, "r");
    char line[BD_MSG + 64];
    while (f && fgets(line, sizeof line, f)) {
        char *end;
        size_t i = strtoul(line, &end, 10);
        if (i >= njobs || *end != ' ') continue;
        int failed = end[1] == '1';
        char *msg = end + 3;
        msg[strcspn(msg, "\n")] = '\0';
        progress(t, s, &jobs[i], failed, msg);
    }
    if (f) fclose(f);
}

static void run_parallel(ss_session *s, const bd_opts *o, job *jobs, size_t njobs, size_t n, tally *t)
{
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "sswr: cannot create a pipe: %s\n", strerror(errno));
        t->failed += njobs;
        return;
    }
    fflush(NULL);
    pid_t *pids = ut_xcalloc(n, sizeof *pids);
    for (size_t w = 0; w < n; w++) {
        pids[w] = fork();
        if (pids[w] == 0) {
            of_forward_signals(NULL, 0);
            close(fds[0]);
            worker(s, o, jobs, njobs, w, n, fds[1]);
            close(fds[1]);
            _exit(0);
        }
    }
    close(fds[1]);
    of_forward_signals(pids, n);
    read_results(fds[0], t, s, jobs, njobs);
    for (size_t w = 0; w < n; w++) {
        int st = 0;
        if (pids[w] > 0) waitpid(pids[w], &st, 0);
        if (pids[w] < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            fprintf(stderr, "sswr: worker %zu stopped abnormally\n", w + 1);
    }
    of_forward_signals(NULL, 0);
    free(pids);
    /* Jobs a crashed worker never reported count as failed. */
    if (t->done < njobs) t->failed += njobs - t->done;
}

/* Writes the indicator exports for all countries beside the profiles. */
static int write_exports(const ss_session *s, const bd_opts *o)
{
    int rc = 0;
    for (int f = 0; f < 2; f++) {
        char *path = ut_xasprintf("%s/%d/indicators.%s", o->out_root, o->year, f ? "json" : "csv");
        of_file out;
        if (of_open(&out, path) != 0 || (ex_write(out.fp, f ? EX_JSON : EX_CSV, &s->ds, &s->model, NULL, 0),
                                          of_commit(&out) != 0)) {
            fprintf(stderr, "sswr: %s\n", out.error);
            rc = -1;
        }
        free(path);
    }
    return rc;
}

int bd_run(ss_session *s, const bd_opts *o)
{
    size_t nl = ut_strv_len(o->langs), njobs = 0;
    job *jobs = ut_xcalloc((s->ds.nc + 1) * (nl ? nl : 1) + 1, sizeof *jobs);
    tally t = { .t0 = ut_now(), .tty = isatty(2), .quiet = o->quiet };
    st_hash base;
    if (!o->single_out) hash_base(&base, o, s);
    for (size_t l = 0; l < nl; l++) {
        const char *lang = o->langs[l];
        st_hash common;
        if (!o->single_out) hash_common(&common, &base, lang);
        st_hash all = common;
        /* The report first: it is the longest job, so it overlaps the rest. */
        size_t report_at = njobs;
        if (o->reports) njobs++;
        for (size_t ci = 0; ci < s->ds.nc; ci++) {
            if (!o->sel[ci]) continue;
            job *j = &jobs[njobs];
            *j = (job){ .country = ci, .lang = lang };
            if (o->single_out) {
                j->path = ut_xstrdup(o->single_out);
                njobs++;
                continue;
            }
            j->path = ut_xasprintf("%s/%d/%s/%s.pdf", o->out_root, o->year, lang, s->ds.c[ci].iso3);
            j->stamp = ut_xasprintf("%s/%d/%s/.stamps/%s", o->out_root, o->year, lang, s->ds.c[ci].iso3);
            st_hash h = common;
            hash_country(&h, s, ci, o->year);
            hash_country(&all, s, ci, o->year);
            st_hex(&h, j->hash);
            if (!o->force && st_fresh(j->stamp, j->path, j->hash)) {
                t.fresh++;
                free(j->path);
                free(j->stamp);
                continue;
            }
            njobs++;
        }
        if (o->reports) {
            job *r = &jobs[report_at];
            *r = (job){ .country = BD_REPORT, .lang = lang };
            r->path = ut_xasprintf("%s/%d/%s/report.pdf", o->out_root, o->year, lang);
            r->stamp = ut_xasprintf("%s/%d/%s/.stamps/report", o->out_root, o->year, lang);
            st_hex(&all, r->hash);
            if (!o->force && st_fresh(r->stamp, r->path, r->hash)) {
                t.fresh++;
                free(r->path);
                free(r->stamp);
                memmove(r, r + 1, (njobs - report_at - 1) * sizeof *r);
                njobs--;
            }
        }
    }
    t.total = njobs;
    size_t n = o->jobs < 1 ? 1 : (size_t)o->jobs;
    if (n > njobs) n = njobs ? njobs : 1;
    of_install_signal_cleanup();
    if (n == 1) {
        worker_env we;
        if (njobs) we_open(&we, o);
        for (size_t i = 0; i < njobs; i++) {
            char err[BD_MSG] = "";
            int rc = run_job(&we, s, o, &jobs[i], err, sizeof err);
            progress(&t, s, &jobs[i], rc != 0, err);
        }
        if (njobs) we_close(&we, 1);
    } else {
        run_parallel(s, o, jobs, njobs, n, &t);
    }
    if (o->exports && write_exports(s, o) != 0) t.failed++;
    if (!o->quiet || t.failed)
        fprintf(stderr, "sswr: %zu built, %zu up to date, %zu failed (%.2f s)\n", t.built, t.fresh,
                t.failed, ut_now() - t.t0);
    for (size_t i = 0; i < njobs; i++) {
        free(jobs[i].path);
        free(jobs[i].stamp);
    }
    free(jobs);
    return t.failed ? 1 : 0;
}
