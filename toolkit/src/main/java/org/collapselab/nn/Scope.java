package org.collapselab.nn;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A hierarchical naming scope over one {@link Graph}: {@code root.child("set", 0).child("cross").name("w1")} is
 * {@code "set0/cross/w1"}. Every variable a module creates goes through a scope, so names are built in one place
 * and a module's parameters can be found again by rebuilding the same scope.
 *
 * <p>Each variable's initial values come from a {@link SplittableRandom} seeded by the graph seed and the
 * variable's full name, so the same seed gives the same numbers regardless of the order modules are built in.
 */
public final class Scope {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Graph graph;
    private final String path;

    Scope(Graph graph, String path) {
        this.graph = graph;
        this.path = path;
    }

    /** A nested scope {@code path/segment}. */
    public Scope child(String segment) {
        checkSegment(segment);
        return new Scope(graph, qualify(segment));
    }

    /** A nested scope {@code path/segment<index>}, e.g. {@code set0}. */
    public Scope child(String segment, int index) {
        if (index < 0) throw new IllegalArgumentException("scope index must be >= 0, got " + index + " for '" + segment + "'");
        return child(segment + index);
    }

    /** The full name of {@code leaf} in this scope. */
    public String name(String leaf) {
        checkSegment(leaf);
        return qualify(leaf);
    }

    /** This scope's path; empty at the root. */
    public String path() {
        return path;
    }

    public Graph graph() {
        return graph;
    }

    public SameDiff sd() {
        return graph.sd();
    }

    /** Floating-point type of the graph's variables (FLOAT normally, DOUBLE for gradient checks). */
    public DataType dataType() {
        return graph.dataType();
    }

    /** A trainable variable {@code leaf} with values from {@code init}; shared by the graph's passes ({@link Graph#build}). */
    public SDVariable variable(String leaf, Init init, long... shape) {
        return graph.shared(name(leaf), shape, () -> sd().var(name(leaf), init.create(random(leaf), dataType(), shape)));
    }

    /**
     * A non-trainable graph constant holding {@code value} (which the caller may update in place later); shared by
     * the graph's passes, so the second pass gets the first one's array. Floating-point values take the graph's
     * type, integer ones (indices) keep theirs.
     */
    public SDVariable constant(String leaf, INDArray value) {
        INDArray v = value.dataType().isFPType() ? value.castTo(dataType()) : value;
        return graph.shared(name(leaf), value.shape(), () -> sd().constant(name(leaf), v));
    }

    /** The seeded random stream for the variable {@code leaf} of this scope. */
    public SplittableRandom random(String leaf) {
        return new SplittableRandom(graph.seed() ^ fnv1a64(name(leaf)));
    }

    /** Existing variable {@code leaf} of this scope; fails naming it when absent. */
    public SDVariable get(String leaf) {
        String n = name(leaf);
        if (!sd().hasVariable(n)) throw new IllegalArgumentException("no variable '" + n + "' in the graph");
        return sd().getVariable(n);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? "<root>" : path;
    }

    private String qualify(String segment) {
        return path.isEmpty() ? segment : path + "/" + segment;
    }

    private static void checkSegment(String s) {
        Objects.requireNonNull(s, "scope segment");
        if (!SEGMENT.matcher(s).matches())
            throw new IllegalArgumentException("scope segment '" + s + "' must match " + SEGMENT.pattern() + " (no '/', not blank)");
    }

    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
