/*
 * A separable Lanczos-3 resampler over 8-bit sample planes, the same filter as Resampler.java (support widened by the
 * reduction, weights normalised per output sample), vertical pass first. No JNI here: photojpeg.c feeds it the planes
 * libjpeg-turbo decodes and the pixels Java hands over.
 */
#ifndef PHOTO_RESAMPLE_H
#define PHOTO_RESAMPLE_H

#include <stddef.h>
#include <stdint.h>

/*
 * For each output index: the first source index and `taps` weights, zero-padded to `stride` (a multiple of 8); and
 * the same weights in fixed point (FIXED_BITS fractional bits, summing to exactly 1, so a flat area stays flat), two
 * taps to an int32 (the lower tap in the low half), `pairs` of them per output index, for the vertical pass.
 */
#define FIXED_BITS 14

struct kernel {
    int taps;
    int stride;
    int pairs;
    int *first;
    float *weights;
    int32_t *fixed;
};

/*
 * Weights taking `source` samples to `target`, where one output sample spans `scale` source samples (source / target
 * for a plane of the image's own size; half that for a chroma plane sampled at half the luma's rate). Returns 0, or -1
 * when out of memory.
 */
int kernel_make(struct kernel *k, int source, int target, double scale);
void kernel_free(struct kernel *k);

/*
 * acc[0..width) = sum over t < taps of the fixed-point weight t of output row y times rows[t][x]: one output row of
 * the vertical pass (exact integer sums, as floats).
 */
void vertical_row(const uint8_t *const *rows, const struct kernel *kv, int y, int width, float *acc);

/* out[0..target) from one row of floats; acc must be readable `kh->stride` floats past its width (zeros). */
void horizontal_row(const float *acc, const struct kernel *kh, int target, float *out);

/* How three rows of floats become 0x00RRGGBB: YCbCr (JFIF, full range) converted, or RGB as it is. */
enum packing { PACK_YCC, PACK_RGB };

/* row[x] = the pixel of p0[x], p1[x], p2[x], each channel rounded and clamped to 0..255. */
void pack_row(int32_t *row, const float *p0, const float *p1, const float *p2, enum packing packing, int n);

#endif
