package dev.skiff.api.cron;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CronJob's {@code schedule} as Kubernetes reads it (robfig/cron's standard parser): five fields,
 * minute, hour, day of month, month and day of week, each {@code *} or {@code ?}, a value, a range
 * {@code a-b}, with an optional step {@code /n} ({@code a/n} running to the field's end), or a
 * comma-separated list of these; months and days of the week may be named ({@code JAN},
 * {@code MON}); or one of {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight}, {@code @hourly}. When both day fields are restricted, a day
 * matching either matches, as in cron.
 */
public final class CronSchedule {

    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** How far ahead a next time is looked for: a schedule that never fires (30 February) ends the search. */
    private static final int YEARS_AHEAD = 5;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;

    private CronSchedule(BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays, boolean anyDay) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.weekdays = weekdays;
        this.anyDay = anyDay;
    }

    /** The schedule SPEC; {@link IllegalArgumentException} saying what is wrong when it is not one. */
    public static CronSchedule parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.startsWith("@")) {
            String expanded = DESCRIPTORS.get(text.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new IllegalArgumentException("unrecognized descriptor: " + text);
            }
            text = expanded;
        }
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + (text.isEmpty() ? 0 : fields.length) + ": [" + text + "]");
        }
        Field days = Field.parse(fields[2], 1, 31, List.of());
        Field weekdays = Field.parse(fields[4], 0, 6, WEEKDAYS);
        return new CronSchedule(Field.parse(fields[0], 0, 59, List.of()).values, Field.parse(fields[1], 0, 23, List.of()).values,
                days.values, Field.parse(fields[3], 1, 12, MONTHS).values, weekdays.values, days.star || weekdays.star);
    }

    /** The first time after AFTER (to the minute) the schedule fires, in AFTER's zone; null if none within five years. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int yearLimit = t.getYear() + YEARS_AHEAD;
        while (t.getYear() <= yearLimit) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        return anyDay ? day && weekday : day || weekday;
    }

    /** One field's values, and whether it was written as {@code *} or {@code ?} without a step. */
    private record Field(BitSet values, boolean star) {

        static Field parse(String text, int min, int max, List<String> names) {
            BitSet values = new BitSet(max + 1);
            boolean star = false;
            for (String part : text.split(",", -1)) {
                String[] rangeAndStep = part.split("/", -1);
                String[] lowAndHigh = rangeAndStep[0].split("-", -1);
                int start;
                int end;
                boolean all = lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?");
                if (all) {
                    if (lowAndHigh.length > 1) {
                        throw new IllegalArgumentException("failed to parse int from " + rangeAndStep[0]);
                    }
                    start = min;
                    end = max;
                } else {
                    start = value(lowAndHigh[0], names);
                    end = lowAndHigh.length == 1 ? start : lowAndHigh.length == 2 ? value(lowAndHigh[1], names) : fail("too many hyphens: " + part);
                }
                int step = 1;
                if (rangeAndStep.length == 2) {
                    step = value(rangeAndStep[1], List.of());
                    if (lowAndHigh.length == 1 && !all) {
                        end = max;
                    }
                } else if (rangeAndStep.length > 2) {
                    fail("too many slashes: " + part);
                }
                if (start < min) {
                    fail("beginning of range (" + start + ") below minimum (" + min + "): " + part);
                }
                if (end > max) {
                    fail("end of range (" + end + ") above maximum (" + max + "): " + part);
                }
                if (start > end) {
                    fail("beginning of range (" + start + ") beyond end of range (" + end + "): " + part);
                }
                if (step == 0) {
                    fail("step of range should be a positive number: " + part);
                }
                for (int v = start; v <= end; v += step) {
                    values.set(v);
                }
                star |= all && step == 1;
            }
            return new Field(values, star);
        }

        private static int value(String text, List<String> names) {
            int named = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return names.size() == 12 ? named + 1 : named;
            }
            try {
                int value = Integer.parseInt(text);
                if (value < 0) {
                    fail("negative number (" + value + ") not allowed: " + text);
                }
                return value;
            } catch (NumberFormatException e) {
                return fail("failed to parse int from " + text);
            }
        }

        private static int fail(String message) {
            throw new IllegalArgumentException(message);
        }
    }
}
