package dev.skiff.systemtests.harness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fixed sequence of writes to ConfigMaps: creates, updates and deletes over a set of names, every
 * update a real change (each write carries its own sequence number).
 */
public final class WritePlan {

    /** What one write does. */
    public enum Operation { CREATE, UPDATE, DELETE }

    /**
     * One planned write.
     *
     * @param sequence its place in the plan, from 0; written into the object's data
     */
    public record Write(int sequence, Operation operation, String name) {
    }

    private final List<Write> writes;

    private WritePlan(List<Write> writes) {
        this.writes = List.copyOf(writes);
    }

    /**
     * {@code count} writes cycling over {@code names} objects {@code cm-000, cm-001, …}: the first pass
     * creates each; on every fourth pass the even-numbered ones are deleted, and on the next pass
     * created again; every other write is an update. With 100 names and 1,000 writes that is 200
     * creates, 700 updates and 100 deletes, with deletes from the fourth pass (write 300) on.
     */
    public static WritePlan cycling(int names, int count) {
        List<Write> writes = new ArrayList<>(count);
        Set<String> existing = new HashSet<>();
        for (int sequence = 0; sequence < count; sequence++) {
            int index = sequence % names;
            int pass = sequence / names;
            String name = String.format("cm-%03d", index);
            Operation operation;
            if (!existing.contains(name)) {
                operation = Operation.CREATE;
                existing.add(name);
            } else if (pass % 4 == 3 && index % 2 == 0) {
                operation = Operation.DELETE;
                existing.remove(name);
            } else {
                operation = Operation.UPDATE;
            }
            writes.add(new Write(sequence, operation, name));
        }
        return new WritePlan(writes);
    }

    public List<Write> writes() {
        return writes;
    }

    public int size() {
        return writes.size();
    }
}
