package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class CompilationTest {
    /** HotSpot's own listing of the directives in force (what {@code jcmd <pid> Compiler.directives_print} shows). */
    private static String directivesInForce() throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "compilerDirectivesPrint", new Object[]{new String[0]}, new String[]{String[].class.getName()}));
    }

    @Test
    void applyLeavesNd4jAndJavaCppToC1() throws Exception {
        assertFalse(Boolean.getBoolean(Compilation.KEEP_C2), "this test runs with HotSpot's default settings");
        assertEquals("ND4J's Java code by C1 only", Compilation.apply());
        assertEquals(Compilation.state(), Compilation.apply(), "applied once per JVM");
        String listing = directivesInForce();
        // HotSpot lists each directive as "matching: <patterns>", then its c1 and its c2 settings
        int at = listing.indexOf("org/nd4j/*.*");
        int matching = listing.lastIndexOf("matching:", at);
        assertTrue(at > 0 && matching > listing.lastIndexOf("Directive:", at), listing);
        int end = listing.indexOf("Directive:", at);
        String directive = listing.substring(matching, end < 0 ? listing.length() : end);
        assertTrue(directive.contains("org/bytedeco/*.*"), directive);
        int c1 = directive.indexOf("c1 directives:"), c2 = directive.indexOf("c2 directives:");
        assertTrue(c1 > 0 && c2 > c1, directive);
        assertTrue(directive.substring(c1, c2).contains(" Exclude:false "), "C1 still compiles ND4J's code: " + directive);
        assertTrue(directive.substring(c2).contains(" Exclude:true "), "C2 does not: " + directive);
    }

    @Test
    void anOptOutSetAfterTheFirstApplyIsRefused() {
        String before = System.getProperty(Compilation.KEEP_C2);
        try {
            System.clearProperty(Compilation.KEEP_C2);
            String applied = Compilation.apply();
            System.setProperty(Compilation.KEEP_C2, "true");
            IllegalStateException e = assertThrows(IllegalStateException.class, Compilation::apply);
            assertTrue(e.getMessage().contains("before the first model is built"), e.getMessage());
            System.setProperty(Compilation.KEEP_C2, "false");
            assertEquals(applied, Compilation.apply());
        } finally {
            if (before == null) System.clearProperty(Compilation.KEEP_C2);
            else System.setProperty(Compilation.KEEP_C2, before);
        }
    }

    @Test
    void theOptOutIsTrueOrFalseAndNothingElse() {
        String before = System.getProperty(Compilation.KEEP_C2);
        try {
            System.clearProperty(Compilation.KEEP_C2);
            assertFalse(Compilation.keepC2());
            System.setProperty(Compilation.KEEP_C2, "false");
            assertFalse(Compilation.keepC2());
            System.setProperty(Compilation.KEEP_C2, "true");
            assertTrue(Compilation.keepC2());
            System.setProperty(Compilation.KEEP_C2, "yes");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Compilation::keepC2);
            assertTrue(e.getMessage().contains("'yes'"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(Compilation.KEEP_C2);
            else System.setProperty(Compilation.KEEP_C2, before);
        }
    }
}
