package dev.skiff.api.validation;

import java.util.List;
import java.util.function.Function;

/** The rule an object's {@code metadata.name} (and {@code generateName}) must follow; it differs by type. */
public enum NameRule {

    /** Most types: pods, configmaps, secrets, nodes, deployments, ... */
    DNS1123_SUBDOMAIN(NameValidation::dns1123Subdomain),
    /** Namespaces. */
    DNS1123_LABEL(NameValidation::dns1123Label),
    /** Services, whose names become DNS labels that must start with a letter. */
    DNS1035_LABEL(NameValidation::dns1035Label);

    private final Function<String, List<String>> check;

    NameRule(Function<String, List<String>> check) {
        this.check = check;
    }

    /**
     * Messages for an invalid name, empty when valid. A {@code prefix} (a generateName) may end with '-', since
     * random characters will follow it.
     */
    public List<String> validate(String name, boolean prefix) {
        if (prefix && name.length() > 1 && name.endsWith("-")) {
            return check.apply(name.substring(0, name.length() - 1) + "a");
        }
        return check.apply(name);
    }
}
