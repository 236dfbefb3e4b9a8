package io.qat4j.guard.review;

/**
 * Which content items a listing returns, newest change first. Null fields do not filter.
 *
 * @param state   only items in this state
 * @param author  only items submitted by this name
 * @param channel only items for this channel
 * @param limit   at most this many (1–1000)
 * @param offset  skip this many first
 */
public record ContentFilter(ContentState state, String author, String channel, int limit, int offset) {
    public static final int MAX_LIMIT = 1000;

    public ContentFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be ≥ 0, got " + offset);
        }
    }

    public static ContentFilter all() {
        return new ContentFilter(null, null, null, 100, 0);
    }

    public static ContentFilter inState(ContentState s) {
        return new ContentFilter(s, null, null, 100, 0);
    }
}
