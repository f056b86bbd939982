package org.collapselab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's identity is derived from everything that changes its numbers. Each "old:" note says what the hand-made
 * {@code Provenance} key of 087b536 did instead (it keyed by {@code ModelSpec.toString()}, a hand-picked list of
 * TrainConfig fields and {@code source|rows|cardinalities}).
 */
class RunIdentityTest {
    static final SyntheticCriteo GEN = new SyntheticCriteo(600, new int[] {4}, new int[] {12, 12, 12}, 0.5, 0.05, 2, 0.8, 1.0, 0.3, 4);
    static Path dir;
    static EncodedDataset data;

    @BeforeAll
    static void load(@TempDir Path tmp) {
        dir = tmp;
        data = CtrData.load(GEN.write(tmp.resolve("t.tsv")), GEN.format(), PreprocessOptions.builder().cacheDir(tmp.resolve("cache")).minCount(1).build());
    }

    private static RunRequest request(ModelSpec spec) {
        return RunRequest.of(spec, TrainConfig.paper(), data);
    }

    @Test
    void specsDifferingOnlyInACoefficientHaveDifferentIds() {
        // old: both pairs got the same key, so the second measurement returned the first one's AUC
        ModelSpec dcn = ModelSpec.of(ModelKind.DCNV2);
        assertNotEquals(request(dcn.toBuilder().crossRegularization(OptionalDouble.of(1e-4)).build()).id(),
                request(dcn.toBuilder().crossRegularization(OptionalDouble.of(1e-5)).build()).id());
        ModelSpec me = dcn.scale(2, EmbeddingMode.MULTI);
        assertNotEquals(request(me.toBuilder().divergenceRestriction(OptionalDouble.of(1.0)).build()).id(),
                request(me.toBuilder().divergenceRestriction(OptionalDouble.of(5.0)).build()).id());
    }

    @Test
    void aFileRewrittenWithOtherLabelsHasAnotherIdAndTheSamePathByAnyNameTheSameId(@TempDir Path tmp) throws Exception {
        Path file = GEN.write(tmp.resolve("same.tsv"));
        PreprocessOptions o = PreprocessOptions.builder().cacheDir(tmp.resolve("cache")).minCount(1).build();
        EncodedDataset before = CtrData.load(file, GEN.format(), o);
        // old: the key held the source path as first given (kept in the cache), so one file first encoded by a relative
        // name and, in another cache folder, by an absolute one gave two keys
        Path relative = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath());
        assertFalse(relative.isAbsolute());
        EncodedDataset viaRelative = CtrData.load(relative, GEN.format(), o.toBuilder().cacheDir(tmp.resolve("other-cache")).build());
        assertNotEquals(before.report().source(), viaRelative.report().source(), "the two loads did see two names");
        assertEquals(RunRequest.of(ModelSpec.of(ModelKind.FM), TrainConfig.paper(), before).id(),
                RunRequest.of(ModelSpec.of(ModelKind.FM), TrainConfig.paper(), viaRelative).id());

        // every label inverted: same path, size, rows and cardinalities (old: same key, stale results came back)
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Files.write(file, lines.stream().map(l -> (l.charAt(0) == '0' ? "1" : "0") + l.substring(1)).toList(), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        EncodedDataset after = CtrData.load(file, GEN.format(), o);
        assertEquals(before.rows(), after.rows());
        assertTrue(Arrays.equals(before.schema().cardinalities(), after.schema().cardinalities()));
        assertEquals(1 - before.positiveRate(), after.positiveRate(), 1e-12);
        assertNotEquals(RunRequest.of(ModelSpec.of(ModelKind.FM), TrainConfig.paper(), before).id(),
                RunRequest.of(ModelSpec.of(ModelKind.FM), TrainConfig.paper(), after).id());
    }

    @Test
    void anInMemoryDatasetAndItsCacheHaveTheSameContentChecksum() {
        int[][] cols = new int[data.schema().size()][data.rows()];
        byte[] labels = new byte[data.rows()];
        for (int r = 0; r < data.rows(); r++) {
            labels[r] = (byte) data.label(r);
            for (int f = 0; f < cols.length; f++) cols[f][r] = data.index(r, f);
        }
        assertEquals(data.contentDigest(), EncodedDataset.of(data.schema(), cols, labels, "copy").contentDigest());
        labels[0] ^= 1;
        assertNotEquals(data.contentDigest(), EncodedDataset.of(data.schema(), cols, labels, "copy").contentDigest());
    }

    /**
     * Every component of ModelSpec and TrainConfig, found by reflection and changed one at a time, changes the id;
     * what cannot change a run's numbers is a TrainContext, outside the request. A component added later is covered
     * without editing this test; one whose type has no canonical form makes {@code identity()} throw.
     */
    @Test
    void everyComponentReachesTheIdentity() {
        ModelSpec plain = ModelSpec.of(ModelKind.DCNV2);
        ModelSpec rich = plain.toBuilder().hidden(8, 4).regularizedCross().build().scale(2, EmbeddingMode.MULTI).toBuilder().restrictDivergence().build();
        checkEveryComponent(List.of(plain, rich, ModelSpec.of(ModelKind.FINALMLP)), s -> request(s), Set.of());
        checkEveryComponent(List.of(TrainConfig.paper()), c -> RunRequest.of(plain, c, data), Set.of());
        assertEquals(Set.of("checkpointDir", "progress", "memoryBudget"),
                java.util.Arrays.stream(org.collapselab.train.TrainContext.class.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                        .collect(Collectors.toSet()), "what the context holds, apart from the identity, on purpose");
    }

    private static <R extends Record> void checkEveryComponent(List<R> bases, Function<R, RunRequest> request, Set<String> excluded) {
        Set<String> mutated = new TreeSet<>();
        for (R base : bases)
            for (Mutation<R> m : mutations(base)) {
                String top = m.path().split("\\.")[0];
                boolean same = request.apply(base).id().equals(request.apply(m.record()).id());
                if (excluded.contains(top)) assertTrue(same, m.path() + " is excluded from the identity but changed it");
                else assertFalse(same, "changing " + m.path() + " of " + base + " did not change the run id");
                mutated.add(m.path());
            }
        Set<String> leaves = new TreeSet<>(leaves(bases.get(0).getClass(), ""));
        leaves.removeAll(mutated);
        assertEquals(Set.of(), leaves, "components no mutation reached: add a candidate value for their type");
    }

    record Mutation<R>(String path, R record) {}

    private static List<String> leaves(Class<?> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents())
            if (c.getType().isRecord()) out.addAll(leaves(c.getType(), prefix + c.getName() + "."));
            else out.add(prefix + c.getName());
        return out;
    }

    /** Every valid record that differs from {@code r} in exactly one leaf component. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> List<Mutation<R>> mutations(R r) {
        List<Mutation<R>> out = new ArrayList<>();
        RecordComponent[] cs = r.getClass().getRecordComponents();
        for (int i = 0; i < cs.length; i++) {
            Object v = get(r, cs[i]);
            List<Mutation<Object>> values = new ArrayList<>();
            if (v instanceof Record nested) for (Mutation<Record> m : mutations(nested)) values.add(new Mutation<>(cs[i].getName() + "." + m.path(), m.record()));
            else for (Object c : candidates(cs[i].getType(), v)) values.add(new Mutation<>(cs[i].getName(), c));
            for (Mutation<Object> m : values) {
                Object[] args = Arrays.stream(cs).map(c -> get(r, c)).toArray();
                args[i] = m.record();
                try {
                    R changed = (R) r.getClass().getDeclaredConstructor(Arrays.stream(cs).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
                    if (!changed.equals(r)) out.add(new Mutation<>(m.path(), changed));
                } catch (java.lang.reflect.InvocationTargetException invalid) {
                    // the record refuses this combination; another candidate or base covers the component
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    private static Object get(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Object> candidates(Class<?> t, Object v) {
        if (t.isEnum()) return Arrays.stream(t.getEnumConstants()).filter(e -> e != v).map(e -> (Object) e).toList();
        if (t == int.class) return List.of((int) v + 1, (int) v * 2);
        if (t == long.class) return List.of((long) v + 1);
        if (t == double.class) return List.of((double) v * 0.5, (double) v + 1e-3, (double) v * 2);
        if (t == boolean.class) return List.of(!(boolean) v);
        if (t == long[].class) {
            long[] a = ((long[]) v).clone(), longer = Arrays.copyOf((long[]) v, ((long[]) v).length + 1);
            if (a.length > 0) a[0]++;
            longer[longer.length - 1] = 7;
            return List.of(a, longer);
        }
        if (t == OptionalDouble.class) {
            OptionalDouble o = (OptionalDouble) v;
            return o.isPresent() ? List.of(OptionalDouble.empty(), OptionalDouble.of(o.getAsDouble() * 5)) : List.of(OptionalDouble.of(1e-4), OptionalDouble.of(1.0));
        }
        if (t == OptionalLong.class) return List.of(((OptionalLong) v).isPresent() ? OptionalLong.empty() : OptionalLong.of(1L << 31));
        if (t == Optional.class) return List.of(((Optional<?>) v).isPresent() ? Optional.empty() : Optional.of(dir.resolve("elsewhere")));
        if (t.isInterface()) return List.of(Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t}, (p, m, a) -> defaultValue(m.getReturnType())));
        throw new AssertionError("no candidate values for a component of type " + t + ": add them here");
    }

    private static Object defaultValue(Class<?> t) {
        if (t == boolean.class) return false;
        if (t.isPrimitive() && t != void.class) return Array.get(Array.newInstance(t, 1), 0);
        return null;
    }

    @Test
    void aRequestSurvivesItsTextFormExactly() {
        ModelSpec spec = ModelSpec.of(ModelKind.DCNV2).toBuilder().hidden(8, 4).regularizedCross().build().scale(3, EmbeddingMode.MULTI);
        TrainConfig c = TrainConfig.builder().learningRate(3e-3).batchSize(100).seed(42).splitSeed(7).reshuffle(true).maxEpochs(5).build();
        RunRequest r = RunRequest.of(spec, c, data);
        RunRequest back = RunRequest.decode(r.encode());
        assertEquals(r, back);
        assertEquals(r.id(), back.id());
        assertEquals(data.cache().orElseThrow().file().toAbsolutePath(), back.data().cacheFile().orElseThrow());
        assertEquals(data.contentDigest(), back.data().open().contentDigest(), "another JVM can reopen the dataset from the request");
        String edited = r.encode().replace("format.version=" + RunRequest.FORMAT_VERSION, "format.version=0");
        assertThrows(IllegalArgumentException.class, () -> RunRequest.decode(edited));
    }

    @Test
    void theIdentityNamesItsParts() {
        Set<String> keys = request(ModelSpec.of(ModelKind.DCNV2)).identity().keySet();
        assertTrue(keys.containsAll(Set.of("spec.crossRegularization", "spec.divergenceRestriction", "train.seed", "train.split.seed",
                "train.split.trainFraction", "train.split.validFraction", "train.batchSize", "data.content", "format.version")), keys.toString());
        assertFalse(keys.stream().anyMatch(k -> k.startsWith("train.progress") || k.startsWith("train.checkpointDir") || k.startsWith("train.memoryBudget")),
                keys.stream().collect(Collectors.joining(", ")));
    }
}
