package dev.skiff.informer;

import java.util.Collection;

/** The values an object is indexed under in one index of an {@link Indexer}; empty to leave it out. */
@FunctionalInterface
public interface IndexFunction<T> {

    Collection<String> values(T object);
}
