package dev.skiff.apiserver.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.util.Comparator;

/** Converts between the JSON trees the api-server moves around and the fabric8 types strategies work on. */
public final class TypedObjects {

    private TypedObjects() {
    }

    /** The tree as the resource's fabric8 type; a field of the wrong type is 400 BadRequest. */
    public static HasMetadata toTyped(ResourceType type, ObjectNode node) {
        try {
            return Json.MAPPER.treeToValue(node, type.type());
        } catch (JsonMappingException e) {
            throw cannotBeHandled(type, e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest(type.kind() + " cannot be decoded: " + e.getMessage());
        }
    }

    /**
     * JSON straight into the resource's fabric8 type, without a tree in between; malformed JSON or a
     * field of the wrong type is 400 BadRequest, and so is JSON that is not an object.
     */
    public static HasMetadata fromJson(ResourceType type, byte[] json) {
        try {
            HasMetadata object = Json.MAPPER.readValue(json, type.type());
            if (object == null) {
                throw ApiException.badRequest("the request body is empty");
            }
            return object;
        } catch (MismatchedInputException e) {
            throw e.getPath().isEmpty() ? ApiException.badRequest("the body of the request must be a JSON object")
                    : cannotBeHandled(type, e);
        } catch (JsonMappingException e) {
            throw cannotBeHandled(type, e);
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            throw ApiException.badRequest("the body of the request could not be decoded: " + (nl > 0 ? msg.substring(0, nl) : msg));
        }
    }

    private static ApiException cannotBeHandled(ResourceType type, JsonMappingException e) {
        return ApiException.badRequest(type.kind() + " in version \"" + type.version()
                + "\" cannot be handled as a " + type.kind() + ": " + describe(e));
    }

    public static ObjectNode toTree(HasMetadata object) {
        return Json.MAPPER.valueToTree(object);
    }

    /** True if two trees hold the same values; numbers compare by value (30 read from JSON equals a long 30). */
    public static boolean sameContent(ObjectNode a, ObjectNode b) {
        return a.equals(SAME_VALUE, b);
    }

    private static final Comparator<JsonNode> SAME_VALUE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        return (path.length() > 0 ? "field " + path + ": " : "") + (nl > 0 ? msg.substring(0, nl) : msg);
    }
}
