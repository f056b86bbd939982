package org.collapselab.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.collapselab.data.Progress;

/**
 * What a training needs that cannot change its numbers, apart from {@link TrainConfig} (which is all a run's identity
 * is made of): where it checkpoints and resumes from, where its progress goes, and how much memory a model may take.
 *
 * @param checkpointDir where to checkpoint every epoch and resume from (empty: no checkpoints); an executor of runs
 *                      gives each run its own subfolder, named by the run's id
 * @param progress      receives progress of every epoch and evaluation (rows, with the running loss)
 * @param memoryBudget  bytes a model may need to train (empty: the model's default, 90% of physical memory); a model
 *                      estimated above it is refused before it is built
 */
public record TrainContext(Optional<Path> checkpointDir, Progress progress, OptionalLong memoryBudget) {
    /** No checkpoints, no progress, the default budget. */
    public static final TrainContext NONE = new TrainContext(Optional.empty(), Progress.NONE, OptionalLong.empty());

    public TrainContext {
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(memoryBudget, "memoryBudget");
        if (memoryBudget.isPresent() && memoryBudget.getAsLong() < 1) throw new IllegalArgumentException("memory budget must be >= 1 byte, got " + memoryBudget.getAsLong());
    }

    /**
     * What {@code new Trainer(config)} uses: no checkpoints, the default budget, and progress lines on the console when
     * the JVM has one (a terminal), none otherwise (tests, notebooks, pipes). {@link #NONE} is quiet everywhere.
     */
    public static TrainContext defaults() {
        return defaults(System.console() != null);
    }

    static TrainContext defaults(boolean interactive) {
        return interactive ? builder().progress(new ConsoleProgress(System.out)).build() : NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().checkpointDir(checkpointDir.orElse(null)).progress(progress).memoryBudget(memoryBudget.isPresent() ? memoryBudget.getAsLong() : null);
    }

    /** Builder for {@link TrainContext}, starting from {@link #NONE}; every setter returns the builder. */
    public static final class Builder {
        private Path checkpointDir;
        private Progress progress = Progress.NONE;
        private Long memoryBudget;

        private Builder() {}

        public Builder checkpointDir(Path v) { checkpointDir = v; return this; }
        public Builder progress(Progress v) { progress = v; return this; }
        /** Bytes a model may need; null: the model's default. */
        public Builder memoryBudget(Long v) { memoryBudget = v; return this; }

        public TrainContext build() {
            return new TrainContext(Optional.ofNullable(checkpointDir), progress, memoryBudget == null ? OptionalLong.empty() : OptionalLong.of(memoryBudget));
        }
    }
}
