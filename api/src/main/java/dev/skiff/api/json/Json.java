package dev.skiff.api.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The JSON and YAML mappers every Skiff component uses for Kubernetes objects. Unknown fields are
 * kept by the fabric8 types (additionalProperties), so they do not fail reading here; the
 * api-server decides which unknown fields to reject.
 */
public final class Json {

    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private Json() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
