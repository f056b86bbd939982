package org.collapselab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.Split;
import org.collapselab.data.SplitSpec;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint resumes only the run it was written by, and its state file is verified before it is parsed; the
 * split seed a user sets is the one training uses. Each "old:" note says what 087b536 did instead.
 */
class CheckpointIdentityTest {
    static final SyntheticCriteo GEN = new SyntheticCriteo(800, new int[] {4}, new int[] {10, 10, 10}, 0.5, 0.05, 2, 0.8, 1.0, 0.3, 4);
    static EncodedDataset data, other;
    static Path source, cache;

    @BeforeAll
    static void load(@TempDir Path tmp) {
        cache = tmp.resolve("cache");
        source = GEN.write(tmp.resolve("t.tsv"));
        data = CtrData.load(source, GEN.format(), PreprocessOptions.builder().cacheDir(cache).minCount(1).build());
        other = CtrData.load(new SyntheticCriteo(800, new int[] {4}, new int[] {10, 10, 10}, 0.5, 0.05, 2, 0.8, 1.0, 0.3, 5).write(tmp.resolve("u.tsv")),
                GEN.format(), PreprocessOptions.builder().cacheDir(cache).minCount(1).build());
    }

    private static ModelSpec spec(double coefficient) {
        return ModelSpec.builder(ModelKind.DCNV2).embeddingSize(3).hidden(8).crossRegularization(OptionalDouble.of(coefficient)).build();
    }

    private static TrainConfig.Builder config() {
        return TrainConfig.builder().batchSize(64).maxEpochs(1).patience(5).seed(3);
    }

    private static TrainContext at(Path ckpt) {
        return TrainContext.builder().checkpointDir(ckpt).build();
    }

    private static String refusal(Runnable r) {
        return assertThrows(IllegalStateException.class, r::run).getMessage();
    }

    @Test
    void aCheckpointOfAnotherCoefficientBatchSizeOrDatasetIsRefusedNamingTheField(@TempDir Path tmp) {
        Path ckpt = tmp.resolve("ckpt");
        new Trainer(config().build(), at(ckpt)).train(spec(1e-4), data);
        // old: the coefficient was not in ModelSpec.toString(), the batch size and data not in the checkpoint at all
        String coefficient = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(ckpt)).train(spec(1e-5), data));
        assertTrue(coefficient.contains("spec.crossRegularization (1.0E-4 → 1.0E-5)"), coefficient);
        String batch = refusal(() -> new Trainer(config().maxEpochs(2).batchSize(32).build(), at(ckpt)).train(spec(1e-4), data));
        assertTrue(batch.contains("train.batchSize (64 → 32)"), batch);
        String dataset = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(ckpt)).train(spec(1e-4), other));
        assertTrue(dataset.contains("data.content"), dataset);
        assertFalse(dataset.contains("spec.") || dataset.contains("train.batchSize"), "only what differs is named: " + dataset);
        // the same run, asked for more epochs, resumes
        assertEquals(2, new Trainer(config().maxEpochs(2).build(), at(ckpt)).train(spec(1e-4), data).result().epochs());
    }

    @Test
    void aCheckpointFurtherThanTheRunMayGoIsRefusedNamingMaxEpochs(@TempDir Path tmp) {
        Path ckpt = tmp.resolve("ckpt");
        new Trainer(config().maxEpochs(3).build(), at(ckpt)).train(spec(1e-4), data);
        // old: resumed with maxEpochs(2), the 3-epoch run came back as if it were the 2-epoch one (another test AUC)
        String fewer = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(ckpt)).train(spec(1e-4), data));
        assertEquals("the checkpoint in " + ckpt + " holds 3 epochs, more than maxEpochs 2 of this run: resume it with maxEpochs >= 3, or use another "
                + "checkpoint folder", fewer);
        assertEquals(3, new Trainer(config().maxEpochs(3).build(), at(ckpt)).train(spec(1e-4), data).result().epochs());
    }

    @Test
    void aDataFileCopiedFromAnotherRunsCheckpointIsRefusedBeforeItIsRead(@TempDir Path tmp) throws Exception {
        Path mine = tmp.resolve("mine"), theirs = tmp.resolve("theirs");
        new Trainer(config().maxEpochs(1).build(), at(mine)).train(spec(1e-4), data);
        new Trainer(config().maxEpochs(1).seed(4).build(), at(theirs)).train(spec(1e-4), data);    // another seed: other weights
        for (String file : List.of("dense.bin", "embeddings.bin")) {
            Path target = mine.resolve("epoch-1").resolve(file);
            byte[] original = Files.readAllBytes(target);
            Files.copy(theirs.resolve("epoch-1").resolve(file), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // old: only model.properties was compared; the other run's weights were loaded and training went on
            String refused = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(mine)).train(spec(1e-4), data));
            assertTrue(refused.contains(file + " is not the file this checkpoint was saved with") && refused.contains("copied from another checkpoint"),
                    refused);
            Files.write(target, original);
        }
        assertEquals(2, new Trainer(config().maxEpochs(2).build(), at(mine)).train(spec(1e-4), data).result().epochs(), "its own files resume");
    }

    @Test
    void aStateFileFromAnotherRunIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path mine = tmp.resolve("mine"), theirs = tmp.resolve("theirs");
        new Trainer(config().maxEpochs(1).build(), at(mine)).train(spec(1e-4), data);
        new Trainer(config().maxEpochs(1).seed(4).build(), at(theirs)).train(spec(1e-4), data);
        Files.copy(theirs.resolve("state.properties"), mine.resolve("state.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // old: the other run's history (its validation AUCs, its best epoch) was resumed with this run's weights
        String refused = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(mine)).train(spec(1e-4), data));
        assertTrue(refused.contains(mine.resolve("state.properties") + " names " + mine.resolve("epoch-1").resolve("model.properties") + " with SHA-256")
                && refused.contains("of different runs"), refused);
    }

    @Test
    void aMissingCheckpointFileIsNamedAsMissing(@TempDir Path tmp) throws Exception {
        Path ckpt = tmp.resolve("ckpt");
        new Trainer(config().maxEpochs(1).build(), at(ckpt)).train(spec(1e-4), data);
        Path dense = ckpt.resolve("epoch-1").resolve("dense.bin");
        Files.delete(dense);
        // old: "cannot resume from checkpoint …: /…/epoch-1/dense.bin", the path alone
        String missing = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(ckpt)).train(spec(1e-4), data));
        assertEquals("cannot resume from checkpoint " + ckpt + ": " + dense + " is missing (delete the folder to start over)", missing);
    }

    @Test
    void anExplicitSplitIsTheOneTheCheckpointDescribes(@TempDir Path tmp) {
        Path ckpt = tmp.resolve("ckpt");
        Trainer first = new Trainer(config().build(), at(ckpt));
        first.fit(first.newModel(spec(1e-4), data.schema()), data, Split.of(data.rows(), 7));
        // old: the checkpoint named the configuration's split (seed 0), so training on split 0 resumed split 7's run
        Trainer more = new Trainer(config().maxEpochs(2).build(), at(ckpt));
        String other = refusal(() -> more.train(spec(1e-4), data));
        assertTrue(other.contains("split.rows"), other);
        assertFalse(other.contains("spec.") || other.contains("train.batchSize"), "only what differs is named: " + other);
        // the same rows, however they are made, resume
        assertEquals(2, more.fit(more.newModel(spec(1e-4), data.schema()), data, data.split(SplitSpec.seeded(7))).epochs());
    }

    @Test
    void anEditedOrEmptyStateFileIsDetectedNamingTheFile(@TempDir Path tmp) throws Exception {
        Path ckpt = tmp.resolve("ckpt"), state = ckpt.resolve("state.properties");
        new Trainer(config().build(), at(ckpt)).train(spec(1e-4), data);
        String text = Files.readString(state, StandardCharsets.UTF_8);
        // old: an edited validation AUC was trusted and drove the best-epoch choice
        String edited = text.replaceFirst("(epoch\\.1=[^,]*,)0\\.", "$10.9");
        assertNotEquals(text, edited);
        Files.writeString(state, edited, StandardCharsets.UTF_8);
        String damaged = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(ckpt)).train(spec(1e-4), data));
        assertTrue(damaged.contains(state.toString()) && damaged.contains("checksum does not match"), damaged);
        // old: an empty state file failed with "Cannot parse null string"
        Files.writeString(state, "");
        String empty = refusal(() -> new Trainer(config().maxEpochs(2).build(), at(ckpt)).train(spec(1e-4), data));
        assertTrue(empty.contains(state + " is empty"), empty);
    }

    @Test
    void theSplitSeedIsTheOneTrainingUsesAndChangesTheRows() {
        TrainConfig seeded = TrainConfig.builder().batchSize(64).maxEpochs(1).seed(3).splitSeed(7).build();
        Split s7 = Split.of(data.rows(), 7), s0 = Split.of(data.rows(), 0);
        assertFalse(java.util.Arrays.equals(s7.train().toArray(), s0.train().toArray()), "another seed, other training rows");
        // old: Trainer.train always used data.split(), seed 0, whatever was asked
        Trainer t = new Trainer(seeded);
        TrainResult viaConfig = t.train(spec(1e-4), data).result();
        TrainResult explicit7 = t.fit(t.newModel(spec(1e-4), data.schema()), data, s7);
        TrainResult explicit0 = t.fit(t.newModel(spec(1e-4), data.schema()), data, s0);
        assertArrayEquals(explicit7.trainLosses(), viaConfig.trainLosses(), 0);
        assertEquals(explicit7.testAuc(), viaConfig.testAuc(), 0);
        assertNotEquals(explicit0.trainLosses()[0], viaConfig.trainLosses()[0]);
    }

    @Test
    void aTrainOnlyVocabularyTrainsOnlyOnItsOwnSplit(@TempDir Path tmp) {
        EncodedDataset trainOnly = CtrData.load(source, GEN.format(), PreprocessOptions.builder().cacheDir(tmp).minCount(1)
                .vocabulary(PreprocessOptions.VocabularyScope.TRAIN_ONLY).splitSeed(5).build());
        assertEquals(SplitSpec.seeded(5), trainOnly.vocabularySplit().orElseThrow());
        assertArrayEquals(Split.of(trainOnly.rows(), 5).train().toArray(), trainOnly.split().train().toArray());
        // old: counted on split 5, trained on split 0 without a word
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TrainConfig.builder().batchSize(64).maxEpochs(1).build()).train(spec(1e-4), trainOnly));
        assertTrue(e.getMessage().contains("splitSeed(0)"), e.getMessage());
        assertEquals(1, new Trainer(TrainConfig.builder().batchSize(64).maxEpochs(1).splitSeed(5).build()).train(spec(1e-4), trainOnly).result().epochs());
    }
}
