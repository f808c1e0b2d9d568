package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.telegram.internal.TlSchema.Constructor;
import io.groupkit.telegram.internal.TlSchema.Field;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The layer-228 table and its reader: every constructor reads back what was written, and nothing is guessed. */
class TlSchemaTest {
    private static final TlSchema TABLE = TlSchema.load("layer228-dialogs.tl");

    @Test
    void theTableHoldsTheDialogsClosureOfLayer228() {
        Map<Integer, Constructor> byId = TABLE.constructors().stream().collect(Collectors.toMap(Constructor::id, c -> c));
        assertEquals(497, byId.size(), "messages.Dialogs, messages.PeerDialogs and the types they hold");
        // Spot checks against the published schema, each by hand.
        assertEquals("message", byId.get(0x7600b9d3).name());
        assertEquals("channel", byId.get(0xd49f34c6).name());
        assertEquals("messages.dialogsSlice", byId.get(0x71e094f3).name());
        assertEquals("user", byId.get(0xb1b8cc83).name());
        Constructor chat = byId.get(0x41cbf256);
        assertEquals(List.of("flags", "creator", "left", "deactivated", "call_active", "call_not_empty", "noforwards", "id",
                "title", "photo", "participants_count", "date", "version", "migrated_to", "admin_rights",
                "default_banned_rights"), chat.fields().stream().map(Field::name).toList());
    }

    @Test
    void everyConstructorReadsBackWhatWasWritten() throws TlException {
        SplittableRandom random = new SplittableRandom(228);
        for (Constructor c : TABLE.constructors()) {
            for (int round = 0; round < 3; round++) {
                TlObject made = make(c, random, 0);
                byte[] bytes = write(new TlWriter(), made).toByteArray();
                TlReader r = new TlReader(bytes);
                TlObject read = TABLE.object(r, c.type());
                assertEquals(show(made), show(read), c.name());
                assertEquals(0, r.remaining(), () -> c.name() + " read to its end");
            }
        }
    }

    @Test
    void aConstructorOfAnotherTypeOrUnknownIsRefused() {
        byte[] user = new TlWriter().int32(0xd3bc4b7a).int64(1).toByteArray(); // userEmpty
        TlException wrongType = assertThrows(TlException.class, () -> TABLE.object(new TlReader(user), "Chat"));
        assertTrue(wrongType.getMessage().contains("expected a Chat"), wrongType.getMessage());
        byte[] unknown = new TlWriter().int32(0x0badf00d).toByteArray();
        assertThrows(TlException.class, () -> TABLE.object(new TlReader(unknown), "Message"));
        byte[] truncated = new TlWriter().int32(0x41cbf256).int32(0).int64(5).toByteArray(); // chat without a title
        assertThrows(TlException.class, () -> TABLE.object(new TlReader(truncated), "Chat"));
    }

    @Test
    void aHostileNestingEndsInAnErrorNotAStackOverflow() {
        TlWriter w = new TlWriter();
        for (int i = 0; i < 10_000; i++) {
            w.int32(0x39f23300); // pageBlockCover cover:PageBlock
        }
        TlException e = assertThrows(TlException.class, () -> TABLE.object(new TlReader(w.toByteArray()), "PageBlock"));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    // ---- a writer and random objects, from the same table ----

    private static Constructor pick(String type, SplittableRandom random, int depth) {
        List<Constructor> of = TABLE.constructors().stream().filter(c -> c.type().equals(type))
                .sorted(java.util.Comparator.comparingInt(c -> c.fields().size())).toList();
        // Deep down, the constructor with the fewest fields, so that recursive types end.
        return depth > 6 ? of.get(0) : of.get(random.nextInt(of.size()));
    }

    private static TlObject make(Constructor c, SplittableRandom random, int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Integer> flags = new LinkedHashMap<>();
        Map<String, Boolean> chosen = new java.util.HashMap<>();
        for (Field f : c.fields()) {
            if (f.type() instanceof TlSchema.Primitive p && p.name().equals("#")) {
                flags.put(f.name(), 0);
                values.put(f.name(), 0);
                continue;
            }
            if (f.flags() != null) {
                // Fields sharing a bit (views and forwards) are present together or not at all.
                boolean present = chosen.computeIfAbsent(f.flags() + "." + f.bit(), k -> depth <= 6 && random.nextBoolean());
                if (!present) {
                    continue;
                }
                flags.merge(f.flags(), 1 << f.bit(), (a, b) -> a | b);
                values.put(f.flags(), flags.get(f.flags()));
            }
            values.put(f.name(), value(f.type(), random, depth + 1));
        }
        return new TlObject(c.name(), values);
    }

    private static Object value(TlSchema.Type t, SplittableRandom random, int depth) {
        if (t instanceof TlSchema.Vector v) {
            List<Object> items = new ArrayList<>();
            for (int i = depth > 6 ? 0 : random.nextInt(3); i > 0; i--) {
                items.add(value(v.element(), random, depth + 1));
            }
            return items;
        }
        if (t instanceof TlSchema.Boxed b) {
            return make(pick(b.name(), random, depth), random, depth);
        }
        return switch (((TlSchema.Primitive) t).name()) {
            case "int" -> random.nextInt();
            case "long" -> random.nextLong();
            case "double" -> random.nextDouble();
            case "string" -> "s" + random.nextInt(1000);
            case "bytes" -> new byte[] {(byte) random.nextInt(), 2, 3};
            case "true" -> Boolean.TRUE;
            case "int128" -> new byte[16];
            case "int256" -> new byte[32];
            default -> random.nextBoolean();
        };
    }

    @SuppressWarnings("unchecked")
    private static TlWriter write(TlWriter w, TlObject o) {
        Constructor c = TABLE.constructors().stream().filter(x -> x.name().equals(o.name())).findFirst().orElseThrow();
        w.int32(c.id());
        for (Field f : c.fields()) {
            if (!o.fields().containsKey(f.name())) {
                continue;
            }
            writeValue(w, f.type(), o.fields().get(f.name()));
        }
        return w;
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(TlWriter w, TlSchema.Type t, Object v) {
        if (t instanceof TlSchema.Vector vec) {
            List<Object> items = (List<Object>) v;
            w.int32(TlWriter.VECTOR).int32(items.size());
            items.forEach(i -> writeValue(w, vec.element(), i));
        } else if (t instanceof TlSchema.Boxed) {
            write(w, (TlObject) v);
        } else {
            switch (((TlSchema.Primitive) t).name()) {
                case "#", "int" -> w.int32((Integer) v);
                case "long" -> w.int64((Long) v);
                case "double" -> w.int64(Double.doubleToLongBits((Double) v));
                case "string" -> w.string((String) v);
                case "bytes" -> w.bytes((byte[]) v);
                case "true" -> { }
                case "int128", "int256" -> w.raw((byte[]) v);
                default -> w.int32((Boolean) v ? 0x997275b5 : 0xbc799737);
            }
        }
    }

    private static String show(Object v) {
        if (v instanceof TlObject o) {
            return o.name() + o.fields().entrySet().stream().map(e -> e.getKey() + "=" + show(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TlSchemaTest::show).collect(Collectors.joining(",", "[", "]"));
        }
        return v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v);
    }
}
