package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

class ObjectMetaValidationTest {

    private static ObjectMetaBuilder valid() {
        return new ObjectMetaBuilder().withName("web").withNamespace("default");
    }

    private static java.util.List<String> validate(ObjectMeta meta) {
        return render(ObjectMetaValidation.validate(meta, true, NameRule.DNS1123_SUBDOMAIN));
    }

    @Test
    void validMetadataPasses() {
        assertThat(validate(valid().withLabels(Map.of("app.kubernetes.io/name", "web")).build())).isEmpty();
    }

    @Test
    void nameIsRequiredAndFollowsTheTypesRule() {
        assertThat(validate(valid().withName(null).build()))
                .containsExactly("metadata.name: Required value: name or generateName is required");
        assertThat(validate(valid().withName("Web").build())).singleElement().asString()
                .startsWith("metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain");
        assertThat(render(ObjectMetaValidation.validate(valid().withName("web.v1").build(), true,
                NameRule.DNS1035_LABEL)))
                .singleElement().asString().startsWith("metadata.name: Invalid value: \"web.v1\": a DNS-1035 label");
    }

    @Test
    void generateNameIsCheckedAsAPrefix() {
        assertThat(validate(valid().withGenerateName("web-").withName("web-x7k2p").build())).isEmpty();
        assertThat(validate(valid().withGenerateName("Web-").withName("web-x7k2p").build())).singleElement().asString()
                .startsWith("metadata.generateName: Invalid value: \"Web-\"");
    }

    @Test
    void namespaceIsRequiredOnlyForNamespacedTypes() {
        assertThat(validate(valid().withNamespace(null).build())).containsExactly("metadata.namespace: Required value");
        assertThat(validate(valid().withNamespace("Team_A").build())).singleElement().asString()
                .startsWith("metadata.namespace: Invalid value: \"Team_A\": a lowercase RFC 1123 label");
        assertThat(render(ObjectMetaValidation.validate(valid().build(), false, NameRule.DNS1123_SUBDOMAIN)))
                .containsExactly("metadata.namespace: Forbidden: not allowed on this type");
    }

    @Test
    void labelKeysAndValues() {
        assertThat(validate(valid().withLabels(Map.of("bad key", "v")).build())).singleElement().asString()
                .startsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of");
        assertThat(validate(valid().withLabels(Map.of("k", "bad value")).build())).singleElement().asString()
                .startsWith("metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string");
    }

    @Test
    void annotationKeysAreCaseInsensitiveAndTheirTotalSizeIsCapped() {
        assertThat(validate(valid().withAnnotations(Map.of("Example.com/Note", "x")).build())).isEmpty();
        assertThat(validate(valid().withAnnotations(Map.of("a b", "x")).build())).singleElement().asString()
                .startsWith("metadata.annotations: Invalid value: \"a b\"");
        assertThat(validate(valid().withAnnotations(Map.of("big", "x".repeat(256 * 1024))).build()))
                .containsExactly("metadata.annotations: Too long: may not be more than 262144 bytes");
    }

    @Test
    void ownerReferencesNeedIdentityAndOneController() {
        ObjectMeta meta = valid().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("rs")
                .withUid("u1").withController(true).endOwnerReference()
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("rs2")
                .withUid("u2").withController(true).endOwnerReference().build();
        assertThat(validate(meta)).singleElement().asString().endsWith("Only one reference can have Controller set to "
                + "true. Found \"true\" in references for ReplicaSet/rs and ReplicaSet/rs2");
        ObjectMeta incomplete = valid().addNewOwnerReference().withApiVersion("apps/").withKind("").endOwnerReference().build();
        assertThat(validate(incomplete)).containsExactly(
                "metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty",
                "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty");
    }

    @Test
    void finalizersAreQualifiedOrStandard() {
        assertThat(validate(valid().withFinalizers("kubernetes", "example.com/cleanup").build())).isEmpty();
        assertThat(validate(valid().withFinalizers("cleanup").build())).containsExactly("metadata.finalizers[0]: "
                + "Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified");
        assertThat(validate(valid().withFinalizers("orphan", "foregroundDeletion").build())).containsExactly(
                "metadata.finalizers: Invalid value: []string{\"orphan\", \"foregroundDeletion\"}: "
                        + "finalizer orphan and foregroundDeletion cannot be both set");
    }

    @Test
    void generationIsNotNegative() {
        assertThat(validate(valid().withGeneration(-1L).build()))
                .containsExactly("metadata.generation: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void updatesKeepNameNamespaceAndUid() {
        ObjectMeta old = valid().withUid("u1").build();
        assertThat(ObjectMetaValidation.validateUpdate(valid().withUid("u1").build(), old)).isEmpty();
        assertThat(ObjectMetaValidation.validateUpdate(valid().build(),
                old)).as("an empty uid means unchanged").isEmpty();
        assertThat(render(ObjectMetaValidation.validateUpdate(valid().withName("web2").withNamespace("other")
                .withUid("u2").build(), old))).containsExactly(
                "metadata.name: Invalid value: \"web2\": field is immutable",
                "metadata.namespace: Invalid value: \"other\": field is immutable",
                "metadata.uid: Invalid value: \"u2\": field is immutable");
    }

    @Test
    void noFinalizerMayBeAddedDuringDeletion() {
        ObjectMeta deleting = valid().withDeletionTimestamp("2024-01-01T00:00:00Z").withFinalizers("a.io/x").build();
        assertThat(ObjectMetaValidation.validateUpdate(valid().build(), deleting)).isEmpty();
        assertThat(render(ObjectMetaValidation.validateUpdate(valid().withFinalizers("a.io/x", "b.io/y").build(),
                deleting)))
                .containsExactly("metadata.finalizers: Forbidden: no new finalizers can be added if the object is "
                        + "being deleted, found new finalizers []string{\"b.io/y\"}");
        ObjectMeta live = valid().build();
        assertThat(ObjectMetaValidation.validateUpdate(valid().withFinalizers("b.io/y").build(), live)).isEmpty();
    }
}
