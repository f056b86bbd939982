package org.collapselab.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.collapselab.model.ModelTooLargeException;
import org.collapselab.run.RunExecutor;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.run.RunTrainer;

/**
 * A {@link RunExecutor} on Apache Spark: every run not yet in the store becomes one Spark job of one task
 * ({@link RunTask}), all submitted at once, so Spark spreads them over its executors and retries a failed task
 * ({@code spark.task.maxFailures}, or {@code F} in {@code local[N,F]}); a run whose task fails for good fails its
 * own job only, and is reported in {@link RunFailures} after the others have finished; a model over an executor's
 * memory budget is not retried, and {@link ModelTooLargeException} is thrown after the others have finished (as the
 * sequential executor throws it), so that a sweep can leave that cell out. Each task trains with the OpenMP thread
 * count its request names ({@code TrainConfig.threads}, part of its identity: the count changes a run's last digits),
 * so a run equals the sequential executor's to every digit; {@link #threadsPerRun()} is {@code spark.task.cpus}, the
 * count runs should ask for (Lab's do). In local mode the tasks share the driver's JVM, where the count is
 * process-wide: runs trained at the same time there must ask for the same count. The store and the datasets' cache files must be on paths every executor
 * reads (and, for the store, writes) under the same name: a shared file system.
 *
 * <p>The Spark context starts on the first call that has something to train and stops on {@link #close()}.
 */
public final class SparkRunExecutor implements RunExecutor, AutoCloseable {
    private final SparkConf conf;
    private final RunStore store;
    private final TaskTrainer trainer;
    private final int taskCpus;
    private JavaSparkContext context;
    private int trained, reused;

    private SparkRunExecutor(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store").requireWritable();
        this.trainer = Objects.requireNonNull(b.trainer, "trainer");
        // spark.* Java system properties too (-Dspark.executor.memory=4g), then this builder's settings
        this.conf = new SparkConf(true).setMaster(Objects.requireNonNull(b.master, "master")).setAppName("collapselab");
        b.settings.forEach(conf::set);
        conf.setIfMissing("spark.task.cpus", "1");
        this.taskCpus = conf.getInt("spark.task.cpus", 1);
        if (taskCpus < 1) throw new IllegalArgumentException("spark.task.cpus=" + taskCpus + ": must be at least 1");
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(taskCpus));
        toolkitJarFolder().ifPresent(dir -> conf.setIfMissing("spark.executor.extraClassPath", dir + "/*"));
    }

    /** The executor {@code Lab} loads reflectively for {@code COLLAPSELAB_SPARK=master}: Spark's settings otherwise. */
    public static SparkRunExecutor forMaster(String master, RunStore store) {
        return builder().master(master).store(store).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs trained by this executor so far (those its tasks stored). */
    @Override
    public int trained() {
        return trained;
    }

    /** Runs read from the store instead of trained, so far. */
    @Override
    public int reused() {
        return reused;
    }

    @Override
    public RunStore store() {
        return store;
    }

    /** spark.task.cpus: the cores Spark reserves for a run's task, so the thread count its runs should ask for. */
    @Override
    public java.util.OptionalInt threadsPerRun() {
        return java.util.OptionalInt.of(taskCpus);
    }

    /** The Spark settings this executor runs with. */
    public SparkConf conf() {
        return conf.clone();
    }

    @Override
    public List<RunRecord> obtain(List<RunRequest> requests) {
        // a request that appears twice is trained (or counted as reused) once
        Map<String, RunRequest> distinct = new LinkedHashMap<>(), missing = new LinkedHashMap<>();
        for (RunRequest r : requests) distinct.putIfAbsent(r.id(), r);
        if (!requests.isEmpty()) System.out.println(org.collapselab.run.RunPlan.of(requests, store,
                r -> r.data().cacheFile().isPresent() ? r.data().open().rows() : 0, org.collapselab.run.CellRates.measured()));    // in memory: refused below
        for (RunRequest r : distinct.values()) {
            if (store.contains(r.id())) reused++;
            else missing.put(r.id(), r);
        }
        if (!missing.isEmpty()) train(List.copyOf(missing.values()));
        return requests.stream().map(r -> store.find(r.id()).orElseThrow()).toList();
    }

    private void train(List<RunRequest> runs) {
        for (RunRequest r : runs) {
            Path data = r.data().cacheFile().orElseThrow(() -> new IllegalArgumentException("run " + r.id() + " (" + r.description()
                    + "): its dataset was built in memory; an executor can only reopen a dataset from its cache file"));
            if (!Files.isReadable(data))
                throw new IllegalArgumentException("run " + r.id() + " (" + r.description() + "): its dataset cache " + data
                        + " is not readable here; build it on a path every executor reads");
        }
        JavaSparkContext sc = context();
        RunTask task = new RunTask(store, trainer);
        List<JavaFutureAction<List<RunTask.Outcome>>> jobs = new ArrayList<>();
        for (RunRequest r : runs) {
            sc.setJobDescription(r.id() + " " + r.description());
            jobs.add(sc.parallelize(List.of(r.encode()), 1).map(task).collectAsync());
        }
        System.out.printf("submitted %d run(s) to Spark %s (%d core(s) per run)%n", runs.size(), conf.get("spark.master"), taskCpus);
        runs.stream().mapToInt(r -> r.config().threads()).filter(t -> t != taskCpus).distinct().forEach(t -> System.out.printf(
                "note: some runs ask for %d OpenMP thread(s), and Spark reserves %d core(s) per task (spark.task.cpus): they train with %d, "
                        + "as their identity says; ask for threadsPerRun() threads (Lab does) to match%n", t, taskCpus, t));
        List<RunFailures.Failure> failures = new ArrayList<>();
        ModelTooLargeException tooLarge = null;
        int stored = 0, tooLargeCount = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunRequest r = runs.get(i);
            String cause;
            try {
                RunTask.Outcome o = jobs.get(i).get().get(0);
                if (o.tooLarge() != null) {
                    if (tooLarge == null) tooLarge = o.tooLarge();
                    tooLargeCount++;
                    cause = o.tooLarge().getMessage();
                } else {
                    cause = null;
                }
            } catch (ExecutionException e) {
                // Spark's "Job aborted ... most recent failure: ... <the task's exception>", without the stack trace
                cause = String.valueOf((e.getCause() == null ? e : e.getCause()).getMessage()).split("\n\tat ")[0];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jobs.forEach(j -> j.cancel(true));
                throw new IllegalStateException("interrupted while waiting for " + (runs.size() - i) + " Spark run(s)", e);
            }
            if (cause == null && !store.contains(r.id()))
                cause = "its task finished but " + store.dir() + " does not hold the record: the run store must be a folder every executor shares";
            if (cause == null) {
                stored++;
                trained++;
            } else {
                failures.add(new RunFailures.Failure(r.id(), r.description(), cause));
            }
        }
        if (tooLarge != null && failures.size() == tooLargeCount) throw tooLarge;
        if (!failures.isEmpty()) throw new RunFailures(failures, stored);
    }

    private synchronized JavaSparkContext context() {
        if (context == null) context = new JavaSparkContext(conf);
        return context;
    }

    /** Stops the Spark context, if one was started. */
    @Override
    public synchronized void close() {
        if (context != null) context.close();
        context = null;
    }

    // Executors need the toolkit and its dependencies: by default the folder of the toolkit jar (build/kernel/lib),
    // which every node then holds at the same path.
    private static java.util.Optional<String> toolkitJarFolder() {
        try {
            Path p = Path.of(SparkRunExecutor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? java.util.Optional.of(p.getParent().toString()) : java.util.Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    /** Builder: {@code master} and {@code store} are required; {@code trainer} defaults to the toolkit's. */
    public static final class Builder {
        private String master;
        private RunStore store;
        private TaskTrainer trainer = RunTrainer::train;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {}

        /** Spark's master URL: {@code local[2]}, {@code local[2,3]} (3 attempts per task), {@code spark://host:7077}. */
        public Builder master(String master) {
            this.master = master;
            return this;
        }

        public Builder store(RunStore store) {
            this.store = store;
            return this;
        }

        public Builder trainer(TaskTrainer trainer) {
            this.trainer = trainer;
            return this;
        }

        /** A Spark setting, e.g. {@code spark.task.cpus}, overriding Java system properties. */
        public Builder set(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public SparkRunExecutor build() {
            return new SparkRunExecutor(this);
        }
    }
}
