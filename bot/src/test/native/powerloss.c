/*
 * LD_PRELOAD shim for CrashTest's power cut: after each fsync or fdatasync of a file under
 * POWERLOSS_DIR, a copy of the whole file is kept under POWERLOSS_SHADOW. At a cut the test kills the
 * process and puts the copies back in place of the files: only what was fsynced survives, as on a
 * machine that loses power with the page cache unwritten. Deleting a file counts at once (its copy
 * goes too), so a journal SQLite deleted does not come back.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The copy's path for a file under POWERLOSS_DIR, or 0 for any other file. */
static int copy_path(const char *path, char *copy, size_t size) {
    const char *dir = getenv("POWERLOSS_DIR");
    const char *shadow = getenv("POWERLOSS_SHADOW");
    if (dir == NULL || shadow == NULL) {
        return 0;
    }
    size_t prefix = strlen(dir);
    if (strlen(path) <= prefix || strncmp(path, dir, prefix) != 0 || path[prefix] != '/') {
        return 0;
    }
    snprintf(copy, size, "%s/%s", shadow, path + prefix + 1);
    return 1;
}

static void keep_copy(int fd) {
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return;
    }
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) {
        return;
    }
    path[n] = '\0';
    char copy[PATH_MAX], partial[PATH_MAX + 16];
    if (!copy_path(path, copy, sizeof copy)) {
        return;
    }
    snprintf(partial, sizeof partial, "%s.partial", copy);
    /* read through a descriptor of our own: the caller's may be open for writing only */
    int in = open(path, O_RDONLY);
    if (in < 0) {
        return;
    }
    int out = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) {
        close(in);
        return;
    }
    char buffer[65536];
    ssize_t got;
    while ((got = read(in, buffer, sizeof buffer)) > 0) {
        if (write(out, buffer, (size_t) got) != got) {
            close(in);
            close(out);
            return;
        }
    }
    close(in);
    close(out);
    /* a cut during the copy leaves the previous copy: the fsync had not returned to the caller yet */
    rename(partial, copy);
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
    }
    int result = real(fd);
    if (result == 0) {
        keep_copy(fd);
    }
    return result;
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
    }
    int result = real(fd);
    if (result == 0) {
        keep_copy(fd);
    }
    return result;
}

int unlink(const char *path) {
    static int (*real)(const char *);
    if (real == NULL) {
        real = (int (*)(const char *)) dlsym(RTLD_NEXT, "unlink");
    }
    int result = real(path);
    char copy[PATH_MAX];
    if (result == 0 && copy_path(path, copy, sizeof copy)) {
        real(copy);
    }
    return result;
}
