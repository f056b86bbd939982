package org.collapselab.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Progress;
import org.collapselab.train.TrainContext;
import org.collapselab.train.TrainingListener;

/**
 * The {@link RunExecutor} of one JVM: runs missing from the store are trained here, one after another, and stored
 * as each finishes (so an interrupted sweep keeps what it finished). A request names its dataset by content; the
 * datasets given here are used for it, others are reopened from their cache file. A request that appears twice
 * is trained once.
 */
public final class SequentialExecutor implements RunExecutor {
    private final RunStore store;
    private final Map<String, EncodedDataset> datasets = new HashMap<>();
    private final TrainContext context;
    private final List<TrainingListener> listeners;
    private final AtomicInteger trained = new AtomicInteger(), reused = new AtomicInteger();

    /**
     * @param datasets   datasets already open (matched to requests by content digest)
     * @param context    every training's context: progress, memory budget, and a checkpoint root (each run
     *                   checkpoints into a subfolder named by its id)
     * @param listeners  attached to every training run here
     */
    public SequentialExecutor(RunStore store, List<EncodedDataset> datasets, TrainContext context, List<TrainingListener> listeners) {
        this.store = Objects.requireNonNull(store, "store").requireWritable();
        for (EncodedDataset d : datasets) this.datasets.put(d.contentDigest(), d);
        this.context = Objects.requireNonNull(context, "context");
        this.listeners = List.copyOf(listeners);
    }

    /** An executor showing each training's progress on {@code progress}. */
    public SequentialExecutor(RunStore store, List<EncodedDataset> datasets, Progress progress, List<TrainingListener> listeners) {
        this(store, datasets, TrainContext.builder().progress(progress).build(), listeners);
    }

    public SequentialExecutor(RunStore store, EncodedDataset data) {
        this(store, List.of(data), TrainContext.NONE, List.of());
    }

    /** Uses {@code data} for requests of its content (instead of reopening it from its cache file); returns this executor. */
    public SequentialExecutor with(EncodedDataset data) {
        datasets.putIfAbsent(data.contentDigest(), data);
        return this;
    }

    @Override
    public List<RunRecord> obtain(List<RunRequest> requests) {
        if (!requests.isEmpty())
            System.out.println(RunPlan.of(requests, store, r -> datasets.computeIfAbsent(r.data().content(), c -> r.data().open()).rows(), CellRates.measured()));
        Map<String, RunRecord> got = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            RunRequest r = requests.get(i);
            if (got.containsKey(r.id())) continue;
            var stored = store.find(r.id());
            if (stored.isPresent()) {
                reused.incrementAndGet();
                got.put(r.id(), stored.get());
                continue;
            }
            System.out.printf(Locale.ROOT, "[%d/%d] training %s (run %s)%n", i + 1, requests.size(), r.description(), r.id());
            EncodedDataset data = datasets.computeIfAbsent(r.data().content(), c -> r.data().open());
            RunRecord record = store.put(RunTrainer.train(r, data, context, listeners));
            trained.incrementAndGet();
            got.put(r.id(), record);
        }
        List<RunRecord> out = new ArrayList<>();
        for (RunRequest r : requests) out.add(got.get(r.id()));
        return out;
    }

    @Override
    public int trained() {
        return trained.get();
    }

    @Override
    public int reused() {
        return reused.get();
    }

    @Override
    public RunStore store() {
        return store;
    }
}
