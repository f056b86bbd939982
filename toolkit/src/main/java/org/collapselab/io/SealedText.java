package org.collapselab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small text file sealed with its own checksum: the body, then a last line {@code #sha256=HEX} of the body's
 * bytes. Written atomically; read back only after the checksum verifies, so an empty, truncated or edited file
 * is reported with its name instead of being parsed into nonsense.
 */
public final class SealedText {
    private static final String SEAL = "#sha256=";

    private SealedText() {}

    /** Writes {@code body} (which should end with a newline) and its seal, atomically. */
    public static Path write(Path file, String body) {
        String text = body + SEAL + sha256(body) + "\n";
        return AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The verified body of {@code file}; an {@link IllegalStateException} naming the file when it is missing, empty or damaged. */
    public static String read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.isEmpty()) throw new IllegalStateException(file + " is empty (an interrupted write, or the disk was full)");
        int at = text.lastIndexOf(SEAL);
        if (at < 0 || !text.endsWith("\n") || (at > 0 && text.charAt(at - 1) != '\n'))
            throw new IllegalStateException(file + " is damaged: it has no checksum line (truncated, or not written by this toolkit)");
        String body = text.substring(0, at), stored = text.substring(at + SEAL.length()).strip();
        if (!stored.equals(sha256(body)))
            throw new IllegalStateException(file + " is damaged: its checksum does not match its content (edited or corrupt)");
        return body;
    }

    private static String sha256(String s) {
        return Sha256.hex(s);
    }
}
