package org.collapselab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.collapselab.interaction.BilinearFusion;
import org.collapselab.interaction.CrossNetV2;
import org.collapselab.interaction.Interaction;
import org.collapselab.interaction.TwoStream;
import org.collapselab.nn.Floats;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Init;
import org.collapselab.nn.Linear;
import org.collapselab.nn.MlpBlock;
import org.collapselab.nn.Scope;
import org.collapselab.nn.embedding.AdamConfig;
import org.collapselab.nn.embedding.EmbeddingStore;
import org.collapselab.nn.embedding.StoreSpec;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A built CTR model: one skeleton for every kind and both embedding modes (DESIGN §3). Per embedding set m:
 * its own table E^(m) (in the {@link EmbeddingStore}, outside the graph) → its own interaction module(s) → for
 * MLP readouts its own first hidden block; then the mean over sets; then the shared rest (the MLP head, CIN's
 * linear layer or FinalMLP's fusion); logits of several modules (xDeepFM) are summed. With one set this is the
 * single-embedding model.
 *
 * <p>Training goes through {@link #fit(Batch)}: the rows of every set are looked up and fed to the graph, SameDiff
 * runs forward, backward and Adam (with coupled L2) on the dense weights, and the store applies the captured
 * embedding gradients with its own Adam.
 */
public final class CtrModel {
    private static final String LABEL = "label", PROB = "prob";

    private final ModelSpec spec;
    private final Schema schema;
    private final long seed;
    private final Graph graph;
    private EmbeddingStore store;    // replaced when a checkpoint is restored
    private final List<SDVariable> inputs;
    private final SDVariable loss, logit;
    private final MemoryEstimate memory;
    private final List<Interaction> modules;
    private final INDArray[] buffers;

    private CtrModel(Builder b) {
        this.spec = b.spec;
        this.schema = b.schema;
        this.seed = b.seed;
        int fields = schema.size(), k = spec.embeddingSize(), width = spec.tableWidth(fields);
        List<Interaction> modules = spec.kind().interactions(spec);
        this.modules = modules;
        this.memory = MemoryEstimate.of(spec, schema, b.batchSize);
        if (memory.total() > b.memoryBudget)
            throw new ModelTooLargeException(spec.label() + " on " + fields + " fields with " + schema.totalRows() + " embedding rows needs "
                    + memory + ", over the memory budget of " + MemoryEstimate.gb(b.memoryBudget)
                    + "; use a smaller K, fewer sets or a smaller batch, or raise the budget (CtrModel.builder(...).memoryBudget(bytes))",
                    memory, b.memoryBudget);

        this.store = EmbeddingStore.create(schema, StoreSpec.of(spec.sets(), k).withSubTables(width / k), b.adam, seed);
        this.graph = Graph.create(b.dataType, seed);
        var sd = graph.sd();
        Scope root = graph.root();

        List<SDVariable> ins = new ArrayList<>();
        for (int m = 0; m < spec.sets(); m++) ins.add(graph.embeddingInput(root.child("set", m), (long) fields * width));
        this.inputs = List.copyOf(ins);
        // the loss on the training pass, the predictions on the evaluation pass: same weights, no training-only ops at inference
        Network train = graph.build(Graph.Mode.TRAIN, () -> network(fields, k));
        Network eval = graph.build(Graph.Mode.EVAL, () -> network(fields, k));
        SDVariable logit = train.logit();
        List<SDVariable> penalties = train.penalties();
        sd.nn.sigmoid(PROB, eval.logit());
        SDVariable label = sd.placeHolder(LABEL, b.dataType, -1, 1);
        SDVariable total = sd.loss.sigmoidCrossEntropy("bce", label, logit, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);
        for (SDVariable p : penalties) total = total.add(p);
        if (spec.divergenceRestriction().isPresent()) total = total.add(divergencePenalty(fields, k).mul(spec.divergenceRestriction().getAsDouble()));
        this.logit = logit;
        this.loss = sd.identity("loss", total);
        sd.setLossVariables(loss);
        graph.watch(logit);
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(new Adam(b.adam.lr(), b.adam.beta1(), b.adam.beta2(), b.adam.eps()))
                .l2(b.adam.weightDecay())                    // added to the gradient before Adam: PyTorch's coupled weight decay
                .dataSetFeatureMapping(new ArrayList<>()).dataSetLabelMapping(LABEL).skipBuilderValidation(true).build());
        graph.buildGradients();
        this.buffers = new INDArray[spec.sets()];
    }

    /** A pass's logit and the modules' regularisers. */
    private record Network(SDVariable logit, List<SDVariable> penalties) {}

    /**
     * The network over the embedding inputs, in the pass being built: per set its interaction modules and, for MLP
     * readouts, its first hidden block; the mean over sets; the shared head; the modules' logits summed.
     */
    private Network network(int fields, int k) {
        Scope root = graph.root();
        List<List<SDVariable>> perModule = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) perModule.add(new ArrayList<>());
        List<SDVariable> penalties = new ArrayList<>();
        for (int m = 0; m < spec.sets(); m++) {
            Scope set = root.child("set", m);
            for (int i = 0; i < modules.size(); i++) {
                Interaction module = modules.get(i);
                Interaction.Output out = module.apply(interactionScope(m, i), inputs.get(m), fields, k);
                out.regularizer().ifPresent(penalties::add);
                SDVariable features = out.features();
                if (module.readout() == Interaction.Readout.MLP) {
                    Scope block = moduleScope(set, "block0", i, modules.size());
                    features = spec.linearSetProjection()
                            ? Linear.create(block.child("linear"), module.outputWidth(fields, k), spec.hidden()[0]).apply(out.linearInput())
                            : MlpBlock.create(block, module.outputWidth(fields, k), spec.hidden()[0], spec.dropout()).apply(out.linearInput());
                }
                perModule.get(i).add(features);
            }
        }
        SDVariable logit = null;
        for (int i = 0; i < modules.size(); i++) {
            Interaction module = modules.get(i);
            SDVariable mean = meanOverSets(perModule.get(i));
            Scope head = moduleScope(root, "head", i, modules.size());
            long w = module.readout() == Interaction.Readout.MLP ? spec.hidden()[0] : module.outputWidth(fields, k);
            SDVariable l = switch (module.readout()) {
                case MLP -> {
                    long[] hidden = spec.hidden();
                    SDVariable h = MlpBlock.stack(head.child("mlp"), mean, w, java.util.Arrays.copyOfRange(hidden, 1, hidden.length), spec.dropout());
                    yield Linear.create(head.child("out"), hidden[hidden.length - 1], 1).apply(h);
                }
                case LINEAR -> Linear.create(head.child("out"), w, 1).apply(mean);
                case FUSION -> BilinearFusion.create(head.child("fusion"), ((TwoStream) module).streamWidth()).apply(mean);
                case SUM -> mean;
            };
            logit = logit == null ? l : logit.add(l);
        }
        if (!spec.kind().hasMlp()) logit = logit.add(root.variable("bias", Init.zeros(), 1, 1));
        return new Network(logit, penalties);
    }

    /** Under {@code parent/name} when the kind has one module, else {@code parent/name<i>} (xDeepFM's two branches). */
    private static Scope moduleScope(Scope parent, String name, int i, int modules) {
        return modules == 1 ? parent.child(name) : parent.child(name, i);
    }

    /**
     * The mean of the sets' features as a chain of adds and one division: SameDiff M2.1's {@code mergeavg} op and its
     * backward took 13% of an xDeepFM ME 4× training step (ModelBenchmark --profile), adds a few milliseconds.
     */
    private static SDVariable meanOverSets(List<SDVariable> xs) {
        SDVariable sum = xs.get(0);
        for (int m = 1; m < xs.size(); m++) sum = sum.add(xs.get(m));
        return xs.size() == 1 ? sum : sum.div(xs.size());
    }

    /** The scope module {@code module} of embedding set {@code set} was built under. */
    private Scope interactionScope(int set, int module) {
        return moduleScope(graph.root().child("set", set), "interaction", module, modules.size());
    }

    /** The modules' penalty on the differences between sets (Fig. 9d), summed over the modules that define one. */
    private SDVariable divergencePenalty(int fields, int k) {
        SDVariable sum = null;
        for (int i = 0; i < modules.size(); i++) {
            List<Scope> sets = new ArrayList<>();
            for (int m = 0; m < spec.sets(); m++) sets.add(interactionScope(m, i));
            SDVariable p = modules.get(i).divergencePenalty(sets, fields, k).orElse(null);
            if (p != null) sum = sum == null ? p : sum.add(p);
        }
        if (sum == null) throw new IllegalStateException(spec.label() + ": no module defines a divergence across sets");
        return sum;
    }

    public static Builder builder(ModelSpec spec, Schema schema) {
        return new Builder(spec, schema);
    }

    /** A model with the paper's optimiser settings, seeded. */
    public static CtrModel build(ModelSpec spec, Schema schema, long seed) {
        return builder(spec, schema).seed(seed).build();
    }

    /**
     * One training step on a batch: look up every set's rows, forward/backward/update the graph, update the
     * tables. Returns the batch's mean binary cross-entropy before the update (regularisers excluded), computed
     * from the step's logits; it may be NaN or infinite, which the trainer checks.
     */
    public double fit(Batch batch) {
        long t = System.nanoTime();
        feed(batch);
        t = phases.add(StepProfile.Phase.LOOKUP, t);
        graph.prepare(Graph.Mode.TRAIN, batch.size());
        try (INDArray labels = labels(batch)) {
            graph.fit(labels);
        }
        t = phases.add(StepProfile.Phase.GRAPH, t);
        INDArray[] grads = new INDArray[inputs.size()];
        for (int m = 0; m < grads.length; m++) {
            grads[m] = graph.gradient(inputs.get(m));
            if (grads[m] == null) throw new IllegalStateException("no embedding gradient was captured for set " + m);
        }
        store.apply(batch.indices(), grads);
        for (INDArray g : grads) g.close();
        t = phases.add(StepProfile.Phase.STORE, t);
        INDArray watched = graph.watched(logit);
        double bce = binaryCrossEntropy(watched.data().asDouble(), batch.labels());
        watched.close();
        t = phases.add(StepProfile.Phase.LOSS, t);
        garbage.afterStep();
        phases.add(StepProfile.Phase.GC, t);
        return bce;
    }

    /** Wall time per phase of every {@link #fit} and {@link #predict} so far, for profiling. */
    public StepProfile profile() {
        return phases;
    }

    private final StepProfile phases = new StepProfile();
    private final GarbageSchedule garbage = GarbageSchedule.ofProcess();

    /** Mean BCE of logits, in the overflow-free form max(x, 0) − x·y + log(1 + e^−|x|). */
    static double binaryCrossEntropy(double[] logits, float[] labels) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double x = logits[i];
            sum += Math.max(x, 0) - x * labels[i] + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return sum / logits.length;
    }

    /**
     * Click probabilities of a batch, in evaluation mode (running BatchNorm statistics, no dropout). A batch larger
     * than the builder's batch size goes through the graph in slices of that size (rows are independent in
     * evaluation mode, so the result is the same), so that inference never needs more memory than
     * {@link MemoryEstimate} counts (the trainer evaluates 8192 rows at a time: unsliced, xDeepFM SE 1× peaked 1.3 GB higher).
     */
    public float[] predict(Batch batch) {
        int slice = memory.batchSize();
        if (batch.size() <= slice) return predictSlice(batch);
        float[] out = new float[batch.size()];
        int f = batch.fields();
        for (int start = 0; start < batch.size(); start += slice) {
            int n = Math.min(slice, batch.size() - start);
            Batch part = new Batch(n, f, java.util.Arrays.copyOfRange(batch.indices(), start * f, (start + n) * f),
                    java.util.Arrays.copyOfRange(batch.labels(), start, start + n));
            System.arraycopy(predictSlice(part), 0, out, start, n);
        }
        return out;
    }

    private float[] predictSlice(Batch batch) {
        long t = System.nanoTime();
        feed(batch);
        t = phases.add(StepProfile.Phase.LOOKUP, t);
        graph.prepare(Graph.Mode.EVAL, batch.size());
        INDArray prob = graph.output(PROB).get(PROB);
        float[] p = Floats.of(prob);
        prob.close();
        t = phases.add(StepProfile.Phase.GRAPH, t);
        garbage.afterStep();
        phases.add(StepProfile.Phase.GC, t);
        return p;
    }

    private void feed(Batch batch) {
        if (batch.fields() != schema.size())
            throw new IllegalArgumentException("batch has " + batch.fields() + " fields, the model " + schema.size());
        long width = (long) schema.size() * spec.tableWidth(schema.size());
        for (int m = 0; m < buffers.length; m++)
            if (buffers[m] == null || buffers[m].size(0) != batch.size()) buffers[m] = Nd4j.create(DataType.FLOAT, batch.size(), width);
        store.lookupInto(batch.indices(), buffers);
        for (int m = 0; m < buffers.length; m++) graph.feed(inputs.get(m), buffers[m]);
    }

    private INDArray labels(Batch batch) {
        INDArray y = Nd4j.create(batch.labels(), new long[]{batch.size(), 1}, DataType.FLOAT);
        return graph.dataType() == DataType.FLOAT ? y : y.castTo(graph.dataType());
    }

    /** The labels of a batch as the graph's {@code label} placeholder, for callers that run the graph themselves. */
    public Map<String, INDArray> placeholders(Batch batch) {
        feed(batch);
        return Map.of(LABEL, labels(batch));
    }

    /** A copy of the current weights (dense arrays and tables), e.g. of the best epoch so far. */
    public ModelState snapshot() {
        Map<String, INDArray> dense = new LinkedHashMap<>();
        graph.stateArrays().forEach((name, a) -> dense.put(name, a.dup()));
        List<INDArray> tables = new ArrayList<>();
        for (int m = 0; m < spec.sets(); m++) tables.add(store.table(m).dup());
        return new ModelState(dense, tables);
    }

    /** Puts the weights of a snapshot of this model back. */
    public void restore(ModelState state) {
        Map<String, INDArray> live = graph.stateArrays();
        if (!live.keySet().equals(state.dense().keySet()) || state.tables().size() != spec.sets())
            throw new IllegalArgumentException("the snapshot is of another model: arrays " + state.dense().keySet() + " vs " + live.keySet());
        live.forEach((name, a) -> a.assign(state.dense().get(name)));
        for (int m = 0; m < spec.sets(); m++) store.table(m).assign(state.tables().get(m));
    }

    /** Replaces the embedding store by one read from a checkpoint ({@link ModelCheckpoint#load}). */
    void replaceEmbeddings(EmbeddingStore loaded) {
        if (loaded.sets() != store.sets()) throw new IllegalArgumentException("the checkpoint has " + loaded.sets() + " embedding sets, the model " + store.sets());
        store = loaded;
    }

    public ModelSpec spec() {
        return spec;
    }

    public Schema schema() {
        return schema;
    }

    public long seed() {
        return seed;
    }

    /** The embedding tables (per set, per field), their optimiser state, save/load. */
    public EmbeddingStore embeddings() {
        return store;
    }

    /**
     * Every set's table side by side, [rows, M·width]: the whole embedding of each feature, comparable with an SE
     * table of the same total size (Fig. 9a). For SE it is the one table. A copy.
     */
    public INDArray concatenatedTables() {
        return store.concatenated().dup();
    }

    /** The graph, for advanced inspection (variables are named by scope, e.g. {@code set0/interaction/layer0/w}). */
    public Graph graph() {
        return graph;
    }

    /** The memory this model was estimated to need when it was built. */
    public MemoryEstimate memory() {
        return memory;
    }

    /** DCNv2's cross weight W_l [F·K, F·K] of set {@code set}, in PyTorch orientation ({@link CrossNetV2#block}: W_{i→j}). */
    public INDArray crossWeight(int set, int layer) {
        if (spec.kind() != ModelKind.DCNV2) throw new IllegalStateException("cross weights exist in DCNv2 only, this is " + spec.label());
        if (set < 0 || set >= spec.sets()) throw new IllegalArgumentException("set must be in [0, " + spec.sets() + "), got " + set);
        return CrossNetV2.weight(interactionScope(set, 0), layer).getArr();
    }

    @Override
    public String toString() {
        return "CtrModel[" + spec.label() + ", " + schema.size() + " fields, " + ParameterSummary.of(this).total() + " parameters]";
    }

    /** Builder for {@link CtrModel}; every setter returns the builder. */
    public static final class Builder {
        private final ModelSpec spec;
        private final Schema schema;
        private long seed;
        private AdamConfig adam = AdamConfig.paper();
        private long memoryBudget = defaultBudget();
        private int batchSize = 2048;
        private DataType dataType = DataType.FLOAT;

        private Builder(ModelSpec spec, Schema schema) {
            this.spec = Objects.requireNonNull(spec, "spec");
            this.schema = Objects.requireNonNull(schema, "schema");
        }

        public Builder seed(long v) { seed = v; return this; }
        /** Optimiser of both the dense weights (SameDiff) and the tables (the store): lr, betas, eps, coupled L2, dense or lazy. */
        public Builder adam(AdamConfig v) { adam = Objects.requireNonNull(v, "adam"); return this; }
        /** Bytes the model may use; building fails early, with the estimate, above it. Default: {@link MemoryBudget#detect()}. */
        public Builder memoryBudget(long v) { memoryBudget = v; return this; }
        /** The training batch size the memory estimate assumes. */
        public Builder batchSize(int v) {
            if (v < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + v);
            batchSize = v;
            return this;
        }

        /** Precision of the graph (FLOAT; DOUBLE for finite-difference checks). Tables are always FLOAT. */
        public Builder dataType(DataType v) {
            if (!v.isFPType()) throw new IllegalArgumentException("model data type must be floating point, got " + v);
            dataType = v;
            return this;
        }

        public CtrModel build() {
            org.collapselab.nn.Backends.checkSupported();
            org.collapselab.nn.Compilation.apply();
            return new CtrModel(this);
        }

        private static long defaultBudget() {
            return MemoryBudget.detect().bytes();
        }
    }
}
