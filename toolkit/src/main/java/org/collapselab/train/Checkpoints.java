package org.collapselab.train;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Split;
import org.collapselab.io.SealedText;
import org.collapselab.io.Sha256;
import org.collapselab.model.CtrModel;
import org.collapselab.model.ModelCheckpoint;
import org.collapselab.model.ModelState;

/**
 * A training run's checkpoints in a folder: {@code epoch-N/} holds the model after epoch N ({@link ModelCheckpoint},
 * whose identity includes the training settings and the dataset's content digest), and {@code state.properties},
 * sealed with its checksum and rewritten atomically after the epoch folder is complete, names the latest and the
 * best epoch (each with its identity file's SHA-256, so a state file and an epoch folder of different runs are not
 * combined) with the history. A crash mid-write leaves the previous state intact; a damaged state file or a
 * checkpoint of another run (any differing coefficient, batch size, split or dataset) is refused, naming what differs.
 */
final class Checkpoints {
    static final String STATE = "state.properties";
    /** The prefix of the state's entries that name each kept epoch's sealed identity file by its SHA-256. */
    private static final String SEAL = "checkpoint.sha256.epoch-";
    /**
     * Settings that only decide when training stops, so a run may resume with other values (e.g. more epochs):
     * every other component of {@link TrainConfig#identity()} must match.
     */
    static final Set<String> RESUMABLE_WITH_OTHER = Set.of("train.maxEpochs", "train.patience");

    private final Path dir;
    private final Map<String, String> context;

    Checkpoints(Path dir, TrainConfig config, EncodedDataset data, Split split) {
        this.dir = dir;
        this.context = context(config, data, split);
    }

    /**
     * What a checkpoint of this run carries beyond the model's identity: the training identity, with the split
     * described by the rows actually trained on ({@code split.rows}, {@link Split#digest()}) in place of the
     * configuration's {@code train.split.*} entries, since {@link Trainer#fit} may be given another split.
     */
    static Map<String, String> context(TrainConfig config, EncodedDataset data, Split split) {
        SortedMap<String, String> c = config.identity();
        c.keySet().removeAll(RESUMABLE_WITH_OTHER);
        c.keySet().removeIf(k -> k.startsWith("train.split."));
        c.put("split.rows", split.digest());
        c.put("data.content", data.contentDigest());
        return c;
    }

    boolean exists() {
        return Files.isRegularFile(dir.resolve(STATE));
    }

    record Resumed(List<EpochResult> history, ModelState best, int bestEpoch, long steps) {}

    void save(CtrModel model, List<EpochResult> history, int bestEpoch, long steps) {
        int epoch = history.size();
        try {
            ModelCheckpoint.save(model, epochDir(epoch), context);
            Properties p = new Properties();
            p.setProperty("latest", String.valueOf(epoch));
            p.setProperty("best", String.valueOf(bestEpoch));
            p.setProperty("steps", String.valueOf(steps));
            for (int e : new int[] {epoch, bestEpoch}) p.setProperty(SEAL + e, Sha256.hex(epochDir(e).resolve(ModelCheckpoint.IDENTITY)));
            for (EpochResult r : history)
                p.setProperty("epoch." + r.epoch(), r.trainLoss() + "," + r.validAuc() + "," + r.validLogloss() + "," + r.seconds());
            StringWriter w = new StringWriter();
            p.store(w, "training state");
            SealedText.write(dir.resolve(STATE), w.toString());
            try (var s = Files.list(dir)) {    // older epochs are no longer needed, except the best
                for (Path old : s.filter(x -> x.getFileName().toString().startsWith("epoch-")).toList()) {
                    String n = old.getFileName().toString().substring(6);
                    if (!n.equals(String.valueOf(epoch)) && !n.equals(String.valueOf(bestEpoch))) deleteTree(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The folder checkpoints go to. */
    Path dir() {
        return dir;
    }

    Resumed resume(CtrModel model) {
        Path file = dir.resolve(STATE);
        try {
            Properties p = new Properties();
            p.load(new StringReader(SealedText.read(file)));
            int latest = Integer.parseInt(required(p, "latest", file)), bestEpoch = Integer.parseInt(required(p, "best", file));
            List<EpochResult> history = new ArrayList<>();
            for (int e = 1; e <= latest; e++) {
                String[] v = required(p, "epoch." + e, file).split(",");
                history.add(new EpochResult(e, Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]), Double.parseDouble(v[3])));
            }
            for (int e : new int[] {latest, bestEpoch}) checkSealed(p, e, file);
            ModelCheckpoint.load(model, epochDir(bestEpoch), context);
            ModelState best = model.snapshot();
            ModelCheckpoint.load(model, epochDir(latest), context);
            return new Resumed(history, best, bestEpoch, Long.parseLong(required(p, "steps", file)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot resume from checkpoint " + dir + ": " + reason(e) + " (delete the folder to start over)", e);
        }
    }

    private Path epochDir(int epoch) {
        return dir.resolve("epoch-" + epoch);
    }

    /** The epoch folder the state names is the one it was written with: its sealed identity file has the digest the state holds. */
    private void checkSealed(Properties p, int epoch, Path state) throws IOException {
        Path id = epochDir(epoch).resolve(ModelCheckpoint.IDENTITY);
        String named = required(p, SEAL + epoch, state);
        if (!Files.isRegularFile(id))
            throw new IllegalStateException(state + " names epoch " + epoch + ", but " + id + " is missing: the state file is of another run, or the folder was changed");
        String got = Sha256.hex(id);
        if (!got.equals(named))
            throw new IllegalStateException(state + " names " + id + " with SHA-256 " + named + ", the file has " + got
                    + ": the state file and the epoch folder are of different runs, or one was changed");
    }

    /** What went wrong, naming a missing file as missing (a NoSuchFileException's message is its path alone). */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof java.nio.file.NoSuchFileException missing) return missing.getFile() + " is missing";
        return e.getMessage();
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalStateException(file + " has no '" + key + "' entry");
        return v;
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
