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
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

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
