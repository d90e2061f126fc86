package dev.photo.cli.command;

/** Turns a file name from the server into one that is safe to create in the download folder. */
final class FileNames {

    private static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    /**
     * The last path segment of {@code name}, without control characters; {@code fallback} (the photo id) when
     * nothing usable is left, so that no server answer can write outside the folder.
     */
    static String safe(String name, String fallback) {
        String candidate = name == null ? "" : name;
        int slash = Math.max(candidate.lastIndexOf('/'), candidate.lastIndexOf('\\'));
        candidate = candidate.substring(slash + 1).replaceAll("\\p{Cntrl}", "").strip();
        // a drive-relative name such as C:x.jpg would leave the output folder on Windows
        candidate = candidate.replace(':', '_');
        if (candidate.chars().allMatch(c -> c == '.')) {
            candidate = fallback.replaceAll("[^A-Za-z0-9._-]", "_");
        }
        if (candidate.startsWith(".")) {
            // a download should not turn into a hidden file
            candidate = "_" + candidate.substring(1);
        }
        return candidate.length() > MAX_LENGTH ? candidate.substring(candidate.length() - MAX_LENGTH) : candidate;
    }

    /** {@code IMG_1.jpg} -> {@code IMG_1}. */
    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
