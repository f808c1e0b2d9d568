package io.groupkit.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A credentials file as people write them for shells and dotenv tools: {@code KEY=value} lines,
 * {@code #} comments and blank lines skipped, an optional {@code export} in front, and values in
 * double or single quotes. A line that is none of these is named by its number (never its text,
 * which may hold a secret).
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static Map<String, String> parse(String name, List<String> lines) throws Usage {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new Usage(name + " line " + (i + 1) + ": expected KEY=value (optionally after 'export')");
            }
            values.put(key, value(name, i + 1, line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String value(String name, int line, String raw) throws Usage {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            char quote = raw.charAt(0);
            int end = raw.indexOf(quote, 1);
            if (end < 0 || !raw.substring(end + 1).isBlank() && !raw.substring(end + 1).strip().startsWith("#")) {
                throw new Usage(name + " line " + line + ": the value's " + (quote == '"' ? "double" : "single")
                        + " quote is not closed at the end of the line");
            }
            return raw.substring(1, end);
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
