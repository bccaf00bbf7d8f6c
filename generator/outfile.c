/* outfile.c — atomic output files (see outfile.h). */
#include "outfile.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporaries open at any time, for the signal handler. The limit is far
 * above what a build keeps open (one per worker). */
#define OF_MAX_OPEN 64
static char *open_tmps[OF_MAX_OPEN];

static void track(char *tmp, int add)
{
    for (int i = 0; i < OF_MAX_OPEN; i++) {
        if (add && !open_tmps[i]) { open_tmps[i] = tmp; return; }
        if (!add && open_tmps[i] == tmp) { open_tmps[i] = NULL; return; }
    }
}

int of_mkdirs(const char *path)
{
    char *p = ut_xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

int of_open(of_file *f, const char *path)
{
    memset(f, 0, sizeof *f);
    if (!path || strcmp(path, "-") == 0) {
        f->fp = stdout;
        return 0;
    }
    f->path = ut_xstrdup(path);
    if (of_mkdirs(path) != 0) {
        snprintf(f->error, sizeof f->error, "cannot create the folder of %s: %s", path, strerror(errno));
        free(f->path);
        f->path = NULL;
        return -1;
    }
    f->tmp = ut_xasprintf("%s.tmpXXXXXX", path);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        snprintf(f->error, sizeof f->error, "cannot write %s: %s", path, strerror(errno));
        free(f->tmp); free(f->path);
        f->tmp = f->path = NULL;
        return -1;
    }
    fchmod(fd, 0644);
    f->fp = fdopen(fd, "wb");
    track(f->tmp, 1);
    return 0;
}

void of_abort(of_file *f)
{
    if (f->fp && f->fp != stdout) fclose(f->fp);
    if (f->tmp) {
        unlink(f->tmp);
        track(f->tmp, 0);
    }
    free(f->tmp);
    free(f->path);
    f->fp = NULL;
    f->tmp = f->path = NULL;
}

int of_commit(of_file *f)
{
    if (f->fp == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            snprintf(f->error, sizeof f->error, "cannot write to standard output: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    int bad = ferror(f->fp);
    int e = errno;
    if (fflush(f->fp) != 0) { bad = 1; e = errno; }
    if (fclose(f->fp) != 0) { bad = 1; e = errno; }
    f->fp = NULL;
    if (!bad && rename(f->tmp, f->path) != 0) { bad = 1; e = errno; }
    if (bad) {
        snprintf(f->error, sizeof f->error, "cannot write %s: %s", f->path, strerror(e ? e : EIO));
        of_abort(f);
        return -1;
    }
    track(f->tmp, 0);
    free(f->tmp);
    free(f->path);
    f->tmp = f->path = NULL;
    return 0;
}

static const pid_t *forward_pids;
static volatile size_t forward_n;

void of_forward_signals(const pid_t *pids, size_t n)
{
    forward_pids = pids;
    forward_n = n;
}

static void on_signal(int sig)
{
    for (size_t i = 0; i < forward_n; i++)
        if (forward_pids[i] > 0) kill(forward_pids[i], sig);
    for (int i = 0; i < OF_MAX_OPEN; i++)
        if (open_tmps[i]) unlink(open_tmps[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void of_install_signal_cleanup(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}
