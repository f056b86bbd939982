package org.collapselab.nn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * How HotSpot compiles ND4J's Java code in this JVM: by C1 only. A training or inference step runs a few hundred ops
 * through SameDiff's Java session, and C2 keeps recompiling that code for the first ~20 s of a JVM (9.5 s of
 * compiler CPU in the first 20 s of a DNN SE 1× run). On a 2-core machine the compiler thread then takes a core from
 * one of the two OpenMP threads of every native op, and the op's other thread waits at its barrier. C1 compiles that
 * code in a fraction of the time, and its code is good enough for glue that spends its time calling native ops;
 * the toolkit's own loops (the tables' Adam, the lookups, the row-gradient sort) keep C2, which vectorises them.
 * Java's floating point does not depend on the compiler tier and native ops are untouched, so results are
 * bit-identical either way.
 *
 * <p>The policy is a HotSpot compiler directive added once per JVM at run time, as {@code jcmd <pid>
 * Compiler.directives_add} would (no JVM flag needed). {@code -Dcollapselab.nd4j.c2=true} keeps HotSpot's default;
 * on a JVM without HotSpot's diagnostic command it is not applied, and {@link #state()} says why.
 */
public final class Compilation {
    /** System property that keeps C2 for ND4J's code when {@code true}. */
    public static final String KEEP_C2 = "collapselab.nd4j.c2";
    /** The classes compiled by C1 only: ND4J (SameDiff, its executioner and buffers) and JavaCPP's pointers. */
    static final String DIRECTIVE = "[{ match: [\"org/nd4j/*.*\", \"org/bytedeco/*.*\"], c2: { Exclude: true } }]";

    private static String state;
    private static boolean keptC2;

    private Compilation() {}

    /**
     * Applies the policy once per JVM, before ND4J's code gets hot; later calls change nothing and refuse an opt-out
     * that was set too late. Returns {@link #state()}.
     */
    public static synchronized String apply() {
        boolean keep = keepC2();
        if (state == null) {
            keptC2 = keep;
            state = keep ? "HotSpot's default (" + KEEP_C2 + "=true)" : addDirective();
        } else if (keep != keptC2) {
            throw new IllegalStateException("-D" + KEEP_C2 + "=" + keep + " was set after this JVM applied its compilation policy (" + state
                    + "); set it before the first model is built, e.g. on the java command line");
        }
        return state;
    }

    /** What {@link #apply} did, for summaries: "ND4J's Java code by C1 only", or why not; null before it ran. */
    public static synchronized String state() {
        return state;
    }

    /** Whether {@link #KEEP_C2} asks for HotSpot's default; refuses anything but true or false. */
    static boolean keepC2() {
        String v = System.getProperty(KEEP_C2);
        if (v == null || v.equals("false")) return false;
        if (v.equals("true")) return true;
        throw new IllegalArgumentException("-D" + KEEP_C2 + " must be true or false, got '" + v + "'");
    }

    private static String addDirective() {
        Path file = null;
        try {
            file = Files.createTempFile("collapselab-jit", ".json");
            Files.writeString(file, DIRECTIVE);
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[]{new String[]{file.toString()}}, new String[]{String[].class.getName()});
            String said = String.valueOf(answer).strip();
            return said.startsWith("1 compiler directives added") ? "ND4J's Java code by C1 only" : "HotSpot's default (the directive was refused: " + said + ")";
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            return "HotSpot's default (no compiler directives here: " + e + ")";
        } finally {
            if (file != null) try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file of a few bytes
            }
        }
    }
}
