package org.collapselab.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks, before ND4J initialises, that its backend can run here. ND4J 1.0.0-M2.1's CUDA backend
 * ({@code nd4j-cuda-11.6}, the {@code cuda} Maven profile) carries machine code for compute capabilities up to
 * 8.6 (Ampere: the paper's RTX 3090) and no PTX, so on Hopper (H100/H200, 9.0) or newer it fails deep inside
 * native code. This turns that into a clear message up front. The CPU backend needs no check.
 */
public final class Backends {
    /** The highest compute capability nd4j-cuda-11.6 has code for. */
    public static final double MAX_COMPUTE_CAPABILITY = 8.6;
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private Backends() {}

    /** Fails with an explanation when the CUDA backend is on the class path and a GPU here is too new for it. */
    public static void checkSupported() {
        if (!onClassPath(CUDA_BACKEND)) return;
        checkComputeCapabilities(queryComputeCapabilities());
    }

    /** Throws naming the GPU's compute capability when any is above {@link #MAX_COMPUTE_CAPABILITY}. */
    static void checkComputeCapabilities(List<String> capabilities) {
        for (String c : capabilities) {
            double v;
            try {
                v = Double.parseDouble(c.strip());
            } catch (NumberFormatException e) {
                continue;    // an unreadable answer: let ND4J try
            }
            if (v > MAX_COMPUTE_CAPABILITY)
                throw new UnsupportedOperationException("this GPU has compute capability " + c.strip() + " (Hopper or newer, e.g. H100/H200), "
                        + "but ND4J 1.0.0-M2.1's CUDA backend (nd4j-cuda-11.6) carries code only up to " + MAX_COMPUTE_CAPABILITY
                        + " (Ampere) and cannot run on it under any driver; build without -Pcuda to use the CPU backend");
        }
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, Backends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Compute capabilities from nvidia-smi, one per GPU; empty when it is missing or says nothing usable. */
    private static List<String> queryComputeCapabilities() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=compute_cap", "--format=csv,noheader").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
