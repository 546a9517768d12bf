package dev.limitlab.report;

import java.util.List;

/**
 * A table as the reports show it: column titles, which columns hold numbers (aligned right), and rows of
 * already formatted cells. A cell may hold several lines.
 */
public record Table(List<String> headers, List<Boolean> numeric, List<List<String>> rows) {
    public Table {
        headers = List.copyOf(headers);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(List::copyOf).toList();
        int columns = headers.size();
        if (numeric.size() != columns || rows.stream().anyMatch(r -> r.size() != columns)) {
            throw new IllegalArgumentException("every row needs one cell per column");
        }
    }
}
