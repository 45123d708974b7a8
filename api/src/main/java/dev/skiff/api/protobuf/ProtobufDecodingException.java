package dev.skiff.api.protobuf;

/**
 * A request body that is not a Kubernetes protobuf object Skiff can decode: the magic prefix is
 * missing, the wire data is malformed, or the kind has no schema here. The message says which, so
 * the api-server can return it to the client as is.
 */
public class ProtobufDecodingException extends IllegalArgumentException {

    public ProtobufDecodingException(String message) {
        super(message);
    }
}
