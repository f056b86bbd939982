package org.collapselab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locations of the shared real-format samples, and small helpers for tests. */
final class TestFiles {
    private TestFiles() {}

    static Path shared(String name) {
        Path dir = Path.of(System.getProperty("collapselab.shared", "../../shared")).resolve("data");
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) throw new IllegalStateException("shared sample missing: " + p.toAbsolutePath());
        return p;
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
