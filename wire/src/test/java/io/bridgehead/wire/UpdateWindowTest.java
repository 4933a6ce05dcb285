package io.bridgehead.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class UpdateWindowTest {
  /** A Monday. */
  private static final LocalDateTime MONDAY = LocalDateTime.parse("2026-01-05T00:00");

  @Test
  void weekdayWindowOpensOnlyInsideHours() {
    UpdateWindow window = UpdateWindow.parse("Mon-Fri  01:00-05:00");

    assertThat(window.toString()).isEqualTo("mon-fri 01:00-05:00");
    assertThat(window.isOpen(MONDAY.withHour(1))).isTrue();
    assertThat(window.isOpen(MONDAY.withHour(4).withMinute(59))).isTrue();
    assertThat(window.isOpen(MONDAY.withHour(5))).isFalse();
    assertThat(window.isOpen(MONDAY.withHour(0).withMinute(59))).isFalse();
    assertThat(window.isOpen(MONDAY.plusDays(5).withHour(2))).isFalse();
  }

  @Test
  void windowAcrossMidnightBelongsToStartDay() {
    UpdateWindow window = UpdateWindow.parse("fri 22:00-02:00");

    assertThat(window.isOpen(MONDAY.plusDays(4).withHour(23))).isTrue();
    assertThat(window.isOpen(MONDAY.plusDays(5).withHour(1))).isTrue();
    assertThat(window.isOpen(MONDAY.plusDays(5).withHour(23))).isFalse();
    assertThat(window.isOpen(MONDAY.plusDays(4).withHour(1))).isFalse();
  }

  @Test
  void daysDefaultToEveryDayAndListsNormalize() {
    assertThat(UpdateWindow.parse("00:00-24:00").days()).hasSize(7);
    assertThat(UpdateWindow.parse("00:00-24:00").toString()).isEqualTo("00:00-24:00");
    assertThat(UpdateWindow.parse("sun,sat,mon 03:00-04:00").toString())
        .isEqualTo("mon,sat-sun 03:00-04:00");
    assertThat(UpdateWindow.parse("fri-mon 03:00-04:00").days()).containsExactlyInAnyOrder(
        DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
  }

  @Test
  void badTextIsRejectedWithReason() {
    assertThatThrownBy(() -> UpdateWindow.parse("weekdays at night"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid update window 'weekdays at night'")
        .hasMessageContaining("mon-fri 01:00-05:00");
    assertThatThrownBy(() -> UpdateWindow.parse("mon-fry 01:00-05:00"))
        .hasMessageContaining("'fry' is not a day");
    assertThatThrownBy(() -> UpdateWindow.parse("mon 25:00-26:00"))
        .hasMessageContaining("'25:00' is not a time of day");
    assertThatThrownBy(() -> UpdateWindow.parse("mon 24:00-01:00"))
        .hasMessageContaining("'24:00' is not a time of day");
    assertThatThrownBy(() -> UpdateWindow.parse("mon 03:00-03:00"))
        .hasMessageContaining("start and end are equal");
    assertThatThrownBy(() -> UpdateWindow.parse(" "))
        .hasMessageContaining("the update window is empty");
  }
}
