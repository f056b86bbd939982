package org.collapselab.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;

/**
 * Reads a text file line by line as byte ranges, without making a String per line: {@link #buf}[{@link #start},
 * {@link #end}) is the current line without its LF or CRLF. Gzip is detected by its magic bytes and read
 * transparently, every member to the end of the file ({@link GzipMembers}); a UTF-8 byte-order mark at the start
 * is skipped. Both are reported, as are CRLF line ends.
 */
final class LineReader implements Closeable {
    /** The longest line read: a CTR line is hundreds of bytes, and a file without line ends must not exhaust the heap. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final Path file;
    private final int maxLineBytes;
    private final FileChannel channel;
    private final InputStream in;
    final boolean gzip;
    final long fileSize;

    byte[] buf = new byte[1 << 20];
    int start, end;
    long lineNumber;
    long crlfLines;
    boolean bomSkipped;

    private int pos, lim;
    private boolean eof, first = true;

    LineReader(Path file) {
        this(file, MAX_LINE_BYTES);
    }

    /** A reader refusing lines longer than {@code maxLineBytes} (tests use a small limit). */
    LineReader(Path file, int maxLineBytes) {
        this.file = file;
        this.maxLineBytes = maxLineBytes;
        try {
            this.fileSize = Files.size(file);
            if (fileSize == 0) throw new DataFormatException(file, 0, "file is empty");
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            InputStream raw = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            this.gzip = b0 == 0x1f && b1 == 0x8b;
            this.in = gzip ? new GzipMembers(raw) : raw;
        } catch (EOFException | ZipException e) {
            throw new DataFormatException(file, 0, "gzip stream is truncated or corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of the file consumed so far (compressed bytes for gzip), for progress. */
    long position() {
        try {
            return channel.position();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() {
        while (true) {
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    setLine(pos, i);
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos < lim) {    // a last line without LF
                    setLine(pos, lim);
                    pos = lim;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void setLine(int from, int lf) {
        int e = lf;
        if (e > from && buf[e - 1] == '\r') {
            e--;
            crlfLines++;
        }
        start = from;
        end = e;
        lineNumber++;
    }

    private void fill() {
        if (pos > 0) {    // keep the partial line, at the front
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {    // a line longer than the buffer
            if (buf.length >= maxLineBytes)
                throw new DataFormatException(file, lineNumber + 1, "the line is longer than " + (maxLineBytes >> 20) + " MiB with no line end: "
                        + "is this a line-delimited text file?");
            buf = java.util.Arrays.copyOf(buf, Math.min(maxLineBytes, buf.length * 2));
        }
        try {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) eof = true;
            else lim += n;
        } catch (EOFException | ZipException e) {
            throw new DataFormatException(file, lineNumber + 1,
                    "gzip stream is truncated or corrupt after line " + lineNumber + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
        if (first) {    // the first read of a stream returns a full buffer unless the file is tiny
            first = false;
            if (lim >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
                pos = 3;
                bomSkipped = true;
            }
        }
    }

    /** The current line as text. */
    String lineText() {
        return new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The current line as text (for messages), cut to {@code max} characters. */
    String lineText(int max) {
        String s = new String(buf, start, Math.min(end - start, max * 4), java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
