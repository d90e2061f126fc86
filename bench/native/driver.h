/*
 * What the bench's C drivers of the shim share (included after photojpeg.c): a JNIEnv that pins one array, the
 * caller's `pinned` (resize_decode only pins and releases its output), reading a file whole, and the frame header.
 */
#ifndef PHOTO_BENCH_DRIVER_H
#define PHOTO_BENCH_DRIVER_H

static jint *pinned;

static void *JNICALL pin(JNIEnv *env, jarray array, jboolean *copy) {
    (void) env;
    (void) array;
    (void) copy;
    return pinned;
}

static void JNICALL unpin(JNIEnv *env, jarray array, void *p, jint mode) {
    (void) env;
    (void) array;
    (void) p;
    (void) mode;
}

static JNIEnv *driver_env(void) {
    static struct JNINativeInterface_ functions;
    static const struct JNINativeInterface_ *table = &functions;
    functions.GetPrimitiveArrayCritical = pin;
    functions.ReleasePrimitiveArrayCritical = unpin;
    return (JNIEnv *) &table;
}

/* the file's bytes (exits with 2 when it cannot be read) */
static unsigned char *driver_read(const char *path, long *length) {
    FILE *f = fopen(path, "rb");
    unsigned char *bytes = NULL;
    if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (*length = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0
            && (bytes = malloc((size_t) *length)) != NULL
            && fread(bytes, 1, (size_t) *length, f) == (size_t) *length) {
        fclose(f);
        return bytes;
    }
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
}

/* the frame's size and components (SOF0, 1 or 2) and where the first scan's data starts; -1 when there is none */
static int driver_layout(const unsigned char *d, long n, int *width, int *height, int *components, long *scan) {
    long i = 2;
    *width = 0;
    while (i + 9 < n && d[i] == 0xFF) {
        int marker = d[i + 1];
        long length = (d[i + 2] << 8) | d[i + 3];
        if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
            *height = (d[i + 5] << 8) | d[i + 6];
            *width = (d[i + 7] << 8) | d[i + 8];
            *components = d[i + 9];
        }
        if (marker == 0xDA) {
            *scan = i + 2 + length;
            return *width > 0 && *scan < n ? 0 : -1;
        }
        i += 2 + length;
    }
    return -1;
}

static const char *driver_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

#endif
