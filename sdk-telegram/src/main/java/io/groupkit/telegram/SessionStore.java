package io.groupkit.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a Telegram session lives between runs — your secret store, a file: what a login made is
 * saved here, and {@link Telegram.Builder#sessionStore} reads it back. Implement it over your
 * vault or database; it must be thread-safe. The session is a secret (it holds the auth key):
 * {@link TelegramSession#save()} is the text to keep.
 */
public interface SessionStore {

    /**
     * The session, if one was saved.
     *
     * @return the session, or empty
     */
    Optional<TelegramSession> load();

    /**
     * Replaces the session, durably.
     *
     * @param session the session
     */
    void save(TelegramSession session);

    /**
     * A file holding {@link TelegramSession#save()}'s text, readable and writable by its owner only
     * (on file systems with POSIX permissions); a save replaces it atomically where the file system
     * can.
     *
     * @param file the file
     * @return the store
     */
    static SessionStore file(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        return new SessionStore() {
            @Override
            public Optional<TelegramSession> load() {
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(TelegramSession.parse(Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the session file " + file, e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("the session file " + file + " holds no session: " + e.getMessage());
                }
            }

            @Override
            public void save(TelegramSession session) {
                Objects.requireNonNull(session, "session must not be null");
                Path dir = file.toAbsolutePath().getParent();
                try {
                    Path temp = Files.createTempFile(dir, ".session", ".tmp");
                    try {
                        try {
                            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                        } catch (UnsupportedOperationException notPosix) {
                            // a file system without POSIX permissions: its own access rules apply
                        }
                        Files.writeString(temp, session.save() + "\n", StandardCharsets.UTF_8);
                        try {
                            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                        }
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the session file " + file, e);
                }
            }

            @Override
            public String toString() {
                return "SessionStore.file(" + file + ")";
            }
        };
    }

    /**
     * A store in memory only (tests, short-lived tools).
     *
     * @return an empty store
     */
    static SessionStore inMemory() {
        AtomicReference<TelegramSession> held = new AtomicReference<>();
        return new SessionStore() {
            @Override
            public Optional<TelegramSession> load() {
                return Optional.ofNullable(held.get());
            }

            @Override
            public void save(TelegramSession session) {
                held.set(Objects.requireNonNull(session, "session must not be null"));
            }

            @Override
            public String toString() {
                return "SessionStore.inMemory";
            }
        };
    }
}
