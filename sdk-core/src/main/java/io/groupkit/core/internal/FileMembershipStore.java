package io.groupkit.core.internal;

import io.groupkit.core.events.Invitation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.groupkit.core.events.MembershipStore#directory}: each scope's state in a file of its
 * own ({@code <hash>.watch}), written to a temporary file, forced to the disk and moved over the old
 * one, so a crash leaves the old state or the new, never half of one; invitations appended to
 * {@code invitations.log} (a line per invitation, again when it closes; the last line for an id
 * wins), each line with its CRC so a torn last line is skipped. The directory is locked
 * ({@code .lock}) for as long as the store is open: one process at a time, and its leases live in
 * its memory.
 */
public final class FileMembershipStore extends MemoryMembershipStore {
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path invitationLog;

    /**
     * Opens (or creates) a store in {@code dir}.
     *
     * @param dir the directory
     */
    public FileMembershipStore(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.invitationLog = this.dir.resolve("invitations.log");
        try {
            if (!Files.isDirectory(this.dir)) {
                Files.createDirectories(this.dir, dirAttributes());
            }
            lockChannel = FileChannel.open(this.dir.resolve(".lock"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    fileAttributes());
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockChannel.close();
                throw new IllegalStateException("the membership store " + this.dir + " is open in another process (or"
                        + " another store in this one): a directory store serves one process; share a database"
                        + " (sdk-fleet's JdbcMembershipStore) between servers");
            }
            lock = l;
            loadInvitations();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the membership store " + this.dir, e);
        }
    }

    private void loadInvitations() throws IOException {
        if (!Files.exists(invitationLog)) {
            return;
        }
        for (String line : Files.readAllLines(invitationLog, StandardCharsets.UTF_8)) {
            String record = FileJournal.checked(line);
            if (record != null) {
                loaded(EventCodec.invitation(record));
            }
        }
    }

    @Override
    @Nullable String readState(String scope) {
        try {
            byte[] bytes = Files.readAllBytes(file(scope));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the watch state of a scope in " + dir, e);
        }
    }

    @Override
    void writeState(String scope, String state) {
        Path target = file(scope);
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), fileAttributes())) {
                ByteBuffer buf = ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the watch state of a scope in " + dir, e);
        }
    }

    @Override
    void append(Invitation invitation) {
        String record = EventCodec.invitation(invitation);
        byte[] line = (FileJournal.crc(record) + " " + record + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(invitationLog, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), fileAttributes())) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record an invitation in " + invitationLog, e);
        }
    }

    /**
     * Owner-only files where the file system knows POSIX permissions: states and invitations hold
     * the people's numbers (personal data), as the bulk journal's rejects do.
     */
    private FileAttribute<?>[] fileAttributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private FileAttribute<?>[] dirAttributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A scope's file: its hash, since scopes hold characters no file system takes ({@code /}, {@code @}). */
    private Path file(String scope) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h, 0, 16) + ".watch");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the membership store " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "FileMembershipStore[" + dir + "]";
    }
}
