package org.collapselab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.CtrModel;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.EpochResult;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.Trainer;
import org.collapselab.train.TrainingListener;

/**
 * The shared helper of the experiment recipes: trains a model spec with a seed and measures it, with per-field IA
 * tracked after every epoch (a {@link TrainingListener}) and taken again, with the singular values, on the kept
 * (best) weights. Each run is one {@link MeasuredRun} stored in the {@link ResultCache} under its own provenance
 * (spec, training settings, seed, data), so recipes that train the same model share it, and a re-run reads it.
 */
public final class Measurements {
    private final TrainConfig config;
    private final EncodedDataset data;
    private final ResultCache cache;
    private final List<TrainingListener> listeners;
    private final AtomicInteger trainings = new AtomicInteger();

    /**
     * @param listeners extra listeners attached to every training this helper runs (progress, counting, tracking)
     */
    public Measurements(TrainConfig config, EncodedDataset data, ResultCache cache, List<TrainingListener> listeners) {
        this.config = Objects.requireNonNull(config, "config");
        this.data = Objects.requireNonNull(data, "data");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.listeners = List.copyOf(listeners);
    }

    public TrainConfig config() {
        return config;
    }

    public EncodedDataset data() {
        return data;
    }

    /** Trainings this helper actually ran (cached runs are not counted). */
    public int trainings() {
        return trainings.get();
    }

    /** What one run is computed from. */
    public static Provenance provenance(ModelSpec spec, TrainConfig config, EncodedDataset data, long seed) {
        return Provenance.of("run").spec(spec).config(config).data(data).with("seed", seed).with("analysis", SpectrumOptions.DEFAULT).build();
    }

    /** The measured run of {@code spec} with {@code seed}: from the cache, or trained now and stored. */
    public MeasuredRun measure(ModelSpec spec, long seed) {
        return new MeasuredRun(spec, seed, cache.getOrCompute(provenance(spec, config, data, seed), () -> train(spec, seed).run().record()));
    }

    /** Every spec with every seed, specs outermost. */
    public List<MeasuredRun> measure(List<ModelSpec> specs, List<Long> seeds) {
        List<MeasuredRun> out = new ArrayList<>();
        for (ModelSpec s : specs) for (long seed : seeds) out.add(measure(s, seed));
        return out;
    }

    /** A run trained now (never cached) together with its model, which holds the kept (best) weights. */
    public record Fresh(Trainer.Trained trained, MeasuredRun run) {}

    /** Trains {@code spec} with {@code seed} now, without the cache, and measures it. */
    public Fresh train(ModelSpec spec, long seed) {
        List<FieldIA> perEpoch = new ArrayList<>();
        Trainer trainer = new Trainer(config.toBuilder().seed(seed).build()).listener(new TrainingListener() {
            @Override
            public void onEpoch(EpochResult result, CtrModel model) {
                perEpoch.add(FieldIA.of(model.concatenatedTables(), data.schema()));
            }
        });
        listeners.forEach(trainer::listener);
        trainings.incrementAndGet();
        Trainer.Trained t = trainer.train(spec, data);
        FieldIA kept = FieldIA.of(t.model().concatenatedTables(), data.schema());
        return new Fresh(t, MeasuredRun.of(t.result(), perEpoch, kept));
    }
}
