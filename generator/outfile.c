/* outfile.c — atomic output files, held commits, output folder locks and
 * leftover temporaries (see outfile.h). */
#define _DEFAULT_SOURCE   /* flock */
#include "outfile.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Temporaries open or held at any time, for the signal handler. The limit
 * is far above what a job keeps (a profile and its ten charts); one past it
 * is simply not removed on a signal (the next build removes it). */
#define OF_MAX_OPEN 256
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

/* Pending files of a held group (see of_hold_begin). */
typedef struct of_held_file {
    char *tmp, *path;
} of_held_file;
static of_held_file *held;
static size_t nheld, held_cap;
static int holding;

static void drop_tmp(char *tmp)
{
    unlink(tmp);
    track(tmp, 0);
    free(tmp);
}

/* Keeps a completed temporary pending; a later file for the same target
 * replaces it. Takes ownership of tmp and path. */
static void hold(char *tmp, char *path)
{
    for (size_t i = 0; i < nheld; i++) {
        if (strcmp(held[i].path, path) != 0) continue;
        drop_tmp(held[i].tmp);
        free(held[i].path);
        memmove(held + i, held + i + 1, (nheld - i - 1) * sizeof *held);
        nheld--;
        break;
    }
    ut_grow(&held, &held_cap, nheld + 1, sizeof *held);
    held[nheld++] = (of_held_file){ tmp, path };
}

void of_hold_begin(void) { holding = 1; }
size_t of_held_count(void) { return nheld; }
const char *of_held_path(size_t i) { return i < nheld ? held[i].path : NULL; }
const char *of_held_tmp(size_t i) { return i < nheld ? held[i].tmp : NULL; }

/* Whether two regular files hold the same bytes. */
static int same_bytes(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0 || !S_ISREG(sa.st_mode) || !S_ISREG(sb.st_mode)
        || sa.st_size != sb.st_size)
        return 0;
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    static char ba[1 << 15], bb[1 << 15];
    while (same) {
        size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
        if (na != nb || memcmp(ba, bb, na) != 0) same = 0;
        if (na < sizeof ba) break;
    }
    if (same && (ferror(fa) || ferror(fb))) same = 0;
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* Puts the complete temporary in place of path. A target that already
 * holds the same bytes is left as it is (its dates too, so a copy to a web
 * server sends only what changed) and the temporary removed: replacing a
 * file also costs the file system the old one's blocks. */
static int place(const char *tmp, const char *path)
{
    if (same_bytes(tmp, path)) return unlink(tmp);
    return rename(tmp, path);
}

int of_hold_end(int keep, char *err, size_t errlen)
{
    int rc = 0;
    /* A folder where a file goes is the one rename failure we can foresee:
     * check them all before the first rename, so none changes. */
    for (size_t i = 0; keep && i < nheld && rc == 0; i++) {
        struct stat st;
        if (lstat(held[i].path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (err) snprintf(err, errlen, "cannot write %s: %s", held[i].path, strerror(EISDIR));
            rc = -1;
        }
    }
    for (size_t i = 0; i < nheld; i++) {
        if (keep && rc == 0 && place(held[i].tmp, held[i].path) != 0) {
            if (err) snprintf(err, errlen, "cannot write %s: %s", held[i].path, strerror(errno));
            rc = -1;
        }
        if (!keep || rc != 0) unlink(held[i].tmp);
        track(held[i].tmp, 0);
        free(held[i].tmp);
        free(held[i].path);
    }
    free(held);
    held = NULL;
    nheld = held_cap = 0;
    holding = 0;
    return rc;
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
    if (!bad && !holding && place(f->tmp, f->path) != 0) { bad = 1; e = errno; }
    if (bad) {
        snprintf(f->error, sizeof f->error, "cannot write %s: %s", f->path, strerror(e ? e : EIO));
        of_abort(f);
        return -1;
    }
    if (holding) {
        hold(f->tmp, f->path);
        f->tmp = f->path = NULL;
        return 0;
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

/* ---- leftover temporaries ---------------------------------------------- */

int of_is_temp_name(const char *name)
{
    size_t n = strlen(name);
    if (n <= 10 || memcmp(name + n - 10, ".tmp", 4) != 0) return 0;
    for (size_t i = n - 6; i < n; i++)
        if (!isalnum((unsigned char)name[i])) return 0;
    return 1;
}

int of_remove_temps(const char *dir, size_t *removed)
{
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!of_is_temp_name(e->d_name)) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
        if (unlinkat(dirfd(d), e->d_name, 0) == 0) (*removed)++;
        else if (errno != ENOENT) rc = -1;
    }
    closedir(d);
    return rc;
}

/* ---- output folder locks ------------------------------------------------ */

static void lock_note_pid(of_lock *l)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    l->held = 1;
    if (ftruncate(l->fd, 0) == 0 && pwrite(l->fd, buf, (size_t)n, 0) != n) { /* the pid is only a courtesy */ }
}

/* The pid in the lock file, when that process is alive; else 0. */
static long lock_holder(int fd)
{
    char buf[32] = "";
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    long pid = n > 0 ? strtol(buf, NULL, 10) : 0;
    return pid > 0 && pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno == EPERM) ? pid : 0;
}

int of_lock_try(of_lock *l, const char *dir, long *holder, char *err, size_t errlen)
{
    l->fd = -1;
    l->held = 0;
    l->dir = ut_xstrdup(dir);
    *holder = 0;
    char *path = ut_xasprintf("%s/%s", dir, OF_LOCK_FILE);
    int rc = -1;
    if (of_mkdirs(path) != 0) {
        snprintf(err, errlen, "cannot create the folder %s: %s", dir, strerror(errno));
    } else if ((l->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) < 0) {
        snprintf(err, errlen, "cannot lock %s: %s", dir, strerror(errno));
    } else {
        /* A holder writes its pid just after it got the lock: give it up
         * to 0.2 s to be named (or to let go). */
        for (int tries = 0; rc < 0 && tries < 40; tries++) {
            if (flock(l->fd, LOCK_EX | LOCK_NB) == 0) {
                lock_note_pid(l);
                rc = 0;
            } else if (errno != EWOULDBLOCK) {
                snprintf(err, errlen, "cannot lock %s: %s", dir, strerror(errno));
                break;
            } else if ((*holder = lock_holder(l->fd)) != 0 || tries == 39) {
                rc = 1;
            } else {
                nanosleep(&(struct timespec){ .tv_nsec = 5000000 }, NULL);
            }
        }
    }
    if (rc < 0 && l->fd >= 0) {
        close(l->fd);
        l->fd = -1;
    }
    free(path);
    return rc;
}

int of_lock_wait(of_lock *l, char *err, size_t errlen)
{
    int r;
    while ((r = flock(l->fd, LOCK_EX)) != 0 && errno == EINTR) {}
    if (r != 0) {
        snprintf(err, errlen, "cannot lock %s: %s", l->dir, strerror(errno));
        close(l->fd);
        l->fd = -1;
        return -1;
    }
    lock_note_pid(l);
    return 0;
}

void of_unlock(of_lock *l)
{
    /* Only the holder clears the pid: a process that gave up waiting must
     * not erase the name of the one that holds the lock. */
    if (l->fd >= 0 && l->held && ftruncate(l->fd, 0) != 0) { /* the next holder writes its own pid */ }
    if (l->fd >= 0) close(l->fd);
    l->fd = -1;
    l->held = 0;
    free(l->dir);
    l->dir = NULL;
}

char *of_lock_folder_of(const char *path)
{
    char *d = ut_xstrdup(path);
    struct stat st;
    /* The folder of path, or its nearest existing ancestor. */
    do {
        char *slash = strrchr(d, '/');
        if (!slash) {
            strcpy(d, ".");
            break;
        }
        if (slash == d) slash[1] = '\0';
        else *slash = '\0';
    } while (stat(d, &st) != 0 && strcmp(d, "/") != 0);
    char abs[PATH_MAX];
    char *r = realpath(d, abs);
    free(d);
    if (!r) return NULL;
    for (;;) {
        char *lock = ut_xasprintf("%s/%s", strcmp(abs, "/") ? abs : "", OF_LOCK_FILE);
        int found = lstat(lock, &st) == 0 && S_ISREG(st.st_mode);
        free(lock);
        if (found) return ut_xstrdup(abs);
        char *slash = strrchr(abs, '/');
        if (!slash || strcmp(abs, "/") == 0) return NULL;
        if (slash == abs) slash[1] = '\0';
        else *slash = '\0';
    }
}
