/* paths.c — locating sswr's own files (see paths.h). */
#include "paths.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SSWR_DATADIR
#define SSWR_DATADIR "/usr/local/share/sswr"
#endif

int pa_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int has_tree(const char *dir)
{
    char *t = ut_xasprintf("%s/templates", dir);
    char *s = ut_xasprintf("%s/scripts", dir);
    int ok = pa_is_dir(t) && pa_is_dir(s);
    free(t);
    free(s);
    return ok;
}

static char root[PATH_MAX];

const char *pa_root(void)
{
    if (root[0]) return root;
    const char *env = getenv("SSWR_HOME");
    if (env && *env) {
        snprintf(root, sizeof root, "%s", env);
        return root;
    }
    /* A source tree: the program, or a build of it, lives in or below it. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 4; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash || slash == exe) break;
            *slash = '\0';
            if (has_tree(exe)) {
                snprintf(root, sizeof root, "%s", exe);
                return root;
            }
        }
    }
    /* An installed tree: PREFIX/bin/sswr beside PREFIX/share/sswr, whatever
     * PREFIX was, so the installation can be moved. */
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *share = ut_xasprintf("%s/../share/sswr", exe);
            int ok = has_tree(share);
            if (ok) snprintf(root, sizeof root, "%s", share);
            free(share);
            if (ok) return root;
        }
    }
    snprintf(root, sizeof root, "%s", SSWR_DATADIR);
    return root;
}

char *pa_path(const char *rel)
{
    return ut_xasprintf("%s/%s", pa_root(), rel);
}

char *pa_default_datasets(void)
{
    if (pa_is_dir("datasets")) return ut_xstrdup("datasets");
    return pa_path("datasets");
}

char *pa_fonts(void)
{
    char *built = pa_path("build/fonts");
    char *manifest = ut_xasprintf("%s/fonts.txt", built);
    struct stat st;
    int ok = stat(manifest, &st) == 0;
    free(manifest);
    if (ok) return built;
    free(built);
    return pa_path("fonts");
}
