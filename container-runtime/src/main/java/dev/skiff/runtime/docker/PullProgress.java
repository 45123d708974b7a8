package dev.skiff.runtime.docker;

import com.github.dockerjava.api.model.PullResponseItem;

/** Follows a pull's progress messages and keeps the error the engine reports in them. */
final class PullProgress extends StreamCallback<PullResponseItem> {

    private volatile String error;

    @Override
    public void onNext(PullResponseItem item) {
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage()
                    : item.getError();
        }
    }

    /** The error the engine reported in the stream, or null. */
    String error() {
        return error;
    }
}
