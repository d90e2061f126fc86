package dev.photo.backend.aws;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a user's file name (RFC 6266): an ASCII fallback with quotes and
 * backslashes replaced, plus the exact name percent-encoded in {@code filename*}.
 */
final class ContentDisposition {

    private ContentDisposition() {
    }

    static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xff;
            if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                    || "!#$&+-.^_`|~".indexOf(u) >= 0) {
                encoded.append((char) u);
            } else {
                encoded.append('%').append(String.format("%02X", u));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
