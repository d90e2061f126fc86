/*
 * The shim's resizing decode with its own Huffman decoder (entropy.c) and with libjpeg's, alternated call by call in
 * one process, so that the machine's drift falls on both alike. Built and run by bench/entropy-ab.sh.
 *
 * Usage: entropy-ab FILE.jpg SCALE_NUM LONGEST_SIDE ROUNDS
 * Resamples to a thumbnail of LONGEST_SIDE (never upscaled), sized as the processor sizes it. Prints the best and the
 * median CPU milliseconds of each, and whether their pixels are the same.
 */
#include "photojpeg.c"
#include "driver.h"

#include <time.h>

static double cpu_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a;
    double y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s FILE.jpg SCALE_NUM LONGEST_SIDE ROUNDS\n", argv[0]);
        return 2;
    }
    long n;
    unsigned char *jpeg = driver_read(argv[1], &n);
    int scale = atoi(argv[2]);
    int size = atoi(argv[3]);
    int rounds = atoi(argv[4]);
    int width;
    int height;
    int components;
    long scan;
    if (driver_layout(jpeg, n, &width, &height, &components, &scan) != 0 || rounds < 1 || size < 1) {
        fprintf(stderr, "no frame header in %s\n", argv[1]);
        return 2;
    }
    /* ImageProcessor.fitted: the longest side at size, the other rounded, at least 1 */
    int longest = width > height ? width : height;
    int target = size < longest ? size : longest;
    int out_width = width >= height ? target : (int) fmax(1, round((double) width * target / longest));
    int out_height = width >= height ? (int) fmax(1, round((double) height * target / longest)) : target;
    /* libjpeg's scaled size: the side times scale/8, rounded up */
    int decoded_width = (width * scale + 7) / 8;
    int decoded_height = (height * scale + 7) / 8;

    JNIEnv *env = driver_env();
    size_t pixels = (size_t) out_width * (size_t) out_height;
    jint *own_pixels = malloc(pixels * sizeof(jint));
    jint *libjpeg_pixels = malloc(pixels * sizeof(jint));
    double *times[2] = {malloc(sizeof(double) * (size_t) rounds), malloc(sizeof(double) * (size_t) rounds)};
    char message[JMSG_LENGTH_MAX + 16];
    for (int r = 0; r < rounds; r++) {
        for (int own = 1; own >= 0; own--) {
            pinned = own ? own_pixels : libjpeg_pixels;
            double start = cpu_ms();
            const char *refused = resize_decode(env, jpeg, (size_t) n, scale, components, decoded_width,
                                                decoded_height, 500, (jintArray) pinned, (jsize) pixels, out_width,
                                                out_height, own, message, sizeof message);
            times[own][r] = cpu_ms() - start;
            if (refused != NULL) {
                fprintf(stderr, "%s: %s\n", argv[1], refused);
                return 1;
            }
        }
    }
    for (int own = 1; own >= 0; own--) {
        qsort(times[own], (size_t) rounds, sizeof(double), by_value);
    }
    printf("%s %dx%d at %d/8 to %dx%d, %d rounds: own best %.1f median %.1f ms, libjpeg best %.1f median %.1f ms,"
           " own/libjpeg %.2f (medians), pixels %s\n",
           driver_name(argv[1]), width, height, scale, out_width, out_height, rounds, times[1][0],
           times[1][rounds / 2], times[0][0], times[0][rounds / 2], times[1][rounds / 2] / times[0][rounds / 2],
           memcmp(own_pixels, libjpeg_pixels, pixels * sizeof(jint)) == 0 ? "the same" : "DIFFERENT");
    return 0;
}
