package org.collapselab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the 12 paper variants (6 models × SE/ME) learns a planted task. The data: 6 categorical fields of 30
 * values, labels from planted first-order effects and 6 pairwise effects (SyntheticCriteo). Threshold: validation
 * AUC above {@value #THRESHOLD}. Chance gives 0.5 (the standard error of an AUC on ~1,200 validation rows is
 * about 0.017, so chance stays below 0.56); a model whose gradients were wrong in sign or scale would not descend
 * the loss and would stay near chance. A model that learns the planted effects reaches about the AUC of a count
 * model on the same rows (printed as the reference below).
 */
class LearnabilityTest {
    static final double THRESHOLD = 0.70;
    static EncodedDataset data;
    static double reference;

    @BeforeAll
    static void planted(@TempDir Path tmp) {
        SyntheticCriteo gen = new SyntheticCriteo(12_000, new int[0], new int[]{30, 30, 30, 30, 30, 30}, 0.3, 0.0, 6, 0.8, 1.0, 0.3, 21);
        data = CtrData.load(gen.write(tmp.resolve("planted.tsv")), gen.format(), PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
        reference = CountModel.validAuc(data);
        System.out.printf("planted task: count-model validation AUC %.4f%n", reference);
    }

    static Stream<ModelSpec> variants() {
        return ModelKind.paperModels().stream().flatMap(k -> {
            ModelSpec base = ModelSpec.builder(k).hidden(64, 64).build();
            return Stream.of(base.scale(2, EmbeddingMode.SINGLE), base.scale(2, EmbeddingMode.MULTI));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void learnsThePlantedTask(ModelSpec spec) {
        TrainConfig config = TrainConfig.builder().batchSize(256).learningRate(3e-3).maxEpochs(6).patience(2).seed(5).build();
        TrainResult r = new Trainer(config).train(spec, data).result();
        System.out.printf("%-28s best epoch %d of %d, valid AUC %.4f, test AUC %.4f (count model %.4f)%n", spec.label(), r.bestEpoch(),
                r.epochs(), r.validAuc(), r.testAuc(), reference);
        assertTrue(r.validAuc() > THRESHOLD, spec.label() + ": validation AUC " + r.validAuc() + " (count model " + reference + ")");
    }
}
