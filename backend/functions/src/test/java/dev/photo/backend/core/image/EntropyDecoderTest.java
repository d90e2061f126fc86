package dev.photo.backend.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shim's own Huffman decoder (entropy.c) against libjpeg's: the same pixels for every way a baseline scan can be
 * coded, and never a picture from a damaged scan that libjpeg refuses.
 */
class EntropyDecoderTest {

    @TempDir
    Path dir;

    private record Coded(String name, byte[] jpeg) {
    }

    /** What a decode came to: the pixels, or the refusal's message. */
    private record Outcome(int[] pixels, String refused) {
    }

    @Test
    void gives_libjpegs_pixels_for_every_sampling_restart_interval_and_table() throws Exception {
        TurboJpegTest.assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        List<Coded> codings = new ArrayList<>();
        // odd sides: partial MCUs at the right and the bottom
        BufferedImage photo = ImageFixtures.photoLike(333, 251, 5);
        int[][] samplings = {{2, 2}, {2, 1}, {1, 2}, {1, 1}};
        for (int[] s : samplings) {
            for (int restart : new int[] {0, 1, 7}) {
                for (boolean optimized : new boolean[] {false, true}) {
                    byte[] jpeg = ImageFixtures.jpegCoded(photo, 0.9f, s[0], s[1], restart, optimized);
                    // the fixture is coded as it says: the luma's sampling factors in the SOF, the DRI's interval
                    int sof = ImageFixtures.findMarker(jpeg, 0xC0);
                    assertThat(jpeg[sof + 11] & 0xFF).isEqualTo(s[0] << 4 | s[1]);
                    if (restart > 0) {
                        int dri = ImageFixtures.findMarker(jpeg, 0xDD);
                        assertThat((jpeg[dri + 4] & 0xFF) << 8 | (jpeg[dri + 5] & 0xFF)).isEqualTo(restart);
                    }
                    codings.add(new Coded(s[0] + "x" + s[1] + " restart " + restart + (optimized ? " optimized" : ""),
                            jpeg));
                }
            }
        }
        BufferedImage large = ImageFixtures.photoLike(640, 480, 9);
        // quality 1: values of up to 11 bits, codes longer than the decoder's lookahead, many FF 00 pairs
        codings.add(new Coded("quality 1", ImageFixtures.jpegCoded(large, 1.0f, 2, 2, 0, false)));
        codings.add(new Coded("quality 1 optimized", ImageFixtures.jpegCoded(large, 1.0f, 2, 2, 0, true)));
        // quality 0.2: long runs of zeros, so sixteen-zero codes and early ends of block
        codings.add(new Coded("quality 0.2", ImageFixtures.jpegCoded(large, 0.2f, 2, 2, 0, false)));
        BufferedImage grey = new BufferedImage(333, 251, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        codings.add(new Coded("grey", ImageFixtures.jpegCoded(grey, 0.9f, 1, 1, 0, false)));
        codings.add(new Coded("grey restart 3", ImageFixtures.jpegCoded(grey, 0.9f, 1, 1, 3, false)));

        for (Coded coded : codings) {
            HeaderProbe.Header header = header(coded.jpeg());
            for (int scale : new int[] {8, 4, 1}) {
                int width = TurboJpeg.scaledSide(header.width(), scale);
                int height = TurboJpeg.scaledSide(header.height(), scale);
                // at the decoded size the resampler keeps every pixel: the decodes themselves are compared
                Outcome own = decode(coded.jpeg(), header, scale, width, height, false);
                Outcome libjpeg = decode(coded.jpeg(), header, scale, width, height, true);
                assertThat(own.refused()).as(coded.name()).isNull();
                assertThat(libjpeg.refused()).as(coded.name()).isNull();
                assertThat(own.pixels()).as("%s at %d/8", coded.name(), scale).isEqualTo(libjpeg.pixels());
            }
        }
    }

    @Test
    void refuses_every_damaged_scan_libjpeg_refuses_and_decodes_the_rest_alike() throws Exception {
        TurboJpegTest.assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        Random random = new Random(20261202L);
        for (int restart : new int[] {0, 4}) {
            byte[] jpeg = ImageFixtures.jpegCoded(ImageFixtures.photoLike(320, 240, 3), 0.9f, 2, 2, restart, false);
            HeaderProbe.Header header = header(jpeg);
            int data = scanData(jpeg);
            int end = jpeg.length - 2; // the EOI
            int same = 0;
            int bothRefused = 0;
            int stricter = 0;
            for (int i = 0; i < 150; i++) {
                byte[] damaged;
                if (i % 5 == 4) {
                    damaged = Arrays.copyOf(jpeg, data + random.nextInt(end - data));
                } else {
                    damaged = jpeg.clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; ) {
                        int at = data + random.nextInt(end - data);
                        int flipped = damaged[at] & 0xFF ^ 1 << random.nextInt(8);
                        // bytes that are, follow or become FF are markers and stuffing: mutated below on purpose
                        if ((damaged[at] & 0xFF) != 0xFF && (damaged[at - 1] & 0xFF) != 0xFF && flipped != 0xFF) {
                            damaged[at] = (byte) flipped;
                            flips--;
                        }
                    }
                }
                Outcome own = decode(damaged, header, 4, 160, 120, false);
                Outcome libjpeg = decode(damaged, header, 4, 160, 120, true);
                if (libjpeg.refused() != null) {
                    assertThat(own.refused()).as("input %d, libjpeg: %s", i, libjpeg.refused()).isNotNull();
                    bothRefused++;
                } else if (own.refused() != null) {
                    // a code no table has: libjpeg-turbo 2.1's fast path reads it as symbol 0 and paints on; its
                    // careful path, which it takes for every MCU of a file with restart markers, refuses it too
                    assertThat(restart).as("input %d: %s", i, own.refused()).isZero();
                    assertThat(own.refused()).contains("corrupt");
                    stricter++;
                } else {
                    assertThat(own.pixels()).as("input %d", i).isEqualTo(libjpeg.pixels());
                    same++;
                }
            }
            System.out.printf("entropy decoder, restart interval %d: 150 damaged scans, %d decoded alike, %d refused"
                    + " by both, %d refused only here (bad Huffman codes)%n", restart, same, bothRefused, stricter);
            assertThat(same).as("some damage leaves a scan that still decodes").isPositive();
            assertThat(bothRefused).as("some damage is refused").isPositive();
        }
    }

    @Test
    void refuses_a_scan_cut_short_wherever_its_last_mcu_crosses_the_copy_of_the_data() throws Exception {
        TurboJpegTest.assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        // Hand-coded grey scans of 16 bits a coefficient whose last 100 bytes are cut off (the EOI kept), so the
        // decoder reads into the zeros after the data: libjpeg refuses every one (premature end of data). The data
        // is a little longer than the 16 KB the decoder copies at a time, and the first block's length moves where
        // the cut falls against that copy; once, a scan that ran past its data across the copy's move went
        // unnoticed. The same with a restart marker after the cut interval.
        for (boolean restart : new boolean[] {false, true}) {
            HeaderProbe.Header header = null;
            for (int first = 30; first <= 63; first++) {
                byte[] whole = handCodedGreyJpeg(130, first, 0, restart);
                byte[] cut = handCodedGreyJpeg(130, first, 100, restart);
                header = header == null ? header(whole) : header;
                int width = header.width();
                Outcome own = decode(whole, header, 8, width, 8, false);
                assertThat(own.refused()).as("whole, first block %d", first).isNull();
                assertThat(own.pixels()).isEqualTo(decode(whole, header, 8, width, 8, true).pixels());
                Outcome ownCut = decode(cut, header, 8, width, 8, false);
                Outcome libjpegCut = decode(cut, header, 8, width, 8, true);
                assertThat(libjpegCut.refused()).as("libjpeg, cut, first block %d", first).isNotNull();
                assertThat(ownCut.refused()).as("restart %s, cut, first block %d", restart, first)
                        .contains("corrupt");
            }
        }
    }

    @Test
    void refuses_a_code_that_no_huffman_table_has() throws Exception {
        TurboJpegTest.assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        byte[] jpeg = ImageFixtures.jpegCoded(ImageFixtures.photoLike(320, 240, 4), 0.9f, 2, 2, 0, false);
        HeaderProbe.Header header = header(jpeg);
        int data = scanData(jpeg);
        // sixteen 1 bits where the first DC code starts: the standard DC table's longest code has 9 bits, and
        // no code is all ones
        byte[] bad = jpeg.clone();
        bad[data] = (byte) 0xFF;
        bad[data + 1] = 0;
        bad[data + 2] = (byte) 0xFF;
        bad[data + 3] = 0;
        assertThatThrownBy(() -> TurboJpeg.decodeResized(bad, header, 4, 160, 120, false))
                .isInstanceOf(ImageRejectedException.class).hasMessageContaining("corrupt");
    }

    @Test
    void reads_fill_bytes_before_a_stuffed_zero_as_libjpegs_own_reader_does() throws Exception {
        TurboJpegTest.assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        // FF FF 00 in a scan: libjpeg's byte reader skips the first FF as fill before a marker, then reads FF 00 as a
        // data byte of FF. (Its fast path takes the FF FF for a marker, backs out and redoes the MCU, but leaves what
        // it decoded meanwhile in the blocks, so its own pixels for such a file differ from that reading.)
        byte[] jpeg = ImageFixtures.jpegCoded(ImageFixtures.photoLike(320, 240, 6), 1.0f, 2, 2, 0, false);
        HeaderProbe.Header header = header(jpeg);
        int data = scanData(jpeg);
        int stuffed = data;
        while (!((jpeg[stuffed] & 0xFF) == 0xFF && jpeg[stuffed + 1] == 0)) {
            stuffed++;
        }
        byte[] filled = new byte[jpeg.length + 1];
        System.arraycopy(jpeg, 0, filled, 0, stuffed);
        filled[stuffed] = (byte) 0xFF;
        System.arraycopy(jpeg, stuffed, filled, stuffed + 1, jpeg.length - stuffed);
        Outcome own = decode(filled, header, 8, 320, 240, false);
        Outcome libjpeg = decode(jpeg, header, 8, 320, 240, true);
        assertThat(own.refused()).isNull();
        assertThat(own.pixels()).isEqualTo(libjpeg.pixels());
    }

    private HeaderProbe.Header header(byte[] jpeg) throws IOException, ImageRejectedException {
        Path file = Files.write(Files.createTempFile(dir, "coded", ".jpg"), jpeg);
        return HeaderProbe.probe(ImageFormat.JPEG, file, 100_000_000L);
    }

    private static Outcome decode(byte[] jpeg, HeaderProbe.Header header, int scale, int width, int height,
                                  boolean libjpegEntropy) throws IOException {
        try {
            BufferedImage image = TurboJpeg.decodeResized(jpeg, header, scale, width, height, libjpegEntropy)
                    .orElseThrow();
            return new Outcome(image.getRGB(0, 0, width, height, null, 0, width), null);
        } catch (ImageRejectedException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /**
     * A grey baseline JPEG of {@code blocks} 8x8 blocks in a row with tables of its own: DC code 0 (difference 0),
     * AC code 0 for a coefficient of 15 value bits and 10 for end-of-block, so every coefficient costs 16 bits. The
     * first block has {@code first} coefficients, the others 63. {@code cut} bytes are dropped from the end of the
     * (first) interval's data; with {@code restart} a second interval like the first follows an RST0.
     */
    private static byte[] handCodedGreyJpeg(int blocks, int first, int cut, boolean restart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        byte[] quant = new byte[65];
        Arrays.fill(quant, 1, 65, (byte) 1);
        segment(out, 0xDB, quant);
        int width = 8 * blocks * (restart ? 2 : 1);
        segment(out, 0xC0, new byte[] {8, 0, 8, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0});
        byte[] dc = new byte[17 + 1];
        dc[1] = 1; // one code of length 1: symbol 0
        segment(out, 0xC4, dc);
        byte[] ac = new byte[17 + 2];
        ac[0] = 0x10;
        ac[1] = 1; // one code of length 1 and one of length 2: 0x0F (size 15), then 0x00 (end of block)
        ac[2] = 1;
        ac[17] = 0x0F;
        segment(out, 0xC4, ac);
        if (restart) {
            segment(out, 0xDD, new byte[] {(byte) (blocks >> 8), (byte) blocks});
        }
        segment(out, 0xDA, new byte[] {1, 1, 0x00, 0, 63, 0});
        byte[] interval = handCodedInterval(blocks, first);
        out.write(interval, 0, interval.length - cut);
        if (restart) {
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD0});
            out.writeBytes(handCodedInterval(blocks, first));
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    private static byte[] handCodedInterval(int blocks, int first) {
        BitSet bits = new BitSet();
        int n = 0;
        for (int b = 0; b < blocks; b++) {
            n++; // DC: code 0
            int coefficients = b == 0 ? first : 63;
            for (int k = 0; k < coefficients; k++) {
                n++; // AC code 0, then 15 value bits 010101010101010: no two 1s in a row, so never an FF byte
                for (int v = 0; v < 15; v++) {
                    bits.set(n++, v % 2 == 1);
                }
            }
            if (coefficients < 63) {
                bits.set(n++); // end of block: 10
                n++;
            }
        }
        while (n % 8 != 0) {
            bits.set(n++); // padding: 1 bits
        }
        byte[] data = new byte[n / 8];
        for (int i = 0; i < n; i++) {
            if (bits.get(i)) {
                data[i / 8] |= (byte) (0x80 >> (i % 8));
            }
        }
        return data;
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((body.length + 2) >> 8),
                (byte) (body.length + 2)});
        out.writeBytes(body);
    }

    /** Where the first scan's entropy-coded data starts: past the SOS segment. */
    private static int scanData(byte[] jpeg) {
        int sos = ImageFixtures.findMarker(jpeg, 0xDA);
        return sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF));
    }
}
