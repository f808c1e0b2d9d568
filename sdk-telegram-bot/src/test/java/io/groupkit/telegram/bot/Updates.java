package io.groupkit.telegram.bot;

/** Update JSON in the Bot API's shape. */
final class Updates {
    static final long CHAT = -1001234567890L;
    static final long DATE = 1764583200L; // 2025-12-01T10:00:00Z

    private Updates() {
    }

    static String user(long id) {
        return "{\"id\":" + id + ",\"is_bot\":false,\"first_name\":\"U" + id + "\"}";
    }

    static String member(long id, String status, String extra) {
        return "{\"user\":" + user(id) + ",\"status\":\"" + status + "\"" + extra + "}";
    }

    /** A chat_member update: {@code from} changed {@code user} from {@code before} to {@code after}. */
    static String chatMember(long updateId, long from, long user, String before, String after, String extra) {
        return "{\"update_id\":" + updateId + ",\"chat_member\":{\"chat\":{\"id\":" + CHAT
                + ",\"title\":\"G\",\"type\":\"supergroup\"},\"from\":" + user(from) + ",\"date\":" + DATE
                + ",\"old_chat_member\":" + before + ",\"new_chat_member\":" + after + extra + "}}";
    }

    static String joinRequest(long updateId, long user) {
        return "{\"update_id\":" + updateId + ",\"chat_join_request\":{\"chat\":{\"id\":" + CHAT
                + ",\"title\":\"G\",\"type\":\"supergroup\"},\"from\":" + user(user) + ",\"user_chat_id\":" + user
                + ",\"date\":" + DATE + "}}";
    }

    static String joined(long updateId, long user, String link) {
        return chatMember(updateId, user, user, member(user, "left", ""), member(user, "member", ""),
                ",\"invite_link\":{\"invite_link\":\"" + link + "\",\"creator\":" + user(Fixture.BOT_ID)
                        + ",\"creates_join_request\":false,\"is_primary\":false,\"is_revoked\":false}");
    }
}
