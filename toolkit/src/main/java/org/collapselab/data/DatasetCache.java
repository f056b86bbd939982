package org.collapselab.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32C;
import org.collapselab.io.AtomicFiles;
import org.collapselab.io.Sha256;

/**
 * The binary cache of an encoded dataset: a 64-byte preamble (magic, format version, header length and
 * checksum, payload offset, length and checksum), a text header (source identity, options, schema, report, the
 * payload's SHA-256), then the payload at a page boundary: labels (1 byte per row) and each field's column (1, 2
 * or 4 bytes per row), each 8-byte aligned. Written to a temporary file and renamed into place; every check is
 * repeated on read, and a file that fails one is reported as {@link Stale}, never used. The CRC32C verifies the
 * payload on every read; the SHA-256, computed once on write, is its identity ({@link EncodedDataset#contentDigest}),
 * which a 32-bit checksum is too weak to be.
 */
final class DatasetCache {
    static final String MAGIC = "CLABDS01";
    static final int VERSION = 2;
    private static final String DIGEST = "payload.sha256", UNSET = "0".repeat(64);
    static final String EXTENSION = ".clds";
    private static final int PREAMBLE = 64, PREAMBLE_USED = 40, PAGE = 4096;

    private DatasetCache() {}

    /** What a cache must have been built from to be used: the source file as it is now, and the options. */
    record Identity(String path, long size, long modified, String fingerprint) {
        static Identity of(Path source, CtrFormat format, PreprocessOptions options) {
            return of(List.of(List.of(source)), format, options);
        }

        /**
         * The identity of a dataset made of several files in parts: every file's absolute path (parts separated by
         * {@code ;}), their total size and latest modification, and the part sizes in the fingerprint.
         */
        static Identity of(List<List<Path>> parts, CtrFormat format, PreprocessOptions options) {
            StringBuilder paths = new StringBuilder();
            long size = 0, modified = 0;
            for (List<Path> part : parts) {
                if (paths.length() > 0) paths.append(';');
                for (int i = 0; i < part.size(); i++) {
                    Path abs = part.get(i).toAbsolutePath().normalize();
                    try {
                        size += Files.size(abs);
                        modified = Math.max(modified, Files.getLastModifiedTime(abs).toMillis());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + part.get(i) + ": " + e.getMessage(), e);
                    }
                    paths.append(i == 0 ? "" : "|").append(abs);
                }
            }
            String split = parts.size() == 1 ? "" : "|parts=" + parts.stream().map(p -> String.valueOf(p.size())).reduce((a, b) -> a + "," + b).orElseThrow();
            return new Identity(paths.toString(), size, modified, format + "|" + options.fingerprint(format) + split);
        }
    }

    /** A cache that must not be used; the message says why. */
    static final class Stale extends Exception {
        private static final long serialVersionUID = 1L;

        Stale(String why) {
            super(why);
        }
    }

    /** Fills the mapped payload: the labels and one buffer per column, each positioned at 0. */
    interface Filler {
        void fill(ByteBuffer labels, ByteBuffer[] columns);
    }

    /** The cache file for a source, format and options, in the options' cache folder. */
    static Path fileFor(Path source, CtrFormat format, PreprocessOptions options) {
        return fileFor(List.of(List.of(source)), format, options);
    }

    /** The cache file of a dataset made of parts, named after its first file. */
    static Path fileFor(List<List<Path>> parts, CtrFormat format, PreprocessOptions options) {
        Identity id = Identity.of(parts, format, options);
        String key = id.fingerprint() + "|" + id.path();
        return options.cacheDir().resolve(parts.get(0).get(0).getFileName() + (parts.size() > 1 ? "-parts" : "") + "-"
                + Sha256.hex(key).substring(0, 16) + EXTENSION);
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    /** Byte offsets of labels and columns inside the payload, and its length. */
    private static long[] layout(int rows, int[] widths) {
        long[] o = new long[widths.length + 2];
        long end = rows;
        for (int f = 0; f < widths.length; f++) {
            o[f + 1] = align(end, 8);
            end = o[f + 1] + (long) rows * widths[f];
        }
        o[widths.length + 1] = end;    // the file ends with the last column: no trailing padding
        return o;
    }

    private static int[] widths(Schema schema) {
        return Arrays.stream(schema.cardinalities()).map(IndexColumn::widthFor).toArray();
    }

    /** @param parts the rows of each predefined part, in order, or null when the dataset is not split */
    static void write(Path target, Identity id, Schema schema, int rows, int[] parts, PreprocessReport report, Filler filler) {
        int[] widths = widths(schema);
        long[] lay = layout(rows, widths);
        byte[] header = header(id, schema, rows, parts, report);
        long payloadOffset = align(PREAMBLE + header.length, PAGE), payloadLength = lay[widths.length + 1];
        Path tmp = AtomicFiles.temporarySibling(target);
        try {
            Files.createDirectories(target.getParent());
            long need = payloadOffset + payloadLength, free = Files.getFileStore(target.getParent()).getUsableSpace();
            if (free < need)
                throw new UncheckedIOException(new IOException("cannot write the dataset cache " + target + ": it needs "
                        + need + " bytes, the disk has " + free + " free (free some space or set another cache folder: "
                        + "PreprocessOptions.builder().cacheDir(...))"));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer labels = ch.map(FileChannel.MapMode.READ_WRITE, payloadOffset, rows);
                MappedByteBuffer[] cols = new MappedByteBuffer[widths.length];
                for (int f = 0; f < widths.length; f++) {
                    cols[f] = ch.map(FileChannel.MapMode.READ_WRITE, payloadOffset + lay[f + 1], (long) rows * widths[f]);
                    cols[f].order(ByteOrder.LITTLE_ENDIAN);    // IndexColumn reads little-endian
                }
                try {
                    filler.fill(labels, cols);
                    labels.force();
                    for (MappedByteBuffer c : cols) c.force();
                } catch (InternalError e) {    // how the JVM reports a failed page-in/out of a mapping (SIGBUS)
                    throw new IOException("a write to the memory-mapped file " + tmp + " failed (" + e.getMessage()
                            + "); most likely the disk is full (" + Files.getFileStore(target.getParent()).getUsableSpace()
                            + " bytes free, the cache needs " + (payloadOffset + payloadLength) + ")", e);
                }
                int payloadCrc = crc(labels, cols);
                header = withDigest(header, sha256(labels, cols));    // the header is written once the payload's digest is known
                writeFully(ch, ByteBuffer.wrap(header), PREAMBLE);
                CRC32C hc = new CRC32C();
                hc.update(header);
                ByteBuffer pre = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
                pre.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(VERSION).putInt(header.length)
                        .putInt((int) hc.getValue()).putInt(payloadCrc).putLong(payloadOffset).putLong(payloadLength);
                writeFully(ch, pre.clear(), 0);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dataset cache " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary file is never read: only the renamed file is
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) pos += ch.write(b, pos);
    }

    private static String sha256(ByteBuffer labels, ByteBuffer[] cols) {
        java.security.MessageDigest d = Sha256.digest();
        d.update(labels.duplicate().clear());
        for (ByteBuffer b : cols) d.update(b.duplicate().clear());
        return Sha256.hex(d);
    }

    /** The header with the payload's digest in place of the placeholder it was written with (same length, so the layout holds). */
    private static byte[] withDigest(byte[] header, String digest) {
        String h = new String(header, StandardCharsets.UTF_8), key = DIGEST + "=" + UNSET;
        int at = h.indexOf(key);
        if (at < 0 || h.indexOf(key, at + 1) >= 0) throw new IllegalStateException("the cache header has no single digest placeholder");
        return (h.substring(0, at) + DIGEST + "=" + digest + h.substring(at + key.length())).getBytes(StandardCharsets.UTF_8);
    }

    private static int crc(ByteBuffer labels, ByteBuffer[] cols) {
        CRC32C c = new CRC32C();
        c.update(labels.duplicate().clear());
        for (ByteBuffer b : cols) c.update(b.duplicate().clear());
        return (int) c.getValue();
    }

    /** Reads and verifies a cache; {@link Stale} when any check fails. {@code expected} null: any source (reopening a known file). */
    static EncodedDataset read(Path file, Identity expected, EncodedDataset.CacheInfo.Status status, String message) throws Stale {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < PREAMBLE) throw new Stale("it is " + size + " bytes long, shorter than its " + PREAMBLE + "-byte preamble");
            ByteBuffer pre = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0);
            pre.flip();
            byte[] magic = new byte[8];
            pre.get(magic);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) throw new Stale("it is not a Collapse Lab dataset cache");
            int version = pre.getInt(), headerLength = pre.getInt(), headerCrc = pre.getInt(), payloadCrc = pre.getInt();
            long payloadOffset = pre.getLong(), payloadLength = pre.getLong();
            if (version != VERSION) throw new Stale("it has format version " + version + ", this toolkit reads " + VERSION);
            if (headerLength <= 0 || PREAMBLE + (long) headerLength > size) throw new Stale("its header length " + headerLength + " is impossible");
            ByteBuffer hb = ByteBuffer.allocate(headerLength);
            readFully(ch, hb, PREAMBLE);
            CRC32C hc = new CRC32C();
            hc.update(hb.array());
            if ((int) hc.getValue() != headerCrc) throw new Stale("its header checksum does not match (the file is corrupt)");
            Properties p = new Properties();
            p.load(new StringReader(new String(hb.array(), StandardCharsets.UTF_8)));
            if (expected != null) checkIdentity(p, expected);
            Schema schema = schema(p);
            int rows = Integer.parseInt(p.getProperty("rows"));
            int[] widths = widths(schema);
            long[] lay = layout(rows, widths);
            if (lay[widths.length + 1] != payloadLength || payloadOffset + payloadLength > size)
                throw new Stale("it is truncated: " + size + " bytes, the payload needs " + (payloadOffset + payloadLength));
            MappedByteBuffer labels = ch.map(FileChannel.MapMode.READ_ONLY, payloadOffset, rows);
            MappedByteBuffer[] cols = new MappedByteBuffer[widths.length];
            for (int f = 0; f < widths.length; f++)
                cols[f] = ch.map(FileChannel.MapMode.READ_ONLY, payloadOffset + lay[f + 1], (long) rows * widths[f]);
            if (crc(labels, cols) != payloadCrc) throw new Stale("its payload checksum does not match (the file is corrupt)");
            String digest = p.getProperty(DIGEST, "");
            if (!digest.matches("[0-9a-f]{64}") || digest.equals(UNSET))
                throw new Stale("its header has no payload digest ('" + digest + "'): it was not completely written");
            // the bytes no checksum covers are zero as written: the preamble's tail, the padding after the header, the gaps
            long[][] unused = new long[widths.length + 2][];
            unused[0] = new long[]{PREAMBLE + (long) headerLength, payloadOffset};
            unused[1] = new long[]{PREAMBLE_USED, PREAMBLE};
            for (int f = 0; f < widths.length; f++)
                unused[f + 2] = new long[]{payloadOffset + (f == 0 ? rows : lay[f] + (long) rows * widths[f - 1]), payloadOffset + lay[f + 1]};
            for (long[] u : unused) {
                ByteBuffer z = ByteBuffer.allocate((int) (u[1] - u[0]));
                readFully(ch, z, u[0]);
                for (int i = 0; i < z.limit(); i++)
                    if (z.get(i) != 0) throw new Stale("byte " + (u[0] + i) + ", outside the checksummed header and payload, is not zero (the file is corrupt)");
            }
            IndexColumn[] cs = new IndexColumn[widths.length];
            for (int f = 0; f < widths.length; f++) cs[f] = new IndexColumn(cols[f], widths[f], rows);
            return new EncodedDataset(schema, new IndexColumn(labels, 1, rows), cs, report(p),
                    new EncodedDataset.CacheInfo(file, status, message), digest,
                    PreprocessOptions.vocabularySplit(p.getProperty("fingerprint")).orElse(null), parts(p, rows));
        } catch (IOException e) {
            throw new Stale("it cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {    // a header that parses but says nonsense
            throw new Stale("its header is malformed: " + e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new IOException("unexpected end of file at byte " + pos);
            pos += n;
        }
    }

    private static void checkIdentity(Properties p, Identity e) throws Stale {
        if (!e.path().equals(p.getProperty("source.path")))
            throw new Stale("it was built from " + p.getProperty("source.path") + ", not " + e.path());
        if (!String.valueOf(e.size()).equals(p.getProperty("source.size")) || !String.valueOf(e.modified()).equals(p.getProperty("source.modified")))
            throw new Stale("the source file changed since (size " + p.getProperty("source.size") + " → " + e.size()
                    + ", modified " + p.getProperty("source.modified") + " → " + e.modified() + ")");
        if (!e.fingerprint().equals(p.getProperty("fingerprint")))
            throw new Stale("it was built with other options (" + p.getProperty("fingerprint") + ")");
    }

    private static byte[] header(Identity id, Schema schema, int rows, int[] parts, PreprocessReport r) {
        Properties p = new Properties();
        p.setProperty("source.path", id.path());
        p.setProperty("source.size", String.valueOf(id.size()));
        p.setProperty("source.modified", String.valueOf(id.modified()));
        p.setProperty("fingerprint", id.fingerprint());
        p.setProperty("rows", String.valueOf(rows));
        p.setProperty(DIGEST, UNSET);    // replaced by the payload's digest once it is filled
        if (parts != null) p.setProperty("parts", Arrays.toString(parts));
        p.setProperty("fields", String.valueOf(schema.size()));
        for (int f = 0; f < schema.size(); f++) {
            Field fd = schema.field(f);
            PreprocessReport.FieldCounts c = r.fields().get(f);
            String k = "field." + f + ".";
            p.setProperty(k + "name", fd.name());
            p.setProperty(k + "kind", fd.kind().name());
            p.setProperty(k + "cardinality", String.valueOf(fd.cardinality()));
            p.setProperty(k + "missing", String.valueOf(c.missing()));
            p.setProperty(k + "oov", String.valueOf(c.oov()));
            p.setProperty(k + "distinct", String.valueOf(c.distinct()));
        }
        p.setProperty("report.source", r.source());
        p.setProperty("report.format", r.format());
        p.setProperty("report.lines", String.valueOf(r.linesRead()));
        p.setProperty("report.rows", String.valueOf(r.rowsKept()));
        p.setProperty("report.rejects", String.valueOf(r.rejects().size()));
        for (int i = 0; i < r.rejects().size(); i++) {
            PreprocessReport.Rejects x = r.rejects().get(i);
            String k = "reject." + i + ".";
            p.setProperty(k + "reason", x.reason().name());
            p.setProperty(k + "count", String.valueOf(x.count()));
            p.setProperty(k + "lines", x.firstLines().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
            p.setProperty(k + "example", x.example());
        }
        p.setProperty("report.notes", String.valueOf(r.notes().size()));
        for (int i = 0; i < r.notes().size(); i++) p.setProperty("note." + i, r.notes().get(i));
        StringWriter w = new StringWriter();
        try {
            p.store(w, "Collapse Lab encoded dataset");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The predefined parts' row counts, or null; refused unless they add up to the rows. */
    private static int[] parts(Properties p, int rows) {
        String v = p.getProperty("parts");
        if (v == null) return null;
        int[] parts = Arrays.stream(v.substring(1, v.length() - 1).split(",\\s*")).mapToInt(Integer::parseInt).toArray();
        if (Arrays.stream(parts).asLongStream().sum() != rows) throw new IllegalArgumentException("parts " + v + " do not add up to " + rows + " rows");
        return parts;
    }

    private static Schema schema(Properties p) {
        int n = Integer.parseInt(p.getProperty("fields"));
        List<Field> fs = new ArrayList<>();
        for (int f = 0; f < n; f++)
            fs.add(new Field(p.getProperty("field." + f + ".name"), FieldKind.valueOf(p.getProperty("field." + f + ".kind")),
                    Integer.parseInt(p.getProperty("field." + f + ".cardinality"))));
        return new Schema(fs);
    }

    private static PreprocessReport report(Properties p) {
        Schema s = schema(p);
        List<PreprocessReport.FieldCounts> fields = new ArrayList<>();
        for (int f = 0; f < s.size(); f++) {
            String k = "field." + f + ".";
            fields.add(new PreprocessReport.FieldCounts(s.field(f).name(), s.field(f).kind(), Long.parseLong(p.getProperty(k + "missing")),
                    Long.parseLong(p.getProperty(k + "oov")), Long.parseLong(p.getProperty(k + "distinct")), s.cardinality(f) - 1));
        }
        List<PreprocessReport.Rejects> rejects = new ArrayList<>();
        for (int i = 0, n = Integer.parseInt(p.getProperty("report.rejects")); i < n; i++) {
            String k = "reject." + i + ".", lines = p.getProperty(k + "lines");
            rejects.add(new PreprocessReport.Rejects(RejectReason.valueOf(p.getProperty(k + "reason")), Long.parseLong(p.getProperty(k + "count")),
                    lines.isEmpty() ? List.of() : Arrays.stream(lines.split(",")).map(Long::valueOf).toList(), p.getProperty(k + "example")));
        }
        List<String> notes = new ArrayList<>();
        for (int i = 0, n = Integer.parseInt(p.getProperty("report.notes")); i < n; i++) notes.add(p.getProperty("note." + i));
        return new PreprocessReport(p.getProperty("report.source"), p.getProperty("report.format"),
                Long.parseLong(p.getProperty("report.lines")), Long.parseLong(p.getProperty("report.rows")), rejects, fields, notes);
    }
}
