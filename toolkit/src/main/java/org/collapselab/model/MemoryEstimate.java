package org.collapselab.model;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.collapselab.data.Schema;
import org.collapselab.interaction.Interaction;
import org.collapselab.nn.MlpBlock;

/**
 * An upper estimate of the peak resident memory a model needs to train (and evaluate between epochs), checked
 * before anything large is allocated. Its terms:
 * <ul>
 *   <li>runtime: 0.29 GB, the JVM and ND4J before any model (0.14 GB measured), SameDiff's graph and sessions, plus
 *       up to three times {@code GarbageSchedule.COLLECT_ABOVE_BYTES} (3 × 256 MB) of garbage not yet collected (the
 *       peaks below were measured collecting every 64 MB of estimated allocations; the schedule now follows the
 *       resident set: see {@link #RUNTIME_BYTES});
 *   <li>embeddings: every set's table and its two Adam moments (3 floats per parameter);
 *   <li>dense: parameters, gradients, two Adam moments and one temporary (5 floats per parameter);
 *   <li>activations: S, what one training step allocates, batch × 4 bytes × (sets × the per-set floats of
 *       {@link #activationFloatsPerRow} + the once-per-model {@link Interaction#transientFloatsPerRow} +
 *       {@link MlpBlock#ACTIVATION_FLOATS} per unit of the MLP blocks outside the modules), plus min(S, half of
 *       {@link Pointer#maxBytes()}): the graph's array pool keeps a step's arrays for reuse, and up to a quarter of
 *       maxBytes more for other passes' shapes (inference, a last smaller batch; maxBytes defaults to -Xmx). The
 *       calibration below is from when SameDiff's training and inference sessions each had a cache of their own, of
 *       up to a quarter of maxBytes. With the pool, ModelBenchmark's peaks moved both ways: xDeepFM SE 4× 5.2 → 3.8 GB
 *       (the caches had reallocated what they could not hold), DNN SE 1× 0.57 → 0.66 GB (the pool keeps arrays that
 *       were garbage before), both far under their estimates.
 * </ul>
 * It holds only because {@link CtrModel} collects garbage after its steps (ND4J frees a buffer when the GC collects
 * its array; left to itself the GC let xDeepFM SE 1× peak anywhere from 7 to 12 GB) and evaluates in slices of the
 * training batch.
 *
 * <p>Calibration: ModelBenchmark's peak RSS (VmHWM; -Xmx6g, so caches of 1.6 GB each; batch 2048; Criteo's 39 fields
 * and 1,086,810 rows; a fit, an inference step, 4 fits, 2 inference steps), measured / estimated, GB: DNN SE 1×
 * 0.54 / 0.64; DCNv2 SE 1× 0.61 / 0.70, SE 4× 1.46 / 1.59, SE 10× 3.80 / 4.03; NFwFM SE 4× 4.29 / 4.60, ME 4× 4.14 /
 * 4.76, ME 10× 9.73 / 11.3; xDeepFM SE 1× 2.61 / 3.15, SE 4× 8.02 / 9.28, SE 10× 13.5 / 17.8, ME 4× 6.42 / 7.18,
 * ME 10× 10.3 / 11.7. Over all 28 variants measured (the six paper models SE and ME at 1× and 4×, NFwFM ME 2×,
 * xDeepFM 2×, DCNv2, NFwFM ME and xDeepFM at 10×, FM and FFM at 1×) the estimate was 1.06× to 1.37× the peak with a
 * 64 MB collection threshold (the estimates here are from then; the 512 MB threshold adds 0.45 GB to each); the
 * previous formula (activations counted 4×, no caches) was 1.0× to 3.4× the same peaks, and under the peaks seen
 * before CtrModel collected garbage (xDeepFM SE 1×: 3.7 GB estimated, 7 to 12 GB measured).
 */
public record MemoryEstimate(long embeddingBytes, long denseBytes, long activationBytes, long runtimeBytes, int batchSize) {

    /**
     * The JVM and ND4J before any model is built, SameDiff's graph and session state, uncollected garbage: three
     * times the schedule's allowance (with two, FinalMLP ME 1× and IPNN ME 4× peaked 0.1-0.2 GB above the estimate
     * in ModelBenchmark: the resident set's level between collections is higher than the old estimate-driven
     * schedule kept it).
     */
    static final long RUNTIME_BYTES = 290_000_000L + 3 * GarbageSchedule.COLLECT_ABOVE_BYTES;

    public long total() {
        return runtimeBytes + embeddingBytes + denseBytes + activationBytes;
    }

    /** The estimate for a model of {@code spec} on {@code schema} trained at {@code batchSize}, from its modules' own figures. */
    static MemoryEstimate of(ModelSpec spec, Schema schema, int batchSize) {
        int fields = schema.size(), k = spec.embeddingSize(), width = spec.tableWidth(fields);
        long dense = 0, activationWidth = 0;
        for (Interaction m : spec.kind().interactions(spec)) {
            dense += spec.sets() * (m.parameterCount(fields, k)
                    + (m.readout() == Interaction.Readout.MLP ? MlpBlock.parameterCount(m.outputWidth(fields, k), spec.hidden()[0]) : 0));
            activationWidth += activationFloatsPerRow(m, fields, k, width);
        }
        return of(spec, schema, dense, activationWidth, batchSize, Pointer.maxBytes() / 2);
    }

    /**
     * Floats per batch row that one embedding set's module allocates in a training step and keeps until its backward
     * pass is done (SameDiff M2.1 gives every op output and every gradient a buffer of its own): 8 per looked-up value
     * of {@code width} per field (the rows, their gradient and the store's copies of it), plus the module's own
     * {@link Interaction#activationFloatsPerRow}.
     */
    static long activationFloatsPerRow(Interaction m, int fields, int k, int width) {
        return 8L * fields * width + m.activationFloatsPerRow(fields, k);
    }

    /** As above, with the array pool holding at most {@code cacheLimit} bytes beyond one step's arrays. */
    static MemoryEstimate of(ModelSpec spec, Schema schema, long denseParameters, long perSetActivationWidth, int batchSize, long cacheLimit) {
        long embedding = (long) spec.sets() * schema.totalRows() * spec.tableWidth(schema.size()) * Float.BYTES * 3;
        long dense = denseParameters * Float.BYTES * 5;
        // MLP units outside the modules: each set's first block after an MLP-readout module, and the shared head's rest
        long[] hidden = spec.hidden();
        long mlp = 0, once = 0;
        boolean head = false;
        for (Interaction m : spec.kind().interactions(spec)) {
            once += m.transientFloatsPerRow(schema.size(), spec.embeddingSize());
            if (m.readout() == Interaction.Readout.MLP) {
                mlp += spec.sets() * hidden[0];
                head = true;
            }
        }
        if (head) for (int i = 1; i < hidden.length; i++) mlp += hidden[i];
        long step = (long) batchSize * Float.BYTES * (spec.sets() * perSetActivationWidth + once + MlpBlock.ACTIVATION_FLOATS * mlp);
        long activations = step + Math.min(step, Math.max(0, cacheLimit));
        return new MemoryEstimate(embedding, dense, activations, RUNTIME_BYTES, batchSize);
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    @Override
    public String toString() {
        return "about " + gb(total()) + " (embeddings " + gb(embeddingBytes) + ", dense " + gb(denseBytes) + ", activations "
                + gb(activationBytes) + " at batch " + batchSize + ", runtime " + gb(runtimeBytes) + ")";
    }
}
