package org.collapselab.data;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Interns parsed tokens on a second thread, so that parsing and interning (each about half of the first pass)
 * overlap on two cores. The reading thread copies each kept line's tokens into a batch; one worker interns the
 * batches in order, so provisional ids are the same as a single-threaded run would give, and spills the ids.
 */
final class InternPipeline implements AutoCloseable {
    private static final int LINES = 4096, BATCHES = 4;

    private final TokenDictionary[] dict;
    private final IntSpill spill;
    private final int nf;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES), free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread worker;
    private volatile Throwable failure;
    private Batch current;

    /** Token bytes of up to {@link #LINES} lines, field by field. */
    private static final class Batch {
        byte[] bytes = new byte[1 << 20];
        int used, lines;
        final int[] off, len;
        boolean last;

        Batch(int nf) {
            off = new int[LINES * nf];
            len = new int[LINES * nf];
        }
    }

    InternPipeline(TokenDictionary[] dict, IntSpill spill) {
        this.dict = dict;
        this.spill = spill;
        this.nf = dict.length;
        for (int i = 0; i < BATCHES; i++) free.add(new Batch(nf));
        current = free.poll();
        worker = new Thread(this::work, "collapselab-intern");
        worker.setDaemon(true);
        worker.start();
    }

    /** Adds the tokens of one parsed, accepted line. */
    void add(LineParser p) {
        Batch b = current;
        int base = b.lines * nf;
        for (int f = 0; f < nf; f++) {
            int n = p.len[f];
            if (b.used + n > b.bytes.length) b.bytes = Arrays.copyOf(b.bytes, Math.max(b.bytes.length * 2, b.used + n));
            System.arraycopy(p.src[f], p.off[f], b.bytes, b.used, n);
            b.off[base + f] = b.used;
            b.len[base + f] = n;
            b.used += n;
        }
        if (++b.lines == LINES) {
            hand(b);
            current = take(free);
        }
    }

    /** Waits until every added line is interned and spilled. */
    void finish() {
        current.last = true;
        hand(current);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while interning tokens", e);
        }
        rethrow();
    }

    private void work() {
        try {
            while (true) {
                Batch b = take(full);
                for (int l = 0, k = 0; l < b.lines; l++)
                    for (int f = 0; f < nf; f++, k++) spill.write(dict[f].intern(b.bytes, b.off[k], b.len[k]));
                if (b.last) return;
                b.used = 0;
                b.lines = 0;
                free.add(b);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void hand(Batch b) {
        try {
            while (!full.offer(b, 100, TimeUnit.MILLISECONDS)) rethrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while interning tokens", e);
        }
    }

    /** Takes a batch, giving up when the other side failed. */
    private Batch take(BlockingQueue<Batch> q) {
        try {
            Batch b;
            while ((b = q.poll(100, TimeUnit.MILLISECONDS)) == null) rethrow();
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while interning tokens", e);
        }
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException(t);
    }

    /** Stops the worker if the reading side gave up early (a bad line in strict mode). */
    @Override
    public void close() {
        worker.interrupt();
    }
}
