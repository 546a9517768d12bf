package dev.limitlab.report;

import java.util.ArrayList;
import java.util.List;

/** A {@link Table} as aligned plain text for the terminal: numbers to the right, words to the left. */
public final class TextTable {
    private TextTable() {
    }

    public static List<String> render(Table table, String indent) {
        int[] widths = new int[table.headers().size()];
        List<List<String>> all = new ArrayList<>();
        all.add(table.headers());
        all.addAll(table.rows());
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(table.numeric().get(i) ? pad + cell : cell + pad);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
