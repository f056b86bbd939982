package org.collapselab.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * One SameDiff graph plus the state SameDiff M2.1 cannot keep for us: the dropout masks, BatchNorm running
 * statistics, the batch-sized constants of a step, and the embedding inputs ({@code ein}) whose gradients feed the
 * external embedding tables.
 *
 * <p>A network is built in up to two passes over the same variables ({@link #build}): the {@link Mode#TRAIN} pass
 * (batch statistics, dropout) carries the loss, the {@link Mode#EVAL} pass (running statistics, no dropout) the
 * predictions. SameDiff executes only the ops an output needs, so inference does none of training's work (batch
 * statistics, masks) and training none of inference's; a graph built in one pass is a TRAIN graph.
 *
 * <p>Protocol per step: {@link #feed} each embedding input, {@link #prepare} the mode and batch size, then
 * {@link #fit} (training) or {@link #output} (inference). A listener installed at creation
 * captures each {@code ein} gradient as it is produced inside {@code fit} (before SameDiff's updater touches it)
 * and updates BatchNorm running statistics from the batch statistics of the same forward pass.
 */
public final class Graph {
    /** Training uses batch statistics and dropout; evaluation uses running statistics and no dropout. */
    public enum Mode { TRAIN, EVAL }

    private final SameDiff sd;
    private final DataType dataType;
    private final long seed;
    private final Random dropoutRng;
    private final Map<String, BatchNorm1d> norms = new LinkedHashMap<>();
    private final List<Dropout> dropouts = new ArrayList<>();
    private final Map<String, SDVariable> inputs = new LinkedHashMap<>();
    private final Map<String, String> gradToInput = new HashMap<>();
    private final Map<String, INDArray> capturedGrads = new HashMap<>();
    private final Map<String, BatchNorm1d> statToNorm = new HashMap<>();
    private final Map<String, INDArray> watched = new HashMap<>();
    private Mode mode = Mode.EVAL;
    private Mode building = Mode.TRAIN;
    private final java.util.Set<String> builtThisPass = new java.util.HashSet<>();
    private SDVariable ones, inverseBatch;
    private TrainingSession session;
    /** The array cache of every session of this graph. */
    private final ArrayPool pool = ArrayPool.standard();
    private java.util.Set<String> trainable;
    private boolean dropoutEnabled = true;
    private int preparedBatch = -1;

    private Graph(DataType dataType, long seed) {
        if (!dataType.isFPType()) throw new IllegalArgumentException("graph data type must be floating point, got " + dataType);
        this.sd = SameDiff.create();
        this.dataType = dataType;
        this.seed = seed;
        this.dropoutRng = Nd4j.getRandomFactory().getNewRandomInstance(seed ^ 0x5DEECE66DL);
        sd.addListeners(new Tap());
    }

    /** A new empty graph whose parameters are initialised from {@code seed}. */
    public static Graph create(DataType dataType, long seed) {
        return new Graph(dataType, seed);
    }

    public Scope root() {
        return new Scope(this, "");
    }

    public SameDiff sd() {
        return sd;
    }

    public DataType dataType() {
        return dataType;
    }

    public long seed() {
        return seed;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Builds {@code network} for {@code mode}: layers ask {@link #building()} which form to add (BatchNorm1d with
     * batch or running statistics, Dropout or none). A name is created once per pass; a variable or constant the
     * other pass created under the same name is that same one (same array), so the passes share every weight and
     * running statistic. Returns what {@code network} returns.
     */
    public <T> T build(Mode mode, java.util.function.Supplier<T> network) {
        Mode before = building;
        building = java.util.Objects.requireNonNull(mode, "mode");
        builtThisPass.clear();
        try {
            return network.get();
        } finally {
            building = before;
            builtThisPass.clear();
        }
    }

    /** The pass being built: {@link Mode#TRAIN} outside {@link #build}. */
    public Mode building() {
        return building;
    }

    /**
     * The variable or constant {@code name} of the pass being built: {@code create}'s, or the other pass's of the same
     * name and shape. A second use of a name within one pass is a bug in the network and fails.
     */
    SDVariable shared(String name, long[] shape, java.util.function.Supplier<SDVariable> create) {
        if (!builtThisPass.add(name)) throw new IllegalStateException("'" + name + "' is created twice in one pass of the graph");
        if (!sd.hasVariable(name)) return create.get();
        SDVariable v = sd.getVariable(name);
        if (!java.util.Arrays.equals(v.getArr().shape(), shape))
            throw new IllegalStateException("'" + name + "' is " + java.util.Arrays.toString(v.getArr().shape()) + " in one pass, "
                    + java.util.Arrays.toString(shape) + " in the other");
        return v;
    }

    /** A column of ones [B, 1] for the prepared batch size B, reset by {@link #prepare}; for sums over the batch as a product. */
    SDVariable ones() {
        if (ones == null) ones = sd.constant(root().name("batch_ones"), Nd4j.ones(dataType, 1, 1));
        return ones;
    }

    /** The scalar 1/B for the prepared batch size B, reset by {@link #prepare}. */
    SDVariable inverseBatch() {
        if (inverseBatch == null) inverseBatch = sd.constant(root().name("inverse_batch"), Nd4j.scalar(dataType, 1.0));
        return inverseBatch;
    }

    /**
     * Keeps a copy of {@code v}'s value from every {@code fit} step; see {@link #watched}. (SameDiff M2.1's
     * training pass never evaluates the loss op itself, only its gradient, so a caller that wants the loss
     * watches the logits and computes it.)
     */
    public void watch(SDVariable v) {
        watched.put(v.name(), null);
    }

    /**
     * The value of a watched variable in the last {@code fit} step, owned by the caller after this call (close it when
     * done), or null when no step has produced one since the last call.
     */
    public INDArray watched(SDVariable v) {
        if (!watched.containsKey(v.name())) throw new IllegalArgumentException("'" + v.name() + "' is not watched");
        return watched.put(v.name(), null);
    }

    /**
     * Restarts the dropout mask stream from {@code seed}: a trainer reseeds at every epoch from (run seed, epoch),
     * so a run resumed from a checkpoint draws the same masks as an uninterrupted one.
     */
    public void reseedDropout(long seed) {
        dropoutRng.setSeed(seed);
    }

    /**
     * The arrays that hold the trained state besides the embedding tables, live (assign to restore): every
     * trainable variable except the embedding inputs, and every BatchNorm layer's running statistics.
     */
    public Map<String, INDArray> stateArrays() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (SDVariable v : sd.variables())
            if (v.getVariableType() == VariableType.VARIABLE && !inputs.containsKey(v.name())) m.put(v.name(), v.getArr());
        for (BatchNorm1d bn : norms.values()) {
            m.put(bn.name("running_mean"), bn.runningMean());
            m.put(bn.name("running_var"), bn.runningVar());
        }
        return m;
    }

    /**
     * The dense optimiser's state, live: {@code variable#key} → array (Adam's M and V); the step counters are
     * {@link #optimizerCounters()}. Creates the updaters if no step ran yet.
     */
    @SuppressWarnings("unchecked") // SameDiff's updater map holds raw GradientUpdaters
    public Map<String, INDArray> optimizerState() {
        if (sd.getUpdaterMap() == null) initializeTraining();
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, GradientUpdater> e : sd.getUpdaterMap().entrySet()) {
            if (inputs.containsKey(e.getKey())) continue;
            Map<String, INDArray> state = e.getValue().getState();
            state.forEach((k, v) -> m.put(e.getKey() + "#" + k, v));
        }
        return m;
    }

    /** The dense optimiser's step counters: {iteration, epoch}. */
    public int[] optimizerCounters() {
        var c = sd.getTrainingConfig();
        return new int[]{c.getIterationCount(), c.getEpochCount()};
    }

    public void setOptimizerCounters(int iteration, int epoch) {
        var c = sd.getTrainingConfig();
        c.setIterationCount(iteration);
        c.setEpochCount(epoch);
    }

    /**
     * Builds the optimiser's state without a training step, so that a saved state can be assigned into it.
     * SameDiff M2.1 keeps this protected; the embedding inputs get their frozen updaters at once.
     */
    private void initializeTraining() {
        try {
            java.lang.reflect.Method init = SameDiff.class.getDeclaredMethod("initializeTraining");
            init.setAccessible(true);
            init.invoke(sd);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot initialise SameDiff's training state: " + e, e);
        }
        for (String input : inputs.keySet()) sd.getUpdaterMap().put(input, new FrozenUpdater());
    }

    /**
     * One training step (forward, backward, SameDiff's updaters) on the fed inputs with {@code labels} as the
     * training configuration's one label placeholder; the same arithmetic as {@code sd().fit(batch)}, which this
     * replaces. SameDiff M2.1's {@code fit} opens a new session per call, and with it a new array cache, so every
     * activation and gradient of every step was a fresh native allocation left to the garbage collector; one session
     * kept for all steps reuses last step's arrays, as inference's per-thread session already does.
     */
    public void fit(INDArray labels) {
        TrainingConfig config = sd.getTrainingConfig();
        if (config == null) throw new IllegalStateException("no training configuration: set one on sd() before fit");
        List<String> labelNames = config.getDataSetLabelMapping();
        if (labelNames == null || labelNames.size() != 1 || !config.getDataSetFeatureMapping().isEmpty())
            throw new IllegalStateException("fit feeds one label placeholder and no features; the training configuration maps features "
                    + config.getDataSetFeatureMapping() + " and labels " + labelNames);
        if (session == null) startTraining(config);
        MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[0], new INDArray[]{labels});
        At at = At.builder().epoch(config.getEpochCount()).iteration(config.getIterationCount())
                .javaThreadNum(Thread.currentThread().getId()).operation(Operation.TRAINING).build();
        List<Listener> listeners = sd.getListeners().stream().filter(l -> l.isActive(Operation.TRAINING)).toList();
        for (Listener l : listeners) l.iterationStart(sd, at, batch, 0);
        session.trainingIteration(config, Map.of(labelNames.get(0), labels), trainable, sd.getUpdaterMap(), batch,
                sd.getLossVariables(), listeners, at);
        Leftovers.release(session, sd.getFunction("grad"));
        pool.passDone();
        config.incrementIterationCount();
    }

    /**
     * The named outputs of an inference pass on the fed inputs ({@link #prepare} first), owned by the caller: the same as
     * {@code sd().output(Map.of(), names)}, then the pass's leftover arrays go back to the graph's pool.
     */
    public Map<String, INDArray> output(String... names) {
        // SameDiff runs this thread's session, created here so that it draws from the graph's pool from the first pass
        InferenceSession session = sd.getSessions().computeIfAbsent(Thread.currentThread().getId(), id -> new InferenceSession(sd));
        if (session.getMmgr() != pool) session.setMmgr(pool);
        Map<String, INDArray> out = sd.output(Map.of(), names);
        Map<String, INDArray> owned = new LinkedHashMap<>();
        // the caller may keep these past the next pass: copies of their own, the session's arrays returned with the rest
        out.forEach((name, a) -> owned.put(name, a.dup()));
        Leftovers.release(session, sd);
        pool.passDone();
        return owned;
    }

    /** The array cache of the graph's sessions. */
    ArrayPool pool() {
        return pool;
    }

    /** The session of {@link #fit}, null before the first step. */
    TrainingSession trainingSession() {
        return session;
    }

    private void startTraining(TrainingConfig config) {
        if (sd.getUpdaterMap() == null) initializeTraining();
        if (sd.getFunction("grad") == null) buildGradients();
        SameDiff gradients = sd.getFunction("grad");
        gradients.setTrainingConfig(config);
        trainable = new java.util.LinkedHashSet<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) trainable.add(v.name());
        session = new TrainingSession(gradients);
        session.setMmgr(pool);
    }

    /**
     * Builds the backward graph now, once the loss is set. SameDiff M2.1 prints a line on System.out for every
     * differentiated op (hundreds, into a notebook); this keeps them out. Otherwise the first fit would build it.
     * System.out is process-wide: builds on several threads take {@link #QUIET} in turn, so that one build never
     * saves another's silenced stream as the one to restore (which silenced the process for good).
     */
    public void buildGradients() {
        synchronized (QUIET) {
            java.io.PrintStream out = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    /** Held while System.out is swapped for a silent stream. */
    private static final Object QUIET = new Object();

    /** Switch every dropout layer off (masks of ones) even in training, e.g. for gradient checks. */
    public void setDropoutEnabled(boolean enabled) {
        this.dropoutEnabled = enabled;
    }

    /**
     * Sets the mode for the next forward pass(es) and draws fresh dropout masks for a batch of {@code batchSize}
     * rows (in TRAIN with dropout enabled); in EVAL the masks are ones.
     */
    public void prepare(Mode mode, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.mode = mode;
        this.preparedBatch = batchSize;
        if (ones != null && ones.getArr().size(0) != batchSize) ones.setArray(Nd4j.ones(dataType, batchSize, 1));
        if (inverseBatch != null) inverseBatch.getArr().assign(1.0 / batchSize);
        boolean drop = mode == Mode.TRAIN && dropoutEnabled;
        for (Dropout d : dropouts) d.prepare(drop, batchSize, dropoutRng);
    }

    /** The batch size given to the last {@link #prepare}, or -1 before the first. */
    public int preparedBatch() {
        return preparedBatch;
    }

    /**
     * Creates the embedding input {@code scope/ein}, a [B, width] VARIABLE fed from outside the graph. SameDiff
     * computes its gradient like any parameter's; {@link #gradient(SDVariable)} returns the last one.
     */
    public SDVariable embeddingInput(Scope scope, long width) {
        if (width < 1) throw new IllegalArgumentException("embedding input width must be >= 1, got " + width);
        SDVariable v = sd.var(scope.name("ein"), Nd4j.zeros(dataType, 1, width));
        inputs.put(v.name(), v);
        return v;
    }

    /** All embedding inputs in creation order. */
    public List<SDVariable> embeddingInputs() {
        return List.copyOf(inputs.values());
    }

    /** Puts looked-up rows [B, width] into an embedding input. */
    public void feed(SDVariable input, INDArray rows) {
        SDVariable v = requireInput(input);
        long width = v.getShape() != null && v.getShape().length == 2 ? v.getShape()[1] : rows.size(1);
        if (rows.rank() != 2 || rows.size(1) != width)
            throw new IllegalArgumentException("rows for '" + v.name() + "' must be [B, " + width + "], got " + java.util.Arrays.toString(rows.shape()));
        INDArray arr = rows.dataType() == dataType ? rows : rows.castTo(dataType);
        // until the first fit has built the updaters, SameDiff's own update would modify the rows: give it a copy
        var updaters = sd.getUpdaterMap(); // raw type in the SameDiff API
        boolean frozen = updaters != null && updaters.get(v.name()) instanceof FrozenUpdater;
        v.setArray(frozen || arr != rows ? arr : arr.dup());
    }

    /**
     * The gradient of the loss w.r.t. {@code input} from the last {@code fit} step ([B, width], owned by the
     * caller after this call), or {@code null} when no step has produced one since the last call.
     */
    public INDArray gradient(SDVariable input) {
        return capturedGrads.remove(requireInput(input).name());
    }

    /** A TRAIN-pass BatchNorm layer: its batch statistics are folded into its running ones during {@code fit}. */
    void register(BatchNorm1d bn) {
        norms.put(bn.name("running_mean"), bn);
        statToNorm.put(bn.batchMeanName(), bn);
        statToNorm.put(bn.batchVarName(), bn);
    }

    void register(Dropout d) {
        dropouts.add(d);
    }

    private SDVariable requireInput(SDVariable input) {
        SDVariable v = inputs.get(input.name());
        if (v == null) throw new IllegalArgumentException("'" + input.name() + "' is not an embedding input of this graph; inputs are " + inputs.keySet());
        return v;
    }

    /**
     * The updater of an embedding input: zero update, no state. Stateless so the batch size may vary; zero so
     * SameDiff does not subtract the gradient from the fed rows (the caller's array) in place.
     */
    private static final class FrozenUpdater implements GradientUpdater<NoOp> {
        @Override
        public NoOp getConfig() {
            return new NoOp();
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of();
        }

        @Override
        public void setStateViewArray(INDArray view, long[] shape, char order, boolean initialize) {
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            gradient.assign(0);
        }
    }

    /** Listener: ein gradients and BatchNorm statistics, both seen during {@code fit} only. */
    private final class Tap extends BaseListener {
        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationStart(SameDiff s, At at, MultiDataSet data, long etlMs) {
            for (String name : inputs.keySet()) {
                if (!gradToInput.containsValue(name)) {
                    SDVariable g = s.getVariable(name).getGradient();
                    if (g != null) gradToInput.put(g.name(), name);
                }
            }
        }

        /**
         * ein's gradient is consumed outside the graph. M2.1's Adam state is sized for the first batch (any other
         * size throws) and its update is subtracted from the fed rows in place: swap in a stateless zero updater.
         * SameDiff builds the updaters inside the first fit, so this takes effect from the second.
         */
        private void freeze(String input) {
            var updaters = sd.getUpdaterMap(); // raw type in the SameDiff API
            if (updaters != null && !(updaters.get(input) instanceof FrozenUpdater)) updaters.put(input, new FrozenUpdater());
        }

        @Override
        public void opExecution(SameDiff s, At at, MultiDataSet data, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
            List<String> outs = op.getOutputsOfOp();
            for (int i = 0; i < outs.size(); i++) {
                String input = gradToInput.get(outs.get(i));
                if (input != null) {
                    // dup: the session's updater rewrites this array in place after the listeners ran
                    capturedGrads.put(input, outputs[i].dup());
                    freeze(input);
                }
                if (watched.containsKey(outs.get(i))) {
                    INDArray old = watched.put(outs.get(i), outputs[i].dup());
                    if (old != null) old.close();
                }
                BatchNorm1d bn = statToNorm.get(outs.get(i));
                if (bn != null && mode == Mode.TRAIN) bn.accumulate(outs.get(i), outputs[i], preparedBatch);
            }
        }
    }
}
