/*
 * A Huffman decoder for baseline JPEG scans, in the place of libjpeg-turbo's jdhuff.c.
 *
 * Why: reading the Huffman-coded coefficients was three quarters of the time the thumbnails of a large photo cost
 * (decoding at 1/2 or 1/4 scale makes the IDCT and everything after it small, but every coefficient of the file must
 * still be read). libjpeg-turbo 2.1's reader tests each byte for 0xFF as it fills its bit buffer, and the load of the
 * next bytes waits on the bits the last code used; it reads a coefficient's value bits in a second step after its
 * code; and it takes its slow path for every MCU of a file with restart markers, which many cameras write. Here the
 * scan is first copied with its FF 00 pairs made single FF bytes, up to the marker that ends it (a memchr and a
 * memcpy), so that the bit buffer takes 8 bytes at a time with no test and no branch, the load one step ahead; and one
 * table load of the next FAST_BITS bits gives a code's run, its value and the bits to drop when code and value fit.
 * On the 24 MP benchmark photo the resizing decode costs about a fifth less CPU than with libjpeg's reader.
 *
 * It decodes what libjpeg decodes: EntropyDecoderTest compares the pixels of both readers for every sampling,
 * restart interval and kind of table, and on damaged scans. It raises libjpeg's warnings where libjpeg's careful
 * path does, JWRN_HIT_MARKER when a scan needs bits beyond its data and JWRN_HUFF_BAD_CODE for a code no table has
 * (the shim turns both into a refusal), and markers, restarts and the end of the data go through libjpeg's own marker
 * reader and data source. Two differences, both where libjpeg-turbo's fast path departs from its careful one: a code no
 * table has is refused here, where that fast path reads it as symbol 0 without a warning; and FF FF 00 is read as its
 * careful path reads it (fill, then a data byte of FF), where the fast path leaves the coefficients of an abandoned
 * attempt in the blocks. (And bytes between a segment's last MCU and its marker are taken into the copy, so libjpeg
 * does not count them for its JWRN_EXTRANEOUS_DATA, a warning the shim ignores.)
 *
 * The module structure is libjpeg's: the decoder is a struct jpeg_entropy_decoder (jpegint.h's layout, declared here
 * as the shim declares the IDCT table, for the libjpeg.so.62 it ships) whose decode_mcu the coefficient controller
 * calls for each MCU, with the MCU's blocks zeroed.
 */
#include "entropy.h"

#include <stdint.h>
#include <string.h>
#include <jerror.h>

#define FAST_BITS 10

struct entropy_decoder_layout { /* jpegint.h's struct jpeg_entropy_decoder */
    void (*start_pass)(j_decompress_ptr cinfo);
    boolean (*decode_mcu)(j_decompress_ptr cinfo, JBLOCKROW *MCU_data);
    boolean insufficient_data;
};

struct input_controller_layout { /* jpegint.h's struct jpeg_input_controller */
    int (*consume_input)(j_decompress_ptr cinfo);
    void (*reset_input_controller)(j_decompress_ptr cinfo);
    void (*start_input_pass)(j_decompress_ptr cinfo);
    void (*finish_input_pass)(j_decompress_ptr cinfo);
    boolean has_multiple_scans;
    boolean eoi_reached;
};

struct marker_reader_layout { /* jpegint.h's struct jpeg_marker_reader */
    void (*reset_marker_reader)(j_decompress_ptr cinfo);
    int (*read_markers)(j_decompress_ptr cinfo);
    jpeg_marker_parser_method read_restart_marker;
    boolean saw_SOI;
    boolean saw_SOF;
    int next_restart_num;
    unsigned int discarded_bytes;
};

/*
 * One Huffman table. fast[] is indexed by the next FAST_BITS bits of the data; an entry's bits 0-7 are the bits to
 * drop (0: the code is longer than FAST_BITS, or no code), bits 8-11 the run of zeros before the coefficient, bits
 * 12-15 the size of a value still to read after them, and bits 16-31 the value itself when it was read with the code
 * (it is never 0 then; for an AC entry of size and value 0 the symbol is end-of-block or, with run 15, sixteen zeros;
 * for a DC entry a size of 0 is a difference of 0). Longer codes are found by limit[]: a code of length l, read
 * left-aligned in 16 bits, is below limit[l] and at or above limit[l - 1].
 */
struct table {
    int32_t fast[1 << FAST_BITS];
    uint32_t limit[17];
    int offset[17]; /* the symbol of the code c of length l is symbols[offset[l] + c] */
    uint8_t symbols[256];
};

/*
 * The scan's data is copied, FF 00 pairs made single FF bytes, into buf a chunk at a time, up to the marker that ends
 * it and then zeros: the decoder then reads 8 bytes at any position without a test, and takes whole bytes into acc
 * with no branch (the bits below those it counts are the next byte's, equal to what the next load puts there).
 */
#define CHUNK 16384
#define SLACK 8

struct reader {
    uint64_t acc;   /* the next bits of the data, first bit at bit 63 */
    int bits;       /* how many of acc's bits are counted: 56 to 63 after each load */
    size_t pos;     /* the next byte of buf to load */
    size_t lim;     /* buf[0, lim) is filled */
    long real;      /* buf[0, real) is data, the rest zeros put in after the marker that ends it (the data has
                       ended when libjpeg's unread_marker is set); negative once the bytes loaded past the data
                       have been moved out of buf (see refill_chunk) */
    uint8_t buf[CHUNK + SLACK];
};

struct decoder {
    struct entropy_decoder_layout pub; /* first: libjpeg holds this as cinfo->entropy */
    struct reader in;
    int last_dc[MAX_COMPS_IN_SCAN];
    unsigned int restarts_to_go;
    const struct table *dc[D_MAX_BLOCKS_IN_MCU];
    const struct table *ac[D_MAX_BLOCKS_IN_MCU];
    struct table *tables[2][NUM_HUFF_TBLS]; /* [0] DC, [1] AC: those the scan uses */
    JBLOCK scratch; /* where an MCU's blocks go when the caller passes none */
};

/*
 * libjpeg's zigzag-to-natural order (jpegint.h; exported by libjpeg.so.62), with its 16 spare entries of 63: a run
 * in damaged data may reach 15 past the block.
 */
extern const int jpeg_natural_order[];

/* the value of `size` bits read as JPEG codes a coefficient: the lower half of the range stands for negatives */
static inline int extend(uint32_t raw, int size) {
    int v = (int) raw;
    return v < (1 << (size - 1)) ? v - (1 << size) + 1 : v;
}

/* libjpeg has already checked the table (jpeg_make_d_derived_tbl) when its start_pass built its own from it */
static void table_build(j_decompress_ptr cinfo, const JHUFF_TBL *spec, int is_dc, struct table *t) {
    memset(t, 0, sizeof *t);
    int count = 0;
    for (int l = 1; l <= 16; l++) {
        count += spec->bits[l];
    }
    if (count > 256) {
        ERREXIT(cinfo, JERR_BAD_HUFF_TABLE);
    }
    memcpy(t->symbols, spec->huffval, (size_t) count);
    uint32_t code = 0;
    int k = 0;
    for (int l = 1; l <= 16; l++) {
        /* libjpeg's rule, checked before any entry is written: the codes of each length fit, and none is all ones */
        if (code + spec->bits[l] >= (1u << l)) {
            ERREXIT(cinfo, JERR_BAD_HUFF_TABLE);
        }
        t->offset[l] = k - (int) code;
        for (int i = 0; i < spec->bits[l]; i++, k++, code++) {
            int symbol = spec->huffval[k];
            if (is_dc && symbol > 15) {
                ERREXIT(cinfo, JERR_BAD_HUFF_TABLE);
            }
            if (l > FAST_BITS) {
                continue;
            }
            int run = is_dc ? 0 : symbol >> 4;
            int size = is_dc ? symbol : symbol & 15;
            int span = FAST_BITS - l;
            for (uint32_t rest = 0; rest < (1u << span); rest++) {
                int32_t entry;
                if (size == 0) {
                    entry = l | run << 8;
                } else if (l + size <= FAST_BITS) {
                    int value = extend(rest >> (span - size), size);
                    entry = (int32_t) ((uint32_t) value << 16) | (l + size) | run << 8;
                } else {
                    entry = l | run << 8 | size << 12;
                }
                t->fast[(code << span) | rest] = entry;
            }
        }
        t->limit[l] = code << (16 - l);
        code <<= 1;
    }
}

/* What libjpeg's data source does when the data ends: for the in-memory source, a warning and a fake EOI. */
static void source_more(j_decompress_ptr cinfo, const JOCTET **next, const JOCTET **end) {
    cinfo->src->next_input_byte = *next;
    cinfo->src->bytes_in_buffer = 0;
    if (!(*cinfo->src->fill_input_buffer)(cinfo)) {
        ERREXIT(cinfo, JERR_CANT_SUSPEND);
    }
    *next = cinfo->src->next_input_byte;
    *end = *next + cinfo->src->bytes_in_buffer;
}

/*
 * Moves what is left of buf to its start and fills it from the source, up to the marker that ends the data (then
 * libjpeg's unread_marker is set, and the source stands past it as libjpeg's own reader leaves it) and after that
 * with zeros. Leaves at least SLACK bytes to load.
 */
static void refill_chunk(j_decompress_ptr cinfo, struct reader *r) {
    size_t left = r->lim - r->pos;
    memmove(r->buf, r->buf + r->pos, left);
    /* not clamped at 0: after a marker the decoder may already stand past the data, and bits_left must still say
       how far, or a scan that reads into the zeros across this move would be taken for a whole one */
    r->real -= (long) r->pos;
    r->pos = 0;
    r->lim = left;
    if (cinfo->unread_marker == 0) {
        const JOCTET *next = cinfo->src->next_input_byte;
        const JOCTET *end = next + cinfo->src->bytes_in_buffer;
        while (r->lim < CHUNK) {
            if (next == end) {
                source_more(cinfo, &next, &end);
                continue;
            }
            size_t room = CHUNK - r->lim;
            size_t n = (size_t) (end - next) < room ? (size_t) (end - next) : room;
            const JOCTET *ff = memchr(next, 0xFF, n);
            size_t plain = ff == NULL ? n : (size_t) (ff - next);
            memcpy(r->buf + r->lim, next, plain);
            r->lim += plain;
            next += plain;
            if (ff == NULL) {
                continue;
            }
            /* FF 00 is a data byte of FF; FF then anything else a marker, any number of FF before it padding */
            unsigned int c;
            next++;
            do {
                if (next == end) {
                    source_more(cinfo, &next, &end);
                }
                c = *next++;
            } while (c == 0xFF);
            if (c != 0) {
                cinfo->unread_marker = (int) c;
                break;
            }
            r->buf[r->lim++] = 0xFF;
        }
        cinfo->src->next_input_byte = next;
        cinfo->src->bytes_in_buffer = (size_t) (end - next);
        r->real = (long) r->lim;
    }
    if (cinfo->unread_marker != 0) {
        memset(r->buf + r->lim, 0, CHUNK + SLACK - r->lim);
        r->lim = CHUNK + SLACK;
    }
}

/* A symbol whose code is longer than FAST_BITS, or none at all (libjpeg's JWRN_HUFF_BAD_CODE, and a 0). */
static int slow_symbol(j_decompress_ptr cinfo, const struct table *t, uint64_t acc, int *length) {
    uint32_t code = (uint32_t) (acc >> 48);
    for (int l = FAST_BITS + 1; l <= 16; l++) {
        if (code < t->limit[l]) {
            *length = l;
            return t->symbols[(t->offset[l] + (int) (code >> (16 - l))) & 0xFF];
        }
    }
    WARNMS(cinfo, JWRN_HUFF_BAD_CODE);
    *length = 16;
    return 0;
}

/*
 * Before each code: at least 56 bits counted, and FAST_BITS+15 at most are read before the next load. `word` holds
 * the 8 bytes at pos, loaded one step ahead so that the load is not in the chain from one code to the next.
 */
#define REFILL()                                                                       \
    do {                                                                               \
        acc |= word >> bits;                                                           \
        pos += (size_t) ((63 - bits) >> 3);                                            \
        bits |= 56;                                                                    \
        if (__builtin_expect(lim - pos < SLACK, 0)) {                                  \
            in->pos = pos;                                                             \
            refill_chunk(cinfo, in);                                                   \
            pos = in->pos;                                                             \
            lim = in->lim;                                                             \
        }                                                                              \
        word = load_be64(in->buf + pos);                                               \
    } while (0)

static inline uint64_t load_be64(const uint8_t *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    return __builtin_bswap64(w);
}

#define DROP(n)     \
    do {            \
        acc <<= (n); \
        bits -= (n); \
    } while (0)

/* Bits of data not yet decoded; negative when the scan has read past its data into the zeros after a marker. */
static inline long bits_left(const struct reader *r, size_t pos, int bits) {
    return 8L * r->real - (8L * (long) pos - bits);
}

static void reader_reset(struct reader *r) {
    r->acc = 0;
    r->bits = 0;
    r->pos = 0;
    r->lim = 0;
    r->real = 0;
}

static void process_restart(j_decompress_ptr cinfo, struct decoder *d) {
    struct marker_reader_layout *marker = (struct marker_reader_layout *) cinfo->marker;
    long left = bits_left(&d->in, d->in.pos, d->in.bits);
    if (left > 0) {
        marker->discarded_bytes += (unsigned int) (left / 8);
    }
    if (!(*marker->read_restart_marker)(cinfo)) {
        ERREXIT(cinfo, JERR_CANT_SUSPEND);
    }
    reader_reset(&d->in);
    memset(d->last_dc, 0, sizeof d->last_dc);
    d->restarts_to_go = cinfo->restart_interval;
    /* as libjpeg: a segment that starts against a marker is empty, and its MCUs stay zero */
    if (cinfo->unread_marker == 0) {
        d->pub.insufficient_data = FALSE;
    }
}

static boolean decode_mcu(j_decompress_ptr cinfo, JBLOCKROW *MCU_data) {
    struct decoder *d = (struct decoder *) cinfo->entropy;
    if (cinfo->restart_interval) {
        if (d->restarts_to_go == 0) {
            process_restart(cinfo, d);
        }
        d->restarts_to_go--;
    }
    if (d->pub.insufficient_data) {
        return TRUE;
    }
    struct reader *const in = &d->in;
    uint64_t acc = in->acc;
    int bits = in->bits;
    size_t pos = in->pos;
    size_t lim = in->lim;
    if (lim - pos < SLACK) {
        refill_chunk(cinfo, in);
        pos = in->pos;
        lim = in->lim;
    }
    uint64_t word = load_be64(in->buf + pos);
    for (int b = 0; b < cinfo->blocks_in_MCU; b++) {
        JCOEF *block = MCU_data != NULL && MCU_data[b] != NULL ? MCU_data[b][0] : d->scratch;
        const struct table *t = d->dc[b];
        int32_t e;
        int length;
        int size;
        int value;
        REFILL();
        e = t->fast[acc >> (64 - FAST_BITS)];
        if (__builtin_expect(e & 0xFF, 1)) {
            DROP(e & 0xFF);
            size = (e >> 12) & 15;
            value = e >> 16;
        } else {
            size = slow_symbol(cinfo, t, acc, &length);
            DROP(length);
            value = 0;
        }
        if (size) {
            value = extend((uint32_t) (acc >> (64 - size)), size);
            DROP(size);
        }
        int c = cinfo->MCU_membership[b];
        d->last_dc[c] = (int) ((unsigned int) d->last_dc[c] + (unsigned int) value);
        block[0] = (JCOEF) d->last_dc[c];

        t = d->ac[b];
        for (int k = 1; k < DCTSIZE2; k++) {
            REFILL();
            e = t->fast[acc >> (64 - FAST_BITS)];
            int run;
            if (__builtin_expect(e & 0xFF, 1)) {
                DROP(e & 0xFF);
                run = (e >> 8) & 15;
                size = (e >> 12) & 15;
                value = e >> 16;
            } else {
                int symbol = slow_symbol(cinfo, t, acc, &length);
                DROP(length);
                run = symbol >> 4;
                size = symbol & 15;
                value = 0;
            }
            if (__builtin_expect(size, 0)) {
                value = extend((uint32_t) (acc >> (64 - size)), size);
                DROP(size);
            } else if (value == 0) {
                /* end of block, or with a run of 15 sixteen zeros */
                if (run != 15) {
                    break;
                }
                k += 15;
                continue;
            }
            k += run;
            block[jpeg_natural_order[k]] = (JCOEF) value;
        }
    }
    in->acc = acc;
    in->bits = bits;
    in->pos = pos;
    /* below 0 only past a marker: before it, real is lim and pos at most lim */
    if (bits_left(in, pos, bits) < 0) {
        WARNMS(cinfo, JWRN_HIT_MARKER);
        d->pub.insufficient_data = TRUE;
    }
    return TRUE;
}

static void start_pass(j_decompress_ptr cinfo) {
    struct decoder *d = (struct decoder *) cinfo->entropy;
    for (int b = 0; b < cinfo->blocks_in_MCU; b++) {
        const jpeg_component_info *comp = cinfo->cur_comp_info[cinfo->MCU_membership[b]];
        int numbers[2] = {comp->dc_tbl_no, comp->ac_tbl_no};
        for (int kind = 0; kind < 2; kind++) {
            int n = numbers[kind];
            JHUFF_TBL *spec = n < 0 || n >= NUM_HUFF_TBLS ? NULL
                    : kind == 0 ? cinfo->dc_huff_tbl_ptrs[n] : cinfo->ac_huff_tbl_ptrs[n];
            if (spec == NULL) {
                ERREXIT1(cinfo, JERR_NO_HUFF_TABLE, n);
            }
            if (d->tables[kind][n] == NULL) {
                d->tables[kind][n] = (*cinfo->mem->alloc_small)((j_common_ptr) cinfo, JPOOL_IMAGE,
                                                                 sizeof(struct table));
                table_build(cinfo, spec, kind == 0, d->tables[kind][n]);
            }
        }
        d->dc[b] = d->tables[0][comp->dc_tbl_no];
        d->ac[b] = d->tables[1][comp->ac_tbl_no];
    }
    reader_reset(&d->in);
    memset(d->last_dc, 0, sizeof d->last_dc);
    d->restarts_to_go = cinfo->restart_interval;
    d->pub.insufficient_data = FALSE;
}

int entropy_install(j_decompress_ptr cinfo) {
    const struct input_controller_layout *input = (const struct input_controller_layout *) cinfo->inputctl;
    /* one sequential Huffman scan, not yet begun: the state libjpeg's own start_pass has just set up */
    if (input == NULL || input->has_multiple_scans || cinfo->progressive_mode || cinfo->arith_code
            || cinfo->data_precision != 8 || cinfo->Ss != 0 || cinfo->Se != DCTSIZE2 - 1 || cinfo->Ah != 0
            || cinfo->Al != 0 || cinfo->comps_in_scan < 1 || cinfo->comps_in_scan > MAX_COMPS_IN_SCAN
            || cinfo->blocks_in_MCU < 1 || cinfo->blocks_in_MCU > D_MAX_BLOCKS_IN_MCU || cinfo->input_iMCU_row != 0
            || cinfo->output_scanline != 0 || cinfo->entropy == NULL) {
        return 0;
    }
    struct decoder *d = (*cinfo->mem->alloc_small)((j_common_ptr) cinfo, JPOOL_IMAGE, sizeof *d);
    memset(d, 0, sizeof *d);
    d->pub.start_pass = start_pass;
    d->pub.decode_mcu = decode_mcu;
    cinfo->entropy = (struct jpeg_entropy_decoder *) d;
    start_pass(cinfo);
    return 1;
}
