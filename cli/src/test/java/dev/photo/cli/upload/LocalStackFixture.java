package dev.photo.cli.upload;

import dev.photo.contract.PhotoInfo;
import dev.photo.cli.LocalStackCli;
import dev.photo.cli.backend.Session;
import dev.photo.cli.config.Profile;
import dev.photo.local.LocalStack;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers around a real local stack: sessions on it, uploads through the engine, and photos of any size. */
final class LocalStackFixture {

    private LocalStackFixture() {
    }

    /** A session of the {@code local} profile on {@code stack}, logging in as its admin. */
    static Session session(LocalStack stack, Path configDir) {
        return Session.open(LocalStackCli.context(stack, configDir), new Profile(Profile.LOCAL, null), stack.dataDir(),
                new PrintWriter(new StringWriter()));
    }

    /** Runs the engine once on {@code stack}, keeping its cache and journal in {@code stateDir}. */
    static UploadReport upload(LocalStack stack, Path configDir, Path stateDir, TransferSettings settings,
                               UploadListener listener, List<LocalFile> files) throws Exception {
        try (Session session = session(stack, configDir);
             UploadState state = UploadState.open(stateDir)) {
            return new Uploader(session.api(), session.transfer(), settings, state, listener, null).upload(files);
        }
    }

    /** The only photo of {@code album} once the stack has been idle within {@code timeout}: it must be READY. */
    static PhotoInfo readyPhoto(LocalStack stack, Path configDir, String album, Duration timeout) throws Exception {
        assertThat(stack.awaitIdle(timeout)).isTrue();
        try (Session session = session(stack, configDir)) {
            List<PhotoInfo> listed = session.api().listPhotos(album, 10, null).photos();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).status()).as(listed.get(0).toString()).isEqualTo("READY");
            return listed.get(0);
        }
    }

    /**
     * A real JPEG padded with random bytes after its end marker to {@code size} bytes: decoders stop at the marker,
     * so the processor makes thumbnails of it, and checks the SHA-256 of every byte.
     */
    static Path paddedJpeg(Path file, long size, long seed) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (seed * 7919) & 0xffffff));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(jpeg.toByteArray());
            for (long left = size - jpeg.size(); left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }
}
