/* build.c — running profile jobs, in parallel workers (see build.h). */
#include "build.h"
#include "layout.h"
#include "outfile.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct job {
    size_t country;
    const char *lang;
    char *path;
} job;

/* A worker reports each finished job as one line on its pipe:
 * "<index> <0|1> <message>\n". */
#define BD_MSG 1024

static char *out_path(const bd_opts *o, const ss_session *s, const job *j)
{
    if (o->single_out) return ut_xstrdup(o->single_out);
    return ut_xasprintf("%s/%d/%s/%s.pdf", o->out_root, o->year, j->lang, s->ds.c[j->country].iso3);
}

static int run_job(lo_env *env, ss_session *s, const bd_opts *o, const job *j, char *err, size_t n)
{
    char *charts = o->charts ? ut_xasprintf("%s/%d/%s/charts", o->out_root, o->year, j->lang) : NULL;
    lo_job lj = { .country = j->country, .lang = j->lang, .year = o->year, .pdf_path = j->path,
                  .charts_dir = charts };
    int rc = lo_profile(env, &s->ds, &s->model, &lj, err, n);
    free(charts);
    return rc;
}

/* Worker w of n: jobs w, w+n, w+2n… Messages for the parent go to fd. */
static int worker(ss_session *s, const bd_opts *o, job *jobs, size_t njobs, size_t w, size_t n, int fd)
{
    dg_list dg = {0};
    lo_env *env = lo_open(o->templates, o->fonts, &dg);
    for (size_t i = w; i < njobs; i += n) {
        char err[BD_MSG] = "";
        int rc = env ? run_job(env, s, o, &jobs[i], err, sizeof err) : -1;
        if (!env) snprintf(err, sizeof err, "the templates or fonts cannot be used (see above)");
        for (char *p = err; *p; p++) if (*p == '\n') *p = ' ';
        dprintf(fd, "%zu %d %s\n", i, rc != 0, err);
    }
    /* Template and catalog warnings are printed once, by worker 0. */
    if (w == 0) dg_print(&dg, stderr);
    else for (size_t i = 0; i < dg.n; i++) if (dg.v[i].sev == DG_ERROR && !env) { dg_print(&dg, stderr); break; }
    lo_close(env);
    dg_free(&dg);
    return 0;
}

typedef struct tally {
    size_t done, built, failed, total;
    double t0;
    int tty, quiet;
} tally;

static void progress(tally *t, const ss_session *s, const job *j, int failed, const char *msg)
{
    t->done++;
    if (failed) {
        t->failed++;
        fprintf(stderr, "sswr: %s (%s): FAILED: %s\n", s->ds.c[j->country].iso3, j->lang, msg);
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

int bd_run(ss_session *s, const bd_opts *o)
{
    size_t nl = ut_strv_len(o->langs), njobs = 0;
    job *jobs = ut_xcalloc(s->ds.nc * (nl ? nl : 1) + 1, sizeof *jobs);
    for (size_t l = 0; l < nl; l++)
        for (size_t ci = 0; ci < s->ds.nc; ci++)
            if (o->sel[ci]) {
                jobs[njobs] = (job){ .country = ci, .lang = o->langs[l] };
                jobs[njobs].path = out_path(o, s, &jobs[njobs]);
                njobs++;
            }
    tally t = { .total = njobs, .t0 = ut_now(), .tty = isatty(2), .quiet = o->quiet };
    size_t n = o->jobs < 1 ? 1 : (size_t)o->jobs;
    if (n > njobs) n = njobs ? njobs : 1;
    of_install_signal_cleanup();
    if (n == 1) {
        dg_list dg = {0};
        lo_env *env = lo_open(o->templates, o->fonts, &dg);
        for (size_t i = 0; i < njobs; i++) {
            char err[BD_MSG] = "";
            int rc = env ? run_job(env, s, o, &jobs[i], err, sizeof err) : -1;
            if (!env) snprintf(err, sizeof err, "the templates or fonts cannot be used (see above)");
            progress(&t, s, &jobs[i], rc != 0, err);
        }
        dg_print(&dg, stderr);
        lo_close(env);
        dg_free(&dg);
    } else {
        int fds[2];
        if (pipe(fds) != 0) {
            fprintf(stderr, "sswr: cannot create a pipe: %s\n", strerror(errno));
            return 1;
        }
        fflush(NULL);
        pid_t *pids = ut_xcalloc(n, sizeof *pids);
        for (size_t w = 0; w < n; w++) {
            pids[w] = fork();
            if (pids[w] == 0) {
                close(fds[0]);
                worker(s, o, jobs, njobs, w, n, fds[1]);
                close(fds[1]);
                _exit(0);
            }
        }
        close(fds[1]);
        read_results(fds[0], &t, s, jobs, njobs);
        for (size_t w = 0; w < n; w++) {
            int st = 0;
            if (pids[w] > 0) waitpid(pids[w], &st, 0);
            if (pids[w] < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
                fprintf(stderr, "sswr: worker %zu stopped abnormally\n", w + 1);
                t.failed++;
            }
        }
        free(pids);
        /* Jobs a crashed worker never reported count as failed. */
        if (t.done < njobs) t.failed += njobs - t.done;
    }
    if (!o->quiet || t.failed)
        fprintf(stderr, "sswr: %zu built, %zu failed (%.2f s)\n", t.built, t.failed, ut_now() - t.t0);
    for (size_t i = 0; i < njobs; i++) free(jobs[i].path);
    free(jobs);
    return t.failed ? 1 : 0;
}
