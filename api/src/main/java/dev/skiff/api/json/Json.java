package dev.skiff.api.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON and YAML mappers every Skiff component uses for Kubernetes objects. Unknown fields are
 * kept by the fabric8 types (additionalProperties), so they do not fail reading here; the
 * api-server decides which unknown fields to reject. Java time support is there for the few
 * fabric8 fields typed as dates (a Lease's acquireTime and renewTime). On the JVM, Blackbird
 * replaces Jackson's reflective getter and setter calls on the fabric8 types with generated ones.
 */
public final class Json {

    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private Json() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        if (System.getProperty("org.graalvm.nativeimage.imagecode") == null) {
            // on the JVM only: Blackbird generates accessors at run time, which a native image cannot
            mapper.registerModule(new BlackbirdModule());
        }
        return mapper
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
