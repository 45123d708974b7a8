package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.patch.ManagedFields;
import dev.skiff.api.patch.PatchType;
import dev.skiff.api.patch.Patcher;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.validation.FieldError;
import dev.skiff.apiserver.admission.DefaultTolerationSeconds;
import dev.skiff.apiserver.admission.TypedObjects;
import dev.skiff.apiserver.admission.WriteOptions;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.apiserver.storage.ResourceStorage;
import dev.skiff.apiserver.storage.StoredObject;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The write verbs with Kubernetes' semantics, independent of HTTP: server-set metadata, defaults,
 * mutating admission (default tolerations of pods) and validation, status kept apart from spec,
 * compare-and-swap on resourceVersion, graceful deletion and finalizers.
 */
@ApplicationScoped
public class ResourceOperations {

    private static final Logger LOG = Logger.getLogger(ResourceOperations.class);
    private static final int PATCH_RETRIES = 5;
    private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ResourceStorage storage;
    private final NamespaceCache namespaces;
    private final DefaultTolerationSeconds defaultTolerations;
    private final Clock clock;

    public ResourceOperations(ResourceStorage storage, NamespaceCache namespaces, DefaultTolerationSeconds defaultTolerations) {
        this.storage = storage;
        this.namespaces = namespaces;
        this.defaultTolerations = defaultTolerations;
        this.clock = Clock.systemUTC();
    }

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return storage.get(type, namespace, name);
    }

    /**
     * Creates the object in the namespace from the path; {@code object} has been checked against the
     * path and has metadata.
     */
    public StoredObject<HasMetadata> create(ResourceType type, String namespace, HasMetadata object, WriteOptions options) {
        return create(type, namespace, object, options, null);
    }

    /** Creates the object; its managed fields are APPLIED_FIELDS (a server-side apply's), else all the creator's. */
    private StoredObject<HasMetadata> create(ResourceType type, String namespace, HasMetadata object, WriteOptions options,
                                             JsonNode appliedFields) {
        io.fabric8.kubernetes.api.model.ObjectMeta meta = object.getMetadata();
        if (type.namespaced()) {
            requireLiveNamespace(namespace);
        }
        boolean generated = isEmpty(meta.getName()) && !isEmpty(meta.getGenerateName());
        for (int attempt = 0; ; attempt++) {
            if (generated) {
                meta.setName(meta.getGenerateName() + randomSuffix());
            }
            prepareForCreate(type, object, options);
            meta.setManagedFields(ManagedFields.typed(appliedFields != null ? appliedFields
                    : ManagedFields.updated(null, Json.MAPPER.valueToTree(object), type.kind(), options.fieldManager(), null, clock.instant())));
            if (options.dryRun()) {
                return StoredObject.serialized(object);
            }
            try {
                String name = meta.getName();
                StoredObject<HasMetadata> created = storage.create(type, namespace, name, object);
                LOG.debugf("%s %s created", type.singular(), describe(namespace, name));
                return created;
            } catch (ApiException e) {
                if (!generated || e.code() != 409 || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** Server-set metadata, then as Kubernetes: the strategy's preparation, defaults, admission and validation. */
    private void prepareForCreate(ResourceType type, HasMetadata object, WriteOptions options) {
        io.fabric8.kubernetes.api.model.ObjectMeta meta = object.getMetadata();
        meta.setUid(UUID.randomUUID().toString());
        meta.setCreationTimestamp(ObjectMeta.timestamp(clock.instant()));
        meta.setResourceVersion(null);
        meta.setDeletionTimestamp(null);
        meta.setDeletionGracePeriodSeconds(null);
        meta.setSelfLink(null);
        meta.setManagedFields(null);
        meta.setGeneration(type.strategy().hasStatus() ? Long.valueOf(1) : null);
        type.strategy().prepareForCreate(object);
        options.checkUnknownFields(object);
        type.strategy().applyDefaults(object);
        defaultTolerations.admit(object);
        List<FieldError> errors = type.strategy().validateCreate(object);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), meta.getName(), errors);
        }
    }

    /**
     * Replaces the object (or, for {@code subresource} "status", its status) with {@code body}.
     * A resourceVersion in the body must be current; without one the update is unconditional.
     */
    public StoredObject<ObjectNode> update(ResourceType type, String namespace, String name, String subresource,
                                           ObjectNode body, WriteOptions options) {
        long precondition = ObjectMeta.resourceVersion(body);
        checkIdentity(type, namespace, name, body);
        for (int attempt = 0; ; attempt++) {
            ObjectNode old = storage.get(type, namespace, name);
            if (precondition != 0 && precondition != ObjectMeta.resourceVersion(old)) {
                throw ResourceStorage.staleConflict(type, name);
            }
            try {
                return writeUpdate(type, namespace, name, subresource, body.deepCopy(), old, options, null);
            } catch (ApiException e) {
                if (precondition != 0 || e.code() != 409 || !"Conflict".equals(e.reason()) || attempt >= PATCH_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** Applies a patch to the current object and writes the result, retrying when the object changed under it. */
    public StoredObject<ObjectNode> patch(ResourceType type, String namespace, String name, String subresource,
                                          PatchType patchType, JsonNode patch, WriteOptions options) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode old = storage.get(type, namespace, name);
            if (!(Patcher.apply(patchType, type.kind(), old, patch) instanceof ObjectNode patched)) {
                throw ApiException.badRequest("the patch does not produce an object");
            }
            long wanted = ObjectMeta.resourceVersion(patched);
            if (wanted != ObjectMeta.resourceVersion(old)) {
                throw ResourceStorage.staleConflict(type, name);
            }
            checkIdentity(type, namespace, name, patched);
            try {
                return writeUpdate(type, namespace, name, subresource, patched, old, options, null);
            } catch (ApiException e) {
                boolean preconditioned = patch.path("metadata").has("resourceVersion");
                if (preconditioned || e.code() != 409 || !"Conflict".equals(e.reason()) || attempt >= PATCH_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** What a server-side apply wrote, and whether it created the object. */
    public record Applied(StoredObject<?> object, boolean created) {
    }

    /**
     * Server-side apply of CONFIG by the request's field manager ({@link ManagedFields#apply}): the
     * object is created when missing, else CONFIG is merged into it; retried when the object
     * changed under it, unless CONFIG names the resourceVersion it expects.
     */
    public Applied apply(ResourceType type, String namespace, String name, ObjectNode config, WriteOptions options) {
        checkApplied(type, namespace, name, config);
        long wanted = ObjectMeta.resourceVersion(config);
        for (int attempt = 0; ; attempt++) {
            ObjectNode old = storage.find(type, namespace, name).orElse(null);
            ObjectNode merged = ManagedFields.apply(old, config, type.kind(), options.fieldManager(), options.force(), clock.instant());
            JsonNode managed = ObjectCodec.metadata(merged).get("managedFields");
            try {
                if (old == null) {
                    if (wanted != 0) {
                        throw ApiException.notFound(type.group(), type.plural(), name);
                    }
                    ObjectCodec.metadata(merged).remove("managedFields");
                    return new Applied(create(type, namespace, TypedObjects.toTyped(type, merged), options, managed), true);
                }
                if (wanted != 0 && wanted != ObjectMeta.resourceVersion(old)) {
                    throw ResourceStorage.staleConflict(type, name);
                }
                return new Applied(writeUpdate(type, namespace, name, null, merged, old, options, managed), false);
            } catch (ApiException e) {
                boolean raced = e.code() == 409 && ("Conflict".equals(e.reason()) || "AlreadyExists".equals(e.reason()));
                if (wanted != 0 || !raced || attempt >= PATCH_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** An apply configuration must be of the path's kind, name and namespace (filled in when left out). */
    private static void checkApplied(ResourceType type, String namespace, String name, ObjectNode config) {
        if (!type.kind().equals(config.path("kind").asText()) || !type.apiVersion().equals(config.path("apiVersion").asText())) {
            throw ApiException.badRequest("the apply configuration must be of kind " + type.kind() + " and apiVersion "
                    + type.apiVersion() + ", not " + config.path("kind").asText("(none)") + " " + config.path("apiVersion").asText("(none)"));
        }
        ObjectNode meta = config.with("metadata");
        if (!meta.hasNonNull("name")) {
            meta.put("name", name);
        }
        if (type.namespaced() && !meta.hasNonNull("namespace")) {
            meta.put("namespace", namespace);
        }
    }

    /** OBJECT without its managed fields, for the checks of an update, which do not read them: converting them costs as much as the rest. */
    private static ObjectNode withoutManagedFields(ObjectNode object) {
        ObjectNode meta = ObjectCodec.metadata(object);
        if (!meta.has("managedFields")) {
            return object;
        }
        ObjectNode shallow = object.objectNode().setAll(object);
        ObjectNode shallowMeta = meta.objectNode().setAll(meta);
        shallowMeta.remove("managedFields");
        shallow.set("metadata", shallowMeta);
        return shallow;
    }

    private void checkIdentity(ResourceType type, String namespace, String name, ObjectNode object) {
        if (!name.equals(ObjectMeta.name(object))) {
            throw ApiException.badRequest("the name of the object (" + ObjectMeta.name(object)
                    + ") does not match the name on the URL (" + name + ")");
        }
        if (type.namespaced() && !Objects.equals(namespace, ObjectMeta.namespace(object))) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /**
     * Writes BODY as the new state of OLD (or of its SUBRESOURCE). Its managed fields are
     * APPLIED_FIELDS (a server-side apply's), else the writer takes the fields it changed.
     */
    private StoredObject<ObjectNode> writeUpdate(ResourceType type, String namespace, String name, String subresource,
                                                 ObjectNode body, ObjectNode old, WriteOptions options, JsonNode appliedFields) {
        ObjectNode next;
        if ("finalize".equals(subresource)) {
            next = old.deepCopy();
            JsonNode finalizers = body.path("spec").path("finalizers");
            if (finalizers.isMissingNode() || finalizers.isNull()) {
                next.with("spec").remove("finalizers");
            } else {
                next.with("spec").set("finalizers", finalizers);
            }
        } else if ("status".equals(subresource)) {
            next = old.deepCopy();
            if (body.has("status")) {
                next.set("status", body.get("status"));
            } else {
                next.remove("status");
            }
        } else {
            next = body;
            NamespaceFinalization.keepSpecFinalizers(type, next, old);
            if (type.strategy().hasStatus()) {
                if (old.has("status")) {
                    next.set("status", old.get("status"));
                } else {
                    next.remove("status");
                }
            }
        }
        next.put("kind", type.kind());
        next.put("apiVersion", type.apiVersion());
        ObjectNode meta = ObjectCodec.metadata(next);
        ObjectNode oldMeta = ObjectCodec.metadata(old);
        String uid = ObjectMeta.text(next, "uid");
        if (!uid.isEmpty() && !uid.equals(ObjectMeta.text(old, "uid"))) {
            throw ApiException.conflict(type.group(), type.plural(), name,
                    "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + ObjectMeta.text(old, "uid"));
        }
        for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
            if (oldMeta.has(field)) {
                meta.set(field, oldMeta.get(field));
            } else {
                meta.remove(field);
            }
        }
        meta.put("resourceVersion", oldMeta.path("resourceVersion").asText());
        meta.remove(List.of("selfLink", "managedFields"));

        HasMetadata typed = TypedObjects.toTyped(type, next);
        options.checkUnknownFields(typed);
        HasMetadata oldTyped = TypedObjects.toTyped(type, withoutManagedFields(old));
        type.strategy().prepareForUpdate(typed, oldTyped);
        type.strategy().applyDefaults(typed);
        if (subresource == null) {
            // as Kubernetes' admission, on updates of the pod itself too: a full update that left them out keeps them
            defaultTolerations.admit(typed);
        }
        List<FieldError> errors = type.strategy().validateUpdate(typed, oldTyped);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), name, errors);
        }
        if (type.strategy().hasStatus() && type.strategy().specChanged(typed, oldTyped)) {
            Long generation = oldTyped.getMetadata().getGeneration();
            typed.getMetadata().setGeneration(generation == null ? 1 : generation + 1);
        }
        ObjectNode result = TypedObjects.toTree(typed);
        JsonNode managed = appliedFields != null ? appliedFields
                : ManagedFields.updated(old, result, type.kind(), options.fieldManager(), subresource, clock.instant());
        if (managed == null) {
            ObjectCodec.metadata(result).remove("managedFields");
        } else {
            ObjectCodec.metadata(result).set("managedFields", managed);
        }
        if (TypedObjects.sameContent(result, old)) {
            return StoredObject.serialized(old);
        }
        if (options.dryRun()) {
            return StoredObject.serialized(result);
        }
        long expected = ObjectMeta.resourceVersion(old);
        // as Kubernetes: only an object whose grace period is over goes; a pod still terminating on its node stays
        if (ObjectMeta.isDeleting(result) && ObjectCodec.metadata(result).path("deletionGracePeriodSeconds").asLong(0) == 0
                && !ObjectMeta.hasFinalizers(result) && !NamespaceFinalization.pending(type, result)) {
            LOG.debugf("%s %s: last finalizer removed, deleting", type.singular(), describe(namespace, name));
            return StoredObject.serialized(storage.delete(type, namespace, name, expected));
        }
        return storage.update(type, namespace, name, result, expected);
    }

    /**
     * Deletes as Kubernetes does: a pod on a node gets a grace period (the kubelet removes it);
     * an object with finalizers is marked with a deletionTimestamp and stays until they are gone;
     * anything else is removed at once. Returns the object as it now stands (or as it was).
     */
    public ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options, boolean dryRun) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode current = storage.get(type, namespace, name);
            checkPreconditions(type, name, options, current);
            ObjectNode next = current.deepCopy();
            ObjectNode meta = ObjectCodec.metadata(next);
            String policy = options == null ? null : options.getPropagationPolicy();
            if ("Orphan".equals(policy)) {
                ObjectMeta.addFinalizer(next, "orphan");
            } else if ("Foreground".equals(policy)) {
                ObjectMeta.addFinalizer(next, "foregroundDeletion");
            } else if (policy != null && !"Background".equals(policy)) {
                throw ApiException.invalid(type.group(), "DeleteOptions", "", List.of(FieldError.notSupported(
                        "propagationPolicy", policy, List.of("Foreground", "Background", "Orphan"))));
            }
            Instant now = clock.instant();
            long grace = GracefulDeletion.gracePeriod(type, current, options);
            boolean namespacePending = NamespaceFinalization.begin(type, next);
            boolean keep = grace > 0 || ObjectMeta.hasFinalizers(next) || namespacePending;
            if (keep) {
                if (!ObjectMeta.isDeleting(next) || grace < meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE)) {
                    meta.put("deletionTimestamp", ObjectMeta.timestamp(now.plusSeconds(grace)));
                    meta.put("deletionGracePeriodSeconds", grace);
                }
                if (TypedObjects.sameContent(next, current) || dryRun) {
                    return next;
                }
            } else if (dryRun) {
                return current;
            }
            try {
                ObjectNode result = keep
                        ? storage.update(type, namespace, name, next, ObjectMeta.resourceVersion(current)).object()
                        : storage.delete(type, namespace, name, ObjectMeta.resourceVersion(current));
                LOG.debugf("%s %s %s", type.singular(), describe(namespace, name), keep ? "marked for deletion" : "deleted");
                return result;
            } catch (ApiException e) {
                if (e.code() != 409 || attempt >= PATCH_RETRIES || preconditioned(options)) {
                    throw e;
                }
            }
        }
    }

    private static boolean preconditioned(DeleteOptions options) {
        return options != null && options.getPreconditions() != null
                && options.getPreconditions().getResourceVersion() != null;
    }

    private static void checkPreconditions(ResourceType type, String name, DeleteOptions options, ObjectNode current) {
        if (options == null || options.getPreconditions() == null) {
            return;
        }
        String uid = options.getPreconditions().getUid();
        if (uid != null && !uid.equals(ObjectMeta.text(current, "uid"))) {
            throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: "
                    + uid + ", UID in object meta: " + ObjectMeta.text(current, "uid"));
        }
        String rv = options.getPreconditions().getResourceVersion();
        if (rv != null && !rv.equals(ObjectMeta.text(current, "resourceVersion"))) {
            throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: ResourceVersion in precondition: "
                    + rv + ", ResourceVersion in object meta: " + ObjectMeta.text(current, "resourceVersion"));
        }
    }

    /** Objects in a namespace need the namespace to exist and not be terminating. */
    private void requireLiveNamespace(String namespace) {
        boolean terminating = namespaces.terminating(namespace)
                .orElseThrow(() -> ApiException.notFound("", "namespaces", namespace));
        if (terminating) {
            throw ApiException.forbidden("unable to create new content in namespace " + namespace
                    + " because it is being terminated");
        }
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    private static String randomSuffix() {
        char[] c = new char[5];
        for (int i = 0; i < c.length; i++) {
            c[i] = GENERATE_ALPHABET.charAt(RANDOM.nextInt(GENERATE_ALPHABET.length()));
        }
        return new String(c);
    }

    private static String describe(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }
}
