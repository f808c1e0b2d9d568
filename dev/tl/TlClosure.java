import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the constructors a TL answer type can contain, one per line: {@code id Type name
 * field:type ...}. GroupKit reads Telegram answers it cannot read field by field (the dialogs of
 * {@code messages.getDialogs}) with such a table; run this when the adapter moves to a new layer:
 *
 * <pre>java dev/tl/TlClosure.java telegram_api.tl 228 messages.Dialogs messages.PeerDialogs \
 *     > sdk-telegram/src/main/resources/io/groupkit/telegram/internal/layer228-dialogs.tl</pre>
 *
 * The schema is Telegram's published one (core.telegram.org/schema, tdlib's telegram_api.tl).
 */
public final class TlClosure {
    private static final Pattern LINE = Pattern.compile("^([\\w.]+)#([0-9a-f]+)\\s+(.*?)\\s*=\\s*([\\w.<>]+);$");
    private static final Set<String> PRIMITIVES = Set.of("#", "int", "long", "double", "string", "bytes", "true",
            "Bool", "int128", "int256");

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        boolean functions = false;
        for (String raw : Files.readAllLines(Path.of(args[0]))) {
            String line = raw.strip();
            if (line.startsWith("---functions---") || line.startsWith("---types---")) {
                functions = line.startsWith("---functions---");
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (functions || !m.matches()) {
                continue;
            }
            StringBuilder out = new StringBuilder(String.format("%8s", m.group(2)).replace(' ', '0'))
                    .append(' ').append(m.group(4)).append(' ').append(m.group(1));
            for (String field : m.group(3).split("\\s+")) {
                if (!field.isEmpty() && !field.startsWith("{")) {
                    out.append(' ').append(field);
                }
            }
            byType.computeIfAbsent(m.group(4), t -> new ArrayList<>()).add(out.toString());
        }
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(args).subList(2, args.length));
        while (!todo.isEmpty()) {
            String type = todo.pop();
            if (PRIMITIVES.contains(type) || !seen.add(type)) {
                continue;
            }
            List<String> ctors = byType.get(type);
            if (ctors == null) {
                throw new IllegalArgumentException("the schema has no constructor of type " + type);
            }
            for (String c : ctors) {
                String[] parts = c.split(" ");
                for (int i = 3; i < parts.length; i++) {
                    todo.push(element(parts[i].substring(parts[i].indexOf(':') + 1)));
                }
            }
        }
        System.out.println("// Telegram API layer " + args[1] + ": the constructors of " + String.join(", ",
                List.of(args).subList(2, args.length)) + " and every type they hold (dev/tl/TlClosure.java)");
        for (String type : seen) {
            byType.get(type).forEach(System.out::println);
        }
    }

    private static String element(String type) {
        String t = type.substring(type.indexOf('?') + 1);
        Matcher v = Pattern.compile("^[Vv]ector<(.+)>$").matcher(t);
        return v.matches() ? element(v.group(1)) : t;
    }
}
