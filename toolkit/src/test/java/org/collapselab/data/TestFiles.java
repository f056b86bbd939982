package org.collapselab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Fixtures of the data tests: files the project writes itself ({@link FormatSamples}), so that the suite runs in
 * a clone with nothing beside it, and the real-format samples of {@code ../shared/data} (system property
 * {@code collapselab.shared}), checked too where they are present and skipped (an assumption, not a failure)
 * where they are not.
 */
public final class TestFiles {
    private TestFiles() {}

    /** A real-format sample from the shared folder; the calling test is skipped when it is absent. */
    public static Path shared(String name) {
        Path dir = Path.of(System.getProperty("collapselab.shared", "../../shared")).resolve("data");
        Path p = dir.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared sample not present (a clone on its own): " + p.toAbsolutePath());
        return p;
    }

    /** 100 rows of raw Criteo TSV (seeded), the stand-in for the shared PaddleRec sample. */
    static List<String> criteoLines() {
        return FormatSamples.lines(CtrFormat.criteoTsv(), 100, 100);
    }

    /** A header and 100 rows of raw Avazu CSV (seeded), the stand-in for the shared DeepCTR sample. */
    static List<String> avazuLines() {
        return FormatSamples.lines(CtrFormat.avazuCsv(), 100, 101);
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
