package org.collapselab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.Progress;
import org.collapselab.data.SyntheticCriteo;

/**
 * Preprocessing throughput (MB/s and rows/s of each pass) on a generated Criteo-format file, and cache load time.
 * Not a test: it prints medians over several runs and never asserts a time.
 * <pre>java -cp toolkit.jar:lib/* org.collapselab.bench.DataBenchmark [rows=1000000] [runs=5] [dir]</pre>
 * The reference measured in the same run is a plain read of the file (bytes through a buffer, counting newlines):
 * the ratio says how far each pass is from the disk/page-cache speed of this machine right now.
 */
public final class DataBenchmark {
    private DataBenchmark() {}

    /** Records when each task of a load finishes. */
    private static final class PassTimer implements Progress {
        final List<Long> doneAt = new ArrayList<>();

        @Override
        public void update(String task, long done, long total) {}

        @Override
        public void done(String task) {
            doneAt.add(System.nanoTime());
        }
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("collapselab-bench");
        Path file = dir.resolve("criteo-like-" + rows + ".tsv");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            SyntheticCriteo.criteoShaped(rows, 1.0, 0).write(file);
            System.out.printf("generated %s (%d rows) in %.1f s%n", file, rows, (System.nanoTime() - t) / 1e9);
        }
        double mb = Files.size(file) / 1e6;
        System.out.printf("file: %.1f MB, %d rows, %d runs (medians below)%n", mb, rows, runs);

        double[] read = new double[runs], pass1 = new double[runs], pass2 = new double[runs], load = new double[runs];
        for (int i = 0; i < runs; i++) {
            read[i] = timePlainRead(file);
            Path cache = dir.resolve("cache-" + i);
            PassTimer timer = new PassTimer();
            long t0 = System.nanoTime();
            EncodedDataset ds = CtrData.load(file, SyntheticCriteo.criteoShaped(rows, 1.0, 0).format(),
                    PreprocessOptions.builder().cacheDir(cache).progress(timer).build());
            long t1 = System.nanoTime();
            if (timer.doneAt.size() != 2) throw new IllegalStateException("expected two passes, saw " + timer.doneAt.size());
            pass1[i] = (timer.doneAt.get(0) - t0) / 1e9;
            pass2[i] = (t1 - timer.doneAt.get(0)) / 1e9;
            long t2 = System.nanoTime();
            EncodedDataset hit = CtrData.load(file, SyntheticCriteo.criteoShaped(rows, 1.0, 0).format(),
                    PreprocessOptions.builder().cacheDir(cache).build());
            load[i] = (System.nanoTime() - t2) / 1e9;
            if (hit.cache().orElseThrow().status() != EncodedDataset.CacheInfo.Status.HIT || hit.rows() != ds.rows())
                throw new IllegalStateException("second load was not a cache hit: " + hit.cache());
            System.out.printf("  run %d: plain read %.2f s, pass 1 (parse, intern, count) %.2f s, pass 2 (vocabulary, encode, write) %.2f s,"
                    + " cache load %.3f s%n", i + 1, read[i], pass1[i], pass2[i], load[i]);
            deleteTree(cache);
        }
        double r = Medians.of(read), p1 = Medians.of(pass1), p2 = Medians.of(pass2), l = Medians.of(load);
        System.out.printf("reference plain read : %7.1f MB/s%n", mb / r);
        System.out.printf("pass 1 (parse)       : %7.1f MB/s %10.0f rows/s  (%.2f× the plain read's time)%n", mb / p1, rows / p1, p1 / r);
        System.out.printf("pass 2 (encode)      : %7.1f MB/s %10.0f rows/s  (%.2f× the plain read's time)%n", mb / p2, rows / p2, p2 / r);
        System.out.printf("cache load (verified): %.3f s for %d rows%n", l, rows);
    }

    private static double timePlainRead(Path file) throws IOException {
        long t = System.nanoTime(), lines = 0;
        byte[] buf = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
        }
        if (lines == 0) throw new IllegalStateException("empty file");
        return (System.nanoTime() - t) / 1e9;
    }


    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
