package dev.skiff.api.resource;

import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/**
 * How the api-server treats one resource type, in the spirit of Kubernetes' registry strategies.
 * The api-server sets the generic metadata (uid, creationTimestamp, resourceVersion, generation);
 * the strategy handles what is particular to the type.
 */
public interface ResourceStrategy {

    /**
     * Carries over from the stored object what a client may leave out of a full update and
     * Kubernetes keeps (a Service's allocated cluster IPs). Runs before defaults on update.
     */
    void prepareForUpdate(HasMetadata object, HasMetadata old);

    /**
     * Clears what a client may not set on a new object: its status, which the type's own
     * components write (as Kubernetes, a Node keeps it: its kubelet registers it with its status).
     * Runs before defaults on create; the defaults then fill in the initial status.
     */
    void prepareForCreate(HasMetadata object);

    /** Fills in defaults as Kubernetes does (mutates the object). Runs on create and update. */
    void applyDefaults(HasMetadata object);

    /** Validates a new object (after defaults), including metadata. Empty when valid. */
    List<FieldError> validateCreate(HasMetadata object);

    /** Validates an update (after defaults), including immutable fields. Empty when valid. */
    List<FieldError> validateUpdate(HasMetadata object, HasMetadata old);

    /** True if the type has a status kept apart from its spec (the status subresource). */
    boolean hasStatus();

    /**
     * True if {@code metadata.generation} should be bumped for this update: the spec (or what
     * stands for it, e.g. a ConfigMap's data) changed. Status and metadata changes do not count.
     */
    boolean specChanged(HasMetadata object, HasMetadata old);

    /**
     * The fields a field selector may use for this type, with their values for the object. Every
     * supported field is a key (with "" when unset); metadata.name and metadata.namespace always.
     */
    Map<String, String> selectableFields(HasMetadata object);
}
