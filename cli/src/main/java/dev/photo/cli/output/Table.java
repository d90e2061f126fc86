package dev.photo.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Aligned columns separated by two spaces; empty values shown as {@code -}; numbers right-aligned. */
public final class Table {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
        this.rightAligned = new boolean[headers.size()];
    }

    public static Table withColumns(String... headers) {
        return new Table(List.of(headers));
    }

    /** Right-aligns the named column (sizes, counts). */
    public Table alignRight(String header) {
        int index = headers.indexOf(header);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + header);
        }
        rightAligned[index] = true;
        return this;
    }

    public Table row(Object... values) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " values, got " + values.length);
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object value : values) {
            String text = value == null ? "" : value.toString();
            row.add(text.isEmpty() ? "-" : text.replaceAll("\\p{Cntrl}", "?"));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(out, headers, widths);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean last = i == cells.size() - 1;
            if (i > 0) {
                line.append("  ");
            }
            String padding = " ".repeat(widths[i] - cell.length());
            if (rightAligned[i]) {
                line.append(padding).append(cell);
            } else {
                line.append(cell);
                if (!last) {
                    line.append(padding);
                }
            }
        }
        out.println(line.toString().stripTrailing());
    }

    @Override
    public String toString() {
        return "Table" + Arrays.toString(headers.toArray()) + " with " + rows.size() + " rows";
    }
}
