package dev.skiff.scheduler.framework;

import java.util.List;

/**
 * What a plugin says at an extension point, as the Kubernetes framework's {@code Status}: a code,
 * the reasons (shown to the user, e.g. {@code Insufficient cpu}) and the plugin that said it.
 *
 * @param code    the outcome
 * @param reasons why, for anything but success; each reason is counted on its own in the
 *                "0/3 nodes are available" message
 * @param plugin  the plugin the status came from, once the framework has set it; null before
 */
public record Status(Code code, List<String> reasons, String plugin) {

    /** The outcomes, as Kubernetes' status codes. */
    public enum Code {
        SUCCESS,
        /** Something went wrong (an API call failed): the pod is retried after a back-off. */
        ERROR,
        /** The pod does not fit the node now; removing pods from the node (preemption) might help. */
        UNSCHEDULABLE,
        /** The pod does not fit the node, and removing pods would not change that. */
        UNSCHEDULABLE_AND_UNRESOLVABLE,
        /** The plugin has nothing to do for this pod at the matching later point (PreFilter → Filter, PreScore → Score). */
        SKIP
    }

    private static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), null);
    private static final Status SKIP = new Status(Code.SKIP, List.of(), null);

    public Status {
        reasons = List.copyOf(reasons);
    }

    public static Status success() {
        return SUCCESS;
    }

    public static Status skip() {
        return SKIP;
    }

    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), null);
    }

    public static Status unschedulable(List<String> reasons) {
        return new Status(Code.UNSCHEDULABLE, reasons, null);
    }

    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), null);
    }

    public static Status error(String reason) {
        return new Status(Code.ERROR, List.of(reason), null);
    }

    /** This status as said by the plugin. */
    public Status withPlugin(String name) {
        return new Status(code, reasons, name);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    /** Unschedulable, resolvable or not: the pod does not fit. */
    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    public boolean isError() {
        return code == Code.ERROR;
    }

    /** The reasons joined with ", ". */
    public String message() {
        return String.join(", ", reasons);
    }

    @Override
    public String toString() {
        return code + (reasons.isEmpty() ? "" : ": " + message()) + (plugin == null ? "" : " (" + plugin + ")");
    }
}
