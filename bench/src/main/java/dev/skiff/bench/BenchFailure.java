package dev.skiff.bench;

/** A reason the benchmark cannot go on, worded for the person who ran it. */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }
}
