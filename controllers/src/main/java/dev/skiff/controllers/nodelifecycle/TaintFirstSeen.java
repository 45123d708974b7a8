package dev.skiff.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * When each NoExecute taint of each node was added: its {@code timeAdded} (set by the node
 * lifecycle controller), or, for a taint written without one (e.g. by hand), the time this
 * controller first saw it on the node.
 */
final class TaintFirstSeen {

    /** Node name, then "key:effect", then when first seen; only taints without a readable timeAdded. */
    private final ConcurrentMap<String, Map<String, Instant>> seen = new ConcurrentHashMap<>();

    /** Takes in the node's current taints; taints it no longer has are forgotten. */
    void observe(Node node, Instant now) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        seen.compute(node.getMetadata().getName(), (name, before) -> {
            Map<String, Instant> after = new HashMap<>();
            for (Taint taint : taints) {
                if (Taints.NO_EXECUTE.equals(taint.getEffect()) && parse(taint.getTimeAdded()) == null) {
                    String id = id(taint);
                    after.put(id, before == null ? now : before.getOrDefault(id, now));
                }
            }
            return after.isEmpty() ? null : after;
        });
    }

    void forget(String node) {
        seen.remove(node);
    }

    /** When the taint on the node was added; {@code now} for a taint without timeAdded not observed yet. */
    Instant addedAt(String node, Taint taint, Instant now) {
        Instant added = parse(taint.getTimeAdded());
        if (added != null) {
            return added;
        }
        Map<String, Instant> times = seen.get(node);
        return times == null ? now : times.getOrDefault(id(taint), now);
    }

    private static String id(Taint taint) {
        return taint.getKey() + ":" + taint.getEffect();
    }

    private static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
