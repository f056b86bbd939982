package org.collapselab.run;

import java.util.ArrayList;
import java.util.List;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.CtrModel;
import org.collapselab.train.EpochResult;
import org.collapselab.train.TrainContext;
import org.collapselab.train.Trainer;
import org.collapselab.train.TrainingListener;

/**
 * Trains one {@link RunRequest} into a {@link RunRecord} with its {@link KeptWeights}, with no caching: what both the
 * sequential executor and a remote (Spark) task call. Per-field IA is taken after every epoch (a {@link TrainingListener},
 * with {@link SpectrumOptions#DEFAULT}, part of the run's identity); what is measured of the kept weights is measured
 * later, from the store ({@link RunStore#measure}).
 */
public final class RunTrainer {
    private RunTrainer() {}

    /**
     * A trained run: its record and its kept weights, which {@link RunStore#put(Trained)} stores together (refusing
     * weights whose digests are not the ones the record names).
     */
    public record Trained(RunRecord record, KeptWeights weights) {
        public Trained {
            java.util.Objects.requireNonNull(record, "record");
            java.util.Objects.requireNonNull(weights, "weights");
        }
    }

    /**
     * Trains {@code request} on {@code data} (which must be the request's dataset) in {@code context} (progress, memory
     * budget; a checkpoint folder is a root under which the run checkpoints into a subfolder named by its id, so runs
     * sharing a context never resume each other), notifying listeners.
     */
    public static Trained train(RunRequest request, EncodedDataset data, TrainContext context, List<TrainingListener> listeners) {
        if (!data.contentDigest().equals(request.data().content()))
            throw new IllegalArgumentException("run " + request.description() + " is of dataset " + request.data().content() + ", given "
                    + data.contentDigest());
        List<double[]> perEpoch = new ArrayList<>();
        TrainContext.Builder own = context.toBuilder();
        context.checkpointDir().ifPresent(d -> own.checkpointDir(d.resolve(request.id())));
        Trainer trainer = new Trainer(request.config(), own.build()).listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochResult result, CtrModel model) {
                perEpoch.add(FieldIA.of(model.concatenatedTables(), data.schema()).ia());
            }
        });
        listeners.forEach(trainer::listener);
        Trainer.Trained t = trainer.train(request.spec(), data);
        CtrModel model = t.model();
        KeptWeights weights = KeptWeights.of(model);
        return new Trained(new RunRecord(request, t.result(), weights.schema(), perEpoch.toArray(double[][]::new), RunStore.digests(weights)), weights);
    }

    /** {@link #train} without progress, checkpoints or listeners, with the default memory budget. */
    public static Trained train(RunRequest request, EncodedDataset data) {
        return train(request, data, TrainContext.NONE, List.of());
    }
}
