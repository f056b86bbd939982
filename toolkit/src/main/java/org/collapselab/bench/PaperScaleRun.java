package org.collapselab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.collapselab.analysis.FieldIA;
import org.collapselab.cluster.SparkRunExecutor;
import org.collapselab.data.CtrData;
import org.collapselab.data.CtrFormat;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.Progress;
import org.collapselab.data.Schema;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.io.AtomicFiles;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.run.KeptWeights;
import org.collapselab.run.RunMeasures;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.run.RunTrainer;
import org.collapselab.run.SequentialExecutor;
import org.collapselab.train.ConsoleProgress;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.TrainContext;

/**
 * The paper's size end to end, as commands that each run in their own JVM (so each peak resident set is its own):
 * <pre>
 * PaperScaleRun generate FILE [ROWS]   Criteo-shaped TSV at Criteo's cardinalities (default 45,840,617 rows), streamed
 * PaperScaleRun preprocess FILE DIR    the paper's preprocessing into the verified cache DIR/cache
 * PaperScaleRun epoch FILE DIR         that, then DCNv2 SE 1× for one epoch through the run store DIR/runs, with the
 *                                      validation and test passes and the per-field IA of the kept table
 * PaperScaleRun reopen DIR             another JVM: the stored run found again from the cache, nothing trained
 * PaperScaleRun spark MASTER DIR       on Spark: the stored run reused, and a variant of one step per epoch trained
 *                                      in a Spark task reading the same cache
 * PaperScaleRun largest DIR [ROWS]     Table 1's largest table through the run store: NFwFM SE 10× (K = 500, 2.2 GB)
 *                                      at Criteo's field sizes, one step on ROWS random rows (default 20,000), its
 *                                      kept table written, read back verified and analysed
 * </pre>
 * Each phase prints its wall time, throughput and memory: the peak resident set (VmHWM, restarted per phase), its
 * anonymous part (heap and ND4J; the rest is the mapped cache's pages), the heap's peak, and the heap still live at
 * its end (after a full collection, which each phase's end forces). Not a test: it asserts nothing about time. Run with {@code OMP_NUM_THREADS} set, as the benchmarks.
 */
public final class PaperScaleRun {
    private PaperScaleRun() {}

    /** Rows of the Criteo file the paper uses (Criteo Display Advertising Challenge, train.txt). */
    public static final int CRITEO_ROWS = 45_840_617;
    private static final String REQUEST = "request.properties";

    public static void main(String[] args) throws IOException {
        if (args.length < 2) usage();
        try (Phases phases = new Phases()) {
            switch (args[0]) {
                case "generate" -> generate(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : CRITEO_ROWS, phases);
                case "preprocess" -> {
                    if (args.length != 3) usage();
                    preprocess(Path.of(args[1]), Path.of(args[2]), phases);
                }
                case "epoch" -> {
                    if (args.length != 3) usage();
                    epoch(Path.of(args[1]), Path.of(args[2]), phases);
                }
                case "reopen" -> reopen(Path.of(args[1]), phases);
                case "spark" -> {
                    if (args.length != 3) usage();
                    spark(args[1], Path.of(args[2]), phases);
                }
                case "largest" -> largest(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20_000, phases);
                default -> usage();
            }
        }
    }

    private static void usage() {
        System.err.println("usage: PaperScaleRun generate FILE [ROWS] | preprocess FILE DIR | epoch FILE DIR | reopen DIR | spark MASTER DIR | largest DIR [ROWS]");
        System.exit(2);
    }

    /**
     * Each task a {@link Progress} reports done ends a phase: its wall time and memory are printed and kept, and
     * the next phase starts; {@link #end} ends one that is not a progress task. Closing prints the phases and stops
     * the memory sampler.
     */
    static final class Phases implements Progress, AutoCloseable {
        private final Progress console = new ConsoleProgress(System.out);
        private final List<String> table = new ArrayList<>();
        private ProcessMemory.Phase memory = new ProcessMemory.Phase();
        private long start = System.nanoTime();
        private final long begin = start;

        private final java.util.Map<String, String> units = new java.util.HashMap<>();
        private final java.util.Map<String, Long> counts = new java.util.HashMap<>();

        @Override
        public void start(String task, String unit) {
            console.start(task, unit);
            units.put(task, unit);
        }

        @Override
        public void update(String task, long done, long total) {
            update(task, done, total, "");
        }

        @Override
        public void update(String task, long done, long total, String detail) {
            console.update(task, done, total, detail);
            counts.put(task, done);
        }

        @Override
        public void done(String task) {
            console.done(task);
            end(task, "");
        }

        /** Ends the current phase as {@code name}, with a note (else its progress count's throughput). */
        void end(String name, String note) {
            double s = (System.nanoTime() - start) / 1e9;
            Long n = counts.remove(name);
            String unit = units.getOrDefault(name, "rows");
            if (n != null && note.isEmpty())
                note = unit.equals("bytes") ? String.format(Locale.ROOT, "%.1f MB/s", n / 1e6 / s) : String.format(Locale.ROOT, "%,d %s, %,.0f/s", n, unit, n / s);
            String line = String.format(Locale.ROOT, "%-40s %9.1f s  %s%s", name, s, note.isEmpty() ? "" : note + "; ", memory.summary());
            System.out.println("phase " + line);
            table.add(line);
            memory.close();
            memory = new ProcessMemory.Phase();
            start = System.nanoTime();
        }

        /** Prints the phases and the whole wall time, and stops sampling memory. */
        @Override
        public void close() {
            memory.close();
            System.out.println("\nphase                                         wall       throughput; memory");
            table.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - begin) / 1e9);
        }
    }

    static void generate(Path file, int rows, Phases phases) {
        long t = System.nanoTime();
        SyntheticCriteo.criteoShaped(rows, 1.0, 0).write(file);
        double mb = size(file) / 1e6, s = (System.nanoTime() - t) / 1e9;
        phases.end("generation", String.format(Locale.ROOT, "%,d rows, %,.0f MB, %.1f MB/s", rows, mb, mb / s));
        System.out.println("wrote " + file);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The paper's preprocessing of a Criteo-format file into DIR/cache, each pass a phase: the heap live at the end
     * of pass 1 is what its dictionaries and their counts take.
     */
    static EncodedDataset preprocess(Path file, Path dir, Phases phases) {
        EncodedDataset data = CtrData.load(file, CtrFormat.criteoTsv(), PreprocessOptions.builder().cacheDir(dir.resolve("cache")).progress(phases).build());
        Path cache = data.cache().orElseThrow().file();
        phases.end("cache: seal and verify", String.format(Locale.ROOT, "%,.0f MB", size(cache) / 1e6));
        System.out.printf(Locale.ROOT, "dataset: %,d rows, %d fields, %,d embedding rows; cache %s: %,.0f MB on disk (%s); %s%n", data.rows(),
                data.schema().size(), data.schema().totalRows(), cache, size(cache) / 1e6, data.cache().get().status(), data.report().rejectSummary());
        return data;
    }

    /** The run of the issue: DCNv2 SE 1×, the paper's settings, one epoch. */
    static RunRequest oneEpoch(EncodedDataset data) {
        return RunRequest.of(ModelSpec.of(ModelKind.DCNV2), TrainConfig.paper().toBuilder().maxEpochs(1).build(), data);
    }

    static void epoch(Path file, Path dir, Phases phases) {
        EncodedDataset data = preprocess(file, dir, phases);
        RunRequest request = oneEpoch(data);
        RunStore store = new RunStore(dir.resolve("runs"));
        AtomicFiles.write(dir.resolve(REQUEST), out -> out.write(request.encode().getBytes(StandardCharsets.UTF_8)));
        System.out.printf("run %s: %s, %d OpenMP threads%n", request.id(), request.description(), request.config().threads());
        RunRecord record = store.find(request.id()).orElse(null);
        if (record != null) {
            System.out.println("already in the run store " + store.dir() + ": nothing to train (delete it to measure the epoch again)");
        } else {
            RunTrainer.Trained t = RunTrainer.train(request, data, TrainContext.builder().progress(phases).build(), List.of());
            phases.end("kept weights", "");
            record = store.put(t);
            phases.end("run store: put", "");
        }
        FieldIA ia = store.measure(record, RunMeasures.FIELD_IA);
        phases.end("analysis: per-field IA of the kept table", "");
        describe(record, ia, store);
    }

    private static void describe(RunRecord r, FieldIA ia, RunStore store) {
        double[] v = ia.ia().clone();
        Arrays.sort(v);
        System.out.printf(Locale.ROOT, "run %s (%s): validation AUC %.5f, test AUC %.5f, log loss %.5f, trained in %.1f s%n", r.id(), r.description(),
                r.validAuc(), r.testAuc(), r.testLogloss(), r.seconds());
        System.out.printf(Locale.ROOT, "per-field IA of %d fields: min %.2f, median %.2f, max %.2f (K = %d)%n", v.length, v[0], v[v.length / 2], v[v.length - 1], ia.k());
        try (Stream<Path> files = Files.list(store.dir())) {
            files.filter(p -> p.getFileName().toString().startsWith(r.id())).sorted()
                    .forEach(p -> System.out.printf(Locale.ROOT, "  %s: %,.1f MB%n", p.getFileName(), size(p) / 1e6));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request the epoch command stored, as another JVM reads it. */
    private static RunRequest storedRequest(Path dir, RunStore store) {
        Path f = dir.resolve(REQUEST);
        if (!Files.exists(f)) throw new IllegalStateException("no " + f + ": run 'PaperScaleRun epoch FILE " + dir + "' first");
        RunRequest r;
        try {
            r = RunRequest.decode(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!store.contains(r.id())) throw new IllegalStateException("run " + r.id() + " is not in " + store.dir() + ": run the epoch command first");
        return r;
    }

    static void reopen(Path dir, Phases phases) {
        RunStore store = new RunStore(dir.resolve("runs"));
        RunRequest request = storedRequest(dir, store);
        EncodedDataset data = request.data().open();
        phases.end("open the cache (checksum verified)", String.format(Locale.ROOT, "%,d rows", data.rows()));
        SequentialExecutor executor = new SequentialExecutor(store, data);
        RunRecord record = executor.obtain(List.of(request)).get(0);
        phases.end("obtain the run", String.format("trained %d, from the store %d", executor.trained(), executor.reused()));
        if (executor.trained() != 0) throw new IllegalStateException("the stored run was trained again");
        FieldIA ia = store.measure(record, RunMeasures.FIELD_IA);
        phases.end("per-field IA (the store's cached measure)", "");
        describe(record, ia, store);
    }

    static void spark(String master, Path dir, Phases phases) {
        RunStore store = new RunStore(dir.resolve("runs"));
        RunRequest request = storedRequest(dir, store);
        try (SparkRunExecutor executor = SparkRunExecutor.builder().master(master).store(store).build()) {
            int threads = executor.threadsPerRun().orElse(request.config().threads());
            RunRequest oneStep = new RunRequest(request.spec(),
                    request.config().toBuilder().maxStepsPerEpoch(1).threads(threads).build(), request.data());
            System.out.printf("the stored run %s and a variant of one step per epoch, %s (%d threads)%n", request.id(), oneStep.id(), threads);
            List<RunRecord> got = executor.obtain(List.of(request, oneStep));
            phases.end("obtain on Spark " + master, String.format("trained %d, from the store %d", executor.trained(), executor.reused()));
            if (executor.reused() != 1 || executor.trained() != 1)
                throw new IllegalStateException("expected the stored run reused and the variant trained: trained " + executor.trained() + ", reused " + executor.reused());
            for (RunRecord r : got) describe(r, store.measure(r, RunMeasures.FIELD_IA), store);
        }
    }

    /** NFwFM SE 10× at Criteo's field sizes through the run store: its 543 M-float table kept, read back and analysed. */
    static void largest(Path dir, int rows, Phases phases) {
        Schema schema = ModelBenchmark.criteoSchema();
        SplittableRandom rnd = new SplittableRandom(0);
        int[][] columns = new int[schema.size()][rows];
        byte[] labels = new byte[rows];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < columns.length; f++) columns[f][r] = rnd.nextInt(schema.cardinalities()[f]);
            labels[r] = (byte) (rnd.nextInt(4) == 0 ? 1 : 0);
        }
        EncodedDataset data = EncodedDataset.of(schema, columns, labels, rows + " random rows at Criteo's field sizes");
        RunRequest request = RunRequest.of(ModelSpec.of(ModelKind.NFWFM).scale(10, EmbeddingMode.SINGLE),
                TrainConfig.paper().toBuilder().maxEpochs(1).maxStepsPerEpoch(1).build(), data);
        RunStore store = new RunStore(dir.resolve("runs"));
        SequentialExecutor executor = new SequentialExecutor(store, List.of(data), TrainContext.builder().progress(phases).build(), List.of());
        RunRecord record = executor.obtain(List.of(request)).get(0);
        phases.end("kept weights and run store: put", String.format("trained %d, from the store %d", executor.trained(), executor.reused()));
        long floats = floats(store.weights(record));    // not kept: the measure below reads the 2.2 GB table again
        phases.end("kept table read back (SHA-256 verified)", String.format(Locale.ROOT, "%,d floats", floats));
        FieldIA ia = store.measure(record, RunMeasures.FIELD_IA);
        phases.end("analysis: per-field IA of the kept table", "");
        describe(record, ia, store);
    }

    private static long floats(KeptWeights w) {
        return (long) w.rows() * w.width();
    }
}
