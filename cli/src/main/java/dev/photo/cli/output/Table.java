package dev.photo.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Rows of columns, printed for people or for scripts.
 * <ul>
 *   <li>For people ({@link Layout#table}): aligned columns separated by two spaces, a header, empty values shown as
 *       {@code -}, numbers right-aligned, sizes in binary units. Given a width (the terminal's), the widest
 *       free-text columns (names, albums) are shortened with {@code ...} until the table fits; ids, numbers and
 *       times never are. Colour only where the layout allows it.</li>
 *   <li>For scripts ({@link Layout#PLAIN}): one record per line, fields separated by a tab, no header, no colour,
 *       nothing shortened, empty values empty, sizes in bytes, columns in the order they were declared, for
 *       {@code cut -f} and {@code awk -F'\t'}.</li>
 * </ul>
 * Control characters in values (a tab or a newline in a file name) become {@code ?} in both, so that a value can
 * never break a line or a column.
 */
public final class Table {

    /** What a shortened cell ends with. ASCII, so that it survives any terminal's character set. */
    static final String ELLIPSIS = "...";
    /** A shortened column keeps at least this many characters (or its header's, if longer). */
    static final int MIN_SHRUNK = 8;

    private static final String SEPARATOR = "  ";

    /**
     * How to print: {@code plain} for scripts; otherwise the terminal's {@code width} (0: no limit) and whether
     * colour may be used.
     */
    public record Layout(boolean plain, int width, boolean colour) {

        /** Tab-separated records for scripts. */
        public static final Layout PLAIN = new Layout(true, 0, false);
        /** Aligned columns, no width limit, no colour: for a pipe or a file. */
        public static final Layout UNLIMITED = new Layout(false, 0, false);

        public static Layout table(int width, boolean colour) {
            return new Layout(false, Math.max(0, width), colour);
        }
    }

    /** A size in bytes: human units in a table, the plain number for scripts. */
    public record Bytes(long value) {
        @Override
        public String toString() {
            return Sizes.human(value);
        }
    }

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final boolean[] shrinkable;
    private final List<Function<String, String>> colours;
    private final List<List<Object>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
        this.rightAligned = new boolean[headers.size()];
        this.shrinkable = new boolean[headers.size()];
        this.colours = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            colours.add(null);
        }
    }

    public static Table withColumns(String... headers) {
        return new Table(List.of(headers));
    }

    /** A size cell: {@code 2.0 KiB} in a table, {@code 2048} in plain output; {@code null} stays empty. */
    public static Bytes bytes(Long value) {
        return value == null ? null : new Bytes(value);
    }

    /** Right-aligns the named column (sizes, counts). */
    public Table alignRight(String header) {
        rightAligned[index(header)] = true;
        return this;
    }

    /** Lets the named free-text columns (names, albums, reasons) be shortened to fit the width. */
    public Table shrinkable(String... names) {
        for (String header : names) {
            shrinkable[index(header)] = true;
        }
        return this;
    }

    /**
     * Colours the named column's values where the layout allows colour: {@code sgr} gives the ANSI SGR parameters
     * of a value ({@code "32"} for green), or {@code null} for none.
     */
    public Table colour(String header, Function<String, String> sgr) {
        colours.set(index(header), sgr);
        return this;
    }

    /** Green for READY, red for REJECTED or FAILED, yellow for PENDING: the colours of a photo's status. */
    public static String statusColour(String value) {
        String status = value.toUpperCase(Locale.ROOT);
        if (status.startsWith("READY")) {
            return "32";
        }
        if (status.startsWith("REJECTED") || status.startsWith("FAILED")) {
            return "31";
        }
        return status.startsWith("PENDING") ? "33" : null;
    }

    private int index(String header) {
        int index = headers.indexOf(header);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + header);
        }
        return index;
    }

    public Table row(Object... values) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " values, got " + values.length);
        }
        rows.add(Arrays.asList(values.clone()));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** For people, with no width limit and no colour. */
    public void print(PrintWriter out) {
        print(out, Layout.UNLIMITED);
    }

    public void print(PrintWriter out, Layout layout) {
        if (layout.plain()) {
            printPlain(out);
        } else {
            printTable(out, layout);
        }
        out.flush();
    }

    private void printPlain(PrintWriter out) {
        for (List<Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                Object value = row.get(i);
                Object raw = value instanceof Bytes b ? b.value() : value;
                line.append(clean(raw == null ? "" : raw.toString()));
            }
            out.println(line);
        }
    }

    private void printTable(PrintWriter out, Layout layout) {
        List<List<String>> cells = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<String> texts = new ArrayList<>(row.size());
            for (Object value : row) {
                String text = value == null ? "" : clean(value.toString());
                texts.add(text.isEmpty() ? "-" : text);
            }
            cells.add(texts);
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        if (layout.width() > 0) {
            fit(widths, layout.width());
        }
        printRow(out, headers, widths, null);
        for (List<String> row : cells) {
            printRow(out, row, widths, layout.colour() ? colours : null);
        }
    }

    /** Narrows the widest shrinkable column, one character at a time, until the table fits {@code width}. */
    private void fit(int[] widths, int width) {
        int total = SEPARATOR.length() * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (shrinkable[i] && widths[i] > Math.max(MIN_SHRUNK, headers.get(i).length())
                        && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                // nothing left to shorten: ids and numbers are worth more than a tidy terminal
                return;
            }
            widths[widest]--;
            total--;
        }
    }

    private void printRow(PrintWriter out, List<String> cells, int[] widths, List<Function<String, String>> sgr) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = shorten(cells.get(i), widths[i]);
            boolean last = i == cells.size() - 1;
            if (i > 0) {
                line.append(SEPARATOR);
            }
            String padding = " ".repeat(widths[i] - cell.length());
            String shown = coloured(cell, sgr == null ? null : sgr.get(i));
            if (rightAligned[i]) {
                line.append(padding).append(shown);
            } else {
                line.append(shown);
                if (!last) {
                    line.append(padding);
                }
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static String shorten(String cell, int width) {
        if (cell.length() <= width) {
            return cell;
        }
        return cell.substring(0, Math.max(0, width - ELLIPSIS.length())) + ELLIPSIS;
    }

    private static String coloured(String cell, Function<String, String> sgr) {
        String code = sgr == null ? null : sgr.apply(cell);
        return code == null ? cell : "\u001b[" + code + "m" + cell + "\u001b[0m";
    }

    private static String clean(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return "Table" + Arrays.toString(headers.toArray()) + " with " + rows.size() + " rows";
    }
}
