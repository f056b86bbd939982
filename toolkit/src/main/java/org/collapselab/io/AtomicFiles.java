package org.collapselab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the whole new one: the content goes to a temporary
 * sibling that is renamed over the target. A temporary file left by a crash is never read by the toolkit.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A fresh temporary name beside {@code file}. */
    public static Path temporarySibling(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    /** Writes {@code file} atomically, creating its folder; returns the file. */
    public static Path write(Path file, Content content) {
        Path tmp = temporarySibling(file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // only the renamed file is ever read
            }
        }
    }
}
