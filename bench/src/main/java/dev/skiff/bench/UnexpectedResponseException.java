package dev.skiff.bench;

/** The api-server answered a request with a status other than 2xx. */
final class UnexpectedResponseException extends Exception {

    private static final int BODY_SHOWN = 300;

    private final int status;

    UnexpectedResponseException(String request, int status, String body) {
        super("HTTP " + status + " for " + request + ": "
                + (body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "..." : body).strip());
        this.status = status;
    }

    /** The HTTP status of the answer. */
    int status() {
        return status;
    }
}
