package org.collapselab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.model.ParameterSummary;
import org.collapselab.model.StepProfile;
import org.collapselab.nn.OpProfile;

/**
 * Training and inference throughput (samples/s) and peak memory of the six paper models as SE and ME at 1× and 4×,
 * on Criteo-shaped synthetic batches: 39 fields with the real Criteo field sizes ({@link SyntheticCriteo#CRITEO_FIELD_DIMS},
 * 1,086,810 table rows), indices drawn per field from a Zipf(1.1) over that field's rows, random 0/1 labels, batch 2048.
 * Not a test: it prints medians and asserts nothing.
 *
 * <p>A training step is {@link CtrModel#fit} (lookup, forward, backward, dense Adam, and the faithful dense Adam
 * update of every table row); an inference step is {@link CtrModel#predict}. After warm-up, each variant runs
 * {@code windows} timed training windows of {@code --steps-per-window} steps (1×; {@code --heavy-steps} at 4×), then
 * as many inference windows of {@code --infer-steps} steps ({@code --heavy-infer-steps} at 4×); a window's rate is steps·batch / its wall time, and the
 * variant's rate is the median window (every window is printed too). Defaults: 5 windows, 1 training step per window
 * (a step takes 1–20 s here), 2 inference steps per window, 1 warm-up training step (SameDiff builds its updaters
 * in the first fit) and 2 warm-up inference steps: a full run takes about 15 minutes on 2 cores. The JIT keeps speeding
 * the toolkit up well past a few steps (DNN SE 1×: inference 175 K rows/s over its first 300 steps, 250 K over steps
 * 900–1200; training 23 K/s after 3 warm-up steps, 36 K/s after 30), while PyTorch's rates do not move with warm-up;
 * {@code --warmup} (1×) and {@code --heavy-warmup} (4×) set the warm-up per scale, so that the cheap 1× steps can
 * warm up as long as a real training run has by then without making the 4× runs minutes longer.
 *
 * <p>Memory: ND4J keeps arrays off-heap, so the process's peak resident set (VmHWM in /proc/self/status) is the
 * real figure; it is a process-wide high-water mark, so by default every variant runs in a fresh JVM (same JVM
 * options, classpath and environment) through {@code --only}, and the driver collects the results. It depends on
 * the JVM options: a graph's array pool keeps the most any pass had out at once plus a margin of a quarter of
 * JavaCPP's maxBytes (by default -Xmx) for other shapes, so -Xmx6g lets a model hold up to 1 GB more than -Xmx2g. It
 * settles after the first training step that follows an inference step (warm-up does both), so a few windows suffice. The
 * JVM heap peak is the largest heap use seen by the MemoryMXBean, sampled after building and after every step.
 *
 * <p>The JIT: building the model applies {@link org.collapselab.nn.Compilation} (ND4J's Java code by C1 only), and each
 * variant's first line says what applied; {@code -Dcollapselab.nd4j.c2=true} on the driver's JVM reaches every
 * variant's JVM (they get the driver's JVM options) and measures HotSpot's default instead.
 *
 * <p>In-run reference: the DCNv2 SE 1× training rate, measured first; every variant's rates are also printed as a
 * ratio to it, which is what stays comparable across runs on a noisy shared machine.
 *
 * <pre>
 * mvn -o -q -pl toolkit dependency:build-classpath -Dmdep.outputFile=/tmp/cp-zoo.txt
 * OMP_NUM_THREADS=2 LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 java -Xmx6g \
 *     -cp toolkit/target/classes:$(cat /tmp/cp-zoo.txt) org.collapselab.bench.ModelBenchmark \
 *     [--windows N] [--steps-per-window S] [--heavy-steps S4] [--infer-steps I] [--heavy-infer-steps I4] [--warmup W]
 *     [--heavy-warmup W4] [--timeout SECONDS] [--memory-budget-gb G] [--profile] [--scales 1,4] [--epochs E] [--only MODEL MODE SCALE]
 * </pre>
 * {@code --scales 1,2,3,4,10} measures all 60 cells of the paper's Table 1 at Criteo's vocabulary; every cell also
 * computes the IA per field of its tables (the analysis each run ends with) and prints the hours an epoch of full
 * Criteo takes at its rates (36.7 M training rows, then the 4.6 M validation rows at the inference rate); below the
 * table, with a test pass per run, the grid's machine-hours for 1 and 3 seeds at {@code --epochs} epochs per run (default 4:
 * the full profile stops 3 epochs after the best, so every run takes at least 4).
 * MODEL is a {@link ModelKind} name (e.g. DCNV2), MODE is SE or ME, SCALE is the "n×" factor. {@code --steps-per-window},
 * {@code --infer-steps} and {@code --warmup} apply at 1×, their {@code --heavy-} forms at 4× (default: the same). {@code --timeout} bounds each variant's JVM (400 s).
 * {@code --memory-budget-gb} is passed to {@link CtrModel.Builder#memoryBudget}; by default there is none, so that
 * every variant builds; {@link org.collapselab.model.MemoryEstimate}'s estimate is printed next to the measured peak
 * (it was calibrated against this benchmark's peaks, and lists them: 1.06–1.37× the measured peak at -Xmx6g, collecting
 * garbage every 64 MB of estimated allocations; the model now collects on 256 MB of resident-set growth, and the
 * estimate's runtime term was raised until every variant's peak was under it again: see the toolkit README).
 *
 * <p>FLOP utilisation: after the timed windows one more training step and one more inference step run with an
 * {@link OpProfile} listener that counts the FLOPs of every matrix product (forward and backward); the rate times
 * those FLOPs per row, over the FLOP rate of a {@link Gemm} timed in the same JVM, is the utilisation printed (other
 * ops are not counted: the figure says how close the step is to what the machine's GEMM achieves). With
 * {@code --profile} those steps are {@value #PROFILE_STEPS} each and print a breakdown: wall time per phase of the
 * step ({@link StepProfile.Phase}: lookup, graph, store, loss, gc), the {@value #PROFILE_OPS} op types that took longest
 * and the {@value #PROFILE_OPS} single ops of the graph that took longest.
 *
 * <p>Noise check: at 1× SE and ME build the same network for every kind but IPNN (one set, same modules; ME IPNN
 * drops the flattened embeddings), so their rates should agree; on a machine whose cores are shared with other work they
 * did not (up to 14× apart), and a run with OMP_NUM_THREADS=2 while another process kept a core busy swung 4–5× from run
 * to run, while OMP_NUM_THREADS=1 stayed within about 1.5× (OpenMP threads waiting on a descheduled peer). Compare
 * only runs on an otherwise idle machine, or use OMP_NUM_THREADS=1 when the cores are shared.
 *
 * <p>Note: {@link CtrModel#fit} returns NaN in this build (SameDiff M2.1 never runs the forward loss op during
 * {@code fit}), so the loss is not checked here; every prediction is checked to be a probability instead.
 */
public final class ModelBenchmark {
    static final int BATCH = 2048;
    static final int BATCH_POOL = 8;
    static final String RESULT = "RESULT ";
    /** Full Criteo's lines, split 8:1:1 as runs split them. */
    static final long CRITEO_ROWS = 45_840_617;

    private ModelBenchmark() {}

    record Options(int windows, int steps, int heavySteps, int inferSteps, int heavyInferSteps, int warmup, int heavyWarmup, int timeoutSeconds,
                   long memoryBudget, boolean profile, String[] only, List<Integer> scales, double epochs) {
        static final String USAGE = "[--windows N] [--steps-per-window S] [--heavy-steps S4] [--infer-steps I] [--heavy-infer-steps I4] [--warmup W]"
                + " [--heavy-warmup W4] [--timeout SECONDS] [--memory-budget-gb G] [--profile] [--scales 1,4] [--epochs E] [--only MODEL MODE SCALE]";

        static Options parse(String[] args) {
            int windows = 5, steps = 1, heavy = -1, infer = 2, heavyInfer = -1, warmup = 1, heavyWarmup = -1, timeout = 400;
            boolean profile = false;
            long budget = Long.MAX_VALUE;
            String[] only = null;
            List<Integer> scales = List.of(1, 4);
            double epochs = 4;    // the full profile stops 3 epochs after the best (patience 3): at least 4
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--windows" -> windows = Integer.parseInt(args[++i]);
                    case "--steps-per-window" -> steps = Integer.parseInt(args[++i]);
                    case "--heavy-steps" -> heavy = Integer.parseInt(args[++i]);
                    case "--infer-steps" -> infer = Integer.parseInt(args[++i]);
                    case "--heavy-infer-steps" -> heavyInfer = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--heavy-warmup" -> heavyWarmup = Integer.parseInt(args[++i]);
                    case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                    case "--memory-budget-gb" -> budget = (long) (Double.parseDouble(args[++i]) * 1e9);
                    case "--profile" -> profile = true;
                    case "--scales" -> scales = Arrays.stream(args[++i].split(",")).map(String::strip).map(Integer::parseInt).toList();
                    case "--epochs" -> epochs = Double.parseDouble(args[++i]);
                    case "--only" -> {
                        if (i + 3 >= args.length) throw new IllegalArgumentException("--only needs MODEL MODE SCALE");
                        only = new String[]{args[++i], args[++i], args[++i]};
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: " + USAGE);
                }
            }
            if (windows < 1 || steps < 1 || infer < 1 || warmup < 0) throw new IllegalArgumentException("windows and steps must be >= 1, warmup >= 0");
            return new Options(windows, steps, heavy < 1 ? steps : heavy, infer, heavyInfer < 1 ? infer : heavyInfer, warmup,
                    heavyWarmup < 0 ? warmup : heavyWarmup, timeout, budget, profile, only, scales, epochs);
        }

        int stepsAt(int scale) {
            return scale > 1 ? heavySteps : steps;
        }

        int inferStepsAt(int scale) {
            return scale > 1 ? heavyInferSteps : inferSteps;
        }

        int warmupAt(int scale) {
            return scale > 1 ? heavyWarmup : warmup;
        }

        List<String> passOn() {
            List<String> a = new ArrayList<>(List.of("--windows", "" + windows, "--steps-per-window", "" + steps, "--heavy-steps", "" + heavySteps,
                    "--infer-steps", "" + inferSteps, "--heavy-infer-steps", "" + heavyInferSteps, "--warmup", "" + warmup, "--heavy-warmup", "" + heavyWarmup,
                    "--memory-budget-gb", "" + (memoryBudget == Long.MAX_VALUE ? "1e12" : memoryBudget / 1e9)));
            if (profile) a.add("--profile");
            return a;
        }
    }

    record Variant(ModelKind kind, EmbeddingMode mode, int scale) {
        static Variant parse(String[] a) {
            EmbeddingMode mode = switch (a[1].toUpperCase(Locale.ROOT)) {
                case "SE", "SINGLE" -> EmbeddingMode.SINGLE;
                case "ME", "MULTI" -> EmbeddingMode.MULTI;
                default -> throw new IllegalArgumentException("mode must be SE or ME, got " + a[1]);
            };
            return new Variant(ModelKind.valueOf(a[0].toUpperCase(Locale.ROOT)), mode, Integer.parseInt(a[2]));
        }

        String modeName() {
            return mode == EmbeddingMode.SINGLE ? "SE" : "ME";
        }

        List<String> args() {
            return List.of(kind.name(), modeName(), "" + scale);
        }

        @Override
        public String toString() {
            return kind.displayName() + " " + modeName() + " " + scale + "x";
        }
    }

    /** What one variant measured (a RESULT line between the child and the driver). */
    record Measured(double trainRate, double[] trainWindows, double inferRate, double[] inferWindows, int trainSteps,
                    long heapPeak, long hwmBaseline, long hwm, long estimate, long parameters,
                    double gemmFlopsPerSecond, double trainFlopsPerRow, double inferFlopsPerRow, double buildSeconds, double iaSeconds, String error) {
        String encode() {
            return RESULT + String.join(";", "ok", "" + trainRate, join(trainWindows), "" + inferRate, join(inferWindows), "" + trainSteps,
                    "" + heapPeak, "" + hwmBaseline, "" + hwm, "" + estimate, "" + parameters, "" + gemmFlopsPerSecond, "" + trainFlopsPerRow, "" + inferFlopsPerRow,
                    "" + buildSeconds, "" + iaSeconds);
        }

        static Measured decode(String line) {
            String[] p = line.substring(RESULT.length()).split(";", -1);
            return new Measured(Double.parseDouble(p[1]), split(p[2]), Double.parseDouble(p[3]), split(p[4]), Integer.parseInt(p[5]),
                    Long.parseLong(p[6]), Long.parseLong(p[7]), Long.parseLong(p[8]), Long.parseLong(p[9]), Long.parseLong(p[10]),
                    Double.parseDouble(p[11]), Double.parseDouble(p[12]), Double.parseDouble(p[13]), Double.parseDouble(p[14]), Double.parseDouble(p[15]), null);
        }

        /**
         * Hours of one epoch on full Criteo: its 36,672,494 training rows (8 of 10 of 45,840,617) at the training rate,
         * then the validation pass (4,584,062 rows) at the inference rate.
         */
        double hoursPerEpoch() {
            return org.collapselab.run.RunPlan.epochHours(CRITEO_ROWS, trainRate, inferRate);
        }

        /** Hours of a run of {@code epochs} epochs and one test pass, as {@code run.RunPlan} estimates it. */
        double hoursPerRun(double epochs) {
            return org.collapselab.run.RunPlan.hours(epochs, CRITEO_ROWS, trainRate, inferRate);
        }

        static Measured failed(String error) {
            return new Measured(Double.NaN, new double[0], Double.NaN, new double[0], 0, -1, -1, -1, -1, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, error);
        }

        /** Fraction of the in-run GEMM's FLOP rate that the training step's matrix products reach. */
        double trainUtilisation() {
            return trainFlopsPerRow * trainRate / gemmFlopsPerSecond;
        }

        double inferUtilisation() {
            return inferFlopsPerRow * inferRate / gemmFlopsPerSecond;
        }

        private static String join(double[] v) {
            return String.join(",", Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.1f", d)).toList());
        }

        private static double[] split(String s) {
            return s.isEmpty() ? new double[0] : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.only() != null) {
            Variant v = Variant.parse(o.only());
            Measured m;
            try {
                m = measure(v, o);
            } catch (Throwable t) {
                t.printStackTrace();
                System.out.flush();
                System.exit(2);
                return;
            }
            System.out.println(m.encode());
            System.out.flush();
            System.exit(0);   // ND4J's native threads can delay a normal exit
        }
        drive(o);
    }

    /**
     * Every variant of {@code --scales} (default 1× and 4×: 24; {@code --scales 1,2,3,4,10}: Table 1's 60), each in a
     * fresh JVM, the reference (DCNv2 SE 1×) first.
     */
    static void drive(Options o) throws Exception {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(ModelKind.DCNV2, EmbeddingMode.SINGLE, 1));
        for (int scale : o.scales())
            for (ModelKind kind : ModelKind.paperModels())
                for (EmbeddingMode mode : EmbeddingMode.values()) {
                    Variant v = new Variant(kind, mode, scale);
                    if (!variants.contains(v)) variants.add(v);
                }
        System.out.printf("ModelBenchmark: %d variants, batch %d, %d fields (%,d table rows), %d windows of %d training steps (1x) / %d (4x) and %d / %d"
                        + " inference steps, after %d / %d warm-up training steps (and as many inference windows' worth); every variant in a fresh JVM; OMP_NUM_THREADS=%s, LD_PRELOAD=%s, JVM %s%n",
                variants.size(), BATCH, SyntheticCriteo.CRITEO_FIELD_DIMS.length, Arrays.stream(SyntheticCriteo.CRITEO_FIELD_DIMS).sum(),
                o.windows(), o.steps(), o.heavySteps(), o.inferSteps(), o.heavyInferSteps(), o.warmup(), o.heavyWarmup(), System.getenv("OMP_NUM_THREADS"), System.getenv("LD_PRELOAD"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        long start = System.nanoTime();
        Map<Variant, Measured> results = new LinkedHashMap<>();
        for (Variant v : variants) {
            long t0 = System.nanoTime();
            Measured m = runChild(v, o);
            results.put(v, m);
            System.out.printf("  %-18s done in %.0f s%s%n", v, (System.nanoTime() - t0) / 1e9, m.error() == null ? "" : ": FAILED: " + m.error());
        }
        Measured ref = results.get(variants.get(0));
        double refRate = ref.error() == null ? ref.trainRate() : Double.NaN;
        System.out.println();
        System.out.printf("Reference: DCNv2 SE 1x training = %.0f samples/s (ratios below are rate / this)%n", refRate);
        System.out.printf("%-16s %11s %7s %10s %7s %7s %11s %7s %7s %9s %8s %8s %8s %8s %6s %8s  %s%n", "variant", "params", "build s", "train/s", "x ref", "util %",
                "infer/s", "x ref", "util %", "train st", "heap MB", "RSS MB", "dRSS MB", "est MB", "IA s", "h/epoch", "train windows | infer windows (samples/s)");
        for (var e : results.entrySet()) {
            Variant v = e.getKey();
            Measured m = e.getValue();
            if (m.error() != null) {
                System.out.printf("%-16s FAILED: %s%n", v, m.error());
                continue;
            }
            System.out.printf(Locale.ROOT, "%-16s %,11d %7.1f %10.0f %7.2f %7.1f %11.0f %7.2f %7.1f %9d %8.0f %8.0f %8.0f %8.0f %6.1f %8.2f  %s | %s%n", v,
                    m.parameters(), m.buildSeconds(), m.trainRate(), m.trainRate() / refRate, 100 * m.trainUtilisation(), m.inferRate(), m.inferRate() / refRate,
                    100 * m.inferUtilisation(), m.trainSteps(), m.heapPeak() / 1e6, m.hwm() / 1e6, (m.hwm() - m.hwmBaseline()) / 1e6, m.estimate() / 1e6,
                    m.iaSeconds(), m.hoursPerEpoch(), rates(m.trainWindows()), rates(m.inferWindows()));
        }
        // the grid's cost: every distinct run once (ME at 1× is SE at 1×: one set), at the assumed epochs
        double hours = 0;
        int runs = 0, failed = 0;
        for (var e : results.entrySet()) {
            if (e.getKey().mode() == EmbeddingMode.MULTI && e.getKey().scale() == 1) continue;
            if (e.getValue().error() != null) {
                failed++;
                continue;
            }
            runs++;
            hours += e.getValue().hoursPerRun(o.epochs());
        }
        System.out.printf(Locale.ROOT, "grid: %d distinct runs per seed (ME 1x is SE 1x)%s, %.1f epochs each on full Criteo (36.7 M training and 4.6 M"
                        + " validation rows per epoch, then 4.6 M test rows): %.0f machine-hours for 1 seed, %.0f for the paper's 3 seeds, on this machine%n", runs,
                failed == 0 ? "" : " (" + failed + " failed, not counted)", o.epochs(), hours, 3 * hours);
        System.out.printf("total wall time %.1f min%n", (System.nanoTime() - start) / 60e9);
        System.out.println("util %: the step's matrix-product FLOPs (counted op by op in one extra step) at the measured rate, as a share of"
                + " the FLOP rate of a " + Gemm.SIZE + "-square float GEMM timed in the same JVM (reference DCNv2 SE 1x: GEMM "
                + String.format(Locale.ROOT, "%.1f", ref.gemmFlopsPerSecond() / 1e9) + " GFLOP/s)");
        System.out.println("heap MB: largest JVM heap use seen (MemoryMXBean, sampled after build and every step); RSS MB: the variant JVM's"
                + " peak resident set (VmHWM); dRSS MB: VmHWM increase from just before the model was built (ND4J loaded, batches made); est MB: CtrModel's own pre-build memory estimate (MemoryEstimate, bypassed here unless --memory-budget-gb)");
    }

    private static String rates(double[] v) {
        return String.join(" ", Arrays.stream(v).mapToObj(d -> String.format(Locale.ROOT, "%.0f", d)).toList());
    }

    private static Measured runChild(Variant v, Options o) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ModelBenchmark.class.getName());
        cmd.addAll(o.passOn());
        cmd.add("--only");
        cmd.addAll(v.args());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> tail = new ArrayList<>();
        String[] result = {null};
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(RESULT)) result[0] = line;
                    else System.out.println("    | " + line);
                    synchronized (tail) {
                        tail.add(line);
                        if (tail.size() > 40) tail.remove(0);
                    }
                }
            } catch (IOException ignored) {
                // the child went away; its exit status says why
            }
        });
        reader.start();
        boolean finished = p.waitFor(o.timeoutSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            p.waitFor();
        }
        reader.join(5000);
        if (!finished) return Measured.failed("timed out after " + o.timeoutSeconds() + " s");
        if (p.exitValue() != 0 || result[0] == null) {
            String why;
            synchronized (tail) {
                why = tail.stream().filter(l -> l.contains("Exception") || l.contains("Error") || l.startsWith("Caused by")).findFirst()
                        .orElse(tail.isEmpty() ? "(no output)" : tail.get(tail.size() - 1));
            }
            return Measured.failed("exit " + p.exitValue() + ": " + why);
        }
        return Measured.decode(result[0]);
    }

    /** Criteo's 39 fields (I1..I13, C1..C26) at their sizes after the paper's preprocessing, 1,086,810 rows in all. */
    static Schema criteoSchema() {
        int[] dims = SyntheticCriteo.CRITEO_FIELD_DIMS;
        List<String> names = new ArrayList<>();
        for (int f = 0; f < dims.length; f++) names.add(f < 13 ? "I" + (f + 1) : "C" + (f - 12));
        return Schema.categorical(names, dims);
    }

    /** Builds one variant in this JVM and times it. */
    static Measured measure(Variant v, Options o) {
        Schema schema = criteoSchema();
        List<Batch> pool = batches(schema, BATCH_POOL, 42);
        org.nd4j.linalg.factory.Nd4j.create(1);        // load the native backend before the baseline
        long hwmBaseline = ProcessMemory.status("VmHWM");
        HeapPeak heap = new HeapPeak();

        ModelSpec spec = ModelSpec.of(v.kind()).scale(v.scale(), v.mode());
        long t0 = System.nanoTime();
        CtrModel model = CtrModel.builder(spec, schema).seed(1).batchSize(BATCH).memoryBudget(o.memoryBudget()).build();
        heap.sample();
        long parameters = ParameterSummary.of(model).total();
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %s, %,d parameters, built in %.1f s, VmHWM before build %.0f MB, JIT: %s%n", v, spec.label(), parameters,
                buildSeconds, hwmBaseline / 1e6, org.collapselab.nn.Compilation.state());

        int steps = o.stepsAt(v.scale()), inferSteps = o.inferStepsAt(v.scale()), warmup = o.warmupAt(v.scale());
        int next = 0;
        double lastLoss = Double.NaN;
        for (int i = 0; i < warmup; i++) {
            lastLoss = model.fit(pool.get(next++ % pool.size()));
            heap.sample();
        }
        for (int i = 0; i < Math.max(1, warmup) * inferSteps; i++) {
            model.predict(pool.get(i % pool.size()));
            heap.sample();
        }
        double[] train = new double[o.windows()], infer = new double[o.windows()];
        for (int w = 0; w < o.windows(); w++) {
            long s = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                lastLoss = model.fit(pool.get(next++ % pool.size()));
                heap.sample();
            }
            train[w] = (double) steps * BATCH / ((System.nanoTime() - s) / 1e9);
        }
        double sink = 0;
        for (int w = 0; w < o.windows(); w++) {
            long s = System.nanoTime();
            for (int i = 0; i < inferSteps; i++) {
                float[] p = model.predict(pool.get((w * inferSteps + i) % pool.size()));
                for (float x : p) if (!(x >= 0 && x <= 1)) throw new IllegalStateException(v + ": prediction " + x + " is not a probability");
                sink += p[0];
                heap.sample();
            }
            infer[w] = (double) inferSteps * BATCH / ((System.nanoTime() - s) / 1e9);
        }
        // the analysis every run ends with: IA per field of the tables, every set side by side
        long ia0 = System.nanoTime();
        double[] ia = org.collapselab.analysis.FieldIA.of(model.concatenatedTables(), schema).ia();
        double iaSeconds = (System.nanoTime() - ia0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: IA per field in %.1f s (mean %.2f over %d fields)%n", v, iaSeconds, Arrays.stream(ia).average().orElse(Double.NaN), ia.length);
        long hwm = ProcessMemory.status("VmHWM");
        double gemm = Gemm.flopsPerSecond();
        OpProfile ops = new OpProfile();
        model.graph().sd().addListeners(ops);
        int profiled = o.profile() ? PROFILE_STEPS : 1;
        var before = model.profile().totals();
        long s0 = System.nanoTime();
        for (int i = 0; i < profiled; i++) model.fit(pool.get(next++ % pool.size()));
        long trainWall = System.nanoTime() - s0;
        double trainFlops = ops.totalFlops() / (profiled * (double) BATCH);
        if (o.profile()) printProfile(v + " training", profiled, trainWall, before, model.profile().totals(), ops);
        ops.reset();
        before = model.profile().totals();
        s0 = System.nanoTime();
        for (int i = 0; i < profiled; i++) model.predict(pool.get(i % pool.size()));
        long inferWall = System.nanoTime() - s0;
        double inferFlops = ops.totalFlops() / (profiled * (double) BATCH);
        if (o.profile()) printProfile(v + " inference", profiled, inferWall, before, model.profile().totals(), ops);
        System.out.printf(Locale.ROOT, "%s: GEMM %.1f GFLOP/s; matrix products %.2f MFLOP per row training, %.2f inference: utilisation %.1f%% training, %.1f%% inference%n",
                v, gemm / 1e9, trainFlops / 1e6, inferFlops / 1e6, 100 * trainFlops * Medians.of(train) / gemm, 100 * inferFlops * Medians.of(infer) / gemm);
        System.out.printf(Locale.ROOT, "%s: train windows %s samples/s (median %.0f); infer windows %s (median %.0f); heap peak %.0f MB"
                        + " (heap pools' peaks summed %.0f MB); VmHWM %.0f MB (+%.0f MB from before build); CtrModel's memory estimate %s; last value fit() returned: %s%n", v, rates(train),
                Medians.of(train), rates(infer), Medians.of(infer), heap.peak / 1e6, ProcessMemory.heapPoolPeaks() / 1e6, hwm / 1e6, (hwm - hwmBaseline) / 1e6,
                model.memory(), lastLoss);
        return new Measured(Medians.of(train), train, Medians.of(infer), infer, steps, heap.peak, hwmBaseline, hwm, model.memory().total(), parameters,
                gemm, trainFlops, inferFlops, buildSeconds, iaSeconds, null);
    }

    /** Steps a {@code --profile} run times with the op listener installed (after the timed windows). */
    static final int PROFILE_STEPS = 3;

    /**
     * The per-phase and per-op breakdown of {@code steps} steps: each phase's share of the wall time, then the op types
     * by time (SameDiff's own time between ops is the graph phase's remainder).
     */
    private static void printProfile(String what, int steps, long wall, Map<StepProfile.Phase, Long> before, Map<StepProfile.Phase, Long> after, OpProfile ops) {
        System.out.printf(Locale.ROOT, "PROFILE %s: %d steps, %.1f ms per step (op listener installed)%n", what, steps, wall / 1e6 / steps);
        long graph = 0;
        for (StepProfile.Phase p : StepProfile.Phase.values()) {
            long d = after.get(p) - before.get(p);
            if (p == StepProfile.Phase.GRAPH) graph = d;
            System.out.printf(Locale.ROOT, "PROFILE   phase %-8s %9.1f ms/step %5.1f%%%n", p.name().toLowerCase(Locale.ROOT), d / 1e6 / steps, 100.0 * d / wall);
        }
        long other = wall - after.values().stream().mapToLong(Long::longValue).sum() + before.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "PROFILE   phase %-8s %9.1f ms/step %5.1f%%%n", "other", other / 1e6 / steps, 100.0 * other / wall);
        System.out.printf(Locale.ROOT, "PROFILE   graph: ops %.1f ms/step, between ops (SameDiff's session) %.1f ms/step%n",
                ops.totalNanos() / 1e6 / steps, (graph - ops.totalNanos()) / 1e6 / steps);
        int shown = 0;
        for (OpProfile.Entry e : ops.entries()) {
            if (shown++ == PROFILE_OPS) break;
            System.out.printf(Locale.ROOT, "PROFILE   op %-28s %5d calls/step %9.1f ms/step %5.1f%% of ops %8.2f GFLOP/s%n", e.op(), e.calls() / steps,
                    e.nanos() / 1e6 / steps, 100.0 * e.nanos() / ops.totalNanos(), e.flops() / Math.max(1, e.nanos()));
        }
        for (OpProfile.Entry e : ops.instances().subList(0, Math.min(PROFILE_OPS, ops.instances().size())))
            System.out.printf(Locale.ROOT, "PROFILE   op instance %-60s %9.1f ms/step%n", e.op(), e.nanos() / 1e6 / steps);
    }

    /** Op types a profile lists. */
    static final int PROFILE_OPS = 15;


    /**
     * {@code count} batches of {@link #BATCH} rows: each field's value is a Zipf(1.1) draw over that field's rows
     * (rank r with probability ∝ r^-1.1, ranks shuffled onto rows by a fixed per-field multiplier), labels 0/1 at random.
     */
    static List<Batch> batches(Schema schema, int count, long seed) {
        int fields = schema.size();
        int[] offsets = schema.offsets();
        double[][] cdf = new double[fields][];
        for (int f = 0; f < fields; f++) {
            int card = schema.cardinality(f);
            double[] c = new double[card];
            double sum = 0;
            for (int r = 0; r < card; r++) c[r] = sum += Math.pow(r + 1, -1.1);
            for (int r = 0; r < card; r++) c[r] /= sum;
            cdf[f] = c;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            int[] idx = new int[BATCH * fields];
            float[] labels = new float[BATCH];
            for (int row = 0; row < BATCH; row++) {
                for (int f = 0; f < fields; f++) {
                    int card = cdf[f].length;
                    int rank = Arrays.binarySearch(cdf[f], rnd.nextDouble());
                    rank = Math.min(card - 1, rank < 0 ? -rank - 1 : rank);
                    int rowInField = (int) ((rank * 2_654_435_761L) % card);   // spread ranks over the field's rows
                    idx[row * fields + f] = offsets[f] + rowInField;
                }
                labels[row] = rnd.nextBoolean() ? 1f : 0f;
            }
            out.add(new Batch(BATCH, fields, idx, labels));
        }
        return out;
    }

    /** Largest heap use seen by the MemoryMXBean. */
    private static final class HeapPeak {
        long peak;

        void sample() {
            peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
    }
}
