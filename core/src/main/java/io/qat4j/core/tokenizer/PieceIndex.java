package io.qat4j.core.tokenizer;

import java.util.Arrays;

/**
 * Text-to-id lookup over vocabulary pieces that can probe a slice of any char sequence, or the
 * concatenation of two, without building a string: the merge loops probe millions of slices, and a
 * tokenizer.json's half a million merges are resolved straight from the JSON parser's buffer.
 * When two entries share a text, the first one added wins.
 *
 * <p>The pieces' characters are packed into one array, and each slot of the open-addressing table
 * holds {@code hash, id} and {@code offset, length} side by side: a probe reads one slot and, when
 * the hash matches, one run of characters, instead of chasing a String and its byte array.
 */
final class PieceIndex {
    private static final long EMPTY = -1L;

    private final char[] chars;
    /** Two longs per slot: {@code mixedHash << 32 | id}, then {@code offset << 32 | length}. */
    private final long[] table;
    private final int mask;

    /**
     * Indexes the first {@code count} pieces; {@code ids[i]} is the id of {@code pieces[i]}, or,
     * when {@code ids} is null, the id is the position.
     */
    PieceIndex(String[] pieces, int[] ids, int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += pieces[i].length();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("vocabulary pieces hold more than 2^31 characters");
        }
        chars = new char[(int) total];
        int capacity = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
        table = new long[2 * capacity];
        for (int i = 0; i < table.length; i += 2) {
            table[i] = EMPTY;
        }
        mask = capacity - 1;
        int offset = 0;
        for (int i = 0; i < count; i++) {
            String p = pieces[i];
            p.getChars(0, p.length(), chars, offset);
            insert(mix(p.hashCode()), ids == null ? i : ids[i], offset, p.length());
            offset += p.length();
        }
    }

    /** The id whose piece is {@code text}, or -1. */
    int idOf(String text) {
        return find(mix(text.hashCode()), text, 0, text.length(), "", 0, 0);
    }

    /** The id whose piece equals {@code text[from, to)}, or -1. */
    int idOf(CharSequence text, int from, int to) {
        return find(mix(hash(0, text, from, to)), text, from, to, "", 0, 0);
    }

    /** The id whose piece is {@code a[aFrom, aTo) + b[bFrom, bTo)}, or -1. */
    int idOfConcat(CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo) {
        return find(mix(hash(hash(0, a, aFrom, aTo), b, bFrom, bTo)), a, aFrom, aTo, b, bFrom, bTo);
    }

    private int find(int h, CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo) {
        int aLen = aTo - aFrom;
        int len = aLen + bTo - bFrom;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long key = table[2 * i];
            if (key == EMPTY) {
                return -1;
            }
            if ((int) (key >>> 32) == h) {
                long where = table[2 * i + 1];
                int offset = (int) (where >>> 32);
                if ((int) where == len && regionEquals(offset, a, aFrom, aLen)
                        && regionEquals(offset + aLen, b, bFrom, len - aLen)) {
                    return (int) key;
                }
            }
        }
    }

    private boolean regionEquals(int offset, CharSequence s, int from, int len) {
        for (int k = 0; k < len; k++) {
            if (chars[offset + k] != s.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }

    private void insert(int h, int id, int offset, int len) {
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long key = table[2 * i];
            if (key == EMPTY) {
                table[2 * i] = (long) h << 32 | (id & 0xFFFF_FFFFL);
                table[2 * i + 1] = (long) offset << 32 | len;
                return;
            }
            long where = table[2 * i + 1];
            int otherOffset = (int) (where >>> 32);
            if ((int) (key >>> 32) == h && (int) where == len
                    && Arrays.equals(chars, otherOffset, otherOffset + len, chars, offset, offset + len)) {
                return;
            }
        }
    }

    /** Continues String.hashCode's polynomial over a slice (so whole strings can use their cached hash). */
    private static int hash(int h, CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** murmur3's finalizer: String hashes of similar pieces differ mostly in their low bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }
}
