/*
 * The native half of TurboJpeg.java: decodes a JPEG held in a Java byte array with libjpeg-turbo, scaled in the DCT
 * domain by scale_num/8, straight into a Java byte array the caller sized from the header.
 *
 * Hostile input is the normal case here, so: libjpeg's fatal errors longjmp back to this frame (never abort() or
 * exit()), its warnings are silent except those that mean the file ended early or its entropy-coded data is
 * corrupt, which are fatal (a damaged upload must be refused, not padded with grey or garbage), a progressive file may not have more than max_scans scans (each
 * scan walks the whole coefficient buffer: a few KB could otherwise cost minutes), and the dimensions libjpeg
 * arrives at must be exactly the ones the caller allocated for. No JNI call is made while the arrays are held.
 */
#include <jni.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jpeglib.h>
#include <jerror.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "entropy.h"
#include "resample.h"

struct guard {
    struct jpeg_error_mgr err; /* first: libjpeg hands its error manager back as the cinfo's err pointer */
    struct jpeg_progress_mgr progress;
    jmp_buf jump;
    int max_scans;
    char message[JMSG_LENGTH_MAX + 16];
};

static void fail(j_common_ptr cinfo, const char *code) {
    struct guard *g = (struct guard *) cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    snprintf(g->message, sizeof g->message, "%s:%s", code, text);
    longjmp(g->jump, 1);
}

static void on_error(j_common_ptr cinfo) {
    fail(cinfo, cinfo->err->msg_code == JERR_OUT_OF_MEMORY ? "MEM" : "ERR");
}

static void on_message(j_common_ptr cinfo, int level) {
    if (level < 0) {
        int code = cinfo->err->msg_code;
        if (code == JWRN_JPEG_EOF) {
            fail(cinfo, "EOF");
        }
        /* entropy data that does not decode: what follows would be grey or garbage, a partial picture */
        if (code == JWRN_HIT_MARKER || code == JWRN_HUFF_BAD_CODE || code == JWRN_MUST_RESYNC) {
            fail(cinfo, "CORRUPT");
        }
        cinfo->err->num_warnings++;
    }
}

static void on_progress(j_common_ptr cinfo) {
    j_decompress_ptr d = (j_decompress_ptr) cinfo;
    struct guard *g = (struct guard *) cinfo->err;
    if (d->progressive_mode && d->input_scan_number > g->max_scans) {
        snprintf(g->message, sizeof g->message, "SCANS:more than %d scans", g->max_scans);
        longjmp(g->jump, 1);
    }
}

static jstring done(JNIEnv *env, struct jpeg_decompress_struct *cinfo, jbyteArray jpeg, jbyte *in,
                    jarray out, jbyte *dst, const char *message) {
    jpeg_destroy_decompress(cinfo);
    if (dst != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, out, dst, message == NULL ? 0 : JNI_ABORT);
    }
    if (in != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, jpeg, in, JNI_ABORT);
    }
    return message == NULL ? NULL : (*env)->NewStringUTF(env, message);
}

JNIEXPORT jint JNICALL Java_dev_photo_backend_core_image_TurboJpeg_version(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return LIBJPEG_TURBO_VERSION_NUMBER;
}

/*
 * The decode both entry points share: out (a byte[] or an int[], held as raw memory) receives height rows of width
 * pixels of pixel_size bytes in out_space. Returns NULL on success, else "CODE:detail" (EOF, CORRUPT, SCANS, MEM,
 * SIZE or ERR).
 */
static jstring decode(JNIEnv *env, jbyteArray jpeg, jint length, jint scale_num, jint components, J_COLOR_SPACE space,
                      jint pixel_size, jarray out, jlong out_bytes, jint width, jint height, jint max_scans) {
    struct jpeg_decompress_struct cinfo;
    struct guard g;
    jbyte *volatile in = NULL;
    jbyte *volatile dst = NULL;
    memset(&cinfo, 0, sizeof cinfo);
    memset(&g, 0, sizeof g);
    if (length < 0 || length > (*env)->GetArrayLength(env, jpeg) || width < 1 || height < 1
            || (components != 1 && components != 3 && components != 4) || scale_num < 1 || scale_num > 8
            || (jlong) width * height * pixel_size > out_bytes) {
        return (*env)->NewStringUTF(env, "SIZE:arguments do not fit the arrays");
    }
    cinfo.err = jpeg_std_error(&g.err);
    g.err.error_exit = on_error;
    g.err.emit_message = on_message;
    g.max_scans = max_scans;
    if (setjmp(g.jump)) {
        return done(env, &cinfo, jpeg, in, out, dst, g.message);
    }
    jpeg_create_decompress(&cinfo);
    g.progress.progress_monitor = on_progress;
    cinfo.progress = &g.progress;
    in = (*env)->GetPrimitiveArrayCritical(env, jpeg, NULL);
    dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (in == NULL || dst == NULL) {
        return done(env, &cinfo, jpeg, in, out, dst, "MEM:arrays not available");
    }
    jpeg_mem_src(&cinfo, (const unsigned char *) in, (unsigned long) length);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.num_components != components) {
        return done(env, &cinfo, jpeg, in, out, dst, "SIZE:components differ from the header read before");
    }
    cinfo.out_color_space = space;
    cinfo.scale_num = (unsigned int) scale_num;
    cinfo.scale_denom = 8;
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.do_fancy_upsampling = FALSE;
    jpeg_start_decompress(&cinfo);
    if ((jint) cinfo.output_width != width || (jint) cinfo.output_height != height
            || cinfo.output_components != pixel_size) {
        return done(env, &cinfo, jpeg, in, out, dst, "SIZE:output dimensions differ from the header read before");
    }
    size_t stride = (size_t) width * (size_t) pixel_size;
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW rows[4];
        JDIMENSION n = cinfo.output_height - cinfo.output_scanline;
        if (n > 4) {
            n = 4;
        }
        for (JDIMENSION i = 0; i < n; i++) {
            rows[i] = (JSAMPROW) dst + (size_t) (cinfo.output_scanline + i) * stride;
        }
        jpeg_read_scanlines(&cinfo, rows, n);
    }
    jpeg_finish_decompress(&cinfo);
    return done(env, &cinfo, jpeg, in, out, dst, NULL);
}

/* Grey, RGB or CMYK samples, components bytes per pixel, into a byte[]. */
JNIEXPORT jstring JNICALL Java_dev_photo_backend_core_image_TurboJpeg_decode(
        JNIEnv *env, jclass cls, jbyteArray jpeg, jint length, jint scale_num, jint components,
        jbyteArray out, jint width, jint height, jint max_scans) {
    (void) cls;
    J_COLOR_SPACE space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
    return decode(env, jpeg, length, scale_num, components, space, components, out,
                  (jlong) (*env)->GetArrayLength(env, out), width, height, max_scans);
}

/*
 * A three-component JPEG as Java's TYPE_INT_RGB pixels (0x00RRGGBB) into an int[]: on a little-endian CPU those are
 * the bytes B, G, R, X, which libjpeg-turbo writes directly, so no conversion pass follows the decode.
 */
JNIEXPORT jstring JNICALL Java_dev_photo_backend_core_image_TurboJpeg_decodeIntRgb(
        JNIEnv *env, jclass cls, jbyteArray jpeg, jint length, jint scale_num, jintArray out, jint width,
        jint height, jint max_scans) {
    (void) cls;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    J_COLOR_SPACE space = JCS_EXT_XRGB;
#else
    J_COLOR_SPACE space = JCS_EXT_BGRX;
#endif
    return decode(env, jpeg, length, scale_num, 3, space, 4, out,
                  (jlong) (*env)->GetArrayLength(env, out) * 4, width, height, max_scans);
}

/* --- Decode and resize in one call, resample, encode: the thumbnails' path, with no full-size image in Java --- */

#define MAX_PLANES 3
#define BOX4_ROWS 5 /* the coefficient rows idct_box4 reads: box4_rows */
#define MAX_ROWS_PER_CALL 32 /* v_samp_factor (at most 4) times DCT_scaled_size (at most 8) */

/*
 * One sample plane on its way to the output: a ring of the source rows its vertical filter still needs (so the
 * decoded image never exists whole), its two kernels and its row buffers. A chroma plane may be shrunk by a box of
 * 2x2 or 4x4 as its rows arrive, as far as it keeps 0.7 of the output's size in both directions: the thumbnail's own
 * JPEG keeps chroma at half its size, and libjpeg-turbo decodes a 4:2:0 file's chroma at 1/2 scale with its full-size
 * IDCT, i.e. at twice the resolution the file has.
 */
struct plane {
    uint8_t *rows;
    size_t stride;
    long slots;
    long have; /* rows in the ring so far; row r is in slot r % slots */
    int width;  /* the rows' samples (after halving) */
    int height;
    int per_call; /* rows one jpeg_read_raw_data call writes */
    int shrink; /* 1, or the side of the box */
    int boxed; /* shrunk in the IDCT (idct_box2, idct_box4), not by shrink_rows() */
    uint8_t *staging; /* shrink_rows(): the per_call rows as decoded; a boxed plane: one row for those it skips */
    uint16_t *sums;   /* and one row of their column sums */
    size_t staging_stride;
    int decoded_width;
    int decoded_height;
    long decoded; /* decoded rows so far */
    struct kernel vertical;
    struct kernel horizontal;
    const uint8_t **taps;
    float *acc;
    float *line;
};

/*
 * A chroma plane's box means made in the IDCT itself. At 1/2 scale libjpeg-turbo runs its full 8x8 IDCT on a 4:2:0
 * file's chroma, and shrink_rows() then averaged each 2x2 or 4x4 box of it away again: the IDCT, its 64 samples a
 * block and the averaging, for 4 or 16 times fewer samples kept. The mean of a box of IDCT outputs is itself a linear
 * function of the block's coefficients, so it can be computed from them directly: for 2x2 boxes that is libjpeg's own
 * reduced 4x4 IDCT (idct_box2), for 4x4 boxes a few multiplies per block (idct_box4). The same means up to rounding:
 * the full IDCT clamps each sample before the box is averaged, this clamps the mean, which differs only in boxes that
 * reach below 0 or above 255.
 *
 * libjpeg calls a component's IDCT through a table of function pointers that each output pass fills (jpegint.h's
 * struct jpeg_inverse_dct, declared here as it is there; the shim ships the libjpeg.so.62 it was compiled against,
 * so the layout is the one it was built for, and it has not changed since libjpeg 6b). The entry of a boxed chroma
 * plane is replaced after jpeg_start_decompress has filled the table and before the first row is decoded: this path
 * makes one output pass.
 */
typedef void (*idct_method)(j_decompress_ptr cinfo, jpeg_component_info *comp, JCOEFPTR coef, JSAMPARRAY out,
                            JDIMENSION col);
struct idct_table {
    void (*start_pass)(j_decompress_ptr cinfo);
    idct_method inverse_DCT[MAX_COMPONENTS];
};

/* Everything the resizing decode allocates, on the C heap: setjmp leaves automatic variables indeterminate. */
struct resize_work {
    struct plane plane[MAX_PLANES];
    idct_method reduced4; /* the reduced 4x4 IDCT that idct_box2 borrows */
    /* idct_box4's weights for each plane, the quantisation step folded in (box4_fold) */
    float box4_weights[MAX_PLANES][BOX4_ROWS][DCTSIZE] __attribute__((aligned(16)));
    int planes;
    int next; /* the next output row to make */
};

static inline JSAMPLE clamp_sample(float v) {
    return (JSAMPLE) (v <= 0 ? 0 : v >= 255 ? 255 : (int) v);
}

/*
 * The 2x2 box means of a block are what libjpeg's own reduced 4x4 IDCT makes (jidctred.c: "an 8-to-4 step that
 * produces the four averages of two adjacent outputs"), which it runs for luma at 1/2, in SIMD, from the same islow
 * multiplier table it gives a full-size islow IDCT. So a chroma plane boxed 2x2 borrows the luma's IDCT, each block
 * written at half its column.
 */
static void idct_box2(j_decompress_ptr cinfo, jpeg_component_info *comp, JCOEFPTR coef, JSAMPARRAY out,
                      JDIMENSION col) {
    const struct resize_work *w = cinfo->client_data;
    w->reduced4(cinfo, comp, coef, out, col / 2);
}

/*
 * The 4x4 box means. In each direction the IDCT's basis function for frequency u, averaged over the 4 samples of a
 * half block, is a weight b(u): C(u)/2 times the mean of cos((2x + 1) u pi / 16) over the half's x; b(u) is zero for
 * u = 2, 4 and 6, and for odd u the right half's is minus the left half's. So with coefficient c(v, u), step q(v, u)
 * and K(v, u) = b(v) b(u) q(v, u), over the rows v of 0, 1, 3, 5, 7 and the columns u of 0, 1, 3, 5, 7:
 *   a row's sum S(v) = sum of K c over its u, its even part E(v) = K(v, 0) c(v, 0);
 *   the top left mean - 128 = S(0) + sum of S(v) over odd v, the bottom left S(0) - that sum;
 *   the right ones the same with 2 E(v) - S(v) for S(v).
 * 25 of the 64 coefficients, no sample written but the four kept. K is folded once per plane (box4_fold).
 */
static const int box4_rows[BOX4_ROWS] = {0, 1, 3, 5, 7};

static void box4_fold(const jpeg_component_info *comp, float weights[BOX4_ROWS][DCTSIZE]) {
    const double pi = 3.14159265358979323846;
    double b[DCTSIZE];
    for (int u = 0; u < DCTSIZE; u++) {
        double sum = 0;
        for (int x = 0; x < 4; x++) {
            sum += cos((2 * x + 1) * u * pi / 16);
        }
        b[u] = (u == 0 ? 0.5 / sqrt(2.0) : 0.5) * sum / 4;
        if (u > 0 && u % 2 == 0) {
            b[u] = 0; /* exactly: the float sum leaves a few ulps */
        }
    }
    const JQUANT_TBL *table = comp->quant_table; /* NULL for a component no scan carried: libjpeg gives it 128 */
    for (int i = 0; i < BOX4_ROWS; i++) {
        for (int u = 0; u < DCTSIZE; u++) {
            int v = box4_rows[i];
            weights[i][u] = table == NULL ? 0 : (float) (b[v] * b[u] * table->quantval[DCTSIZE * v + u]);
        }
    }
}

static void idct_box4(j_decompress_ptr cinfo, jpeg_component_info *comp, JCOEFPTR coef, JSAMPARRAY out,
                      JDIMENSION col) {
    const struct resize_work *w = cinfo->client_data;
    const float (*k)[DCTSIZE] = w->box4_weights[comp->component_index];
    float s0;
    float e0;
    float s_odd;
    float e_odd;
#ifdef __SSE2__
    __m128 acc[2];
    for (int i = 0; i < BOX4_ROWS; i++) {
        __m128i c = _mm_loadu_si128((const __m128i *) (coef + DCTSIZE * box4_rows[i]));
        __m128i sign = _mm_srai_epi16(c, 15);
        __m128 low = _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpacklo_epi16(c, sign)), _mm_load_ps(k[i]));
        __m128 high = _mm_mul_ps(_mm_cvtepi32_ps(_mm_unpackhi_epi16(c, sign)), _mm_load_ps(k[i] + 4));
        __m128 row = _mm_add_ps(low, high); /* lane 0: E(v) (K(v, 4) is 0); the lanes' sum: S(v) */
        acc[i > 0] = i <= 1 ? row : _mm_add_ps(acc[1], row);
    }
    float lanes[2][4];
    _mm_storeu_ps(lanes[0], acc[0]);
    _mm_storeu_ps(lanes[1], acc[1]);
    e0 = lanes[0][0];
    s0 = (lanes[0][0] + lanes[0][1]) + (lanes[0][2] + lanes[0][3]);
    e_odd = lanes[1][0];
    s_odd = (lanes[1][0] + lanes[1][1]) + (lanes[1][2] + lanes[1][3]);
#else
    float sums[2] = {0, 0};
    float evens[2] = {0, 0};
    for (int i = 0; i < BOX4_ROWS; i++) {
        const JCOEF *c = coef + DCTSIZE * box4_rows[i];
        float e = k[i][0] * c[0];
        float s = e;
        for (int u = 1; u < DCTSIZE; u++) {
            s += k[i][u] * c[u];
        }
        sums[i > 0] += s;
        evens[i > 0] += e;
    }
    s0 = sums[0];
    e0 = evens[0];
    s_odd = sums[1];
    e_odd = evens[1];
#endif
    float r0 = 2 * e0 - s0;
    float r_odd = 2 * e_odd - s_odd;
    JDIMENSION first = col / DCTSIZE * 2;
    out[0][first] = clamp_sample(s0 + s_odd + 128.5f);
    out[0][first + 1] = clamp_sample(r0 + r_odd + 128.5f);
    out[1][first] = clamp_sample(s0 - s_odd + 128.5f);
    out[1][first + 1] = clamp_sample(r0 - r_odd + 128.5f);
}

static void work_free(struct resize_work *w) {
    if (w == NULL) {
        return;
    }
    for (int c = 0; c < MAX_PLANES; c++) {
        struct plane *p = &w->plane[c];
        free(p->rows);
        free(p->staging);
        free(p->sums);
        kernel_free(&p->vertical);
        kernel_free(&p->horizontal);
        free(p->taps);
        free(p->acc);
        free(p->line);
    }
    free(w);
}

/* The kernels and row buffers of a plane whose size is set; 0, or -1 when out of memory. */
static int plane_prepare(struct plane *p, int acc_width, int out_width, int out_height, double scale_x,
                         double scale_y) {
    if (kernel_make(&p->horizontal, p->width, out_width, scale_x) != 0
            || kernel_make(&p->vertical, p->height, out_height, scale_y) != 0) {
        return -1;
    }
    p->taps = malloc(sizeof(uint8_t *) * (size_t) p->vertical.taps);
    /* 8 zero floats past the row: the horizontal pass reads whole vectors of taps */
    p->acc = calloc((size_t) acc_width + 8, sizeof(float));
    p->line = malloc(sizeof(float) * (size_t) out_width);
    return p->taps == NULL || p->acc == NULL || p->line == NULL ? -1 : 0;
}

/*
 * Makes every output row, from w->next on, whose source rows all planes now hold, into pixels. Returns 0, or -1 when
 * a row it needs has already left a ring (which the ring's size rules out; checked all the same).
 */
static int emit_rows(struct resize_work *w, enum packing packing, jint *pixels, int out_width, int out_height) {
    for (; w->next < out_height; w->next++) {
        int y = w->next;
        for (int c = 0; c < w->planes; c++) {
            const struct plane *p = &w->plane[c];
            if ((long) p->vertical.first[y] + p->vertical.taps > p->have) {
                return 0; /* not decoded yet */
            }
        }
        for (int c = 0; c < w->planes; c++) {
            struct plane *p = &w->plane[c];
            long first = p->vertical.first[y];
            if (first < p->have - p->slots) {
                return -1;
            }
            for (int t = 0; t < p->vertical.taps; t++) {
                p->taps[t] = p->rows + (size_t) ((first + t) % p->slots) * p->stride;
            }
            vertical_row(p->taps, &p->vertical, y, p->width, p->acc);
            horizontal_row(p->acc, &p->horizontal, out_width, p->line);
        }
        pack_row(pixels + (size_t) y * out_width, w->plane[0].line, w->plane[w->planes > 1 ? 1 : 0].line,
                 w->plane[w->planes > 2 ? 2 : 0].line, packing, out_width);
    }
    return 0;
}

/* A shrunk plane: each box of the staged rows averaged into one sample of the ring (boxes cut by an edge, over what
 * they hold). */
static void shrink_rows(struct plane *p) {
    int f = p->shrink;
    for (int r = 0; r < p->per_call / f; r++) {
        long top = p->decoded + (long) f * r;
        if (top >= p->decoded_height) {
            break;
        }
        int tall = (int) (p->decoded_height - top < f ? p->decoded_height - top : f);
        const uint8_t *first = p->staging + (size_t) (f * r) * p->staging_stride;
        uint8_t *dst = p->rows + (size_t) (p->have % p->slots) * p->stride;
        int whole = p->decoded_width / f;
        if (tall == f) {
            /* the common case, in two loops the compiler vectorises: column sums, then each box's f of them */
            uint16_t *sums = p->sums;
            for (int x = 0; x < whole * f; x++) {
                sums[x] = first[x];
            }
            for (int i = 1; i < f; i++) {
                const uint8_t *row = first + (size_t) i * p->staging_stride;
                for (int x = 0; x < whole * f; x++) {
                    sums[x] = (uint16_t) (sums[x] + row[x]);
                }
            }
            int n = f * f;
            if (f == 2) {
                for (int x = 0; x < whole; x++) {
                    dst[x] = (uint8_t) ((sums[2 * x] + sums[2 * x + 1] + n / 2) / n);
                }
            } else {
                for (int x = 0; x < whole; x++) {
                    int box = sums[4 * x] + sums[4 * x + 1] + sums[4 * x + 2] + sums[4 * x + 3];
                    dst[x] = (uint8_t) ((box + n / 2) / n);
                }
            }
        } else {
            for (int x = 0; x < whole; x++) {
                int sum = 0;
                for (int i = 0; i < tall; i++) {
                    const uint8_t *row = first + (size_t) i * p->staging_stride + (size_t) f * x;
                    for (int j = 0; j < f; j++) {
                        sum += row[j];
                    }
                }
                int n = tall * f;
                dst[x] = (uint8_t) ((sum + n / 2) / n);
            }
        }
        int left = p->decoded_width - whole * f;
        if (left > 0) {
            int sum = 0;
            for (int i = 0; i < tall; i++) {
                for (int j = 0; j < left; j++) {
                    sum += first[(size_t) i * p->staging_stride + (size_t) whole * f + j];
                }
            }
            int n = tall * left;
            dst[whole] = (uint8_t) ((sum + n / 2) / n);
        }
        p->have++;
    }
    p->decoded += p->per_call;
}

/*
 * Decodes a one- or three-component JPEG of `length` bytes at scale_num/8 as its raw sample planes (no upsampling, no
 * colour conversion at the decoded size) and resamples them to out_width x out_height as the rows arrive, 0x00RRGGBB
 * into out (out_length ints, measured by the caller before it pinned anything). Returns NULL, or "CODE:detail" as
 * decode() does (in `message`), or "UNSUPPORTED:..." for what this path does not do (the caller then decodes the
 * ordinary way). Makes no JNI call but pinning and releasing out, so the caller may hold the input pinned.
 * own_entropy: the scan is read by entropy.c's Huffman decoder where it can (tests pass 0 to compare with libjpeg's).
 */
static const char *resize_decode(JNIEnv *env, const unsigned char *data, size_t length, jint scale_num,
                                 jint components, jint width, jint height, jint max_scans, jintArray out,
                                 jsize out_length, jint out_width, jint out_height, int own_entropy, char *message,
                                 size_t message_size) {
    struct jpeg_decompress_struct cinfo;
    struct guard g;
    jint *volatile pixels = NULL;
    memset(&cinfo, 0, sizeof cinfo);
    memset(&g, 0, sizeof g);
    if (width < 1 || height < 1 || out_width < 1 || out_height < 1 || (components != 1 && components != 3)
            || scale_num < 1 || scale_num > 8 || (jlong) out_width * out_height > out_length) {
        return "SIZE:arguments do not fit the arrays";
    }
    struct resize_work *const w = calloc(1, sizeof *w);
    if (w == NULL) {
        return "MEM:no memory for the decode";
    }
    cinfo.err = jpeg_std_error(&g.err);
    g.err.error_exit = on_error;
    g.err.emit_message = on_message;
    g.max_scans = max_scans;
    if (setjmp(g.jump)) {
        jpeg_destroy_decompress(&cinfo);
        if (pixels != NULL) {
            (*env)->ReleasePrimitiveArrayCritical(env, out, pixels, JNI_ABORT);
        }
        work_free(w);
        snprintf(message, message_size, "%s", g.message);
        return message;
    }
    jpeg_create_decompress(&cinfo);
    g.progress.progress_monitor = on_progress;
    cinfo.progress = &g.progress;
    const char *refused = NULL;
    pixels = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (pixels == NULL) {
        refused = "MEM:arrays not available";
        goto finish;
    }
    jpeg_mem_src(&cinfo, data, (unsigned long) length);
    jpeg_read_header(&cinfo, TRUE);
    enum packing packing;
    if (cinfo.num_components != components) {
        refused = "SIZE:components differ from the header read before";
        goto finish;
    }
    if (components == 1) {
        packing = PACK_RGB; /* the one plane as all three */
    } else if (cinfo.jpeg_color_space == JCS_YCbCr) {
        packing = PACK_YCC;
    } else if (cinfo.jpeg_color_space == JCS_RGB) {
        packing = PACK_RGB;
    } else {
        refused = "UNSUPPORTED:colour transform";
        goto finish;
    }
    cinfo.raw_data_out = TRUE;
    cinfo.scale_num = (unsigned int) scale_num;
    cinfo.scale_denom = 8;
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&cinfo);
    if ((jint) cinfo.output_width != width || (jint) cinfo.output_height != height) {
        refused = "SIZE:output dimensions differ from the header read before";
        goto finish;
    }
    if (own_entropy) {
        entropy_install(&cinfo);
    }
    w->planes = cinfo.num_components;
    /* the reduced 4x4 IDCT that idct_box2 borrows: any plane decoded at 4 samples a block has it */
    for (int c = 0; c < w->planes && cinfo.idct != NULL; c++) {
        if (cinfo.comp_info[c].DCT_scaled_size == DCTSIZE / 2 && w->reduced4 == NULL) {
            w->reduced4 = ((struct idct_table *) cinfo.idct)->inverse_DCT[c];
        }
    }
    cinfo.client_data = w;
    JSAMPROW rows[MAX_PLANES][MAX_ROWS_PER_CALL];
    JSAMPARRAY arrays[MAX_PLANES];
    for (int c = 0; c < w->planes; c++) {
        jpeg_component_info *comp = &cinfo.comp_info[c];
        struct plane *p = &w->plane[c];
        p->per_call = comp->v_samp_factor * comp->DCT_scaled_size;
        /* a spare MCU of width: libjpeg writes whole blocks */
        size_t stride = ((size_t) comp->width_in_blocks + (size_t) cinfo.max_h_samp_factor)
                * (size_t) comp->DCT_scaled_size;
        if (p->per_call < 1 || p->per_call > MAX_ROWS_PER_CALL || comp->downsampled_width < 1
                || comp->downsampled_height < 1 || comp->downsampled_width > stride
                || comp->downsampled_width > (JDIMENSION) width || comp->downsampled_height > (JDIMENSION) height) {
            refused = "SIZE:component planes do not fit the image";
            goto finish;
        }
        p->decoded_width = (int) comp->downsampled_width;
        p->decoded_height = (int) comp->downsampled_height;
        /*
         * Each plane's rate against the output image: a chroma plane of a 4:2:0 file comes at half the luma's rate,
         * or at the same rate when libjpeg-turbo scales its IDCT up instead (as it does at 1/2). Its samples are
         * centred as JFIF places them. Read here: jpeg_finish_decompress frees comp_info.
         */
        double rate_x = (double) (comp->h_samp_factor * comp->DCT_scaled_size)
                / (cinfo.max_h_samp_factor * cinfo.min_DCT_scaled_size);
        double rate_y = (double) (comp->v_samp_factor * comp->DCT_scaled_size)
                / (cinfo.max_v_samp_factor * cinfo.min_DCT_scaled_size);
        p->shrink = 1;
        for (int f = 4; c > 0 && f > 1 && p->shrink == 1; f /= 2) {
            if (p->per_call % f == 0 && 10L * p->decoded_width >= 7L * f * out_width
                    && 10L * p->decoded_height >= 7L * f * out_height) {
                p->shrink = f;
            }
        }
        if (p->shrink > 1) {
            int f = p->shrink;
            p->width = (p->decoded_width + f - 1) / f;
            p->height = (p->decoded_height + f - 1) / f;
            rate_x /= f;
            rate_y /= f;
            /* where libjpeg runs the full-size IDCT for this plane, the box means are made in it instead */
            struct idct_table *idct = (struct idct_table *) cinfo.idct;
            p->boxed = comp->DCT_scaled_size == DCTSIZE && comp->component_index == c && idct != NULL
                    && idct->inverse_DCT[c] != NULL && (f == 4 || (f == 2 && w->reduced4 != NULL));
            p->staging_stride = stride;
            if (p->boxed) {
                idct->inverse_DCT[c] = f == 4 ? idct_box4 : idct_box2;
                if (f == 4) {
                    box4_fold(comp, w->box4_weights[c]);
                }
                /* each block writes 8/f samples of 8/f rows; the other rows of each 8 point at one spare row */
                p->stride = stride / DCTSIZE * (size_t) (DCTSIZE / f);
                p->staging = malloc(stride);
            } else {
                p->stride = (size_t) p->width;
                p->staging = malloc(stride * (size_t) p->per_call);
                p->sums = malloc(sizeof(uint16_t) * stride);
            }
            if (p->staging == NULL || (!p->boxed && p->sums == NULL)) {
                refused = "MEM:no memory for the decode";
                goto finish;
            }
        } else {
            p->width = p->decoded_width;
            p->height = p->decoded_height;
            p->stride = stride;
        }
        if (plane_prepare(p, p->width, out_width, out_height, width * rate_x / out_width,
                          height * rate_y / out_height) != 0) {
            refused = "MEM:no memory for the resampler";
            goto finish;
        }
        /*
         * The ring: the filter's taps plus what one call writes, with as much again for the lag between planes
         * whose filters reach differently far ahead (a chroma plane at half rate).
         */
        p->slots = 2L * (p->vertical.taps + p->per_call) + 16;
        p->rows = malloc(p->stride * (size_t) p->slots);
        if (p->rows == NULL) {
            refused = "MEM:no memory for the decode";
            goto finish;
        }
        arrays[c] = rows[c];
    }
    JDIMENSION per_imcu = (JDIMENSION) cinfo.max_v_samp_factor * (JDIMENSION) cinfo.min_DCT_scaled_size;
    for (JDIMENSION imcu = 0; cinfo.output_scanline < cinfo.output_height; imcu++) {
        if (imcu >= cinfo.total_iMCU_rows) {
            refused = "ERR:more rows than the header declares";
            goto finish;
        }
        for (int c = 0; c < w->planes; c++) {
            struct plane *p = &w->plane[c];
            int arriving = p->per_call / p->shrink;
            /* the rows this call overwrites must all be behind the next output row's filter */
            if (w->next < out_height && p->have + arriving - p->slots > p->vertical.first[w->next]) {
                refused = "UNSUPPORTED:sampling factors this ring does not hold";
                goto finish;
            }
            int n = DCTSIZE / p->shrink;
            for (int r = 0; r < p->per_call; r++) {
                if (p->boxed) {
                    rows[c][r] = r % DCTSIZE >= n ? p->staging
                            : p->rows + (size_t) ((p->have + r / DCTSIZE * n + r % DCTSIZE) % p->slots) * p->stride;
                } else {
                    rows[c][r] = p->shrink > 1 ? p->staging + (size_t) r * p->staging_stride
                            : p->rows + (size_t) ((p->have + r) % p->slots) * p->stride;
                }
            }
        }
        if (jpeg_read_raw_data(&cinfo, arrays, per_imcu) == 0) {
            refused = "EOF:the decoder stopped early";
            goto finish;
        }
        for (int c = 0; c < w->planes; c++) {
            struct plane *p = &w->plane[c];
            if (p->boxed) {
                /* the rows of blocks below the plane's last row are padding (libjpeg makes none past its blocks) */
                p->have += p->per_call / p->shrink;
                if (p->have > p->height) {
                    p->have = p->height;
                }
            } else if (p->shrink > 1) {
                shrink_rows(p);
            } else {
                p->have += p->per_call;
            }
        }
        if (emit_rows(w, packing, pixels, out_width, out_height) != 0) {
            refused = "UNSUPPORTED:sampling factors this ring does not hold";
            goto finish;
        }
    }
    jpeg_finish_decompress(&cinfo);
    if (w->next != out_height) {
        refused = "ERR:fewer rows than the header declares";
    }
finish:
    jpeg_destroy_decompress(&cinfo);
    if (pixels != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, out, pixels, refused == NULL ? 0 : JNI_ABORT);
    }
    work_free(w);
    return refused;
}

/* resize_decode() of a JPEG held in a Java byte array; libjpeg_entropy keeps libjpeg's own Huffman decoder. */
JNIEXPORT jstring JNICALL Java_dev_photo_backend_core_image_TurboJpeg_decodeResized(
        JNIEnv *env, jclass cls, jbyteArray jpeg, jint length, jint scale_num, jint components, jint width,
        jint height, jint max_scans, jintArray out, jint out_width, jint out_height, jboolean libjpeg_entropy) {
    (void) cls;
    char message[JMSG_LENGTH_MAX + 16];
    if (length < 0 || length > (*env)->GetArrayLength(env, jpeg)) {
        return (*env)->NewStringUTF(env, "SIZE:arguments do not fit the arrays");
    }
    jsize out_length = (*env)->GetArrayLength(env, out);
    jbyte *in = (*env)->GetPrimitiveArrayCritical(env, jpeg, NULL);
    if (in == NULL) {
        return (*env)->NewStringUTF(env, "MEM:arrays not available");
    }
    const char *refused = resize_decode(env, (const unsigned char *) in, (size_t) length, scale_num, components, width,
                                        height, max_scans, out, out_length, out_width, out_height, !libjpeg_entropy,
                                        message, sizeof message);
    (*env)->ReleasePrimitiveArrayCritical(env, jpeg, in, JNI_ABORT);
    return refused == NULL ? NULL : (*env)->NewStringUTF(env, refused);
}

/*
 * resize_decode() of a JPEG file, mapped into memory instead of read: copying a photo of several MB costs more CPU
 * than mapping it. The file must not shrink while it is decoded (reading a page past its end would be a SIGBUS);
 * the processor works on its own private copy of each upload. "IO:..." when the file cannot be opened or mapped.
 */
JNIEXPORT jstring JNICALL Java_dev_photo_backend_core_image_TurboJpeg_decodeResizedFile(
        JNIEnv *env, jclass cls, jstring path, jlong expected_length, jint scale_num, jint components, jint width,
        jint height, jint max_scans, jintArray out, jint out_width, jint out_height) {
    (void) cls;
    char message[JMSG_LENGTH_MAX + 16];
    const char *name = (*env)->GetStringUTFChars(env, path, NULL);
    if (name == NULL) {
        return NULL; /* OutOfMemoryError pending */
    }
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    (*env)->ReleaseStringUTFChars(env, path, name);
    if (fd < 0) {
        return (*env)->NewStringUTF(env, "IO:cannot open the file");
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 1 || st.st_size != expected_length) {
        close(fd);
        return (*env)->NewStringUTF(env, "IO:not the regular file of the size expected");
    }
    size_t length = (size_t) st.st_size;
    /* populated up front: one call faults every page in, cheaper than a fault per page as the decoder reads */
    void *map = mmap(NULL, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        return (*env)->NewStringUTF(env, "IO:cannot map the file");
    }
    const char *refused = resize_decode(env, map, length, scale_num, components, width, height, max_scans, out,
                                        (*env)->GetArrayLength(env, out), out_width, out_height, 1, message,
                                        sizeof message);
    munmap(map, length);
    return refused == NULL ? NULL : (*env)->NewStringUTF(env, refused);
}

/* acc[x] += weight * row[x]: the float vertical pass of resample(), a loop the compiler vectorises. */
static void add_scaled(float *restrict acc, const float *restrict row, float weight, int n) {
    for (int x = 0; x < n; x++) {
        acc[x] += weight * row[x];
    }
}

/*
 * Resamples 0x00RRGGBB pixels (Java's TYPE_INT_RGB) from src_width x src_height to out_width x out_height with the
 * same filter, here horizontal pass first: each source row is read once, in order, and only the narrow rows of the
 * horizontal pass's output are held, in a ring of those the vertical pass still needs. Returns NULL, or "SIZE:..." /
 * "MEM:...".
 */
JNIEXPORT jstring JNICALL Java_dev_photo_backend_core_image_TurboJpeg_resample(
        JNIEnv *env, jclass cls, jintArray src, jint src_width, jint src_height, jintArray out, jint out_width,
        jint out_height) {
    (void) cls;
    if (src_width < 1 || src_height < 1 || out_width < 1 || out_height < 1 || src_width > (1 << 28)
            || (jlong) src_width * src_height > (*env)->GetArrayLength(env, src)
            || (jlong) out_width * out_height > (*env)->GetArrayLength(env, out)) {
        return (*env)->NewStringUTF(env, "SIZE:arguments do not fit the arrays");
    }
    struct kernel kh;
    struct kernel kv;
    memset(&kh, 0, sizeof kh);
    memset(&kv, 0, sizeof kv);
    const char *refused = NULL;
    /* one source row's three channels as floats, each with the 8 zero floats the horizontal pass may read past it */
    size_t lane = (size_t) src_width + 8;
    size_t narrow = 3 * (size_t) out_width; /* one row of the horizontal pass's output: three channels */
    float *channels = calloc(3 * lane, sizeof(float));
    float *lines = malloc(sizeof(float) * narrow);
    float *ring = NULL;
    long slots = 0;
    if (channels == NULL || lines == NULL
            || kernel_make(&kh, src_width, out_width, (double) src_width / out_width) != 0
            || kernel_make(&kv, src_height, out_height, (double) src_height / out_height) != 0) {
        refused = "MEM:no memory for the resampler";
        goto finish;
    }
    /* the vertical taps, and as many again for the rows that arrive before the next output row can be made */
    slots = 2L * kv.taps + (long) (src_height / out_height) + 8;
    ring = malloc(sizeof(float) * narrow * (size_t) slots);
    if (ring == NULL) {
        refused = "MEM:no memory for the resampler";
        goto finish;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    const int offset[3] = {1, 2, 3};
#else
    const int offset[3] = {2, 1, 0}; /* 0x00RRGGBB in memory: B, G, R, 0 */
#endif
    const uint8_t *in = (*env)->GetPrimitiveArrayCritical(env, src, NULL);
    jint *pixels = in == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (pixels != NULL) {
        int next = 0;
        for (long y = 0; y < src_height && next < out_height; y++) {
            const uint8_t *row = in + (size_t) y * 4 * (size_t) src_width;
            if (y - slots >= kv.first[next]) {
                refused = "ERR:resampler ring";
                break;
            }
            float *held = ring + (size_t) (y % slots) * narrow;
            for (int c = 0; c < 3; c++) {
                float *ch = channels + (size_t) c * lane;
                for (int x = 0; x < src_width; x++) {
                    ch[x] = (float) row[4 * x + offset[c]];
                }
                horizontal_row(ch, &kh, out_width, held + (size_t) c * out_width);
            }
            for (; next < out_height && (long) kv.first[next] + kv.taps <= y + 1; next++) {
                const float *w = kv.weights + (size_t) next * kv.stride;
                memset(lines, 0, sizeof(float) * narrow);
                for (int t = 0; t < kv.taps; t++) {
                    add_scaled(lines, ring + (size_t) ((kv.first[next] + t) % slots) * narrow, w[t], (int) narrow);
                }
                pack_row(pixels + (size_t) next * out_width, lines, lines + out_width, lines + 2 * out_width,
                         PACK_RGB, out_width);
            }
        }
        if (refused == NULL && next != out_height) {
            refused = "ERR:resampler rows";
        }
        (*env)->ReleasePrimitiveArrayCritical(env, out, pixels, refused == NULL ? 0 : JNI_ABORT);
    } else {
        refused = "MEM:arrays not available";
    }
    if (in != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, src, (void *) in, JNI_ABORT);
    }
finish:
    free(channels);
    free(lines);
    free(ring);
    kernel_free(&kh);
    kernel_free(&kv);
    return refused == NULL ? NULL : (*env)->NewStringUTF(env, refused);
}

/* What the encoder allocates, on the C heap for the same reason as resize_work. */
struct encode_work {
    jint *pixels;
    unsigned char *jpeg;
    unsigned long size;
};

/*
 * Encodes 0x00RRGGBB pixels as a baseline JFIF JPEG (4:2:0, the given quality, libjpeg's standard tables) with no
 * other marker: no EXIF, no ICC profile. Returns the file's bytes, or NULL when the arguments do not fit or memory
 * runs out.
 */
JNIEXPORT jbyteArray JNICALL Java_dev_photo_backend_core_image_TurboJpeg_encode(
        JNIEnv *env, jclass cls, jintArray src, jint width, jint height, jint quality) {
    (void) cls;
    if (width < 1 || height < 1 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION || quality < 1
            || quality > 100 || (jlong) width * height > (*env)->GetArrayLength(env, src)) {
        return NULL;
    }
    struct jpeg_compress_struct cinfo;
    struct guard g;
    memset(&cinfo, 0, sizeof cinfo);
    memset(&g, 0, sizeof g);
    struct encode_work *const w = calloc(1, sizeof *w);
    if (w == NULL) {
        return NULL;
    }
    size_t n = (size_t) width * (size_t) height;
    w->pixels = malloc(sizeof(jint) * n);
    if (w->pixels == NULL) {
        free(w);
        return NULL;
    }
    (*env)->GetIntArrayRegion(env, src, 0, (jsize) n, w->pixels);
    cinfo.err = jpeg_std_error(&g.err);
    g.err.error_exit = on_error;
    g.err.emit_message = on_message;
    if (setjmp(g.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(w->jpeg);
        free(w->pixels);
        free(w);
        return NULL;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &w->jpeg, &w->size);
    cinfo.image_width = (JDIMENSION) width;
    cinfo.image_height = (JDIMENSION) height;
    cinfo.input_components = 4;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    cinfo.in_color_space = JCS_EXT_XRGB;
#else
    cinfo.in_color_space = JCS_EXT_BGRX;
#endif
    jpeg_set_defaults(&cinfo); /* JFIF header, YCbCr 4:2:0, Huffman standard tables, islow DCT */
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW) (w->pixels + (size_t) cinfo.next_scanline * width);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    jbyteArray bytes = NULL;
    if (w->size <= 0x7fffffffUL) {
        bytes = (*env)->NewByteArray(env, (jsize) w->size);
        if (bytes != NULL) {
            (*env)->SetByteArrayRegion(env, bytes, 0, (jsize) w->size, (const jbyte *) w->jpeg);
        }
    }
    free(w->jpeg);
    free(w->pixels);
    free(w);
    return bytes;
}
