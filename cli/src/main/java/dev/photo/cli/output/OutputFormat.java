package dev.photo.cli.output;

/** How results are printed on stdout. */
public enum OutputFormat {
    /** Aligned columns for people. */
    table,
    /** One pretty-printed JSON document with stable field names, for {@code jq} and scripts. */
    json
}
