package org.collapselab.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.collapselab.io.AtomicFiles;
import org.collapselab.nn.Floats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A file of named float arrays (model weights, BatchNorm statistics, optimiser state): magic, version, count,
 * then per array its name, shape and values, then a CRC32C of everything before it. Written atomically; a file
 * that fails any check is refused with the reason.
 */
final class NamedArrays {
    private static final String MAGIC = "CLABARR1";

    private NamedArrays() {}

    static void write(Path file, Map<String, INDArray> arrays) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes(MAGIC);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                INDArray a = e.getValue();
                out.writeUTF(e.getKey());
                out.writeInt(a.rank());
                for (long d : a.shape()) out.writeLong(d);
                float[] v = Floats.of(a);
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                out.write(b.array());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise arrays for " + file, e);
        }
        byte[] body = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        AtomicFiles.write(file, out -> {
            out.write(body);
            out.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        });
    }

    static Map<String, INDArray> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length() + 12) throw new IOException(file + ": truncated (" + all.length + " bytes)");
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong())
            throw new IOException(file + ": corrupt (checksum mismatch)");
        try (InputStream raw = new java.io.ByteArrayInputStream(all, 0, all.length - 8); DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) throw new IOException(file + ": not a Collapse Lab array file");
            int n = in.readInt();
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long len = 1;
                for (int d = 0; d < shape.length; d++) len *= shape[d] = in.readLong();
                byte[] b = new byte[Math.toIntExact(len * 4)];
                in.readFully(b);
                float[] v = new float[(int) len];
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                out.put(name, Nd4j.create(v, shape, DataType.FLOAT));
            }
            return out;
        }
    }
}
