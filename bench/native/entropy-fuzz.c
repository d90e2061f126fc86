/*
 * A differential fuzzer of the shim's Huffman decoder (entropy.c) against libjpeg's, meant to be built with
 * AddressSanitizer and UBSan (bench/entropy-fuzz.sh does): each input is a mutated or truncated copy of one JPEG,
 * decoded by the shim's resizing decode with each decoder.
 *
 * Usage: entropy-fuzz FILE.jpg SCALE_NUM INPUTS SEED
 * Prints one line of counts; exits 1 if an outcome differs in a way not explained by the two known departures of
 * libjpeg-turbo's fast path from its careful one (a code no table has, which the fast path reads as symbol 0 and
 * entropy.c refuses; FF FF 00 in a scan, which the fast path decodes into stale coefficients).
 */
#include "photojpeg.c"
#include "driver.h"

static uint64_t state;

static uint32_t next_random(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t) (state >> 16);
}

static int has_fill_before_stuffing(const unsigned char *d, long from, long n) {
    for (long i = from; i + 2 < n; i++) {
        if (d[i] == 0xFF && d[i + 1] == 0xFF) {
            long j = i + 1;
            while (j < n && d[j] == 0xFF) {
                j++;
            }
            if (j < n && d[j] == 0) {
                return 1;
            }
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s FILE.jpg SCALE_NUM INPUTS SEED\n", argv[0]);
        return 2;
    }
    long n;
    unsigned char *original = driver_read(argv[1], &n);
    unsigned char *input = malloc((size_t) n);
    int scale = atoi(argv[2]);
    int inputs = atoi(argv[3]);
    state = 0x9E3779B97F4A7C15ULL * (uint64_t) (atoi(argv[4]) + 1);
    int width;
    int height;
    int components;
    long scan;
    if (input == NULL || driver_layout(original, n, &width, &height, &components, &scan) != 0) {
        fprintf(stderr, "no frame or scan header in %s\n", argv[1]);
        return 2;
    }
    int decoded_width = (width * scale + 7) / 8;
    int decoded_height = (height * scale + 7) / 8;
    int out_width = decoded_width > 1 ? decoded_width / 2 : 1;
    int out_height = decoded_height > 1 ? decoded_height / 2 : 1;
    size_t pixels = (size_t) out_width * (size_t) out_height;
    jint *own_pixels = malloc(pixels * sizeof(jint));
    jint *libjpeg_pixels = malloc(pixels * sizeof(jint));

    JNIEnv *env = driver_env();
    char own_message[JMSG_LENGTH_MAX + 16];
    char libjpeg_message[JMSG_LENGTH_MAX + 16];
    int alike = 0, refused = 0, bad_code = 0, fill = 0, unexplained = 0;
    for (int i = 0; i < inputs; i++) {
        long length = n;
        memcpy(input, original, (size_t) n);
        int kind = (int) (next_random() % 6);
        for (int k = 1 + (int) (next_random() % 8); k > 0; k--) {
            /* mostly in the entropy-coded data, sometimes anywhere */
            long at = next_random() % 8 == 0 ? (long) (next_random() % (uint32_t) n)
                    : scan + (long) (next_random() % (uint32_t) (n - scan));
            switch (kind) {
            case 0: input[at] ^= (unsigned char) (1u << (next_random() % 8)); break;
            case 1: input[at] = (unsigned char) next_random(); break;
            case 2: input[at] = 0xFF; break;
            case 3:
                if (at + 1 < length) {
                    input[at] = 0xFF; /* a marker, restart markers and EOI among them */
                    input[at + 1] = (unsigned char) (0xD0 + next_random() % 10);
                }
                break;
            case 4: length = at > 2 && at < length ? at : length; break;
            default: input[at] = 0x00; break;
            }
        }
        pinned = own_pixels;
        const char *own = resize_decode(env, input, (size_t) length, scale, components, decoded_width,
                                        decoded_height, 500, (jintArray) pinned, (jsize) pixels, out_width,
                                        out_height, 1, own_message, sizeof own_message);
        pinned = libjpeg_pixels;
        const char *libjpeg = resize_decode(env, input, (size_t) length, scale, components, decoded_width,
                                            decoded_height, 500, (jintArray) pinned, (jsize) pixels, out_width,
                                            out_height, 0, libjpeg_message, sizeof libjpeg_message);
        if (own != NULL && libjpeg != NULL) {
            refused++;
        } else if (own == NULL && libjpeg == NULL
                   && memcmp(own_pixels, libjpeg_pixels, pixels * sizeof(jint)) == 0) {
            alike++;
        } else if (own != NULL && strstr(own, "bad Huffman code") != NULL) {
            bad_code++;
        } else if (own == NULL && libjpeg == NULL && has_fill_before_stuffing(input, scan, length)) {
            fill++;
        } else {
            unexplained++;
            printf("input %d (mutation %d): own %s, libjpeg %s\n", i, kind, own == NULL ? "decoded" : own,
                   libjpeg == NULL ? "decoded" : libjpeg);
        }
    }
    printf("%s at %d/8: %d inputs, %d decoded alike, %d refused by both, %d bad codes refused only here,"
           " %d FF FF 00 read as libjpeg's careful path reads it, %d unexplained\n",
           driver_name(argv[1]), scale, inputs, alike, refused, bad_code, fill, unexplained);
    return unexplained == 0 ? 0 : 1;
}
