package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static dev.skiff.api.validation.NullSafe.map;

/** A container's resource requests and limits. */
final class ResourceRequirementsValidation {

    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final String QUANTITY_FORMAT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
    private static final Pattern QUANTITY = Pattern.compile(QUANTITY_FORMAT);

    private ResourceRequirementsValidation() {
    }

    static List<FieldError> validate(ResourceRequirements resources, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (resources == null) {
            return errors;
        }
        Map<String, Quantity> limits = new TreeMap<>(map(resources.getLimits()));
        Map<String, Quantity> requests = new TreeMap<>(map(resources.getRequests()));
        Map<String, BigDecimal> limitAmounts = new TreeMap<>();
        limits.forEach((name, quantity) -> {
            String quantityPath = path + ".limits[" + name + "]";
            errors.addAll(validateName(name, quantityPath));
            BigDecimal amount = amount(quantity, quantityPath, errors);
            if (amount != null) {
                limitAmounts.put(name, amount);
            }
        });
        requests.forEach((name, quantity) -> {
            String quantityPath = path + ".requests[" + name + "]";
            errors.addAll(validateName(name, quantityPath));
            BigDecimal amount = amount(quantity, quantityPath, errors);
            BigDecimal limit = limitAmounts.get(name);
            if (amount != null && limit != null) {
                String limitText = text(limits.get(name));
                if (!overcommitAllowed(name) && amount.compareTo(limit) != 0) {
                    errors.add(FieldError.invalid(path + ".requests", text(quantity),
                            "must be equal to " + name + " limit of " + limitText));
                } else if (amount.compareTo(limit) > 0) {
                    errors.add(FieldError.invalid(path + ".requests", text(quantity),
                            "must be less than or equal to " + name + " limit of " + limitText));
                }
            } else if (!limits.containsKey(name) && !overcommitAllowed(name)) {
                errors.add(FieldError.required(path + ".limits", "Limit must be set for non overcommitable resources"));
            }
        });
        return errors;
    }

    /** A standard resource (cpu, memory, ...) or a domain-prefixed extended resource. */
    private static List<FieldError> validateName(String name, String path) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(FieldError.invalid(path, name, NameValidation.qualifiedName(name)));
        if (!name.contains("/") && !STANDARD_CONTAINER_RESOURCES.contains(name) && !name.startsWith("hugepages-")) {
            errors.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
        }
        return errors;
    }

    /** The quantity's value, or null after adding an error if it is malformed or negative. */
    private static BigDecimal amount(Quantity quantity, String path, List<FieldError> errors) {
        String text = text(quantity);
        if (!QUANTITY.matcher(text).matches()) {
            errors.add(FieldError.invalid(path, text,
                    "quantities must match the regular expression '" + QUANTITY_FORMAT + "'"));
            return null;
        }
        BigDecimal amount;
        try {
            amount = quantity.getNumericalAmount();
        } catch (RuntimeException e) {
            errors.add(FieldError.invalid(path, text,
                    "quantities must match the regular expression '" + QUANTITY_FORMAT + "'"));
            return null;
        }
        if (amount.signum() < 0) {
            errors.add(FieldError.invalid(path, text, FieldValidation.NEGATIVE));
            return null;
        }
        return amount;
    }

    /** Requests may be below limits for native resources except huge pages; others must request their limit. */
    private static boolean overcommitAllowed(String name) {
        boolean nativeResource = !name.contains("/") || name.contains("kubernetes.io/");
        return nativeResource && !name.startsWith("hugepages-");
    }

    private static String text(Quantity quantity) {
        if (quantity == null) {
            return "";
        }
        return NullSafe.text(quantity.getAmount()) + NullSafe.text(quantity.getFormat());
    }
}
