package org.collapselab.nn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The array cache of a graph's SameDiff sessions, in place of M2.1's {@code ArrayCacheMemoryMgr}: a released op output
 * is kept under its (data type, order, shape) and handed out again for the next request of that shape, so a pass at
 * steady state allocates nothing. It differs from M2.1's cache in three ways, without which the largest models' steps
 * allocate hundreds of MB afresh, a page fault per page (measured in toolkit/PERFORMANCE.md, "Tenth round").
 * <ul>
 *   <li>It knows its arrays by identity. M2.1's knows them by {@code getId()}, and M2.1 gives a reused array
 *       ({@code assignNewId}: {@code incrementAndGet}) the id that the next new array then also gets
 *       ({@code getAndIncrement}); the cache then took one array for another, and arrays released back to it stayed
 *       out, garbage until the next full GC.</li>
 *   <li>Its size follows the graph: it holds the most any one pass has had out at once plus a margin (M2.1's whole
 *       cache size, a quarter of JavaCPP's limit) for the shapes of other passes, so a pass's arrays are never evicted
 *       to make room for the same pass's, while the arrays of a batch size seen once go when the margin overflows,
 *       least recently released first. M2.1's fixed quarter can be smaller than one training pass of a large model,
 *       which then closes and reallocates part of it every step.</li>
 *   <li>One pool serves a graph's training session and its inference sessions, whose passes have mostly the same
 *       shapes: a prediction between two training steps takes the training arrays and gives them back, where with a cache
 *       per session it allocated a second set.</li>
 * </ul>
 * Not thread-safe: a graph runs one pass at a time.
 */
final class ArrayPool extends AbstractMemoryMgr {
    private record Key(DataType type, char order, String shape) {
        static Key of(DataType type, char order, long[] shape) {
            return new Key(type, order, Arrays.toString(shape));
        }
    }

    /** Identity, not {@link INDArray#equals} (which compares values). */
    private record Ref(INDArray array) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && r.array == array;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(array);
        }
    }

    private final long marginBytes;
    private final Map<Key, ArrayDeque<INDArray>> free = new HashMap<>();
    /** Every cached array, least recently released first. */
    private final LinkedHashMap<Ref, Key> cached = new LinkedHashMap<>();
    private final Set<Long> cachedBuffers = new HashSet<>();
    private long cachedBytes, outBytes, mostOutBytes, created;

    /** A pool that holds {@code marginBytes} beyond the most a pass has had out at once. */
    ArrayPool(long marginBytes) {
        if (marginBytes < 0) throw new IllegalArgumentException("margin must be >= 0, got " + marginBytes);
        this.marginBytes = marginBytes;
    }

    /** With M2.1's cache size as the margin: a quarter of JavaCPP's memory limit. */
    static ArrayPool standard() {
        return new ArrayPool(Pointer.maxBytes() / 4);
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(dataType, 'c', shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) return Nd4j.create(descriptor).detach();
        return take(descriptor.dataType(), descriptor.getOrder(), descriptor.getShape());
    }

    private INDArray take(DataType dataType, char order, long[] shape) {
        boolean reusable = reusable(shape);
        ArrayDeque<INDArray> q = reusable ? free.get(Key.of(dataType, order, shape)) : null;
        INDArray a = q == null ? null : q.pollLast();
        if (a != null) {
            cached.remove(new Ref(a));
            cachedBuffers.remove(a.data().address());
            cachedBytes -= bytes(a);
        } else {
            a = Nd4j.createUninitializedDetached(dataType, order, shape);
            if (reusable) created++;
        }
        outBytes += bytes(a);
        mostOutBytes = Math.max(mostOutBytes, outBytes);
        return a;
    }

    /**
     * Keeps {@code a} for a later request of its shape, or closes it when it can never be handed out again (no data, no
     * elements, a string array). A view, or an array over a buffer the pool already holds, is left alone: its buffer is
     * someone else's. Releasing an array the pool holds is a bug in the caller and fails.
     */
    @Override
    public void release(INDArray a) {
        Ref ref = new Ref(a);
        if (cached.containsKey(ref)) throw new IllegalStateException("array released twice: " + a.shapeInfoToString());
        if (a.wasClosed()) return;
        outBytes = Math.max(0, outBytes - bytes(a));
        if (a.isView()) return;
        if (a.data() == null || a.dataType() == DataType.UTF8 || !reusable(a.shape())) {
            if (a.closeable()) a.close();
            return;
        }
        if (!cachedBuffers.add(a.data().address())) return;
        Key key = Key.of(a.dataType(), a.ordering(), a.shape());
        free.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(a);
        cached.put(ref, key);
        cachedBytes += bytes(a);
        evict();
    }

    /** Marks the end of a pass: arrays handed out and not released (owned by the caller, or closed) stop counting as out. */
    void passDone() {
        outBytes = 0;
    }

    /** Whether {@code a}, or another array over its buffer, is in the pool. */
    boolean holds(INDArray a) {
        return cached.containsKey(new Ref(a)) || !a.wasClosed() && a.data() != null && cachedBuffers.contains(a.data().address());
    }

    /** Bytes the pool may hold: the most a pass has had out at once, plus the margin. */
    long limitBytes() {
        return mostOutBytes + marginBytes;
    }

    long cachedBytes() {
        return cachedBytes;
    }

    /** Arrays allocated afresh so far for want of a cached one of their shape (scalars, which it never keeps, not counted). */
    long created() {
        return created;
    }

    private void evict() {
        long limit = limitBytes();
        for (Iterator<Map.Entry<Ref, Key>> it = cached.entrySet().iterator(); cachedBytes > limit && it.hasNext(); ) {
            var e = it.next();
            INDArray a = e.getKey().array();
            it.remove();
            free.get(e.getValue()).removeIf(x -> x == a);
            cachedBuffers.remove(a.data().address());
            cachedBytes -= bytes(a);
            if (a.closeable()) a.close();
        }
    }

    /** Closes every cached array. */
    @Override
    public void close() {
        for (Ref r : cached.keySet()) if (r.array().closeable()) r.array().close();
        cached.clear();
        free.clear();
        cachedBuffers.clear();
        cachedBytes = 0;
    }

    private static boolean reusable(long[] shape) {
        if (shape.length == 0) return false;
        for (long s : shape) if (s == 0) return false;
        return true;
    }

    private static long bytes(INDArray a) {
        return a.data() == null ? 0 : a.data().length() * a.dataType().width();
    }
}
