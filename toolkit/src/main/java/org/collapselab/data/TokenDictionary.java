package org.collapselab.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns the byte tokens of one field to provisional ids (first-seen order) and counts them, without a String
 * per token. Open addressing with two longs per slot, so that a lookup touches one cache line: the key and a
 * meta word {@code count << 32 | lengthCode << 28 | (id + 1)}. Tokens of at most 8 bytes (every Criteo and
 * Avazu value) are stored inline as the key; longer ones are keyed by a 64-bit hash and compared in an arena.
 */
final class TokenDictionary {
    private static final int INLINE = 8, LONG_CODE = 15;
    private static final long ID_MASK = (1L << 28) - 1;

    private long[] table = new long[2 << 10];    // [key, meta] per slot; meta 0 = empty
    private int size;
    private long[] keyOf = new long[1 << 8];     // per id, for ordering and printing
    private int[] lenOf = new int[1 << 8];
    private int[] arenaOff = new int[0];         // per id, only for long tokens
    private byte[] arena = new byte[0];
    private int arenaLen;

    int size() {
        return size;
    }

    /** The id of the token {@code a[off, off+len)}, added if new; its count is incremented. */
    int intern(byte[] a, int off, int len) {
        long key;
        int code;
        if (len <= INLINE) {
            key = pack(a, off, len);
            code = len;
        } else {
            key = hash64(a, off, len);
            code = LONG_CODE;
        }
        int mask = (table.length >> 1) - 1;
        for (int s = (int) mix(key ^ ((long) code << 59)) & mask; ; s = (s + 1) & mask) {
            long meta = table[2 * s + 1];
            if (meta == 0) return insert(s, key, code, a, off, len);
            if (table[2 * s] == key && (int) (meta >>> 28 & 15) == code
                    && (code != LONG_CODE || sameLongToken((int) (meta & ID_MASK) - 1, a, off, len))) {
                if ((meta >>> 32) == 0xFFFFFFFFL) throw new IllegalStateException("a token occurs more than 2^32 times");
                table[2 * s + 1] = meta + (1L << 32);
                return (int) (meta & ID_MASK) - 1;
            }
        }
    }

    private int insert(int s, long key, int code, byte[] a, int off, int len) {
        int id = size;
        if (id + 1 > ID_MASK) throw new IllegalStateException("a field has more than " + ID_MASK + " distinct tokens");
        if (id == keyOf.length) {
            keyOf = Arrays.copyOf(keyOf, id * 2);
            lenOf = Arrays.copyOf(lenOf, id * 2);
        }
        keyOf[id] = key;
        lenOf[id] = len;
        if (code == LONG_CODE) {
            if (arenaOff.length < keyOf.length) arenaOff = Arrays.copyOf(arenaOff, keyOf.length);
            if (arenaLen + len > arena.length) {
                long n = Math.max(Math.max(1024L, arena.length * 2L), (long) arenaLen + len);
                if (n > Integer.MAX_VALUE - 8) throw new IllegalStateException("a field has more than 2 GB of long tokens");
                arena = Arrays.copyOf(arena, (int) n);
            }
            System.arraycopy(a, off, arena, arenaLen, len);
            arenaOff[id] = arenaLen;
            arenaLen += len;
        }
        table[2 * s] = key;
        table[2 * s + 1] = (1L << 32) | ((long) code << 28) | (id + 1);
        size++;
        if (size * 2L > table.length >> 1) grow();
        return id;
    }

    private boolean sameLongToken(int id, byte[] a, int off, int len) {
        return lenOf[id] == len && Arrays.equals(arena, arenaOff[id], arenaOff[id] + len, a, off, off + len);
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = (table.length >> 1) - 1;
        for (int i = 0; i < old.length; i += 2) {
            long meta = old[i + 1];
            if (meta == 0) continue;
            long code = meta >>> 28 & 15;
            int s = (int) mix(old[i] ^ (code << 59)) & mask;
            while (table[2 * s + 1] != 0) s = (s + 1) & mask;
            table[2 * s] = old[i];
            table[2 * s + 1] = meta;
        }
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Up to 8 bytes, little-endian, zero-padded; the length code tells "ab" from "ab\0". */
    private static long pack(byte[] a, int off, int len) {
        if (len == 0) return 0;
        if (off + 8 <= a.length) return (long) LONG_LE.get(a, off) & (-1L >>> (64 - 8 * len));    // one load
        long k = 0;
        for (int i = len - 1; i >= 0; i--) k = (k << 8) | (a[off + i] & 0xffL);
        return k;
    }

    private static long hash64(byte[] a, int off, int len) {
        long h = 0xCBF29CE484222325L;
        for (int i = off, e = off + len; i < e; i++) h = (h ^ (a[i] & 0xff)) * 0x100000001B3L;
        return mix(h);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The whole-file counts, indexed by id. */
    int[] counts() {
        int[] c = new int[size];
        for (int i = 0; i < table.length; i += 2) {
            long meta = table[i + 1];
            if (meta != 0) c[(int) (meta & ID_MASK) - 1] = (int) Math.min(Integer.MAX_VALUE, meta >>> 32);
        }
        return c;
    }

    private int byteAt(int id, int i) {
        return lenOf[id] <= INLINE ? (int) (keyOf[id] >>> (8 * i)) & 0xff : arena[arenaOff[id] + i] & 0xff;
    }

    /** Orders ids by count (descending), then by token bytes (unsigned): the deterministic index order. */
    int compareForOrder(int a, int b, int[] countOf) {
        int c = Integer.compare(countOf[b], countOf[a]);
        if (c != 0) return c;
        int n = Math.min(lenOf[a], lenOf[b]);
        for (int i = 0; i < n; i++) {
            int d = Integer.compare(byteAt(a, i), byteAt(b, i));
            if (d != 0) return d;
        }
        return Integer.compare(lenOf[a], lenOf[b]);
    }

    String token(int id) {
        byte[] t = new byte[lenOf[id]];
        for (int i = 0; i < t.length; i++) t[i] = (byte) byteAt(id, i);
        return new String(t, StandardCharsets.UTF_8);
    }
}
