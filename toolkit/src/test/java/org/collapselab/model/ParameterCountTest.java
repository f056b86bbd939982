package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter counts of built models against closed-form counts written here from the paper's architecture
 * (DESIGN §4 and the released PyTorch modules), not from the model code: nn.Linear(in, out) has in·out + out,
 * BatchNorm1d(n) 2n trainable, a hidden block Linear→BN→ReLU→Dropout in·out + 3·out, a 1×1 Conv1d with bias
 * in·out + out. Six paper models × SE/ME × the paper's scale factors {1, 2, 3, 4, 10}, on a small schema.
 */
class ParameterCountTest {
    private static final int[] CARDS = {7, 3, 11, 5, 2};
    private static final int F = CARDS.length;
    private static final long ROWS = 7 + 3 + 11 + 5 + 2;   // D = Σ cardinalities
    private static final long H = 400;                        // MLP hidden width (400-400)
    private static final int[] SCALES = {1, 2, 3, 4, 10};

    private static final Schema SCHEMA = Schema.categorical(List.of("a", "b", "c", "d", "e"), CARDS);

    /** nn.Linear(in, out). */
    private static long linear(long in, long out) {
        return in * out + out;
    }

    /** Linear(in, out) → BatchNorm1d(out) → ReLU → Dropout. */
    private static long block(long in, long out) {
        return linear(in, out) + 2 * out;
    }

    /** The shared rest of the MLP after the per-set first block: the 400→400 block and the output Linear(400, 1). */
    private static long mlpRest() {
        return block(H, H) + linear(H, 1);
    }

    /** F(F−1)/2 unordered field pairs. */
    private static long pairs() {
        return (long) F * (F - 1) / 2;
    }

    /** Closed-form counts of one configuration: per set (each set its own), shared (once), embedding. */
    record Expected(long perSet, long shared, long embedding, int sets) {
        long dense() {
            return sets * perSet + shared;
        }

        long total() {
            return dense() + embedding;
        }
    }

    /** The count of kind at scale n in mode, from the architecture alone. */
    static Expected expected(ModelKind kind, EmbeddingMode mode, int n) {
        int kBase = kind == ModelKind.NFWFM ? 50 : 10;
        boolean se = mode == EmbeddingMode.SINGLE;
        int sets = se ? 1 : n;
        long k = se ? (long) n * kBase : kBase;
        long fk = F * k;
        long embedding = sets * ROWS * k;
        long perSet, shared;
        switch (kind) {
            case DNN -> {
                perSet = block(fk, H);
                shared = mlpRest();
            }
            case IPNN -> {
                // SE: [flattened embeddings, products]; ME: products only
                perSet = block(se ? fk + pairs() : pairs(), H);
                shared = mlpRest();
            }
            case NFWFM -> {
                // r [F×F], BatchNorm1d(K), Dropout, then the first block on K inputs
                perSet = (long) F * F + 2 * k + block(k, H);
                shared = mlpRest();
            }
            case XDEEPFM -> {
                // CIN (16, 16): layer 1 Conv1d(F·F → 16), layer 2 Conv1d(16·F → 16); per set also the MLP branch's
                // first block on the flattened embeddings. Shared: Linear(32, 1) on the averaged pooled CIN
                // features, and the rest of the MLP branch.
                long cin = linear((long) F * F, 16) + linear(16L * F, 16);
                perSet = cin + block(fk, H);
                shared = linear(32, 1) + mlpRest();
            }
            case DCNV2 -> {
                // 4 full-rank cross layers W [FK×FK] + b [FK], then the first block on FK
                perSet = 4 * (fk * fk + fk) + block(fk, H);
                shared = mlpRest();
            }
            case FINALMLP -> {
                // each set: two streams MLP(400, 400) on FK; shared fusion w_x, w_y Linear(400, 1) and W_xy 400×400
                perSet = 2 * (block(fk, H) + block(H, H));
                shared = linear(H, 1) + linear(H, 1) + H * H;
            }
            default -> throw new IllegalArgumentException("not a paper model: " + kind);
        }
        return new Expected(perSet, shared, embedding, sets);
    }

    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (ModelKind kind : ModelKind.paperModels())
            for (EmbeddingMode mode : EmbeddingMode.values())
                for (int n : SCALES) out.add(Arguments.of(kind, mode, n));
        return out.stream();
    }

    private static CtrModel build(ModelKind kind, EmbeddingMode mode, int n) {
        return CtrModel.builder(ModelSpec.of(kind).scale(n, mode), SCHEMA).seed(1).batchSize(16).build();
    }

    @ParameterizedTest(name = "{0} {1} {2}x")
    @MethodSource("configurations")
    void builtModelMatchesClosedForm(ModelKind kind, EmbeddingMode mode, int n) {
        CtrModel model = build(kind, mode, n);
        ParameterSummary p = ParameterSummary.of(model);
        Expected e = expected(kind, mode, n);
        String what = model.spec().label() + "\n" + p.table();
        assertEquals(e.embedding(), p.embedding(), "embedding parameters of " + what);
        assertEquals(e.dense(), p.dense(), "dense parameters of " + what);
        assertEquals(e.total(), p.total(), "total parameters of " + what);

        // structure: every set owns the same per-set part; what is outside the sets is shared once
        long insideSets = 0;
        for (int m = 0; m < e.sets(); m++) {
            String prefix = "set" + m + "/";
            long own = p.components().stream().filter(c -> !c.embedding() && c.name().startsWith(prefix))
                    .mapToLong(ParameterSummary.Component::parameters).sum();
            assertEquals(e.perSet(), own, "per-set dense parameters of set " + m + " of " + what);
            assertEquals(ROWS * model.spec().embeddingSize(), p.of("embeddings/set" + m), "table of set " + m + " of " + what);
            insideSets += own;
        }
        assertEquals(e.shared(), p.dense() - insideSets, "shared dense parameters of " + what);
        assertEquals(e.sets(), p.components().stream().filter(ParameterSummary.Component::embedding).count(),
                "number of embedding tables of " + what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void seAndMeHaveEqualEmbeddingsAtEveryScale(ModelKind kind) {
        for (int n : SCALES) {
            long se = ParameterSummary.of(build(kind, EmbeddingMode.SINGLE, n)).embedding();
            long me = ParameterSummary.of(build(kind, EmbeddingMode.MULTI, n)).embedding();
            assertEquals(se, me, kind + " " + n + "x: SE and ME embedding parameters");
            assertEquals(n * ROWS * kind.baseEmbeddingSize(), se, kind + " " + n + "x embedding parameters");
        }
    }

    static Stream<ModelKind> kinds() {
        return ModelKind.paperModels().stream();
    }

    /** Hand-computed numbers for two cases, so the closed forms above are themselves checked once by arithmetic. */
    @Test
    void closedFormsAgreeWithHandArithmetic() {
        // DCNv2 SE 1×: F=5, K=10, FK=50. Cross 4·(2500+50)=10,200; block(50,400)=20,000+1,200=21,200;
        // rest block(400,400)=161,200 + Linear(400,1)=401; embeddings 28·10=280.
        Expected dcn = expected(ModelKind.DCNV2, EmbeddingMode.SINGLE, 1);
        assertEquals(10_200 + 21_200 + 161_200 + 401, dcn.dense());
        assertEquals(280, dcn.embedding());
        // IPNN ME 2×: per set products only, P=10: block(10,400)=4,000+1,200=5,200, two sets; shared 161,601.
        Expected ipnn = expected(ModelKind.IPNN, EmbeddingMode.MULTI, 2);
        assertEquals(2 * 5_200 + 161_601, ipnn.dense());
        assertEquals(2 * 280, ipnn.embedding());
        // xDeepFM SE 1×: CIN 25·16+16=416 and 80·16+16=1,296; block(50,400)=21,200; Linear(32,1)=33; rest 161,601.
        Expected xdfm = expected(ModelKind.XDEEPFM, EmbeddingMode.SINGLE, 1);
        assertEquals(416 + 1_296 + 21_200 + 33 + 161_601, xdfm.dense());
        // NFwFM SE 1×: K=50: r 25, BN 100, block(50,400)=21,200, rest 161,601; embeddings 28·50=1,400.
        Expected nf = expected(ModelKind.NFWFM, EmbeddingMode.SINGLE, 1);
        assertEquals(25 + 100 + 21_200 + 161_601, nf.dense());
        assertEquals(1_400, nf.embedding());
        // FinalMLP SE 1×: 2·(21,200+161,200) + 401 + 401 + 160,000.
        Expected fin = expected(ModelKind.FINALMLP, EmbeddingMode.SINGLE, 1);
        assertEquals(2 * (21_200 + 161_200) + 802 + 160_000, fin.dense());
    }
}
