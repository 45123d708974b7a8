package dev.skiff.bench;

import java.util.ArrayList;
import java.util.List;

/** What went wrong during the run: a run with any problem has figures that cannot be trusted. */
final class Problems {

    private final List<String> messages = new ArrayList<>();
    private int failures;

    /** Records a measurement's failed operations, if it had any. */
    synchronized void check(Measurement measurement) {
        if (measurement.errors() > 0) {
            report(measurement.errors(), measurement.target() + " " + measurement.operation() + ": "
                    + measurement.errors() + " of " + measurement.count() + " failed; first: "
                    + measurement.firstError().orElse("(no message)"));
        }
    }

    /** Records FAILURES failed operations or checks, described by MESSAGE. */
    synchronized void report(int failures, String message) {
        this.failures += failures;
        messages.add(message);
    }

    synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Failed operations and checks, all added up. */
    synchronized int failures() {
        return failures;
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }
}
