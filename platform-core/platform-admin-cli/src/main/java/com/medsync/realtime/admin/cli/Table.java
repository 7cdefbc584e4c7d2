package com.medsync.realtime.admin.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header row, columns two spaces apart, no trailing blanks, so it reads well in a
 * terminal and still cuts cleanly with {@code awk}.
 */
final class Table {

    /** A cell that shows as nothing, where {@code null} would show as {@code -}. */
    static final Object BLANK = new Object();

    private static final String GAP = "  ";
    private static final String ABSENT = "-";

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();
    /** The column widths of the last rendering; {@code null} before. */
    private int[] widths;

    private Table(List<String> headers) {
        this.headers = headers;
        this.rightAligned = new boolean[headers.size()];
    }

    static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Aligns the given columns (numbers, usually) to the right. */
    Table alignRight(int... columns) {
        for (int column : columns) {
            rightAligned[column] = true;
        }
        return this;
    }

    /** @param cells one per column; {@code null} or blank shows as {@code -} */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(Table::cell).toList());
        return this;
    }

    /** @return the lines, each ending with a newline */
    String render() {
        return render(true, new int[headers.size()]);
    }

    /**
     * The rows without the header, each column as wide as it was in {@code earlier} at least: the next page of a
     * listing printed page by page under the first page's header, whose columns stay where they were unless a
     * value is wider.
     *
     * @param earlier the table of the previous page, already rendered
     */
    String renderAfter(Table earlier) {
        if (earlier.widths == null || earlier.widths.length != headers.size()) {
            throw new IllegalArgumentException("the earlier table has other columns or was not rendered");
        }
        return render(false, earlier.widths.clone());
    }

    private String render(boolean withHeader, int[] widths) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        this.widths = widths;
        StringBuilder out = new StringBuilder();
        for (List<String> row : withHeader ? all : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String padding = " ".repeat(widths[i] - width(row.get(i)));
                line.append(i == 0 ? "" : GAP);
                line.append(rightAligned[i] ? padding + row.get(i) : row.get(i) + padding);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == BLANK) {
            return "";
        }
        String text = value == null ? "" : clean(value.toString());
        return text.isEmpty() ? ABSENT : text;
    }

    /**
     * Text from the server made safe for a terminal: a newline would break the rows, an escape sequence would
     * drive the terminal. Control characters become spaces.
     */
    static String clean(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString().strip();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
