package io.bridgehead.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The one-paste enrollment string: round trip and each way decoding can fail. */
class EnrollmentStringTest {
  private static final String FINGERPRINT = String.join(":", Collections.nCopies(32, "AB"));
  private static final EnrollmentString SAMPLE =
      new EnrollmentString("https://tenant.example:8443", "bhk_secret-key", FINGERPRINT);

  @Test
  void roundTripKeepsEveryField() {
    String text = SAMPLE.encode();

    assertThat(text).startsWith("bh1.");
    assertThat(EnrollmentString.decode(text)).isEqualTo(SAMPLE);
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(EnrollmentString.decode("  " + SAMPLE.encode() + "\n")).isEqualTo(SAMPLE);
  }

  @Test
  void encodedTextIsUrlSafe() {
    assertThat(SAMPLE.encode().substring(4)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void toStringHidesKey() {
    assertThat(SAMPLE.toString()).doesNotContain("bhk_secret-key").contains("hidden");
  }

  @Test
  void wrongPrefixIsRejected() {
    assertThatThrownBy(() -> EnrollmentString.decode("bh2.abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with 'bh1.'");
  }

  @Test
  void bareKeyIsRejectedAsWrongPrefix() {
    assertThatThrownBy(() -> EnrollmentString.decode("bhk_secret-key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with 'bh1.'")
        .hasMessageNotContaining("secret-key");
  }

  @Test
  void badBase64IsRejected() {
    assertThatThrownBy(() -> EnrollmentString.decode("bh1.not*base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not URL-safe Base64");
  }

  @Test
  void badJsonIsRejected() {
    assertThatThrownBy(() -> EnrollmentString.decode(encode("{\"tenant\": ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void jsonArrayIsRejected() {
    assertThatThrownBy(() -> EnrollmentString.decode(encode("[1, 2]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void missingTenantIsNamed() {
    String json = "{\"key\": \"k\", \"fingerprint\": \"" + FINGERPRINT + "\"}";

    assertThatThrownBy(() -> EnrollmentString.decode(encode(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'tenant' is missing");
  }

  @Test
  void missingKeyIsNamed() {
    String json = "{\"tenant\": \"https://t\", \"fingerprint\": \"" + FINGERPRINT + "\"}";

    assertThatThrownBy(() -> EnrollmentString.decode(encode(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'key' is missing");
  }

  @Test
  void missingFingerprintIsNamed() {
    String json = "{\"tenant\": \"https://t\", \"key\": \"k\"}";

    assertThatThrownBy(() -> EnrollmentString.decode(encode(json)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'fingerprint' is missing");
  }

  @Test
  void plainHttpTenantIsRejected() {
    String text = new EnrollmentString("http://t", "k", FINGERPRINT).encode();

    assertThatThrownBy(() -> EnrollmentString.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not HTTPS");
  }

  @Test
  void invalidFingerprintIsRejected() {
    String text = new EnrollmentString("https://t", "k", "AB:CD").encode();

    assertThatThrownBy(() -> EnrollmentString.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid certificate fingerprint");
  }

  private static String encode(String json) {
    return EnrollmentString.PREFIX + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
