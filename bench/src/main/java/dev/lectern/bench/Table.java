package dev.lectern.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One result table of a benchmark: printed as aligned text at the end of a run and written as a
 * Markdown table into {@code docs/benchmarks.md}. Notes say how a figure was measured.
 */
final class Table {
    final String title;
    final List<String> headers;
    final List<List<String>> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        while (row.size() < headers.size()) {
            row.add("");
        }
        rows.add(row);
        return this;
    }

    Table note(String text) {
        notes.add(text);
        return this;
    }

    String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        out.append("---|".repeat(headers.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        for (String note : notes) {
            out.append("\n").append(note).append('\n');
        }
        return out.append('\n').toString();
    }

    String text() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder("== ").append(title).append(" ==\n");
        appendLine(out, headers, widths);
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        for (String note : notes) {
            out.append("  * ").append(note).append('\n');
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            out.append(String.format("%-" + widths[i] + "s", cells.get(i)));
            out.append(i + 1 < widths.length ? "  " : "\n");
        }
    }
}
