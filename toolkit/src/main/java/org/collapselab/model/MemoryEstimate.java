package org.collapselab.model;

import java.util.Locale;
import org.collapselab.data.Schema;

/**
 * A rough upper estimate of the memory a model needs to train, checked before anything large is allocated:
 * embedding tables with their two Adam moments, dense parameters with moments and gradients, and activations of
 * one batch. SameDiff M2.1 gives every op a fresh buffer, so activations are counted twice (forward and
 * backward) and doubled again; the probes saw 2–4 GB at K = 10 and 7–12 GB at K = 100 for DCNv2.
 */
public record MemoryEstimate(long embeddingBytes, long denseBytes, long activationBytes, int batchSize) {

    public long total() {
        return embeddingBytes + denseBytes + activationBytes;
    }

    static MemoryEstimate of(ModelSpec spec, Schema schema, long denseParameters, long perSetActivationWidth, int batchSize) {
        long embedding = (long) spec.sets() * schema.totalRows() * spec.tableWidth(schema.size()) * Float.BYTES * 3;
        long dense = denseParameters * Float.BYTES * 4;
        long hidden = 0;
        for (long h : spec.hidden()) hidden += h;
        long activations = (long) batchSize * Float.BYTES * 4 * (spec.sets() * perSetActivationWidth + 8 * hidden);
        return new MemoryEstimate(embedding, dense, activations, batchSize);
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    @Override
    public String toString() {
        return "about " + gb(total()) + " (embeddings " + gb(embeddingBytes) + ", dense " + gb(denseBytes) + ", activations "
                + gb(activationBytes) + " at batch " + batchSize + ")";
    }
}
