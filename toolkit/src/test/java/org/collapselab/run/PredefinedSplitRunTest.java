package org.collapselab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.collapselab.data.CtrData;
import org.collapselab.data.DataParts;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run on a dataset that comes split tests on its test part, and its id changes with any part's content. */
class PredefinedSplitRunTest {
    @Test
    void aRunTestsOnTheGivenTestPartAndItsIdFollowsEveryPart(@TempDir Path tmp) throws Exception {
        List<String> lines = Files.readAllLines(RunIdentityTest.GEN.write(tmp.resolve("all.tsv")));
        int n = lines.size(), a = n * 7 / 10, b = n * 85 / 100;
        DataParts parts = DataParts.of(write(tmp, "train.tsv", lines.subList(0, a)), write(tmp, "valid.tsv", lines.subList(a, b)),
                write(tmp, "test.tsv", lines.subList(b, n)));
        PreprocessOptions o = PreprocessOptions.builder().cacheDir(tmp.resolve("cache")).minCount(1).build();
        EncodedDataset data = CtrData.load(parts, RunIdentityTest.GEN.format(), o);
        TrainConfig config = TrainConfig.builder().batchSize(100).maxEpochs(1).seed(1).build();
        ModelSpec spec = ModelSpec.builder(ModelKind.FM).embeddingSize(3).build();
        RunTrainer.Trained run = RunTrainer.train(RunRequest.of(spec, config, data), data);
        assertArrayEquals(java.util.stream.IntStream.range(b, n).toArray(), run.record().result().test().rows(), "tested on the test part, every row");
        assertArrayEquals(java.util.stream.IntStream.range(a, b).toArray(), run.record().result().validBest().rows());

        List<String> changed = new ArrayList<>(lines);
        String last = changed.get(n - 1);
        changed.set(n - 1, (last.charAt(0) == '0' ? "1" : "0") + last.substring(1));    // one test label
        DataParts other = DataParts.of(write(tmp, "train2.tsv", changed.subList(0, a)), write(tmp, "valid2.tsv", changed.subList(a, b)),
                write(tmp, "test2.tsv", changed.subList(b, n)));
        assertNotEquals(RunRequest.of(spec, config, data).id(), RunRequest.of(spec, config, CtrData.load(other, RunIdentityTest.GEN.format(), o)).id());
    }

    private static Path write(Path dir, String name, List<String> lines) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
