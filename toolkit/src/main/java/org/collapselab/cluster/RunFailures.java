package org.collapselab.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs that failed for good (after Spark's retries), each with its identity and cause; thrown once every other
 * run of the same call has finished and been stored.
 */
public final class RunFailures extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One failed run: its identity, what it is, and why it failed (the last attempt's error). */
    public record Failure(String id, String description, String cause) {}

    private final transient List<Failure> failures;

    RunFailures(List<Failure> failures, int stored) {
        super(failures.size() + " run(s) failed for good (" + stored + " other(s) stored):\n" + failures.stream()
                .map(f -> "  " + f.id() + " " + f.description() + ": " + f.cause()).collect(Collectors.joining("\n")));
        this.failures = List.copyOf(failures);
    }

    public List<Failure> failures() {
        return failures;
    }
}
