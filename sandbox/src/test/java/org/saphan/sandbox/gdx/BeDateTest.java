package org.saphan.sandbox.gdx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BeDateTest {

  @ParameterizedTest(name = "{0} valid={1}")
  @CsvSource({
    "25180712, true",
    "25380500, true",
    "25290000, true",
    "25430229, true",
    "25440229, false",
    "25380005, false",
    "25381301, false",
    "25380132, false",
    "19750712, false",
    "2538050, false",
  })
  void shouldTellRegisterDateWhenValueIsChecked(int value, boolean valid) {
    // given / when / then
    assertThat(BeDate.isValid(value)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "given {0} registered {1} -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "25180712, 25180712, true",
        "25180000, 25180712, true",
        "25180700, 25180712, true",
        "25180713, 25180712, false",
        "25190712, 25180712, false",
        "25380500, 25380500, true",
        "25380000, 25380500, true",
        "25380512, 25380500, false",
        "25290000, 25290000, true",
        "25290101, 25290000, false",
        "2518-07-12, 25180712, false",
        "null, 25180712, false",
      })
  void shouldMatchUnknownPartsWhenCallerWritesZeros(String given, int registered, boolean matches) {
    // given / when / then
    assertThat(BeDate.matches(given, registered)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "born {0} on {1} -> {2}")
  @CsvSource({
    "25180712, 2026-07-11, 50",
    "25180712, 2026-07-12, 51",
    "25380500, 2026-04-30, 30",
    "25380500, 2026-05-01, 31",
    "25290000, 2026-01-01, 40",
  })
  void shouldCountAgeFromFirstOfUnknownPartWhenDateIsPartial(
      int dateOfBirth, LocalDate today, int age) {
    // given / when / then
    assertThat(BeDate.age(dateOfBirth, today)).isEqualTo(age);
  }
}
