package dev.skiff.scheduler.framework;

/**
 * A scheduler plugin: a small class that implements the extension points it needs
 * ({@link PreFilterPlugin}, {@link FilterPlugin}, {@link PostFilterPlugin}, {@link PreScorePlugin},
 * {@link ScorePlugin}, {@link ReservePlugin}, {@link BindPlugin}), as in the Kubernetes scheduler
 * framework. The framework calls them in the order of its configuration.
 */
public interface Plugin {

    /** The name configuration and messages use, e.g. {@code NodeResourcesFit}. */
    String name();
}
