package io.groupkit.telegram.internal;

import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A table of TL constructors, and the reader that follows it: for answers whose wanted parts lie
 * behind objects with hundreds of variants (the chats of {@code messages.getDialogs} come after
 * every dialog's last message). Each object is read whole into a {@link TlObject}; a constructor
 * the table does not list is an error, never a guess. The table is written by
 * {@code dev/tl/TlClosure.java} from Telegram's published schema.
 */
final class TlSchema {
    private static final Pattern CONDITION = Pattern.compile("^(\\w+)\\.(\\d+)\\?(.+)$");
    private static final Pattern VECTOR = Pattern.compile("^[Vv]ector<(.+)>$");
    private static final Set<String> PRIMITIVES = Set.of("#", "int", "long", "double", "string", "bytes", "true",
            "Bool", "int128", "int256");
    private static final int BOOL_TRUE = 0x997275b5;
    private static final int BOOL_FALSE = 0xbc799737;
    /** Deeper than any answer nests (a web page's blocks may nest): beyond it, a hostile answer. */
    private static final int MAX_DEPTH = 40;

    /** A field's type: a primitive, a vector, or a boxed type whose constructor comes first. */
    sealed interface Type {
    }

    record Primitive(String name) implements Type {
    }

    record Vector(Type element) implements Type {
    }

    record Boxed(String name) implements Type {
    }

    /** A field, present only when bit {@code bit} of the field {@code flags} is set, if {@code flags} is not null. */
    record Field(String name, @Nullable String flags, int bit, Type type) {
    }

    record Constructor(int id, String type, String name, List<Field> fields) {
    }

    /**
     * An object as read: its constructor's name and its fields by name (absent optional fields
     * are missing; {@code true} flags are {@code Boolean.TRUE}). The readers below are for fields
     * the object has: one it lacks is a {@link NullPointerException} naming it (an answer that is
     * not as expected; check an optional field with {@link #has} first).
     *
     * @param name the constructor, such as {@code channel}
     * @param fields the values: Integer, Long, Double, String, byte[], Boolean, List, TlObject
     */
    record TlObject(String name, Map<String, Object> fields) {
        Object get(String field) {
            return Objects.requireNonNull(fields.get(field), () -> name + " has no field " + field);
        }

        TlObject object(String field) {
            return (TlObject) get(field);
        }

        long int64(String field) {
            return (Long) get(field);
        }

        int int32(String field) {
            return (Integer) get(field);
        }

        boolean has(String field) {
            return fields.containsKey(field);
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String field) {
            return (List<Object>) get(field);
        }
    }

    private final Map<Integer, Constructor> byId = new HashMap<>();

    /** The constructors, for a writer in the tests. */
    java.util.Collection<Constructor> constructors() {
        return byId.values();
    }

    private TlSchema(List<Constructor> constructors) {
        constructors.forEach(c -> byId.put(c.id(), c));
    }

    /**
     * A table from a resource of this package.
     *
     * @param resource the file name
     * @return the table
     */
    static TlSchema load(String resource) {
        try (InputStream in = TlSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the TL table " + resource + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TL table " + resource, e);
        }
    }

    static TlSchema parse(String table) {
        List<Constructor> all = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.isBlank() || line.startsWith("//")) {
                continue;
            }
            String[] parts = line.strip().split(" ");
            List<Field> fields = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                String name = parts[i].substring(0, colon);
                String type = parts[i].substring(colon + 1);
                Matcher c = CONDITION.matcher(type);
                fields.add(c.matches() ? new Field(name, c.group(1), Integer.parseInt(c.group(2)), type(c.group(3)))
                        : new Field(name, null, 0, type(type)));
            }
            all.add(new Constructor(Integer.parseUnsignedInt(parts[0], 16), parts[1], parts[2], List.copyOf(fields)));
        }
        return new TlSchema(all);
    }

    private static Type type(String text) {
        Matcher v = VECTOR.matcher(text);
        if (v.matches()) {
            return new Vector(type(v.group(1)));
        }
        return PRIMITIVES.contains(text) ? new Primitive(text) : new Boxed(text);
    }

    /**
     * Reads one object of a boxed type.
     *
     * @param r the reader, at the object's constructor id
     * @param type the type expected, such as {@code Message}
     * @return the object
     * @throws TlException if the constructor is not one of that type in the table, or the bytes end early
     */
    TlObject object(TlReader r, String type) throws TlException {
        return object(r, type, 0);
    }

    /**
     * Reads a vector of objects of a boxed type.
     *
     * @param r the reader, at the vector's header
     * @param type the element type
     * @return the objects
     * @throws TlException as {@link #object}
     */
    List<TlObject> objects(TlReader r, String type) throws TlException {
        int n = r.vectorHeader(4);
        List<TlObject> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(object(r, type, 0));
        }
        return out;
    }

    private TlObject object(TlReader r, String type, int depth) throws TlException {
        if (depth > MAX_DEPTH) {
            throw new TlException("expected objects nested at most " + MAX_DEPTH + " deep");
        }
        int id = r.int32();
        Constructor c = byId.get(id);
        if (c == null || !c.type().equals(type)) {
            throw new TlException("expected a " + type + ", got constructor " + Integer.toHexString(id)
                    + (c == null ? "" : " (" + c.name() + ")"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            if (f.flags() != null) {
                Object flags = values.get(f.flags());
                if (!(flags instanceof Integer bits) || (bits & (1 << f.bit())) == 0) {
                    continue;
                }
            }
            values.put(f.name(), value(r, f.type(), depth));
        }
        return new TlObject(c.name(), values);
    }

    private Object value(TlReader r, Type t, int depth) throws TlException {
        if (t instanceof Vector v) {
            int n = r.vectorHeader(4);
            List<Object> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(value(r, v.element(), depth + 1));
            }
            return items;
        }
        if (t instanceof Boxed b) {
            return object(r, b.name(), depth + 1);
        }
        return switch (((Primitive) t).name()) {
            case "#", "int" -> r.int32();
            case "long" -> r.int64();
            case "double" -> Double.longBitsToDouble(r.int64());
            case "string" -> r.string();
            case "bytes" -> r.bytes();
            case "true" -> Boolean.TRUE;
            case "int128" -> r.raw(16);
            case "int256" -> r.raw(32);
            default -> bool(r);
        };
    }

    private static Boolean bool(TlReader r) throws TlException {
        int id = r.int32();
        if (id == BOOL_TRUE || id == BOOL_FALSE) {
            return id == BOOL_TRUE;
        }
        throw new TlException("expected boolTrue or boolFalse, got constructor " + Integer.toHexString(id));
    }
}
