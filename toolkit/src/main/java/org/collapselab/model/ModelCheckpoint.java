package org.collapselab.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.collapselab.io.SealedText;
import org.collapselab.io.Sha256;
import org.collapselab.nn.embedding.EmbeddingStore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's checkpoint in a folder: {@code model.properties} says what it is (the model's identity and whatever
 * the caller adds, e.g. the training settings and the data), sealed with its checksum; {@code dense.bin} holds
 * the dense weights with the optimiser's state and step counters, {@code embeddings.bin} the embedding store
 * with its moments. The sealed {@code model.properties}, written last, names both data files' SHA-256, so the
 * checkpoint is one unit: a data file copied from another checkpoint is refused naming it before anything is read
 * from it. A checkpoint is loaded only into a model whose identity is exactly the saved one (otherwise the differing
 * entries are named), and every array only into a variable of its shape.
 */
public final class ModelCheckpoint {
    public static final String IDENTITY = "model.properties";
    static final String DENSE = "dense.bin", EMBEDDINGS = "embeddings.bin";
    private static final List<String> DATA_FILES = List.of(DENSE, EMBEDDINGS);
    /** The prefix of the data files' digests in {@link #IDENTITY}. */
    private static final String DIGEST = "file.sha256.";

    private ModelCheckpoint() {}

    /** What a checkpoint of {@code model} must match: its spec (every component), fields and cardinalities, seed and optimiser settings. */
    public static SortedMap<String, String> identity(CtrModel model) {
        SortedMap<String, String> id = new TreeMap<>(model.spec().identity());
        id.put("schema.fields", String.valueOf(model.schema().names()));
        id.put("schema.cardinalities", java.util.Arrays.toString(model.schema().cardinalities()));
        id.put("model.seed", String.valueOf(model.seed()));
        id.putAll(Canonical.of("adam", model.embeddings().adam(), java.util.Set.of()));
        return id;
    }

    /** Writes a checkpoint of {@code model} into {@code dir}, with {@code context} added to its identity. */
    public static void save(CtrModel model, Path dir, Map<String, String> context) throws IOException {
        Files.createDirectories(dir);
        Map<String, INDArray> arrays = new LinkedHashMap<>(model.graph().stateArrays());
        model.graph().optimizerState().forEach((name, a) -> arrays.put("optimizer/" + name, a));
        int[] counters = model.graph().optimizerCounters();
        arrays.put("optimizer#counters", Nd4j.createFromArray((float) counters[0], (float) counters[1]));
        NamedArrays.write(dir.resolve(DENSE), arrays);
        model.embeddings().save(dir.resolve(EMBEDDINGS));
        Properties p = new Properties();
        expected(model, context).forEach(p::setProperty);
        for (String f : DATA_FILES) p.setProperty(DIGEST + f, Sha256.hex(dir.resolve(f)));
        StringWriter w = new StringWriter();
        p.store(w, null);
        SealedText.write(dir.resolve(IDENTITY), w.toString().replaceFirst("^#.*\n", ""));    // no date comment: same model, same bytes
    }

    /** {@link #save} without context. */
    public static void save(CtrModel model, Path dir) throws IOException {
        save(model, dir, Map.of());
    }

    /**
     * Loads a checkpoint written by {@link #save} into {@code model}, which must have the saved identity (with the
     * same {@code context}); training continues exactly where it stopped.
     */
    public static void load(CtrModel model, Path dir, Map<String, String> context) throws IOException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(SealedText.read(dir.resolve(IDENTITY))));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, String> saved = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> saved.put(k, p.getProperty(k)));
        Map<String, String> digests = new TreeMap<>();
        for (String f : DATA_FILES) digests.put(f, saved.remove(DIGEST + f));
        List<String> diff = Canonical.differences(saved, expected(model, context));
        if (!diff.isEmpty())
            throw new IllegalArgumentException("checkpoint " + dir + ": " + IDENTITY + " is of another model or run; it differs in " + String.join(", ", diff)
                    + " (saved → this)");
        for (String f : DATA_FILES) {
            String named = digests.get(f);
            if (named == null) throw new IllegalArgumentException("checkpoint " + dir + " names no digest of " + f + " (written by an older toolkit)");
            String got = Sha256.hex(dir.resolve(f));
            if (!got.equals(named))
                throw new IllegalArgumentException("checkpoint " + dir + ": " + f + " is not the file this checkpoint was saved with (SHA-256 " + got
                        + ", " + IDENTITY + " names " + named + "): copied from another checkpoint, or changed");
        }
        Map<String, INDArray> arrays = NamedArrays.read(dir.resolve(DENSE));
        EmbeddingStore loaded = EmbeddingStore.load(dir.resolve(EMBEDDINGS));
        long[] tables = model.embeddings().concatenated().shape(), loadedTables = loaded.concatenated().shape();
        if (!java.util.Arrays.equals(tables, loadedTables))
            throw new IllegalArgumentException("checkpoint " + dir + ", " + EMBEDDINGS + ": tables of shape " + java.util.Arrays.toString(loadedTables)
                    + ", this model's are " + java.util.Arrays.toString(tables));
        // every array is checked before any is assigned: a refused checkpoint leaves the model as it was
        List<INDArray[]> targets = new java.util.ArrayList<>();    // {variable, saved value}
        model.graph().stateArrays().forEach((name, t) -> targets.add(new INDArray[] {t, require(arrays, name, dir, t)}));
        model.graph().optimizerState().forEach((name, t) -> targets.add(new INDArray[] {t, require(arrays, "optimizer/" + name, dir, t)}));
        INDArray c = require(arrays, "optimizer#counters", dir);
        if (arrays.size() != targets.size() + 1) {
            java.util.Set<String> extra = new java.util.TreeSet<>(arrays.keySet());
            extra.removeAll(model.graph().stateArrays().keySet());
            model.graph().optimizerState().keySet().forEach(n -> extra.remove("optimizer/" + n));
            extra.remove("optimizer#counters");
            throw new IllegalArgumentException("checkpoint " + dir + ", " + DENSE + ": arrays this model does not have: " + extra);
        }
        for (INDArray[] t : targets) t[0].assign(t[1]);
        model.graph().setOptimizerCounters(c.getInt(0), c.getInt(1));
        model.replaceEmbeddings(loaded);
    }

    /** {@link #load} without context. */
    public static void load(CtrModel model, Path dir) throws IOException {
        load(model, dir, Map.of());
    }

    private static SortedMap<String, String> expected(CtrModel model, Map<String, String> context) {
        SortedMap<String, String> id = identity(model);
        context.forEach((k, v) -> {
            if (id.containsKey(k) && !id.get(k).equals(v)) throw new IllegalArgumentException("context entry " + k + "=" + v + " contradicts the model's " + id.get(k));
            id.put(k, v);
        });
        return id;
    }

    private static INDArray require(Map<String, INDArray> arrays, String name, Path dir) {
        INDArray a = arrays.get(name);
        if (a == null) throw new IllegalArgumentException("checkpoint " + dir + ", " + DENSE + ": no array '" + name + "'");
        return a;
    }

    /** The saved array {@code name}, refused unless it has {@code target}'s shape (assign would broadcast it). */
    private static INDArray require(Map<String, INDArray> arrays, String name, Path dir, INDArray target) {
        INDArray a = require(arrays, name, dir);
        if (!java.util.Arrays.equals(a.shape(), target.shape()))
            throw new IllegalArgumentException("checkpoint " + dir + ", " + DENSE + ", array '" + name + "': shape " + java.util.Arrays.toString(a.shape())
                    + ", this model's is " + java.util.Arrays.toString(target.shape()));
        return a;
    }
}
