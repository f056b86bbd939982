package org.collapselab.data;

import java.nio.file.Path;

/** A file that cannot be read as the format it was given as; the message names the file and, where known, the line. */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;

    public DataFormatException(Path file, long line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public DataFormatException(Path file, long line, String reason, Throwable cause) {
        this(file, line, reason);
        initCause(cause);
    }

    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem is not a line's. */
    public long line() {
        return line;
    }
}
