package io.groupkit.telegram.internal;

import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import java.util.OptionalLong;

/**
 * Reads a whole layer-228 {@code User}, so that a vector of them can be walked: the id and the
 * access hash are kept, every other field is stepped over by its schema (tdlib's layer-228
 * telegram_api.tl). A constructor it does not know is an error, never a guess.
 */
final class UserReader {
    private static final int USER_EMPTY = 0xd3bc4b7a;
    private static final int USER = 0xb1b8cc83;
    private static final int MIN = 1 << 20;

    private UserReader() {
    }

    /**
     * A user's id and the access hash the account may use for it.
     *
     * @param id the user id
     * @param accessHash the hash; empty for {@code userEmpty} and for a {@code min} user, whose
     *     hash only works together with the message it came from
     * @param username the user's {@code username}, when they have one
     */
    record Seen(long id, OptionalLong accessHash, java.util.Optional<String> username) {
    }

    static Seen read(TlReader r) throws TlException {
        int ctor = r.int32();
        if (ctor == USER_EMPTY) {
            return new Seen(r.int64(), OptionalLong.empty(), java.util.Optional.empty());
        }
        if (ctor != USER) {
            throw new TlException("expected a layer-228 User, got constructor " + Integer.toHexString(ctor));
        }
        int flags = r.int32();
        int flags2 = r.int32();
        long id = r.int64();
        OptionalLong hash = OptionalLong.empty();
        if (on(flags, 0)) {
            long h = r.int64();
            hash = (flags & MIN) != 0 ? OptionalLong.empty() : OptionalLong.of(h);
        }
        java.util.Optional<String> username = java.util.Optional.empty();
        for (int bit = 1; bit <= 4; bit++) { // first_name, last_name, username, phone
            if (on(flags, bit)) {
                String v = r.string();
                if (bit == 3 && !v.isBlank()) {
                    username = java.util.Optional.of(v);
                }
            }
        }
        if (on(flags, 5)) {
            profilePhoto(r);
        }
        if (on(flags, 6)) {
            status(r);
        }
        if (on(flags, 14)) {
            r.int32(); // bot_info_version
        }
        if (on(flags, 18)) {
            int n = r.vectorHeader(16);
            for (int i = 0; i < n; i++) {
                expect(r, 0xd072acb4, "restrictionReason");
                r.string();
                r.string();
                r.string();
            }
        }
        if (on(flags, 19)) {
            r.string(); // bot_inline_placeholder
        }
        if (on(flags, 22)) {
            r.string(); // lang_code
        }
        if (on(flags, 30)) {
            emojiStatus(r);
        }
        if (on(flags2, 0)) {
            int n = r.vectorHeader(12);
            for (int i = 0; i < n; i++) {
                expect(r, 0xb4073647, "username");
                r.int32();
                r.string();
            }
        }
        if (on(flags2, 5)) {
            expect(r, 0x711d692d, "recentStory");
            if (on(r.int32(), 1)) {
                r.int32();
            }
        }
        if (on(flags2, 8)) {
            peerColor(r);
        }
        if (on(flags2, 9)) {
            peerColor(r);
        }
        if (on(flags2, 12)) {
            r.int32(); // bot_active_users
        }
        for (int bit : new int[] {14, 15, 21}) { // bot_verification_icon, send_paid_messages_stars, linked_community_id
            if (on(flags2, bit)) {
                r.int64();
            }
        }
        return new Seen(id, hash, username);
    }

    private static void profilePhoto(TlReader r) throws TlException {
        int ctor = r.int32();
        if (ctor == 0x4f11bae1) {
            return; // userProfilePhotoEmpty
        }
        if (ctor != 0x82d1f706) {
            throw new TlException("expected a UserProfilePhoto, got constructor " + Integer.toHexString(ctor));
        }
        int flags = r.int32();
        r.int64(); // photo_id
        if (on(flags, 1)) {
            r.bytes(); // stripped_thumb
        }
        r.int32(); // dc_id
    }

    private static void status(TlReader r) throws TlException {
        int ctor = r.int32();
        switch (ctor) {
            case 0x09d05049 -> { } // userStatusEmpty
            case 0xedb93949, 0x008c703f, 0x7b197dc8, 0x541a1d1a, 0x65899777 -> r.int32(); // one int or flags
            default -> throw new TlException("expected a UserStatus, got constructor " + Integer.toHexString(ctor));
        }
    }

    private static void emojiStatus(TlReader r) throws TlException {
        int ctor = r.int32();
        switch (ctor) {
            case 0x2de11aae -> { } // emojiStatusEmpty
            case 0xe7ff068a -> {
                int flags = r.int32();
                r.int64();
                untilIf(r, flags);
            }
            case 0x7184603b -> {
                int flags = r.int32();
                r.int64(); // collectible_id
                r.int64(); // document_id
                r.string(); // title
                r.string(); // slug
                r.int64(); // pattern_document_id
                r.skip(16); // center, edge, pattern and text colours
                untilIf(r, flags);
            }
            case 0x07141dbf -> {
                int flags = r.int32();
                r.int64();
                untilIf(r, flags);
            }
            default -> throw new TlException("expected an EmojiStatus, got constructor " + Integer.toHexString(ctor));
        }
    }

    private static void peerColor(TlReader r) throws TlException {
        int ctor = r.int32();
        switch (ctor) {
            case 0xb54b5acf -> {
                int flags = r.int32();
                if (on(flags, 0)) {
                    r.int32();
                }
                if (on(flags, 1)) {
                    r.int64();
                }
            }
            case 0xb9c0639a -> {
                int flags = r.int32();
                r.skip(24); // collectible_id, gift_emoji_id, background_emoji_id
                r.int32(); // accent_color
                ints(r);
                if (on(flags, 0)) {
                    r.int32();
                }
                if (on(flags, 1)) {
                    ints(r);
                }
            }
            case 0xb8ea86a9 -> r.int64();
            default -> throw new TlException("expected a PeerColor, got constructor " + Integer.toHexString(ctor));
        }
    }

    private static void ints(TlReader r) throws TlException {
        r.skip(4 * r.vectorHeader(4));
    }

    private static void untilIf(TlReader r, int flags) throws TlException {
        if (on(flags, 0)) {
            r.int32();
        }
    }

    private static void expect(TlReader r, int ctor, String name) throws TlException {
        int got = r.int32();
        if (got != ctor) {
            throw new TlException("expected " + name + " (" + Integer.toHexString(ctor) + "), got " + Integer.toHexString(got));
        }
    }

    private static boolean on(int flags, int bit) {
        return (flags & (1 << bit)) != 0;
    }
}
