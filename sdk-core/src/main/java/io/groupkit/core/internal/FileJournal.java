package io.groupkit.core.internal;

import io.groupkit.core.journal.BulkJournal;
import io.groupkit.core.journal.Finality;
import io.groupkit.core.journal.JournalClaim;
import io.groupkit.core.journal.JournalRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The embedded journal: an append-only text file, one record per line, {@code <crc32> <record>}.
 * An intent is forced to the disk before it returns, and with it every outcome written before
 * (outcomes alone are not forced: one lost in a crash leaves its person under way, checked by the
 * rerun), so a person costs one forced write, a batch of 50 one for all of them. A crash can leave only the last line torn (one process
 * writes, under a file lock); opening cuts it off. Records: {@code J job group} (a job begins),
 * {@code I job person,person...} (calls about to be sent), {@code O job person F|R outcome} (an
 * outcome, final or to retry). Fields are percent-encoded.
 */
public final class FileJournal implements BulkJournal {
    private final Path file;

    /**
     * A journal in {@code file}.
     *
     * @param file the file
     */
    public FileJournal(Path file) {
        this.file = Objects.requireNonNull(file, "file must not be null").toAbsolutePath();
    }

    @Override
    public JournalRun open(String job, String group, List<String> people) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("the journal " + file + " is in use by another run; a file journal takes"
                        + " one process at a time (several workers on one job need a database journal)");
            }
            try {
                return new Run(channel, lock, job, group, people);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "BulkJournal.file(" + file + ")";
    }

    private final class Run implements JournalRun {
        private final FileChannel channel;
        private final FileLock lock;
        private final String job;
        private final List<String> people;
        private final Set<String> underWay = new HashSet<>();
        private final Map<String, String> lastOutcome = new HashMap<>();
        private final Map<String, String> finished = new LinkedHashMap<>();
        private final Set<String> claimed = new HashSet<>();
        private int nextClaim;

        Run(FileChannel channel, FileLock lock, String job, String group, List<String> people) throws IOException {
            this.channel = channel;
            this.lock = lock;
            this.job = enc(job);
            this.people = List.copyOf(people);
            String startedFor = load();
            if (startedFor == null) {
                appendAndForce("J " + this.job + " " + enc(group));
            } else if (!startedFor.equals(group)) {
                throw new IllegalArgumentException("job \"" + job + "\" was started for another group; give each group's"
                        + " bulk run a job id of its own");
            }
        }

        /** Reads the job's records, cutting off a torn last line; returns the job's group, or null. */
        private @Nullable String load() throws IOException {
            long size = channel.size();
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
            while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
                // reads until the buffer is full
            }
            byte[] bytes = all.array();
            String group = null;
            int start = 0;
            long good = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                String record = checked(line);
                if (record == null) {
                    break; // torn: nothing after it was written
                }
                good = start;
                String[] f = record.split(" ", -1);
                if (f.length < 3 || !f[1].equals(job)) {
                    continue;
                }
                switch (f[0]) {
                    case "J" -> group = dec(f[2]);
                    case "I" -> underWay.addAll(List.of(f[2].split(",")));
                    case "O" -> {
                        underWay.remove(f[2]);
                        if ("F".equals(f[3])) {
                            finished.put(f[2], dec(f[4]));
                            lastOutcome.remove(f[2]);
                        } else {
                            lastOutcome.put(f[2], dec(f[4]));
                        }
                    }
                    default -> { }
                }
            }
            if (good < size) {
                channel.truncate(good);
            }
            channel.position(good);
            return group;
        }

        @Override
        public List<JournalClaim> claim(int max) {
            List<JournalClaim> claims = new ArrayList<>();
            while (nextClaim < people.size() && claims.size() < max) {
                String p = people.get(nextClaim++);
                if (!finished.containsKey(p) && claimed.add(p)) {
                    claims.add(new JournalClaim(p, underWay.contains(p) ? JournalClaim.State.UNDER_WAY : JournalClaim.State.NOT_UNDER_WAY,
                            Optional.ofNullable(lastOutcome.get(p))));
                }
            }
            return claims;
        }

        @Override
        public void intend(List<String> persons) {
            if (!persons.isEmpty()) {
                appendAndForce("I " + job + " " + String.join(",", persons));
                underWay.addAll(persons);
            }
        }

        @Override
        public void record(String person, String outcome, Finality finality) {
            append("O " + job + " " + person + " " + (finality == Finality.FINAL ? "F" : "R") + " " + enc(outcome));
            underWay.remove(person);
            if (finality == Finality.FINAL) {
                finished.put(person, outcome);
            } else {
                lastOutcome.put(person, outcome);
            }
        }

        @Override
        public Map<String, String> finished() {
            return Map.copyOf(finished);
        }

        /** Appends a record and has it on the disk before returning. */
        private void appendAndForce(String record) {
            append(record);
            try {
                channel.force(false); // the content only: the file's size and times may follow later
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the journal " + file + ": " + e.getMessage(), e);
            }
        }

        /** Appends a record; the disk may have it later (by the next intent or the close). */
        private void append(String record) {
            byte[] line = (crc(record) + " " + record + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the journal " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                channel.force(false);
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the journal " + file, e);
            }
        }
    }

    static @Nullable String checked(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            return null;
        }
        String record = line.substring(9);
        return crc(record).equals(line.substring(0, 8)) ? record : null;
    }

    static String crc(String record) {
        CRC32 crc = new CRC32();
        crc.update(record.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
