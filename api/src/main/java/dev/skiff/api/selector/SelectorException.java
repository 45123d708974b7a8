package dev.skiff.api.selector;

/** A label or field selector that cannot be parsed or built; the message reads like Kubernetes'. */
public class SelectorException extends IllegalArgumentException {

    public SelectorException(String message) {
        super(message);
    }
}
