package org.collapselab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fixtures of the data tests: files the project writes itself ({@link FormatSamples}), so that the suite runs in
 * a clone with nothing beside it, and the real-format samples of {@code ../shared/data} (system property
 * {@code collapselab.shared}), checked too where they are present and left out where they are not.
 */
final class TestFiles {
    private TestFiles() {}

    /** The generated stand-ins of the shared samples: same format, row count and quirks. */
    private static final java.util.Map<String, List<String>> STAND_INS = java.util.Map.of(
            "paddlerec_criteo_raw_sample.tsv", FormatSamples.lines(CtrFormat.criteoTsv(), 100, 100),
            "deepctr_criteo_sample.txt", FormatSamples.lines(CtrFormat.criteoCsv(), 200, 200, FormatSamples.Quirk.FLOAT_INTEGERS),
            "deepctr_avazu_sample.txt", FormatSamples.lines(CtrFormat.avazuCsv(), 100, 101),
            "torchrechub_avazu_x1_format_train_sample.csv", FormatSamples.lines(CtrFormat.barsCsv(22), 70, 70));

    /**
     * The generated stand-in of a shared sample, written into {@code dir}, followed by the shared sample itself
     * where it is present: a test run over both checks the real format where it can and never depends on it.
     */
    static java.util.stream.Stream<Path> withShared(String name, Path dir) {
        Path generated = FormatSamples.write(dir.resolve("generated-" + name), STAND_INS.get(name));
        Path real = Path.of(System.getProperty("collapselab.shared", "../../shared")).resolve("data").resolve(name);
        return Files.isRegularFile(real) ? java.util.stream.Stream.of(generated, real) : java.util.stream.Stream.of(generated);
    }

    /** 100 rows of raw Criteo TSV (seeded), the stand-in for the shared PaddleRec sample. */
    static List<String> criteoLines() {
        return STAND_INS.get("paddlerec_criteo_raw_sample.tsv");
    }

    /** A header and 100 rows of raw Avazu CSV (seeded), the stand-in for the shared DeepCTR sample. */
    static List<String> avazuLines() {
        return STAND_INS.get("deepctr_avazu_sample.txt");
    }

    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PreprocessOptions.Builder options(Path cacheDir) {
        return PreprocessOptions.builder().cacheDir(cacheDir);
    }
}
