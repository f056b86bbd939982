package org.collapselab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.io.SealedText;
import org.collapselab.io.Sha256;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and foreign checkpoints, tried at random: data files swapped in from other runs (same shapes, other
 * shapes), files truncated, bytes flipped, files deleted, a data file from a model of other shapes re-sealed into
 * the checkpoint (its digest in model.properties, that file's digest in state.properties). Every try either resumes to a run bit-identical to an uninterrupted one, or is refused with a
 * message naming the damaged file (or the folder that was swapped whole).
 */
class CheckpointFuzzTest {
    static final int TRIES = 40;
    static EncodedDataset data;
    static Path pristine, sameShapes, otherShapes;
    static Trainer.Trained straight;

    private static ModelSpec spec(int size, int hidden) {
        return ModelSpec.builder(ModelKind.DCNV2).embeddingSize(size).hidden(hidden).build();
    }

    private static TrainConfig config(int epochs, long seed) {
        return TrainConfig.builder().batchSize(64).maxEpochs(epochs).patience(10).seed(seed).build();
    }

    private static void train(Path ckpt, ModelSpec spec, long seed) {
        new Trainer(config(2, seed), TrainContext.builder().checkpointDir(ckpt).build()).train(spec, data);
    }

    @BeforeAll
    static void runs(@TempDir Path tmp) {
        data = CtrData.load(CheckpointIdentityTest.GEN.write(tmp.resolve("t.tsv")), CheckpointIdentityTest.GEN.format(),
                PreprocessOptions.builder().cacheDir(tmp.resolve("cache")).minCount(1).build());
        straight = new Trainer(config(3, 3)).train(spec(3, 8), data);
        train(pristine = tmp.resolve("pristine"), spec(3, 8), 3);    // interrupted after 2 of 3 epochs
        train(sameShapes = tmp.resolve("seed4"), spec(3, 8), 4);
        train(otherShapes = tmp.resolve("wider"), spec(4, 16), 3);
    }

    /** The files of a checkpoint folder, relative to it, in a fixed order. */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (Path f : files(from)) {
            Files.createDirectories(to.resolve(f).getParent());
            Files.copy(from.resolve(f), to.resolve(f));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    /** Damages {@code ckpt} one way, chosen by {@code rnd}; returns the name the refusal must contain, or null for no damage. */
    private static String damage(Path ckpt, Random rnd, java.util.Set<Integer> kinds) throws IOException {
        List<Path> mine = files(ckpt);
        Path f = mine.get(rnd.nextInt(mine.size()));
        Path donor = rnd.nextBoolean() ? sameShapes : otherShapes;
        int kind = rnd.nextInt(7);
        kinds.add(kind);
        switch (kind) {
            case 0 -> {    // one file from another run
                if (!Files.exists(donor.resolve(f))) return null;
                Files.copy(donor.resolve(f), ckpt.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                return Sha256.hex(ckpt.resolve(f)).equals(Sha256.hex(pristine.resolve(f))) ? null : f.getFileName().toString();
            }
            case 1 -> {    // truncated
                long len = Files.size(ckpt.resolve(f));
                try (RandomAccessFile raf = new RandomAccessFile(ckpt.resolve(f).toFile(), "rw")) {
                    raf.setLength(len == 0 ? 0 : rnd.nextLong(len));
                }
                return f.getFileName().toString();
            }
            case 2 -> {    // one byte changed
                long len = Files.size(ckpt.resolve(f));
                try (RandomAccessFile raf = new RandomAccessFile(ckpt.resolve(f).toFile(), "rw")) {
                    long at = rnd.nextLong(len);
                    raf.seek(at);
                    int b = raf.read();
                    raf.seek(at);
                    raf.write(b ^ (1 + rnd.nextInt(255)));
                }
                return f.getFileName().toString();
            }
            case 3 -> {    // deleted
                Files.delete(ckpt.resolve(f));
                return f.getFileName().toString();
            }
            case 4 -> {    // a data file of a model of other shapes, its digest re-sealed into model.properties
                Path epoch = mine.stream().filter(p -> p.getNameCount() == 2).findFirst().orElseThrow().getParent();
                Path from = Files.exists(otherShapes.resolve(epoch)) ? otherShapes.resolve(epoch) : Files.list(otherShapes)
                        .filter(Files::isDirectory).findFirst().orElseThrow();
                String file = rnd.nextBoolean() ? "dense.bin" : "embeddings.bin";
                Files.copy(from.resolve(file), ckpt.resolve(epoch).resolve(file), StandardCopyOption.REPLACE_EXISTING);
                Path props = ckpt.resolve(epoch).resolve("model.properties");
                String body = SealedText.read(props).replaceFirst("file\\.sha256\\." + file.replace(".", "\\.") + "=[0-9a-f]+",
                        "file.sha256." + file + "=" + Sha256.hex(ckpt.resolve(epoch).resolve(file)));
                SealedText.write(props, body);
                Path state = ckpt.resolve("state.properties");    // and the state's seal of that identity file: the whole chain re-sealed
                SealedText.write(state, SealedText.read(state).replaceFirst("(checkpoint\\.sha256\\." + epoch + ")=[0-9a-f]+", "$1=" + Sha256.hex(props)));
                return file;
            }
            case 5 -> {    // a whole epoch folder from another run
                Path epoch = mine.stream().filter(p -> p.getNameCount() == 2).findFirst().orElseThrow().getParent();
                if (!Files.exists(donor.resolve(epoch))) return null;
                deleteTree(ckpt.resolve(epoch));
                copyTree(donor.resolve(epoch), ckpt.resolve(epoch));
                return epoch.toString();
            }
            default -> {
                return null;    // the control: an untouched checkpoint resumes
            }
        }
    }

    @Test
    void everyDamagedCheckpointIsRefusedNamingTheFileOrResumesBitIdentically(@TempDir Path tmp) throws IOException {
        Random rnd = new Random(28);
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        java.util.Set<Integer> kinds = new java.util.TreeSet<>();
        boolean shapeRefused = false;
        for (int t = 0; t < TRIES; t++) {
            Path ckpt = tmp.resolve("try-" + t);
            copyTree(pristine, ckpt);
            String damaged = damage(ckpt, rnd, kinds);
            try {
                Trainer.Trained r = new Trainer(config(3, 3), TrainContext.builder().checkpointDir(ckpt).build()).train(spec(3, 8), data);
                boolean same = r.result().testAuc() == straight.result().testAuc()
                        && r.model().embeddings().concatenated().equals(straight.model().embeddings().concatenated())
                        && r.model().graph().stateArrays().equals(straight.model().graph().stateArrays());
                if (!same) failures.add("try " + t + " (" + damaged + " damaged) resumed to another run");
                outcomes.merge(damaged == null ? "resumed, untouched" : "resumed, damaged", 1, Integer::sum);
            } catch (IllegalStateException | IllegalArgumentException e) {
                if (damaged == null) failures.add("try " + t + ": an untouched checkpoint was refused: " + e.getMessage());
                else if (!e.getMessage().contains(damaged)) failures.add("try " + t + ": " + damaged + " damaged, the refusal does not name it: " + e.getMessage());
                outcomes.merge("refused", 1, Integer::sum);
                shapeRefused |= e.getMessage().contains("this model's") && e.getMessage().contains("shape");
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4, 5, 6), kinds, "every kind of damage was tried");
        assertTrue(shapeRefused, "a re-sealed file of other shapes reached the shape check");
        assertTrue(outcomes.getOrDefault("refused", 0) >= TRIES / 2 && outcomes.containsKey("resumed, untouched"), outcomes.toString());
    }
}
