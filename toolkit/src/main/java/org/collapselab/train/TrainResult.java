package org.collapselab.train;

import java.util.List;
import java.util.Objects;
import org.collapselab.model.ModelSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of one training run: the history per epoch, the epoch whose weights were kept (best validation
 * AUC), and the test metrics of those weights.
 *
 * @param spec          the model trained
 * @param seed          its seed
 * @param history       one entry per epoch run
 * @param bestEpoch     1-based epoch of the best validation AUC (the weights restored)
 * @param validAuc      the best validation AUC
 * @param testAuc       test AUC of the restored weights
 * @param testLogloss   test log loss of the restored weights
 * @param seconds       wall time of the whole run
 * @param test          the restored weights' predictions on the test rows (what {@code testAuc} scores)
 * @param validBest     the restored weights' predictions on the validation rows
 * @param validLast     the last epoch's predictions on the validation rows (overfitting is read from these two)
 */
public record TrainResult(ModelSpec spec, long seed, List<EpochResult> history, int bestEpoch, double validAuc, double testAuc,
                          double testLogloss, double seconds, Predictions test, Predictions validBest, Predictions validLast) {
    public TrainResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(test, "test predictions");
        Objects.requireNonNull(validBest, "validation predictions of the best epoch");
        Objects.requireNonNull(validLast, "validation predictions of the last epoch");
        history = List.copyOf(history);
        if (bestEpoch < 1 || bestEpoch > history.size())
            throw new IllegalArgumentException("best epoch " + bestEpoch + " outside the " + history.size() + " epochs run");
        validBest.requireSameRows(validLast, spec.label() + " validation");
    }

    /** Epochs run (including those after the best, up to early stopping). */
    public int epochs() {
        return history.size();
    }

    /** The history as a table: epoch, train loss, valid AUC, valid logloss, seconds. */
    public Table historyTable() {
        IntColumn e = IntColumn.create("epoch");
        DoubleColumn loss = DoubleColumn.create("train loss"), auc = DoubleColumn.create("valid AUC"),
                ll = DoubleColumn.create("valid logloss"), s = DoubleColumn.create("seconds");
        for (EpochResult r : history) {
            e.append(r.epoch());
            loss.append(r.trainLoss());
            auc.append(r.validAuc());
            ll.append(r.validLogloss());
            s.append(r.seconds());
        }
        return Table.create(spec.label() + " (seed " + seed + ")", e, loss, auc, ll, s);
    }

    /** One row per run: model, seed, epochs, best epoch, valid AUC, test AUC, test logloss, seconds. */
    public static Table table(String name, List<TrainResult> runs) {
        tech.tablesaw.api.StringColumn model = tech.tablesaw.api.StringColumn.create("model");
        tech.tablesaw.api.LongColumn seed = tech.tablesaw.api.LongColumn.create("seed");
        IntColumn epochs = IntColumn.create("epochs"), best = IntColumn.create("best epoch");
        DoubleColumn valid = DoubleColumn.create("valid AUC"), auc = DoubleColumn.create("test AUC"), ll = DoubleColumn.create("test logloss"),
                s = DoubleColumn.create("seconds");
        for (TrainResult r : runs) {
            model.append(r.spec().label());
            seed.append(r.seed());
            epochs.append(r.epochs());
            best.append(r.bestEpoch());
            valid.append(r.validAuc());
            auc.append(r.testAuc());
            ll.append(r.testLogloss());
            s.append(r.seconds());
        }
        return Table.create(name, model, seed, epochs, best, valid, auc, ll, s);
    }

    /** Per-epoch values of one column as an array (for plots). */
    public double[] trainLosses() {
        return history.stream().mapToDouble(EpochResult::trainLoss).toArray();
    }

    public double[] validAucs() {
        return history.stream().mapToDouble(EpochResult::validAuc).toArray();
    }
}
