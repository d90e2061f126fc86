package dev.photo.cli.output;

/** How results are printed on stdout. */
public enum OutputFormat {
    /** Aligned columns for people, fitted to the terminal's width. */
    table,
    /** One pretty-printed JSON document with the API's field names, for {@code jq} and scripts. */
    json,
    /**
     * One record per line, tab-separated, no header, no colour, nothing shortened, sizes in bytes, columns in a
     * stable order: for {@code cut}, {@code awk} and {@code while read}.
     */
    plain
}
