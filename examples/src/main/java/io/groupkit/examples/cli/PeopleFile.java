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
 * sent, so a typo on line 900 does not leave 899 people added and the rest unknown. A line whose
 * first column is empty but which holds something else ({@code ,Anna}) is a rejected line, never
 * skipped in silence. Rejected lines stop the run unless it was asked to set them aside
 * ({@code --skip-invalid}).
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

    /**
     * A line that is not a person.
     *
     * @param line the line number, from 1
     * @param text the line as it is in the file (the user's own data: written to their rejects file only)
     * @param reason why, in words that never repeat a phone number
     */
    record Rejected(int line, String text, String reason) {
    }

    /**
     * What a file holds.
     *
     * @param rows the people, in file order
     * @param rejected the lines that are not a person
     */
    record Read(List<Row> rows, List<Rejected> rejected) {
    }

    private PeopleFile() {
    }

    /**
     * Reads every line: each is a person, a rejected line, or skipped (blank, a comment, the header).
     *
     * @param file the CSV file
     * @param target how the provider writes people
     * @param region where national numbers are written, or null
     * @return the people and the rejected lines
     * @throws Usage if the file cannot be read
     */
    static Read read(Path file, Target target, @org.jspecify.annotations.Nullable String region) throws Usage {
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
        List<Rejected> rejected = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 ? lines.get(i).replace("\uFEFF", "") : lines.get(i);
            String cell = firstCell(line);
            if (cell.startsWith("#") || line.replaceAll("[,;\t\"\\s]", "").isEmpty()) {
                continue; // a comment, or a blank line (separators and quotes alone count as blank)
            }
            if (cell.isEmpty()) {
                rejected.add(new Rejected(i + 1, lines.get(i), "empty person: the first column is empty"));
                first = false;
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
                // The SDK's messages never repeat a number; masked all the same, as this goes to output.
                rejected.add(new Rejected(i + 1, lines.get(i), io.groupkit.core.Redaction.maskDigitRuns(u.getMessage())));
            }
        }
        return new Read(List.copyOf(rows), List.copyOf(rejected));
    }

    /**
     * Whether a run may go on with what a file holds.
     *
     * @param file the file, for messages
     * @param read what it holds
     * @param skipInvalid whether rejected lines are set aside (else they refuse the whole file)
     * @throws Usage if it has rejected lines (unless set aside) or no people
     */
    static void check(Path file, Read read, boolean skipInvalid) throws Usage {
        List<Rejected> rejected = read.rejected();
        if (!rejected.isEmpty() && !skipInvalid) {
            StringBuilder message = new StringBuilder(file + " has " + rejected.size() + " line(s) that are not a person;"
                    + " nothing was sent:");
            rejected.stream().limit(ERRORS_SHOWN).forEach(r -> message.append("\n  line ").append(r.line()).append(": ")
                    .append(r.reason()));
            if (rejected.size() > ERRORS_SHOWN) {
                message.append("\n  ... and ").append(rejected.size() - ERRORS_SHOWN).append(" more");
            }
            if (read.rows().isEmpty()) {
                message.append("\nNo line of it is a person: fix the file (--rejects FILE writes these lines, with the"
                        + " reasons, to a CSV file).");
            } else {
                message.append("\nTo add the ").append(read.rows().size()).append(" other(s) and set these lines aside, run"
                        + " it again with --skip-invalid (and --rejects FILE to get them, with the reasons, in a CSV file to"
                        + " fix).");
            }
            throw new Usage(message.toString());
        }
        if (read.rows().isEmpty()) {
            throw new Usage(file + " has no people in it" + (rejected.isEmpty() ? "" : " (" + rejected.size()
                    + " line(s) rejected)") + ": one person per line, in the first column");
        }
    }

    /**
     * Writes the rejected lines as CSV ({@code line,text,reason}), readable by its owner only when it is new.
     *
     * @param file where
     * @param rejected the lines
     * @throws Usage if it cannot be written
     */
    static void writeRejects(Path file, List<Rejected> rejected) throws Usage {
        StringBuilder b = new StringBuilder("line,text,reason\n");
        for (Rejected r : rejected) {
            b.append(r.line()).append(',').append(csv(r.text())).append(',').append(csv(r.reason())).append('\n');
        }
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file); // not a POSIX file system
                }
            }
            Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Usage("cannot write the rejected lines to " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String firstCell(String line) {
        String cell = line.split("[,;\t]", 2)[0].strip();
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            cell = cell.substring(1, cell.length() - 1).strip();
        }
        return cell;
    }
}
