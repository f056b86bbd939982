package org.collapselab.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns the byte tokens of one field to provisional ids (first-seen order) and counts them, without a String
 * per token: open addressing over an arena of token bytes.
 */
final class TokenDictionary {
    private byte[] arena = new byte[1 << 12];
    private int arenaLen;
    private int[] offsets = new int[1 << 8], lengths = new int[1 << 8], hashes = new int[1 << 8], counts = new int[1 << 8];
    private int[] slots = new int[1 << 9];    // id + 1; 0 = empty
    private int size;

    int size() {
        return size;
    }

    int count(int id) {
        return counts[id];
    }

    /** The id of the token {@code a[off, off+len)}, added with count 0 if new; its count is incremented. */
    int intern(byte[] a, int off, int len) {
        int h = hash(a, off, len);
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) {
                int id = add(a, off, len, h);
                slots[s] = id + 1;
                if (size * 2 > slots.length) rehash();
                counts[id]++;
                return id;
            }
            int id = v - 1;
            if (hashes[id] == h && lengths[id] == len
                    && Arrays.equals(arena, offsets[id], offsets[id] + len, a, off, off + len)) {
                counts[id]++;
                return id;
            }
        }
    }

    private int add(byte[] a, int off, int len, int h) {
        if (size == offsets.length) {
            int n = size * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            hashes = Arrays.copyOf(hashes, n);
            counts = Arrays.copyOf(counts, n);
        }
        if (arenaLen + len > arena.length) {
            long n = Math.max((long) arena.length * 2, (long) arenaLen + len);
            if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException("a field has more than 2 GB of distinct tokens");
            arena = Arrays.copyOf(arena, (int) n);
        }
        System.arraycopy(a, off, arena, arenaLen, len);
        offsets[size] = arenaLen;
        lengths[size] = len;
        hashes[size] = h;
        arenaLen += len;
        return size++;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int s = hashes[id] & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            slots[s] = id + 1;
        }
    }

    private static int hash(byte[] a, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        for (int i = off, e = off + len; i < e; i++) h = (h ^ a[i]) * 0x100000001B3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** Orders ids by count (descending), then by token bytes: the deterministic index order. */
    int compareForOrder(int a, int b, int[] countOf) {
        int c = Integer.compare(countOf[b], countOf[a]);
        if (c != 0) return c;
        return Arrays.compareUnsigned(arena, offsets[a], offsets[a] + lengths[a], arena, offsets[b], offsets[b] + lengths[b]);
    }

    /** The whole-file counts, indexed by id (a copy). */
    int[] counts() {
        return Arrays.copyOf(counts, size);
    }

    String token(int id) {
        return new String(arena, offsets[id], lengths[id], StandardCharsets.UTF_8);
    }
}
