package dev.skiff.api.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Kubernetes' {@code duration.HumanDuration} (k8s.io/apimachinery/pkg/util/duration): a succinct,
 * ~2-3 significant figure rendering of a duration, as used for AGE columns: {@code 5s}, {@code 119s},
 * {@code 3m20s}, {@code 70m}, {@code 3h1m}, {@code 47h}, {@code 2d3h}, {@code 367d}, {@code 2y1d}, {@code 8y}.
 * A duration up to 2 seconds negative (clock skew) renders as {@code 0s}; anything more negative as
 * {@code <invalid>}.
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    /** Formats {@code d} exactly as Kubernetes' {@code HumanDuration}. */
    public static String format(Duration d) {
        long seconds = truncatedSeconds(d);
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + dy + "d";
        }
        return (hours / 24 / 365) + "y";
    }

    /**
     * Kubernetes' {@code translateTimestampSince}: {@code <unknown>} for a missing timestamp, else the
     * human duration from {@code timestamp} to {@code now}.
     */
    public static String since(Instant timestamp, Instant now) {
        if (timestamp == null) {
            return "<unknown>";
        }
        return format(Duration.between(timestamp, now));
    }

    /** Whole seconds truncated toward zero, as Go's {@code int(d.Seconds())}. */
    private static long truncatedSeconds(Duration d) {
        long s = d.getSeconds();
        if (s < 0 && d.getNano() > 0) {
            s += 1;
        }
        return s;
    }
}
