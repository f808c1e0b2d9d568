package io.groupkit.examples.cli;

import io.groupkit.core.Member;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * People for a bulk add: a CSV file whose first column is a person; blank lines and lines starting
 * with {@code #} are skipped, and so is a header row. Every line is checked before anything is
 * sent, so a typo on line 900 does not leave 899 people added and the rest unknown.
 */
final class PeopleFile {
    private static final int ERRORS_SHOWN = 10;

    /**
     * One person and the line they came from.
     *
     * @param line the line number, from 1
     * @param member the person
     */
    record Row(int line, Member member) {
    }

    private PeopleFile() {
    }

    static List<Row> read(Path file, Target target, @org.jspecify.annotations.Nullable String region) throws Usage {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Usage("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new Usage(file + " is not UTF-8 text: save the CSV as UTF-8");
        } catch (IOException e) {
            throw new Usage("cannot read " + file + ": " + e.getMessage());
        }
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 ? lines.get(i).replace("\uFEFF", "") : lines.get(i);
            String cell = firstCell(line);
            if (cell.isEmpty() || cell.startsWith("#")) {
                continue;
            }
            if (first && cell.matches("[A-Za-z _-]+") && !cell.matches("[0-9]+")) {
                first = false;
                continue; // a header such as "phone" or "user_id"
            }
            first = false;
            try {
                rows.add(new Row(i + 1, target.person(cell, region)));
            } catch (Usage u) {
                errors.add("line " + (i + 1) + ": " + u.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder(file + " has " + errors.size() + " line(s) that are not a person;"
                    + " nothing was sent:");
            errors.stream().limit(ERRORS_SHOWN).forEach(e -> message.append("\n  ").append(e));
            if (errors.size() > ERRORS_SHOWN) {
                message.append("\n  ... and ").append(errors.size() - ERRORS_SHOWN).append(" more");
            }
            throw new Usage(message.toString());
        }
        if (rows.isEmpty()) {
            throw new Usage(file + " has no people in it: one person per line, in the first column");
        }
        return rows;
    }

    private static String firstCell(String line) {
        String cell = line.split("[,;\t]", 2)[0].strip();
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            cell = cell.substring(1, cell.length() - 1).strip();
        }
        return cell;
    }
}
