package org.collapselab.train;

import java.util.Objects;
import org.collapselab.data.SplitSpec;
import org.collapselab.model.Canonical;
import org.collapselab.nn.Threads;
import org.collapselab.nn.embedding.AdamConfig;
import org.collapselab.nn.embedding.Optimizer;

/**
 * How to train. Defaults are the paper's (DESIGN §4): Adam, learning rate 1e-3, batch 2048, weight decay 1e-6
 * added to the gradient (PyTorch Adam's coupled L2, over every parameter and every table row: dense Adam), early
 * stopping on validation AUC after 3 epochs without improvement, at most 100 epochs, a fixed batch order.
 *
 * @param learningRate        Adam's learning rate
 * @param batchSize           rows per training step
 * @param weightDecay         coupled L2 coefficient
 * @param embeddingOptimizer  DENSE_ADAM (every row, every step: the paper's) or LAZY_ADAM (touched rows: faster)
 * @param patience            epochs without a better validation AUC before stopping
 * @param maxEpochs           upper bound on epochs
 * @param seed                seed of the model's initialisation, dropout masks and (if on) batch reshuffling
 * @param split               which seeded train/validation/test split of the dataset to train, select and test on
 * @param reshuffle           reshuffle the training rows every epoch (the original never does)
 * @param evalBatchSize       rows per inference batch
 * @param maxStepsPerEpoch    train at most this many steps (batches) per epoch, 0 for every batch: a run cut short
 *                            this way is still validated, tested and stored, for checks at full size that cannot
 *                            afford an epoch
 * @param threads             OpenMP threads of ND4J's ops while training ({@link Threads}): the count changes the
 *                            order of sums and so a run's last digits; default: the count this JVM started with
 *
 * <p>Every component can change a run's numbers and is part of its {@link #identity()}; what cannot (checkpoints,
 * progress, the memory budget) is a {@link TrainContext}.
 */
public record TrainConfig(double learningRate, int batchSize, double weightDecay, Optimizer embeddingOptimizer, int patience,
                          int maxEpochs, long seed, SplitSpec split, boolean reshuffle, int evalBatchSize, long maxStepsPerEpoch, int threads) {

    public TrainConfig {
        Objects.requireNonNull(embeddingOptimizer, "embeddingOptimizer");
        Objects.requireNonNull(split, "split");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        if (maxEpochs < 1) throw new IllegalArgumentException("maxEpochs must be >= 1, got " + maxEpochs);
        if (evalBatchSize < 1) throw new IllegalArgumentException("eval batch size must be >= 1, got " + evalBatchSize);
        if (maxStepsPerEpoch < 0) throw new IllegalArgumentException("maxStepsPerEpoch must be >= 0 (0: every batch), got " + maxStepsPerEpoch);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /** The paper's settings. */
    public static TrainConfig paper() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().learningRate(learningRate).batchSize(batchSize).weightDecay(weightDecay).embeddingOptimizer(embeddingOptimizer)
                .patience(patience).maxEpochs(maxEpochs).seed(seed).split(split).reshuffle(reshuffle).evalBatchSize(evalBatchSize)
                .maxStepsPerEpoch(maxStepsPerEpoch).threads(threads);
    }

    /**
     * Repeat {@code seed} of this run: the model seed set to {@code seed} and, with {@code varySplit}, the split's
     * seed too (its fractions kept), so that repeats measure the spread over splits as well as over initialisations.
     * Without it every repeat trains on this configuration's split, as the paper's 3 runs per cell are read here.
     */
    public TrainConfig repeat(long seed, boolean varySplit) {
        Builder b = toBuilder().seed(seed);
        if (varySplit) b.split(new SplitSpec(seed, split.trainFraction(), split.validFraction()));
        return b.build();
    }

    /** Every component, canonically ({@link Canonical}), under {@code train.}. */
    public java.util.SortedMap<String, String> identity() {
        return Canonical.of("train", this, java.util.Set.of());
    }

    /** The optimiser settings a model is built with (dense weights and tables alike). */
    public AdamConfig adam() {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8, weightDecay, embeddingOptimizer);
    }

    /** Builder for {@link TrainConfig}, starting from the paper's settings; every setter returns the builder. */
    public static final class Builder {
        private double learningRate = 1e-3;
        private int batchSize = 2048;
        private double weightDecay = 1e-6;
        private Optimizer embeddingOptimizer = Optimizer.DENSE_ADAM;
        private int patience = 3;
        private int maxEpochs = 100;
        private long seed;
        private SplitSpec split = SplitSpec.paper();
        private boolean reshuffle;
        private int evalBatchSize = 8192;
        private long maxStepsPerEpoch;
        private Integer threads;

        private Builder() {}

        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder embeddingOptimizer(Optimizer v) { embeddingOptimizer = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder maxEpochs(int v) { maxEpochs = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder split(SplitSpec v) { split = v; return this; }
        /** The 8:1:1 split with this seed. */
        public Builder splitSeed(long v) { return split(SplitSpec.seeded(v)); }
        public Builder reshuffle(boolean v) { reshuffle = v; return this; }
        public Builder evalBatchSize(int v) { evalBatchSize = v; return this; }
        public Builder maxStepsPerEpoch(long v) { maxStepsPerEpoch = v; return this; }
        /** OpenMP threads while training; null: the count this JVM started with ({@link Threads#configured()}). */
        public Builder threads(Integer v) { threads = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(learningRate, batchSize, weightDecay, embeddingOptimizer, patience, maxEpochs, seed, split, reshuffle,
                    evalBatchSize, maxStepsPerEpoch, threads == null ? Threads.configured() : threads);
        }
    }
}
