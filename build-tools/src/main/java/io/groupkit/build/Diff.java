package io.groupkit.build;

import java.util.ArrayList;
import java.util.List;

/** A line diff in the unified format, small and good enough for API files: common ends trimmed, then LCS. */
final class Diff {
    private Diff() {
    }

    static String unified(String before, String after, int context) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<String> middleA = a.subList(start, endA);
        List<String> middleB = b.subList(start, endB);
        int[][] lcs = new int[middleA.size() + 1][middleB.size() + 1];
        for (int i = middleA.size() - 1; i >= 0; i--) {
            for (int j = middleB.size() - 1; j >= 0; j--) {
                lcs[i][j] = middleA.get(i).equals(middleB.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Every line of both files, marked ' ', '-' or '+'.
        List<String> edits = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            edits.add(" " + a.get(i));
        }
        int i = 0;
        int j = 0;
        while (i < middleA.size() || j < middleB.size()) {
            if (i < middleA.size() && j < middleB.size() && middleA.get(i).equals(middleB.get(j))) {
                edits.add(" " + middleA.get(i++));
                j++;
            } else if (i < middleA.size() && (j == middleB.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add("-" + middleA.get(i++));
            } else {
                edits.add("+" + middleB.get(j++));
            }
        }
        for (int k = endA; k < a.size(); k++) {
            edits.add(" " + a.get(k));
        }
        StringBuilder out = new StringBuilder();
        int lastShown = -1;
        for (int k = 0; k < edits.size(); k++) {
            if (edits.get(k).charAt(0) == ' ') {
                continue;
            }
            int from = Math.max(lastShown + 1, k - context);
            if (from > lastShown + 1) {
                out.append("@@ ").append(heading(edits, from)).append('\n');
            }
            int to = k;
            while (to + 1 < edits.size()) {
                int next = to + 1;
                int nextChange = next;
                while (nextChange < edits.size() && edits.get(nextChange).charAt(0) == ' ') {
                    nextChange++;
                }
                if (nextChange < edits.size() && nextChange - to <= 2 * context + 1) {
                    to = nextChange;
                } else {
                    break;
                }
            }
            int end = Math.min(edits.size() - 1, to + context);
            for (int n = from; n <= end; n++) {
                out.append(edits.get(n)).append('\n');
            }
            lastShown = end;
            k = end;
        }
        return out.toString();
    }

    /** The type (an unindented line) the hunk starting at {@code from} is in, as git shows a function. */
    private static String heading(List<String> edits, int from) {
        for (int n = from; n >= 0; n--) {
            String line = edits.get(n).substring(1);
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#")) {
                return line.length() > 100 ? line.substring(0, 100) + "..." : line;
            }
        }
        return "";
    }

    private static List<String> lines(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
