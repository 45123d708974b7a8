package dev.skiff.api.validation;

import dev.skiff.api.defaults.SecretDefaults;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

/** ConfigMaps and Secrets, which share their key rules and immutability. */
class ConfigDataValidationTest {

    private static ConfigMapBuilder configMap() {
        return new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("default").endMetadata();
    }

    private static SecretBuilder secret() {
        return new SecretBuilder().withNewMetadata().withName("creds").withNamespace("default").endMetadata().withType("Opaque");
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes());
    }

    @Test
    void configMapKeysAreFileNames() {
        assertThat(ConfigMapValidation.validate(configMap().withData(Map.of("app.yaml", "x")).build())).isEmpty();
        assertThat(render(ConfigMapValidation.validate(configMap().withData(Map.of("a/b", "x")).build())))
                .singleElement().asString().startsWith("data[a/b]: Invalid value: \"a/b\": a valid config key must consist");
        assertThat(render(ConfigMapValidation.validate(configMap().withData(Map.of("k", "x"))
                .withBinaryData(Map.of("k", base64("y"))).build())))
                .containsExactly("data[k]: Invalid value: \"k\": duplicate of key present in binaryData");
    }

    @Test
    void configMapsHoldAtMostOneMebibyte() {
        assertThat(render(ConfigMapValidation.validate(configMap().withData(Map.of("big",
                "x".repeat(1024 * 1024 + 1))).build())))
                .containsExactly(": Too long: may not be more than 1048576 bytes");
    }

    @Test
    void immutableConfigMapsKeepTheirData() {
        ConfigMap old = configMap().withData(Map.of("k", "1")).withImmutable(true).build();
        assertThat(ConfigMapValidation.validateUpdate(configMap().withData(Map.of("k",
                "1")).withImmutable(true).build(), old))
                .isEmpty();
        assertThat(render(ConfigMapValidation.validateUpdate(configMap().withData(Map.of("k", "2")).build(), old)))
                .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set",
                        "data: Forbidden: field is immutable when `immutable` is set");
        ConfigMap mutable = configMap().withData(Map.of("k", "1")).build();
        assertThat(ConfigMapValidation.validateUpdate(configMap().withData(Map.of("k", "2")).build(),
                mutable)).isEmpty();
    }

    @Test
    void secretKeysAndEncoding() {
        assertThat(SecretValidation.validate(secret().withData(Map.of("password",
                base64("s3cret"))).build())).isEmpty();
        assertThat(render(SecretValidation.validate(secret().withData(Map.of("pass word", base64("x"))).build())))
                .singleElement().asString().startsWith("data[pass word]: Invalid value: \"pass word\"");
        assertThat(render(SecretValidation.validate(secret().withData(Map.of("k", "not base64!")).build())))
                .containsExactly("data[k]: Invalid value: \"<secret contents redacted>\": must be base64-encoded");
    }

    @Test
    void typedSecretsNeedTheirKeys() {
        assertThat(render(SecretValidation.validate(secret().withType("kubernetes.io/tls").build())))
                .containsExactly("data[tls.crt]: Required value", "data[tls.key]: Required value");
        assertThat(render(SecretValidation.validate(secret().withType("kubernetes.io/basic-auth").build())))
                .containsExactly("data[username]: Required value", "data[password]: Required value");
        assertThat(render(SecretValidation.validate(secret().withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", base64("{not json"))).build())))
                .singleElement().asString().startsWith("data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": ");
        assertThat(render(SecretValidation.validate(secret().withType("kubernetes.io/service-account-token").build())))
                .containsExactly("metadata.annotations[kubernetes.io/service-account.name]: Required value");
    }

    @Test
    void secretsKeepTheirTypeAndImmutableData() {
        Secret old = secret().withData(Map.of("k", base64("1"))).withImmutable(true).build();
        assertThat(render(SecretValidation.validateUpdate(secret().withType("kubernetes.io/tls")
                .withData(Map.of("tls.crt", base64("c"), "tls.key", base64("k"))).withImmutable(true).build(), old)))
                .containsExactly("type: Invalid value: \"kubernetes.io/tls\": field is immutable",
                        "data: Forbidden: field is immutable when `immutable` is set");
    }

    @Test
    void stringDataCountsAsData() {
        Secret tls = secret().withType("kubernetes.io/tls").withStringData(Map.of("tls.crt", "c", "tls.key",
                "k")).build();
        SecretDefaults.apply(tls);
        assertThat(SecretValidation.validate(tls)).isEmpty();
    }
}
