package org.collapselab.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The tensors of a trained model's file, read in Java: an embedding table to analyse, chosen by key.
 *
 * <ul>
 *   <li><b>PyTorch {@code torch.save}</b> (the zip format of PyTorch 1.6 and later): a {@code state_dict}, or a dict holding
 *   one (keys then read {@code model_state_dict.embedding.weight}); float32, float16, bfloat16 and float64 tensors,
 *   contiguous or strided views. Read with Razorvine's {@code pickle} (the Java unpickler Spark uses): only tensor
 *   rebuilds and storage types are given meaning, nothing in the file runs. The legacy non-zip format, TorchScript
 *   archives and whole pickled modules are refused with the way to re-save them.</li>
 *   <li><b>{@code .safetensors}</b>, <b>NumPy {@code .npz}</b> (plain or compressed) and <b>{@code .npy}</b>, and
 *   <b>CSV</b> ({@link MatrixFile#readCsv}); a {@code .npy} or CSV file is one tensor named by the file.</li>
 * </ul>
 * The format is told by the content (zip, pickle or safetensors header), else by the extension.
 *
 * <pre>{@code
 * TensorFile f = TensorFile.open(Path.of("model.pt"));
 * f.tensors();                                           // every key with its dtype and shape
 * List<String> keys = f.select("embeddings\\.\\d+\\.weight");  // a key, or a pattern matching several (the M tables)
 * MatrixFile table = f.matrix("embedding.embedding.weight");
 * }</pre>
 */
public final class TensorFile {
    /** A tensor of the file: what it is, and how its values are read when asked for. */
    record Entry(TensorInfo info, Supplier<MatrixFile> values) {}

    private final Path file;
    private final String format;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private TensorFile(Path file, String format, List<Entry> entries) {
        this.file = file;
        this.format = format;
        for (Entry e : entries) this.entries.put(e.info().name(), e);
    }

    /** Opens {@code file}, reading what tensors it holds (values are read by {@link #matrix}). */
    public static TensorFile open(Path file) {
        Objects.requireNonNull(file, "file");
        String src = file.toString(), name = file.getFileName().toString(), lower = name.toLowerCase(Locale.ROOT);
        byte[] head = head(file, 16);
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return zip(file);
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5)
            throw new IllegalArgumentException(src + ": a pickle file, the legacy torch.save format (PyTorch < 1.6, or "
                    + "_use_new_zipfile_serialization=False), which this reader does not read: re-save it in the zip format with "
                    + "torch.save(torch.load(\"" + name + "\"), \"" + name.replaceFirst("(\\.[^.]*)?$", "-zip.pt") + "\") in PyTorch 1.6 or later");
        if (head.length >= 6 && java.util.Arrays.equals(java.util.Arrays.copyOf(head, 6), MatrixFile.MAGIC))
            return single(file, ".npy", () -> MatrixFile.readNpy(file));
        if (lower.endsWith(".safetensors") || SafeTensors.looksLike(head, size(file))) {
            byte[] b = all(file);
            if (!SafeTensors.looksLike(b, b.length))
                throw new IllegalArgumentException(src + ": not a .safetensors file (its first 8 bytes do not give a JSON header length that fits the file)");
            return new TensorFile(file, ".safetensors", SafeTensors.read(b, src));
        }
        if (lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".bin") || lower.endsWith(".ckpt") || lower.endsWith(".npz"))
            throw new IllegalArgumentException(src + ": not a zip archive, so neither a torch.save file (PyTorch 1.6 or later) nor an .npz "
                    + "(the file is damaged, truncated, or of another format)");
        return single(file, "CSV", () -> MatrixFile.readCsv(file));
    }

    private static TensorFile single(Path file, String format, Supplier<MatrixFile> read) {
        MatrixFile m = read.get();
        return new TensorFile(file, format, List.of(new Entry(new TensorInfo(file.getFileName().toString(), "float32", new long[]{m.rows(), m.cols()}), () -> m)));
    }

    private static TensorFile zip(Path file) {
        String src = file.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException(src + ": a damaged zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(src + ": cannot read: " + e.getMessage(), e);
        }
        try (zip) {
            if (TorchCheckpoint.isTorchZip(zip)) return new TensorFile(file, "torch.save (zip)", TorchCheckpoint.read(file, zip));
            List<Entry> out = new ArrayList<>();
            for (ZipEntry e : zip.stream().toList()) {
                if (e.isDirectory()) continue;
                if (!e.getName().endsWith(".npy"))
                    throw new IllegalArgumentException(src + ": a zip archive that is neither a torch.save file (no data.pkl) nor an .npz (member "
                            + e.getName() + " is not .npy)");
                String key = e.getName().substring(0, e.getName().length() - 4), what = src + ": " + e.getName();
                byte[] head;
                try (InputStream in = zip.getInputStream(e)) {
                    head = in.readNBytes(1 << 16);    // the header: NumPy pads it to a multiple of 64 bytes, well within
                }
                Npy.Header h = Npy.header(head, what);
                // the member is read when it is asked for
                out.add(new Entry(new TensorInfo(key, h.dtype(), h.shape()), () -> Npy.read(member(file, e.getName(), what), what)));
            }
            if (out.isEmpty()) throw new IllegalArgumentException(src + ": an empty zip archive");
            return new TensorFile(file, ".npz", out);
        } catch (IOException e) {
            throw new UncheckedIOException(src + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Its format, as told from its content: {@code torch.save (zip)}, {@code .safetensors}, {@code .npz}, {@code .npy} or {@code CSV}. */
    public String format() {
        return format;
    }

    /** Every tensor the file holds, in its order (a state_dict's order). */
    public List<TensorInfo> tensors() {
        return entries.values().stream().map(Entry::info).toList();
    }

    /**
     * The keys {@code key} picks: itself when a tensor has that key, otherwise every key the regular expression
     * matches in full, in file order (the M tables of a multi-embedding model: {@code "embeddings\\.\\d+\\.weight"}).
     * Null picks by default: the 2-D floating tensors whose key contains "embed" when they all have one shape (several:
     * the sets of a multi-embedding model), or the file's only 2-D floating tensor. Refused, listing the tables the
     * file holds, when nothing or something other than a 2-D floating tensor is picked.
     */
    public List<String> select(String key) {
        List<String> picked;
        if (key == null) {
            List<TensorInfo> tables = tensors().stream().filter(TensorInfo::table).toList();
            List<TensorInfo> named = tables.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).contains("embed")).toList();
            List<TensorInfo> pick = !named.isEmpty() ? named : tables.size() == 1 ? tables : List.of();
            if (pick.isEmpty() || pick.stream().map(t -> java.util.Arrays.toString(t.shape())).distinct().count() > 1)
                throw new IllegalArgumentException(file + ": choose the table with --key (a key, or a pattern for several of one shape): "
                        + (pick.isEmpty() ? "no 2-D tensor's key contains 'embed'" : "the tensors whose key contains 'embed' differ in shape")
                        + "; its 2-D tensors: " + describe(tables));
            picked = pick.stream().map(TensorInfo::name).toList();
        } else if (entries.containsKey(key)) {
            picked = List.of(key);
        } else {
            Pattern p;
            try {
                p = Pattern.compile(key);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(file + ": no tensor has the key '" + key + "', and it is not a valid pattern (" + e.getDescription()
                        + "); its 2-D tensors: " + describe(tensors().stream().filter(TensorInfo::table).toList()));
            }
            picked = entries.keySet().stream().filter(n -> p.matcher(n).matches()).toList();
            if (picked.isEmpty())
                throw new IllegalArgumentException(file + ": no tensor has the key '" + key + "' or matches it as a pattern; its 2-D tensors: "
                        + describe(tensors().stream().filter(TensorInfo::table).toList()));
        }
        for (String k : picked) check(entries.get(k).info());
        return picked;
    }

    /** The values of the 2-D floating tensor {@code key}; refused naming the file and key when it is not one, or holds NaN. */
    public MatrixFile matrix(String key) {
        Entry e = entries.get(key);
        if (e == null) throw new IllegalArgumentException(file + ": no tensor has the key '" + key + "'; its 2-D tensors: "
                + describe(tensors().stream().filter(TensorInfo::table).toList()));
        check(e.info());
        return e.values().get();
    }

    private void check(TensorInfo t) {
        if (t.shape().length != 2)
            throw new IllegalArgumentException(file + ": tensor '" + t.name() + "' has shape " + java.util.Arrays.toString(t.shape()) + " ("
                    + t.shape().length + "-D); an embedding table is 2-D (rows × K)");
        if (!t.floating())
            throw new IllegalArgumentException(file + ": tensor '" + t.name() + "' holds " + t.dtype() + "; an embedding table holds floating point "
                    + "(float32, float16, bfloat16 or float64)");
    }

    private static String describe(List<TensorInfo> tables) {
        if (tables.isEmpty()) return "none";
        String s = String.join(", ", tables.stream().limit(20).map(TensorInfo::toString).toList());
        return tables.size() > 20 ? s + ", and " + (tables.size() - 20) + " more" : s;
    }

    private static byte[] head(Path file, int n) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] all(Path file) {
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(file + ": larger than 2 GB, more than this reader holds");
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Member {@code name} of the zip {@code file}, read and CRC-checked; refused naming {@code what} when it is missing or damaged. */
    static byte[] member(Path file, String name, String what) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) throw new IllegalArgumentException(what + ": " + name + " is missing from the archive");
            return bytes(zip, e, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot reopen " + file + " (changed since it was opened?): " + e.getMessage(), e);
        }
    }

    static byte[] bytes(ZipFile zip, ZipEntry entry, String src) {
        if (entry.getSize() > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException(src + ": " + entry.getName() + " holds " + entry.getSize() + " bytes, more than one Java array (2 GB)");
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] b = in.readAllBytes();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b);
            // ZipFile checks a deflated member's CRC, not a stored one's (torch.save stores): a flipped byte is caught here
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc())
                throw new IllegalArgumentException(src + ": " + entry.getName() + " fails its CRC-32 check (the file is damaged)");
            return b;
        } catch (IOException e) {
            throw new IllegalArgumentException(src + ": cannot read " + entry.getName() + ", the zip is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TensorFile[" + file + ", " + format + ", " + entries.size() + " tensors]";
    }
}
