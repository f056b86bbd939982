package org.collapselab.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file of ints written once in order and read back in order: the provisional token ids of every
 * row, so that a file far larger than the heap (full Criteo: 45.8M × 39) can be encoded.
 */
final class IntSpill implements Closeable {
    private static final int CHUNK = 1 << 20;    // ints per buffer
    private final Path file;
    private final FileChannel ch;
    private final ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
    private final IntBuffer ints = bytes.asIntBuffer();
    private long written;

    IntSpill(Path dir) {
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "spill-", ".tmp");
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + dir + ": " + e.getMessage(), e);
        }
    }

    void write(int v) {
        if (!ints.hasRemaining()) flush();
        ints.put(v);
    }

    private void flush() {
        bytes.position(0).limit(ints.position() * 4);
        try {
            while (bytes.hasRemaining()) ch.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spill file " + file + ": " + e.getMessage(), e);
        }
        written += ints.position();
        bytes.clear();
        ints.clear();
    }

    /** Reads everything written so far, in order; call once writing is done. */
    Reader reader() {
        flush();
        return new Reader();
    }

    final class Reader {
        private long pos;    // byte position in the file
        private int avail;

        Reader() {
            ints.limit(0);
        }

        int next() {
            if (!ints.hasRemaining()) refill();
            return ints.get();
        }

        private void refill() {
            bytes.clear();
            try {
                int n;
                while (bytes.hasRemaining() && (n = ch.read(bytes, pos)) > 0) pos += n;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read spill file " + file + ": " + e.getMessage(), e);
            }
            avail = bytes.position() / 4;
            if (avail == 0) throw new IllegalStateException("spill file " + file + " read past its " + written + " ints");
            ints.clear().limit(avail);
        }
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close spill file " + file, e);
        }
    }
}
