package dev.skiff.api.patch;

import dev.skiff.api.status.ApiException;

/**
 * A patch that cannot be applied, with the HTTP code the api-server answers: 400 for a body that
 * is not a valid patch of its type, 422 for a valid patch that does not apply to the object (a
 * failed JSON patch {@code test}, a missing path, …), 415 for an unsupported patch type.
 */
public class PatchException extends ApiException {

    private PatchException(int code, String reason, String message) {
        super(code, reason, message);
    }

    /** 400: the body is not a valid patch of its type. */
    public static PatchException invalidPatch(String message) {
        return new PatchException(400, "BadRequest", message);
    }

    /** 422: the patch is valid but cannot be applied to this object. */
    public static PatchException cannotApply(String message) {
        return new PatchException(422, "Invalid", message);
    }

    /** 415: the patch type is not supported (for this kind). */
    public static PatchException unsupported(String message) {
        return new PatchException(415, "UnsupportedMediaType", message);
    }
}
