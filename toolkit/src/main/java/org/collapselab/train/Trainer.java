package org.collapselab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.collapselab.data.Batch;
import org.collapselab.data.Batches;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Rows;
import org.collapselab.data.Split;
import org.collapselab.model.CtrModel;
import org.collapselab.model.ModelSpec;
import org.collapselab.model.ModelState;
import org.collapselab.nn.Threads;

/**
 * Trains a {@link CtrModel} the paper's way: epochs over the training rows, validation AUC after each, early
 * stopping with patience, the best epoch's weights restored, test AUC and log loss of those. Stops with a
 * {@link TrainingDivergedException} naming the step when the loss is NaN or infinite. With a checkpoint folder it
 * checkpoints every epoch and resumes from the last one ({@link Checkpoints}: only a checkpoint of the same run); a resumed run ends with the same weights as an
 * uninterrupted one (dropout masks are reseeded per epoch from the seed).
 */
public final class Trainer {
    private final TrainConfig config;
    private final TrainContext context;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /** A trainer of {@code config}'s runs with no checkpoints, no progress and the default memory budget. */
    /** A trainer with {@link TrainContext#defaults()}: progress on the console when there is one; quiet: {@code new Trainer(config, TrainContext.NONE)}. */
    public Trainer(TrainConfig config) {
        this(config, TrainContext.defaults());
    }

    public Trainer(TrainConfig config, TrainContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
    }

    public TrainConfig config() {
        return config;
    }

    public TrainContext context() {
        return context;
    }

    /** Adds a listener; returns this trainer. */
    public Trainer listener(TrainingListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    /** A model built for this configuration (its seed, optimiser settings and batch size) within the context's memory budget. */
    public CtrModel newModel(ModelSpec spec, org.collapselab.data.Schema schema) {
        CtrModel.Builder b = CtrModel.builder(spec, schema).seed(config.seed()).adam(config.adam()).batchSize(config.batchSize());
        context.memoryBudget().ifPresent(b::memoryBudget);
        return b.build();
    }

    /** A trained model and how its training went. */
    public record Trained(CtrModel model, TrainResult result) {}

    /** Builds a model and trains it on the dataset's split that the configuration names ({@link TrainConfig#split()}). */
    public Trained train(ModelSpec spec, EncodedDataset data) {
        CtrModel model = newModel(spec, data.schema());
        return new Trained(model, fit(model, data, data.split(config.split())));
    }

    /** Trains {@code model} on the split's training rows, validating on its validation rows, testing on its test rows. */
    public TrainResult fit(CtrModel model, EncodedDataset data, Split split) {
        Threads.use(config.threads());    // process-wide, set before every training: the count changes the last digits
        if (!model.schema().equals(data.schema())) throw new IllegalArgumentException("the model was built for another schema than the dataset's");
        if (!model.embeddings().adam().equals(config.adam()))
            throw new IllegalArgumentException("the model was built with " + model.embeddings().adam() + " but this trainer uses " + config.adam()
                    + "; build it with trainer.newModel(spec, schema)");
        data.requireBothClasses(split);
        long start = System.nanoTime();
        Batches batches = data.batches(split.train(), config.batchSize());
        if (config.reshuffle()) batches = batches.reshuffled(config.seed());
        String label = model.spec().label();
        Checkpoints checkpoints = context.checkpointDir().map(d -> new Checkpoints(d, config, data, split)).orElse(null);

        List<EpochResult> history = new ArrayList<>();
        Evaluation bestValid = null, lastValid = null;
        ModelState best = null;
        int bestEpoch = 0, epochsWithoutGain = 0;
        double bestAuc = Double.NEGATIVE_INFINITY;
        long step = 0;
        if (checkpoints != null && checkpoints.exists()) {
            Checkpoints.Resumed r = checkpoints.resume(model);
            // a checkpoint further than this run may go would hand back another run's result (more epochs)
            if (r.history().size() > config.maxEpochs())
                throw new IllegalStateException("the checkpoint in " + checkpoints.dir() + " holds " + r.history().size() + " epochs, more than maxEpochs "
                        + config.maxEpochs() + " of this run: resume it with maxEpochs >= " + r.history().size() + ", or use another checkpoint folder");
            history.addAll(r.history());
            best = r.best();
            bestEpoch = r.bestEpoch();
            bestAuc = history.get(bestEpoch - 1).validAuc();
            epochsWithoutGain = history.size() - bestEpoch;
            step = r.steps();
        }
        for (int epoch = history.size() + 1; epoch <= config.maxEpochs() && epochsWithoutGain < config.patience(); epoch++) {
            long t0 = System.nanoTime();
            model.graph().reseedDropout(config.seed() * 1_000_003L + epoch);
            String task = label + " · epoch " + epoch;
            double lossSum = 0;
            long rows = 0, batchIndex = 0;
            long total = config.maxStepsPerEpoch() == 0 ? batches.rowCount() : Math.min(batches.rowCount(), config.maxStepsPerEpoch() * config.batchSize());
            for (Batch b : batches.epoch(epoch - 1)) {
                if (config.maxStepsPerEpoch() > 0 && batchIndex == config.maxStepsPerEpoch()) break;
                double loss = model.fit(b);
                step++;
                batchIndex++;
                if (!Double.isFinite(loss))
                    throw new TrainingDivergedException(label + ": the loss is " + loss + " at step " + step + " (epoch " + epoch + ", batch "
                            + batchIndex + " of " + batches.batchesPerEpoch() + "); try a lower learning rate", step);
                lossSum += loss * b.size();
                rows += b.size();
                for (TrainingListener l : listeners) l.onStep(epoch, step, loss);
                context.progress().update(task, rows, total, String.format(Locale.ROOT, "loss %.4f", lossSum / rows));
            }
            context.progress().done(task);
            Evaluation valid = evaluate(model, data, split.valid(), label + " · validation");
            lastValid = valid;
            EpochResult result = new EpochResult(epoch, lossSum / Math.max(1, rows), valid.auc(), valid.logloss(), (System.nanoTime() - t0) / 1e9);
            history.add(result);
            for (TrainingListener l : listeners) l.onEpoch(result, model);
            if (valid.auc() > bestAuc || best == null) {
                bestAuc = valid.auc();
                bestEpoch = epoch;
                best = model.snapshot();
                bestValid = valid;
                epochsWithoutGain = 0;
            } else {
                epochsWithoutGain++;
            }
            if (checkpoints != null) checkpoints.save(model, history, bestEpoch, step);
        }
        // a resumed run that trained no further epoch evaluates the restored last and best weights once more
        if (lastValid == null) lastValid = evaluate(model, data, split.valid(), label + " · validation");
        model.restore(best);
        if (bestValid == null) bestValid = evaluate(model, data, split.valid(), label + " · validation");
        Evaluation test = evaluate(model, data, split.test(), label + " · test");
        return new TrainResult(model.spec(), config.seed(), history, bestEpoch, bestAuc, test.auc(), test.logloss(), (System.nanoTime() - start) / 1e9,
                test.of(split.test()), bestValid.of(split.valid()), lastValid.of(split.valid()));
    }

    /** AUC and log loss of a model's predictions on some rows. */
    public record Evaluation(double auc, double logloss, float[] predictions, float[] labels) {
        /** The predictions with the ids of the rows they were made on. */
        public Predictions of(Rows rows) {
            return new Predictions(rows.toArray(), predictions, labels);
        }
    }

    /** Predicts {@code rows} in evaluation mode and scores them. */
    public Evaluation evaluate(CtrModel model, EncodedDataset data, Rows rows, String task) {
        if (rows.size() == 0) throw new IllegalArgumentException(task + ": no rows to evaluate");
        float[] p = new float[rows.size()], y = new float[rows.size()];
        int at = 0;
        for (Batch b : data.batches(rows, config.evalBatchSize()).epoch(0)) {
            float[] q = model.predict(b);
            System.arraycopy(q, 0, p, at, q.length);
            System.arraycopy(b.labels(), 0, y, at, q.length);
            at += q.length;
            context.progress().update(task, at, rows.size());
        }
        context.progress().done(task);
        return new Evaluation(Metrics.auc(p, y), Metrics.logloss(p, y), p, y);
    }
}
