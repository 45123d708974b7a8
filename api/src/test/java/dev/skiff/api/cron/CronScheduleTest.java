package dev.skiff.api.cron;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    /** A Friday. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 27, 17, 30, 20, 0, UTC);

    private static String next(String schedule, ZonedDateTime after) {
        ZonedDateTime next = CronSchedule.parse(schedule).next(after);
        return next == null ? null : next.toOffsetDateTime().toString();
    }

    @Test
    void everyMinuteStepsAndListsFireAtTheNextMatchingMinute() {
        assertThat(next("* * * * *", NOW)).isEqualTo("2026-11-27T17:31Z");
        assertThat(next("*/15 * * * *", NOW)).isEqualTo("2026-11-27T17:45Z");
        assertThat(next("5,10 9-17 * * *", NOW)).isEqualTo("2026-11-28T09:05Z");
        assertThat(next("40/5 * * * *", NOW)).as("a/n runs to the end of the field").isEqualTo("2026-11-27T17:40Z");
        assertThat(next("0 0 * * *", NOW)).isEqualTo("2026-11-28T00:00Z");
    }

    @Test
    void namesAndDescriptorsAreKubernetes() {
        assertThat(next("0 12 * * MON-WED", NOW)).isEqualTo("2026-11-30T12:00Z");
        assertThat(next("0 0 1 jan *", NOW)).isEqualTo("2027-01-01T00:00Z");
        assertThat(next("@hourly", NOW)).isEqualTo("2026-11-27T18:00Z");
        assertThat(next("@weekly", NOW)).isEqualTo("2026-11-29T00:00Z");
        assertThat(next("@yearly", NOW)).isEqualTo("2027-01-01T00:00Z");
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        assertThat(next("0 0 13 * FRI", NOW)).as("Friday the 4th of December comes before the 13th").isEqualTo("2026-12-04T00:00Z");
        assertThat(next("0 0 13 * *", NOW)).isEqualTo("2026-12-13T00:00Z");
        assertThat(next("0 0 30 2 *", NOW)).as("a date that never comes").isNull();
    }

    @Test
    void theZoneOfTheTimeGivenIsTheSchedules() {
        ZonedDateTime tokyo = NOW.withZoneSameInstant(ZoneId.of("Asia/Tokyo"));
        assertThat(CronSchedule.parse("0 9 * * *").next(tokyo).toOffsetDateTime().toString()).isEqualTo("2026-11-28T09:00+09:00");
    }

    @Test
    void malformedSchedulesSayWhatIsWrong() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessage("expected exactly 5 fields, found 4: [* * * *]");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessage("end of range (61) above maximum (59): 61");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * 7")).hasMessage("end of range (7) above maximum (6): 7");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessage("step of range should be a positive number: */0");
        assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *")).hasMessage("beginning of range (5) beyond end of range (1): 5-1");
        assertThatThrownBy(() -> CronSchedule.parse("x * * * *")).hasMessage("failed to parse int from x");
        assertThatThrownBy(() -> CronSchedule.parse("@every 1m")).hasMessage("unrecognized descriptor: @every 1m");
    }
}
