/* build.c — running profile and report jobs, incrementally, in parallel
 * workers (see build.h). Each output has a content-hash stamp: the hash of
 * everything it is made from (the program, templates, catalogs, scripts,
 * fonts, and the country's rows and computed values), and the size and
 * SHA-256 of every file it wrote (the PDF and its charts). A job is up to
 * date, and skipped, only when the inputs are the same and every file is
 * still there, unchanged. A job's files are held under temporary names and
 * renamed together when it succeeds (a failed job leaves the earlier files
 * as they were), and the stamp is written after them, so an interrupted
 * build never leaves a stamp that vouches for a missing or partial file.
 * The output folder (output/YEAR) is locked for the whole build: a second
 * build waits, and the first thing a build does with the lock is remove
 * the temporaries a killed build left. */
#include "build.h"
#include "contract.h"
#include "export.h"
#include "layout.h"
#include "outfile.h"
#include "report.h"
#include "stamp.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
/* What the figures are made from: the program, the year, the scripts and
 * the vocabularies (each country's rows are added per output). The
 * exports rest on this alone. */
static void hash_figures(st_hash *h, const bd_opts *o, const ss_session *s)
{
    st_init(h);
    st_add_str(h, "sswr-stamp-1");
    st_add_file(h, "/proc/self/exe");
    st_add(h, &o->year, sizeof o->year);
    st_add_tree(h, s->scripts);
    char *cad = ut_xasprintf("%s/cadres.csv", s->datasets), *it = ut_xasprintf("%s/items.csv", s->datasets);
    st_add_file(h, cad);
    st_add_file(h, it);
    free(cad);
    free(it);
    /* The years every country has a population for: the notes credit
     * those to the World Bank, the others to the report team (layout.c). */
    unsigned char all[DS_YEAR_MAX - DS_YEAR_MIN + 1];
    memset(all, 1, sizeof all);
    for (size_t ci = 0; ci < s->ds.nc; ci++) {
        const ds_country *c = &s->ds.c[ci];
        unsigned char has[sizeof all] = {0};
        for (size_t k = 0; k < c->npop; k++) has[c->pop[k].year - DS_YEAR_MIN] = 1;
        for (size_t y = 0; c->npop && y < sizeof all; y++) all[y] &= has[y];
    }
    st_add(h, all, sizeof all);
}

/* What every document adds: templates, catalogs, fonts, the chart option. */
static void hash_documents(st_hash *h, const st_hash *figures, const bd_opts *o)
{
    *h = *figures;
    st_add(h, &o->charts, sizeof o->charts);
    st_add_tree(h, o->templates);
    st_add_tree(h, o->fonts);
}

static void hash_common(st_hash *h, const st_hash *base, const char *lang)
{
    *h = *base;
    st_add_str(h, lang);
}

/* The published figures a profile shows (page 2), which the exports do not. */
static void hash_published(st_hash *h, const ds_country *c)
{
    for (size_t i = 0; i < c->npub; i++) {
        const ds_pub *p = &c->pub[i];
        st_add(h, &p->year, sizeof(int) * 2);
        st_add_str(h, p->cadre);
        st_add_double(h, p->value);
        st_add_str(h, p->unit);
        st_add_str(h, p->source_title);
        st_add_str(h, p->publisher);
        st_add(h, &p->source_year, sizeof(int));
        st_add_str(h, p->url);
    }
}

static void hash_model(st_hash *h, const ss_session *s, size_t ci)
{
    const cp_country *cc = &s->model.c[ci];
    st_add(h, &cc->computed, sizeof cc->computed);
    for (size_t k = 0; k < cc->ns; k++) {
        st_add(h, &cc->s[k].ind, sizeof(int));
        st_add_str(h, cc->s[k].key);
        st_add(h, cc->s[k].v, sizeof cc->s[k].v);
    }
}

/* One country's rows (every column shown or used), its names, and every
 * computed value of its model, which also captures what it takes from its
 * comparison group (ranks, medians). */
static void hash_rows(st_hash *h, const ss_session *s, size_t ci)
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
    hash_model(h, s, ci);
}

/* A country's stories, every language's (a profile may show another
 * language's story): their file names and bytes. */
static void hash_stories(st_hash *h, const ss_session *s, const char *iso3)
{
    for (size_t i = 0; i < s->ds.stories.n; i++) {
        const sy_story *y = &s->ds.stories.v[i];
        if (strcmp(y->iso3, iso3) != 0) continue;
        st_add_str(h, y->lang);
        st_add(h, &y->rawlen, sizeof y->rawlen);
        st_add(h, y->raw ? y->raw : "", y->rawlen);
    }
}

/* A profile's share: the country's rows, stories and model, plus its
 * group's ratios, which its comparison chart draws. */
static void hash_country(st_hash *h, const ss_session *s, size_t ci, int year)
{
    const ds_country *c = &s->ds.c[ci];
    hash_rows(h, s, ci);
    hash_stories(h, s, c->iso3);
    hash_published(h, c);
    const char *g = ds_group(c);
    for (size_t k = 0; k < s->ds.nc; k++) {
        const ds_country *o = &s->ds.c[k];
        if (strcmp(ds_group(o), g) != 0) continue;
        st_add_str(h, o->iso3);
        st_add_double(h, cp_value(&s->model, k, cn_id(CN_RATIO_PER_100K), NULL, year));
    }
}

/* ---- running jobs ------------------------------------------------------- */

typedef struct worker_env {
    lo_env *env;
    dg_list dg;
} worker_env;

/* A file's name in a stamp: relative to the output folder. */
static const char *stamp_name(const char *base, const char *path)
{
    size_t n = strlen(base);
    return strncmp(path, base, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

/* Ends a job whose files are held (of_hold_begin): when it succeeded,
 * hashes each file, renames them all into place, then writes the stamp
 * that lists them; otherwise removes them, leaving the earlier files and
 * stamp as they were. Returns 0, or -1 with err set. */
static int finish_job(const char *base, const char *stamp, const char *hash, int ok, char *err, size_t n)
{
    if (!ok) {
        of_hold_end(0, NULL, 0);
        return -1;
    }
    st_stamp st;
    int rc = 0;
    if (stamp) {
        st_stamp_init(&st, hash);
        for (size_t i = 0; i < of_held_count() && rc == 0; i++) {
            if (st_stamp_add(&st, stamp_name(base, of_held_path(i)), of_held_tmp(i)) != 0) {
                snprintf(err, n, "cannot read back %s: %s", of_held_path(i), strerror(errno));
                rc = -1;
            }
        }
    }
    if (of_hold_end(rc == 0, err, n) != 0) rc = -1;
    if (rc == 0 && stamp) st_stamp_seen(&st, base);
    if (rc == 0 && stamp && st_write(stamp, &st) != 0) {
        snprintf(err, n, "cannot write the stamp %s: %s", stamp, strerror(errno));
        rc = -1;
    }
    if (stamp) st_stamp_free(&st);
    return rc;
}

static int run_job(worker_env *we, ss_session *s, const bd_opts *o, const job *j, char *err, size_t n)
{
    if (!we->env) {
        snprintf(err, n, "the templates or fonts cannot be used (see above)");
        return -1;
    }
    int rc;
    of_hold_begin();
    char *charts = o->charts ? ut_xasprintf("%s/%d/%s/charts", o->out_root, o->year, j->lang) : NULL;
    if (j->country == BD_REPORT) {
        rc = rp_build(we->env, &s->ds, &s->model, j->lang, o->year, o->templates, j->path, charts, &we->dg, err, n);
    } else {
        lo_job lj = { .country = j->country, .lang = j->lang, .year = o->year, .pdf_path = j->path,
                      .charts_dir = charts };
        rc = lo_profile(we->env, &s->ds, &s->model, &lj, err, n);
    }
    free(charts);
    char *base = ut_xasprintf("%s/%d", o->out_root, o->year);
    rc = finish_job(base, j->stamp, j->hash, rc == 0, err, n);
    free(base);
    /* A report's page tree and document are freed by now, but the heap
     * keeps their pages: handed back, so that a worker that builds several
     * reports never holds more than one's worth. */
    if (j->country == BD_REPORT) malloc_trim(0);
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

/* Says why an output that had a stamp is rebuilt when the reason is on
 * disk (a file missing or changed since it was written); returns whether
 * the output is up to date. */
static int up_to_date(st_verdict v, const char *what, const char *lang, const char *which, int quiet)
{
    if (v == ST_FRESH) return 1;
    if (quiet || (v != ST_MISSING && v != ST_CHANGED)) return 0;
    fprintf(stderr, "sswr: %s%s%s%s: %s %s; rebuilding\n", what, lang ? " (" : "", lang ? lang : "",
            lang ? ")" : "", which, v == ST_MISSING ? "is missing" : "was changed after it was built");
    return 0;
}

/* The indicator exports for all countries, beside the profiles: rebuilt,
 * like a job, when their inputs or files differ from their stamp. */
static int write_exports(const ss_session *s, const bd_opts *o, const st_hash *figures, tally *t)
{
    char *base = ut_xasprintf("%s/%d", o->out_root, o->year);
    char *stamp = ut_xasprintf("%s/.stamps/indicators", base);
    st_hash h = *figures;   /* not the templates: a catalog edit leaves the figures as they are */
    st_add_str(&h, "indicators");
    for (size_t ci = 0; ci < s->ds.nc; ci++) hash_rows(&h, s, ci);
    char hex[65], which[1024];
    st_hex(&h, hex);
    int rc = 0;
    if (o->force || !up_to_date(st_check(stamp, base, hex, "indicators.csv", which, sizeof which),
                                "indicators", NULL, which, o->quiet)) {
        char *path[2] = { ut_xasprintf("%s/indicators.csv", base), ut_xasprintf("%s/indicators.json", base) };
        char err[BD_MSG] = "";
        of_hold_begin();
        for (int f = 0; f < 2 && rc == 0; f++) {
            of_file out;
            if (of_open(&out, path[f]) != 0 || (ex_write(out.fp, f ? EX_JSON : EX_CSV, &s->ds, &s->model, NULL, 0),
                                                of_commit(&out) != 0)) {
                snprintf(err, sizeof err, "%s", out.error);
                rc = -1;
            }
        }
        rc = finish_job(base, stamp, hex, rc == 0, err, sizeof err);
        if (rc != 0) fprintf(stderr, "sswr: indicators: FAILED: %s\n", err);
        else if (!o->quiet && !t->tty) fprintf(stderr, "built %s\nbuilt %s\n", path[0], path[1]);
        free(path[0]);
        free(path[1]);
    }
    free(stamp);
    free(base);
    return rc;
}

/* ---- the output folder -------------------------------------------------- */

int bd_lock(of_lock *l, const char *dir, int nowait)
{
    long pid;
    char err[1024], who[64];
    int r = of_lock_try(l, dir, &pid, err, sizeof err);
    if (r < 0) {
        fprintf(stderr, "sswr: %s\n", err);
        of_unlock(l);
        return -1;
    }
    if (r == 0) return 0;
    if (pid) snprintf(who, sizeof who, "process %ld", pid);
    else snprintf(who, sizeof who, "another process");
    fprintf(stderr, "sswr: %s is being built by %s; %s\n", dir, who, nowait ? "stopping (--no-wait)" : "waiting");
    if (nowait) {
        of_unlock(l);
        return 1;
    }
    if (of_lock_wait(l, err, sizeof err) != 0) {
        fprintf(stderr, "sswr: %s\n", err);
        of_unlock(l);
        return -1;
    }
    return 0;
}

int bd_lock_for(of_lock *l, const char *path, const of_lock *held)
{
    *l = (of_lock){ .fd = -1 };
    if (!path || strcmp(path, "-") == 0) return 0;
    char *dir = of_lock_folder_of(path);
    if (!dir) return 0;
    /* Already ours (flock would wait for ourselves on a second descriptor). */
    char *lock = ut_xasprintf("%s/%s", dir, OF_LOCK_FILE);
    struct stat a, b;
    int same = held && held->fd >= 0 && fstat(held->fd, &a) == 0 && stat(lock, &b) == 0 &&
               a.st_dev == b.st_dev && a.st_ino == b.st_ino;
    free(lock);
    int rc = same ? 0 : bd_lock(l, dir, 0);
    free(dir);
    return rc;
}

/* Removes the temporaries an interrupted or killed build left in the
 * folders a build writes: output/YEAR, its .stamps, and each language's
 * folder with its charts and .stamps. Only with the lock held. */
static void remove_leftovers(const char *base, int quiet)
{
    size_t removed = 0;
    int rc = of_remove_temps(base, &removed);
    char *st = ut_xasprintf("%s/.stamps", base);
    rc |= of_remove_temps(st, &removed);
    free(st);
    DIR *d = opendir(base);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        struct stat sb;
        if (e->d_name[0] == '.' || fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISDIR(sb.st_mode))
            continue;
        static const char *const sub[] = { "", "/charts", "/.stamps" };
        for (size_t k = 0; k < sizeof sub / sizeof *sub; k++) {
            char *dir = ut_xasprintf("%s/%s%s", base, e->d_name, sub[k]);
            rc |= of_remove_temps(dir, &removed);
            free(dir);
        }
    }
    if (d) closedir(d);
    if (rc) fprintf(stderr, "sswr: some temporary files left in %s cannot be removed\n", base);
    if (removed && !quiet)
        fprintf(stderr, "sswr: removed %zu temporary file%s left in %s by an interrupted build\n", removed,
                removed == 1 ? "" : "s", base);
}

/* ---- a build ------------------------------------------------------------ */

static int run_jobs(ss_session *s, const bd_opts *o, const char *base)
{
    size_t nl = ut_strv_len(o->langs), njobs = 0;
    job *jobs = ut_xcalloc((s->ds.nc + 1) * (nl ? nl : 1) + 1, sizeof *jobs);
    tally t = { .t0 = ut_now(), .tty = isatty(2), .quiet = o->quiet };
    char which[1024];
    st_hash hfigures, hbase;
    if (!o->single_out) {
        hash_figures(&hfigures, o, s);
        hash_documents(&hbase, &hfigures, o);
    }
    /* A country's share of every output's hash, the same in every language:
     * hashed once (its rows and model are most of what a build hashes). */
    char (*digest)[65] = ut_xcalloc(s->ds.nc ? s->ds.nc : 1, sizeof *digest);
    for (size_t ci = 0; ci < s->ds.nc && !o->single_out; ci++) {
        if (!o->sel[ci]) continue;
        st_hash h;
        st_init(&h);
        hash_country(&h, s, ci, o->year);
        st_hex(&h, digest[ci]);
    }
    for (size_t l = 0; l < nl; l++) {
        const char *lang = o->langs[l];
        st_hash common;
        if (!o->single_out) hash_common(&common, &hbase, lang);
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
            const char *iso3 = s->ds.c[ci].iso3;
            j->path = ut_xasprintf("%s/%s/%s.pdf", base, lang, iso3);
            j->stamp = ut_xasprintf("%s/%s/.stamps/%s", base, lang, iso3);
            st_hash h = common;
            st_add(&h, digest[ci], 64);
            st_add(&all, digest[ci], 64);
            st_hex(&h, j->hash);
            char *main = ut_xasprintf("%s/%s.pdf", lang, iso3);
            int fresh = !o->force && up_to_date(st_check(j->stamp, base, j->hash, main, which, sizeof which),
                                                iso3, lang, which, o->quiet);
            free(main);
            if (fresh) {
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
            r->path = ut_xasprintf("%s/%s/report.pdf", base, lang);
            r->stamp = ut_xasprintf("%s/%s/.stamps/report", base, lang);
            st_hex(&all, r->hash);
            char *main = ut_xasprintf("%s/report.pdf", lang);
            int fresh = !o->force && up_to_date(st_check(r->stamp, base, r->hash, main, which, sizeof which),
                                                "report", lang, which, o->quiet);
            free(main);
            if (fresh) {
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
    if (o->exports && !o->single_out && write_exports(s, o, &hfigures, &t) != 0) t.failed++;
    if (!o->quiet || t.failed)
        fprintf(stderr, "sswr: %zu built, %zu up to date, %zu failed (%.2f s)\n", t.built, t.fresh,
                t.failed, ut_now() - t.t0);
    for (size_t i = 0; i < njobs; i++) {
        free(jobs[i].path);
        free(jobs[i].stamp);
    }
    free(jobs);
    free(digest);
    return t.failed ? 1 : 0;
}

int bd_run(ss_session *s, const bd_opts *o)
{
    char *base = ut_xasprintf("%s/%d", o->out_root, o->year);
    of_lock folder = { .fd = -1 }, target = { .fd = -1 };
    of_install_signal_cleanup();
    /* A build writes into output/YEAR, and so does one profile with its
     * charts; a profile written elsewhere (-o) may still land in a build's
     * folder. */
    int rc = 0;
    if (!o->single_out || o->charts) rc = bd_lock(&folder, base, o->nowait);
    if (rc == 0 && o->single_out) rc = bd_lock_for(&target, o->single_out, &folder);
    if (rc == 0) {
        if (!o->single_out) remove_leftovers(base, o->quiet);
        rc = run_jobs(s, o, base);
    }
    of_unlock(&target);
    of_unlock(&folder);
    free(base);
    return rc ? 1 : 0;
}
