package org.collapselab.nn.embedding;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.collapselab.data.Field;
import org.collapselab.data.FieldKind;
import org.collapselab.data.Schema;
import org.nd4j.linalg.api.buffer.DataType;
import org.collapselab.nn.HostFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The store's file: magic, version, header (schema, spec, Adam config, per-set step), then per set its table and
 * both moments as little-endian floats, then a CRC32 of everything before it. Written to a temporary file in the
 * target's directory, forced to disk, then renamed over the target.
 */
final class StoreFile {
    private static final long MAGIC = 0x434C454D42535431L; // "CLEMBST1"
    private static final int VERSION = 1;
    private static final int CHUNK = 1 << 16;

    private StoreFile() {}

    static void write(EmbeddingStore store, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                CRC32 crc = new CRC32();
                OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, CHUNK), crc));
                writeHeader(out, store);
                for (int s = 0; s < store.sets(); s++) {
                    writeFloats(out, store.table(s));
                    writeFloats(out, store.firstMoments(s));
                    writeFloats(out, store.secondMoments(s));
                }
                out.flush();
                new DataOutputStream(raw).writeLong(crc.getValue());
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a store file. The magic and then the checksum over the whole file are checked before anything else
     * is parsed, so a damaged header is reported as damage, never parsed into nonsense.
     */
    static EmbeddingStore read(Path file) throws IOException {
        verify(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            DataInputStream in = new DataInputStream(raw);
            in.readLong();    // magic, checked
            int version = in.readInt();
            if (version != VERSION) throw new IOException(file + ": unsupported store file version " + version + " (this build reads " + VERSION + ")");
            Schema schema = readSchema(in, file);
            StoreSpec spec = new StoreSpec(in.readInt(), in.readInt(), in.readInt(), StoreSpec.TableInit.valueOf(in.readUTF()), StoreSpec.Kernel.valueOf(in.readUTF()));
            AdamConfig adam = new AdamConfig(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), Optimizer.valueOf(in.readUTF()));
            long step = in.readLong();
            for (int s = 1; s < spec.sets(); s++)
                if (in.readLong() != step) throw new IOException(file + " has an invalid header: its embedding sets have taken different numbers of steps");
            long rows = schema.totalRows();
            Table table = Table.zeros(rows, spec);
            table.step = step;
            for (int s = 0; s < spec.sets(); s++)
                for (INDArray target : new INDArray[]{table.values, table.m, table.v})
                    Table.columns(target, s, spec).assign(readFloats(in, rows, spec.width()));
            in.readLong();    // the checksum, verified
            if (raw.read() != -1) throw new IOException(file + " has an invalid header: it describes fewer bytes than the file has");
            return new EmbeddingStore(schema, spec, adam, table);
        } catch (EOFException e) {
            throw new IOException(file + " has an invalid header: it describes more bytes than the file has", e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(file + " has an invalid header: " + e.getMessage(), e);
        }
    }

    /** Checks the magic, then the trailing CRC32 of everything before it. */
    private static void verify(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            DataInputStream din = new DataInputStream(in);
            if (size < 2 * Long.BYTES || din.readLong() != MAGIC)
                throw new IOException(file + " is not an embedding store file (bad magic" + (size < 2 * Long.BYTES ? ", " + size + " bytes" : "") + ")");
            CRC32 crc = new CRC32();
            ByteBuffer magic = ByteBuffer.allocate(Long.BYTES).putLong(MAGIC);
            crc.update(magic.array());
            byte[] b = new byte[CHUNK];
            for (long left = size - 2 * Long.BYTES; left > 0; ) {
                int n = in.read(b, 0, (int) Math.min(b.length, left));
                if (n < 0) throw new EOFException();
                crc.update(b, 0, n);
                left -= n;
            }
            long stored = din.readLong();
            if (stored != crc.getValue())
                throw new IOException(file + " is corrupt: checksum mismatch (stored " + Long.toHexString(stored) + ", computed "
                        + Long.toHexString(crc.getValue()) + " over its " + size + " bytes: damaged or truncated); nothing of it was used");
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: it ended while its checksum was being verified", e);
        }
    }

    private static void writeHeader(DataOutputStream out, EmbeddingStore store) throws IOException {
        out.writeLong(MAGIC);
        out.writeInt(VERSION);
        Schema schema = store.schema();
        out.writeInt(schema.size());
        for (Field f : schema.fields()) {
            out.writeUTF(f.name());
            out.writeUTF(f.kind().name());
            out.writeInt(f.cardinality());
        }
        StoreSpec spec = store.spec();
        out.writeInt(spec.sets());
        out.writeInt(spec.k());
        out.writeInt(spec.subTables());
        out.writeUTF(spec.init().name());
        out.writeUTF(spec.kernel().name());
        AdamConfig a = store.adam();
        out.writeDouble(a.lr());
        out.writeDouble(a.beta1());
        out.writeDouble(a.beta2());
        out.writeDouble(a.eps());
        out.writeDouble(a.weightDecay());
        out.writeUTF(a.optimizer().name());
        // one count per set, as version 1 has it: the sets step together, so they are equal
        for (int s = 0; s < store.sets(); s++) out.writeLong(store.step());
    }

    private static Schema readSchema(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > 1_000_000) throw new IOException(file + " has an invalid header: " + n + " fields");
        List<Field> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) fields.add(new Field(in.readUTF(), FieldKind.valueOf(in.readUTF()), in.readInt()));
        return new Schema(fields);
    }

    /** {@code a}'s values in c order, little-endian, row block by row block (windows of rows: a table may exceed 2^29 floats). */
    private static void writeFloats(DataOutputStream out, INDArray a) throws IOException {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        try {
            HostFloats rows = HostFloats.rows(c);
            int width = rows.width(), perBlock = Math.max(1, CHUNK / Float.BYTES / width);
            float[] block = new float[perBlock * width];
            ByteBuffer buf = ByteBuffer.allocate(block.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long r = 0; r < rows.rows(); r += perBlock) {
                int n = (int) Math.min(perBlock, rows.rows() - r);
                rows.get(r, n, block, 0);
                buf.clear();
                buf.asFloatBuffer().put(block, 0, n * width);
                out.write(buf.array(), 0, n * width * Float.BYTES);
            }
        } finally {
            if (c != a) c.close();
        }
    }

    private static INDArray readFloats(DataInputStream in, long rows, int width) throws IOException {
        float[] v = new float[Math.toIntExact(rows * width)];
        byte[] bytes = new byte[CHUNK];
        FloatBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        int done = 0;
        while (done < v.length) {
            int n = Math.min(CHUNK / Float.BYTES, v.length - done);
            in.readFully(bytes, 0, n * Float.BYTES);
            view.clear();
            view.get(v, done, n);
            done += n;
        }
        return Nd4j.create(v, new long[]{rows, width}, DataType.FLOAT);
    }
}
