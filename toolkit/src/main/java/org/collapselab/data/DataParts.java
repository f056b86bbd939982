package org.collapselab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A dataset that comes split: the files of its training, validation and test parts (BARS/FuxiCTR's {@code *_x1}, the
 * NFM/AFM Frappe and MovieLens files, a sharded export). {@code CtrData.load(parts, format)} encodes them with one
 * vocabulary into one dataset whose split is these parts, in this order; each part may be several files (gzip or not).
 *
 * <pre>{@code
 * DataParts frappe = DataParts.of(dir.resolve("train.csv"), dir.resolve("valid.csv"), dir.resolve("test.csv"));
 * DataParts shards = DataParts.glob(dir, "train-*.csv.gz", "valid-*.csv.gz", "test-*.csv.gz");
 * }</pre>
 *
 * @param train the training part's files, read in this order
 * @param valid the validation part's files
 * @param test  the test part's files
 */
public record DataParts(List<Path> train, List<Path> valid, List<Path> test) {
    /** The parts' names, in order. */
    public static final List<String> NAMES = List.of("train", "valid", "test");

    public DataParts {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
        List<List<Path>> all = List.of(train, valid, test);
        for (int p = 0; p < 3; p++) if (all.get(p).isEmpty()) throw new IllegalArgumentException("the " + NAMES.get(p) + " part has no files");
        List<Path> seen = new ArrayList<>();
        for (Path f : all.stream().flatMap(List::stream).toList()) {
            Path abs = f.toAbsolutePath().normalize();
            if (seen.contains(abs)) throw new IllegalArgumentException(f + " is in the parts twice: a row would be trained and tested on");
            seen.add(abs);
        }
    }

    /** One file per part. */
    public static DataParts of(Path train, Path valid, Path test) {
        return new DataParts(List.of(train), List.of(valid), List.of(test));
    }

    /**
     * The files of {@code dir} whose names match each glob ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}), sorted by
     * name; a glob that matches nothing is refused naming the folder and the pattern.
     */
    public static DataParts glob(Path dir, String train, String valid, String test) {
        return new DataParts(matching(dir, train, "train"), matching(dir, valid, "valid"), matching(dir, test, "test"));
    }

    private static List<Path> matching(Path dir, String glob, String part) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> Files.isRegularFile(p) && m.matches(p.getFileName())).sorted().toList();
            if (found.isEmpty()) throw new IllegalArgumentException("no file in " + dir + " matches '" + glob + "' (the " + part + " part)");
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " for the " + part + " part: " + e.getMessage(), e);
        }
    }

    /** The parts' file lists, in order. */
    public List<List<Path>> parts() {
        return List.of(train, valid, test);
    }

    /** Every file, part by part. */
    public List<Path> files() {
        List<Path> all = new ArrayList<>(train);
        all.addAll(valid);
        all.addAll(test);
        return all;
    }

    /** E.g. {@code train: train.csv; valid: valid.csv; test: test.csv}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 3; p++)
            sb.append(p == 0 ? "" : "; ").append(NAMES.get(p)).append(": ").append(String.join(", ", parts().get(p).stream().map(f -> f.getFileName().toString()).toList()));
        return sb.toString();
    }
}
