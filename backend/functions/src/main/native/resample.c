/*
 * See resample.h.
 */
#include "resample.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LOBES 3

int kernel_make(struct kernel *k, int source, int target, double scale) {
    memset(k, 0, sizeof *k);
    if (source < 1 || target < 1) {
        return -1;
    }
    /* the same size at the same rate: each output sample is its source sample */
    int identity = source == target && scale == 1.0;
    double stretch = scale > 1 ? scale : 1;
    double support = LOBES * stretch;
    int taps = identity ? 1 : (int) ceil(support * 2) + 1;
    if (taps > source) {
        taps = source;
    }
    int stride = (taps + 7) / 8 * 8;
    k->taps = taps;
    k->stride = stride;
    k->pairs = (taps + 1) / 2;
    k->first = malloc(sizeof(int) * (size_t) target);
    k->weights = calloc((size_t) target * (size_t) stride, sizeof(float));
    k->fixed = calloc((size_t) target * (size_t) k->pairs, sizeof(int32_t));
    int16_t *q = malloc(sizeof(int16_t) * (size_t) k->pairs * 2);
    if (k->first == NULL || k->weights == NULL || k->fixed == NULL || q == NULL) {
        free(q);
        kernel_free(k);
        return -1;
    }
    for (int i = 0; i < target; i++) {
        float *w = k->weights + (size_t) i * stride;
        if (identity) {
            k->first[i] = i;
            w[0] = 1;
            k->fixed[i] = 1 << FIXED_BITS;
            continue;
        }
        double centre = (i + 0.5) * scale - 0.5;
        int start = (int) floor(centre - support) + 1;
        if (start > source - taps) {
            start = source - taps;
        }
        if (start < 0) {
            start = 0;
        }
        k->first[i] = start;
        /*
         * The Lanczos-3 weight 3 sin(pi x) sin(pi x / 3) / (pi x)^2 of x = (start + t - centre) / stretch for each
         * tap (1 at 0, 0 from 3 on), its two sines stepped by rotation (the taps are evenly spaced): two sincos per output sample instead of two sines per tap, which was most of the cost
         * of making the kernels. The rotation's error over a few dozen taps is far below a float's.
         */
        double x0 = (start - centre) / stretch;
        double step = M_PI / stretch;
        double s1 = sin(M_PI * x0);
        double c1 = cos(M_PI * x0);
        double s3 = sin(M_PI * x0 / LOBES);
        double c3 = cos(M_PI * x0 / LOBES);
        double sin_step1 = sin(step);
        double cos_step1 = cos(step);
        double sin_step3 = sin(step / LOBES);
        double cos_step3 = cos(step / LOBES);
        double sum = 0;
        for (int t = 0; t < taps; t++) {
            double x = x0 + t / stretch;
            double ax = fabs(x);
            double v = ax < 1e-9 ? 1 : ax >= LOBES ? 0 : LOBES * s1 * s3 / (M_PI * M_PI * x * x);
            w[t] = (float) v;
            sum += v;
            double next1 = s1 * cos_step1 + c1 * sin_step1;
            c1 = c1 * cos_step1 - s1 * sin_step1;
            s1 = next1;
            double next3 = s3 * cos_step3 + c3 * sin_step3;
            c3 = c3 * cos_step3 - s3 * sin_step3;
            s3 = next3;
        }
        for (int t = 0; t < taps; t++) {
            w[t] = (float) (w[t] / sum);
        }
        /* rounded to fixed point, the rounding's total given to the largest weight so that they sum to exactly 1 */
        int total = 0;
        int largest = 0;
        for (int t = 0; t < 2 * k->pairs; t++) {
            q[t] = t < taps ? (int16_t) lrint(w[t] * (1 << FIXED_BITS)) : 0;
            total += q[t];
            if (q[t] > q[largest]) {
                largest = t;
            }
        }
        q[largest] = (int16_t) (q[largest] + (1 << FIXED_BITS) - total);
        for (int t = 0; t < k->pairs; t++) {
            k->fixed[(size_t) i * k->pairs + t] = (int32_t) ((uint32_t) (uint16_t) q[2 * t]
                                                             | (uint32_t) (uint16_t) q[2 * t + 1] << 16);
        }
    }
    free(q);
    return 0;
}

void kernel_free(struct kernel *k) {
    free(k->first);
    free(k->weights);
    free(k->fixed);
    k->first = NULL;
    k->weights = NULL;
    k->fixed = NULL;
}

/*
 * The two loops that take the time, written twice: with AVX2 (8 floats a register) and with SSE2 (4, which every
 * x86_64 has), chosen once when the library loads. Both add the same products in the same order, lane for lane, so
 * they give the same pixels on any machine.
 */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

static int avx2;

__attribute__((constructor)) static void detect(void) {
    __builtin_cpu_init();
    avx2 = __builtin_cpu_supports("avx2");
}

/*
 * The vertical pass in 16-bit fixed point: two rows' samples interleaved as 16-bit pairs, multiplied by the two taps'
 * weights and added in one instruction (pmaddwd), sixteen columns at a time, the sums kept in 32-bit registers. The
 * taps come in pairs; an odd last tap is paired with itself at weight zero.
 */
__attribute__((target("avx2")))
static int vertical_avx2(const uint8_t *const *rows, const int32_t *fixed, int taps, int width, float *acc) {
    const __m256 unit = _mm256_set1_ps(1.0f / (1 << FIXED_BITS));
    int x = 0;
    for (; x + 16 <= width; x += 16) {
        __m256i s0 = _mm256_setzero_si256();
        __m256i s1 = _mm256_setzero_si256();
        for (int t = 0; t < taps; t += 2) {
            const uint8_t *r1 = rows[t + 1 < taps ? t + 1 : t];
            __m256i a = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (rows[t] + x)));
            __m256i b = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (r1 + x)));
            __m256i w = _mm256_set1_epi32(fixed[t / 2]);
            /* in-lane interleave: s0 holds columns 0-3 and 8-11, s1 columns 4-7 and 12-15 */
            s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), w));
            s1 = _mm256_add_epi32(s1, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), w));
        }
        __m256i lo = _mm256_permute2x128_si256(s0, s1, 0x20);
        __m256i hi = _mm256_permute2x128_si256(s0, s1, 0x31);
        _mm256_storeu_ps(acc + x, _mm256_mul_ps(_mm256_cvtepi32_ps(lo), unit));
        _mm256_storeu_ps(acc + x + 8, _mm256_mul_ps(_mm256_cvtepi32_ps(hi), unit));
    }
    return x;
}

static int vertical_sse2(const uint8_t *const *rows, const int32_t *fixed, int taps, int width, float *acc) {
    const __m128 unit = _mm_set1_ps(1.0f / (1 << FIXED_BITS));
    const __m128i zero = _mm_setzero_si128();
    int x = 0;
    for (; x + 8 <= width; x += 8) {
        __m128i s0 = _mm_setzero_si128();
        __m128i s1 = _mm_setzero_si128();
        for (int t = 0; t < taps; t += 2) {
            const uint8_t *r1 = rows[t + 1 < taps ? t + 1 : t];
            __m128i a = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *) (rows[t] + x)), zero);
            __m128i b = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *) (r1 + x)), zero);
            __m128i w = _mm_set1_epi32(fixed[t / 2]);
            s0 = _mm_add_epi32(s0, _mm_madd_epi16(_mm_unpacklo_epi16(a, b), w));
            s1 = _mm_add_epi32(s1, _mm_madd_epi16(_mm_unpackhi_epi16(a, b), w));
        }
        _mm_storeu_ps(acc + x, _mm_mul_ps(_mm_cvtepi32_ps(s0), unit));
        _mm_storeu_ps(acc + x + 4, _mm_mul_ps(_mm_cvtepi32_ps(s1), unit));
    }
    return x;
}

__attribute__((target("avx2"))) static inline __m256 dot_avx2(const float *a, const float *w, int stride) {
    __m256 s = _mm256_mul_ps(_mm256_loadu_ps(w), _mm256_loadu_ps(a));
    for (int t = 8; t < stride; t += 8) {
        s = _mm256_add_ps(s, _mm256_mul_ps(_mm256_loadu_ps(w + t), _mm256_loadu_ps(a + t)));
    }
    return s;
}

/* Eight outputs at a time: their eight partial-sum vectors added up across lanes, as lane_sum() does one. */
__attribute__((target("avx2")))
static int horizontal_avx2(const float *acc, const struct kernel *kh, int target, float *out) {
    int stride = kh->stride;
    int i = 0;
    for (; i + 8 <= target; i += 8) {
        const float *w = kh->weights + (size_t) i * stride;
        const int *f = kh->first + i;
        __m256 h01 = _mm256_hadd_ps(dot_avx2(acc + f[0], w, stride), dot_avx2(acc + f[1], w + stride, stride));
        __m256 h23 = _mm256_hadd_ps(dot_avx2(acc + f[2], w + 2 * stride, stride),
                                    dot_avx2(acc + f[3], w + 3 * stride, stride));
        __m256 h45 = _mm256_hadd_ps(dot_avx2(acc + f[4], w + 4 * stride, stride),
                                    dot_avx2(acc + f[5], w + 5 * stride, stride));
        __m256 h67 = _mm256_hadd_ps(dot_avx2(acc + f[6], w + 6 * stride, stride),
                                    dot_avx2(acc + f[7], w + 7 * stride, stride));
        __m256 h0123 = _mm256_hadd_ps(h01, h23);
        __m256 h4567 = _mm256_hadd_ps(h45, h67);
        _mm256_storeu_ps(out + i, _mm256_add_ps(_mm256_permute2f128_ps(h0123, h4567, 0x20),
                                                _mm256_permute2f128_ps(h0123, h4567, 0x31)));
    }
    return i;
}
#endif

/* The sum of a dot product's eight lanes, in the order the AVX2 path adds them. */
static inline float lane_sum(const float *l) {
    return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
}

void vertical_row(const uint8_t *const *rows, const struct kernel *kv, int y, int width, float *acc) {
    const int32_t *fixed = kv->fixed + (size_t) y * kv->pairs;
    int taps = kv->taps;
    int x = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    x = avx2 ? vertical_avx2(rows, fixed, taps, width, acc) : vertical_sse2(rows, fixed, taps, width, acc);
#endif
    for (; x < width; x++) {
        int32_t s = 0;
        for (int t = 0; t < taps; t++) {
            int32_t pair = fixed[t / 2];
            int16_t weight = (int16_t) (t % 2 == 0 ? pair & 0xFFFF : (uint32_t) pair >> 16);
            s += weight * rows[t][x];
        }
        acc[x] = (float) s * (1.0f / (1 << FIXED_BITS));
    }
}

void horizontal_row(const float *acc, const struct kernel *kh, int target, float *out) {
    int stride = kh->stride;
    int i = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    if (avx2) {
        i = horizontal_avx2(acc, kh, target, out);
    }
#endif
    for (; i < target; i++) {
        const float *a = acc + kh->first[i];
        const float *w = kh->weights + (size_t) i * stride;
        float l[8];
        for (int j = 0; j < 8; j++) {
            l[j] = w[j] * a[j];
        }
        for (int t = 8; t < stride; t += 8) {
            for (int j = 0; j < 8; j++) {
                l[j] += w[t + j] * a[t + j];
            }
        }
        out[i] = lane_sum(l);
    }
}

/* Rounded and clamped to 0..255 as the vector path does it (NaN, which cannot arise, gives 0). */
static inline int32_t clamp_round(float v) {
    v = v > 0.0f ? v : 0.0f;
    v = v < 255.0f ? v : 255.0f;
    return (int32_t) (v + 0.5f);
}

void pack_row(int32_t *row, const float *p0, const float *p1, const float *p2, enum packing packing, int n) {
    int x = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    /* four pixels at a time with SSE2, which every x86_64 has: the same operations as the scalar loop below */
    const __m128 zero = _mm_setzero_ps();
    const __m128 top = _mm_set1_ps(255.0f);
    const __m128 half = _mm_set1_ps(0.5f);
    const __m128 mid = _mm_set1_ps(128.0f);
    for (; x + 4 <= n; x += 4) {
        __m128 r, g, b;
        if (packing == PACK_YCC) {
            __m128 luma = _mm_loadu_ps(p0 + x);
            __m128 cb = _mm_sub_ps(_mm_loadu_ps(p1 + x), mid);
            __m128 cr = _mm_sub_ps(_mm_loadu_ps(p2 + x), mid);
            r = _mm_add_ps(luma, _mm_mul_ps(_mm_set1_ps(1.402f), cr));
            g = _mm_sub_ps(_mm_sub_ps(luma, _mm_mul_ps(_mm_set1_ps(0.344136f), cb)),
                           _mm_mul_ps(_mm_set1_ps(0.714136f), cr));
            b = _mm_add_ps(luma, _mm_mul_ps(_mm_set1_ps(1.772f), cb));
        } else {
            r = _mm_loadu_ps(p0 + x);
            g = _mm_loadu_ps(p1 + x);
            b = _mm_loadu_ps(p2 + x);
        }
        /* max and min with the value first: a NaN lane comes out as the bound, as in clamp_round */
        __m128i ri = _mm_cvttps_epi32(_mm_add_ps(_mm_min_ps(_mm_max_ps(r, zero), top), half));
        __m128i gi = _mm_cvttps_epi32(_mm_add_ps(_mm_min_ps(_mm_max_ps(g, zero), top), half));
        __m128i bi = _mm_cvttps_epi32(_mm_add_ps(_mm_min_ps(_mm_max_ps(b, zero), top), half));
        __m128i px = _mm_or_si128(_mm_or_si128(_mm_slli_epi32(ri, 16), _mm_slli_epi32(gi, 8)), bi);
        _mm_storeu_si128((__m128i *) (row + x), px);
    }
#endif
    for (; x < n; x++) {
        float r, g, b;
        if (packing == PACK_YCC) {
            float luma = p0[x];
            float cb = p1[x] - 128.0f;
            float cr = p2[x] - 128.0f;
            r = luma + 1.402f * cr;
            g = luma - 0.344136f * cb - 0.714136f * cr;
            b = luma + 1.772f * cb;
        } else {
            r = p0[x];
            g = p1[x];
            b = p2[x];
        }
        row[x] = clamp_round(r) << 16 | clamp_round(g) << 8 | clamp_round(b);
    }
}
