package io.bridgehead.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Everything an agent needs to enroll, in one string an operator can paste: the tenant's URL,
 * an enrollment key and the tenant certificate's SHA-256 fingerprint. The text form is
 * {@code bh1.} followed by the URL-safe Base64 (without padding) of the JSON object
 * {@code {"tenant": URL, "key": KEY, "fingerprint": SHA256}}. Usage:
 *
 * <pre>{@code
 * String text = new EnrollmentString(url, key, fingerprint).encode();
 * EnrollmentString parsed = EnrollmentString.decode(text);
 * }</pre>
 *
 * <p>The string contains the enrollment key, so it is as secret as the key: never log it.
 *
 * @param tenant the tenant's base URL; HTTPS only
 * @param key the enrollment key
 * @param fingerprint the fingerprint to pin, in the form {@link CertificateFingerprint} prints
 */
public record EnrollmentString(String tenant, String key, String fingerprint) {
  /** The prefix of version 1 of the format. */
  public static final String PREFIX = "bh1.";

  /** Returns the text form: {@link #PREFIX} and the Base64 of the JSON object. */
  public String encode() {
    var json = Json.mapper().createObjectNode()
        .put("tenant", tenant)
        .put("key", key)
        .put("fingerprint", fingerprint);
    try {
      byte[] bytes = Json.mapper().writeValueAsBytes(json);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an enrollment string as JSON", e);
    }
  }

  /**
   * Parses the text form. Surrounding white space is ignored, so a paste with a trailing line
   * break works.
   *
   * @throws IllegalArgumentException for a wrong prefix, invalid Base64, invalid JSON, a
   *     missing field, a URL that is not HTTPS or an invalid fingerprint. The message names
   *     the problem but not the string, because the string contains the key.
   */
  public static EnrollmentString decode(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (!trimmed.startsWith(PREFIX)) {
      String start = trimmed.length() > 4 ? trimmed.substring(0, 4) + "..." : trimmed;
      throw new IllegalArgumentException("invalid enrollment string: it must start with '"
          + PREFIX + "' but starts with '" + start + "'; copy the whole string that"
          + " 'bridgehead tenant pool create' or 'pool create-key' printed");
    }

    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(trimmed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid enrollment string: the text after '"
          + PREFIX + "' is not URL-safe Base64 (" + e.getMessage() + "); it was probably cut"
          + " or changed while copying, so copy it again");
    }

    JsonNode json;
    try {
      json = Json.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid enrollment string: its content is not valid"
          + " JSON; it was probably cut while copying, so copy it again");
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("invalid enrollment string: its content is not a JSON"
          + " object; copy the string again");
    }

    String tenant = field(json, "tenant");
    String key = field(json, "key");
    String fingerprint = field(json, "fingerprint");
    if (!tenant.toLowerCase(Locale.ROOT).startsWith("https://")) {
      throw new IllegalArgumentException("invalid enrollment string: tenant URL '" + tenant
          + "' is not HTTPS; the agent talks to tenants over HTTPS only");
    }
    try {
      fingerprint = CertificateFingerprint.parse(fingerprint).hex();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid enrollment string: " + e.getMessage(), e);
    }
    return new EnrollmentString(tenant, key, fingerprint);
  }

  private static String field(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("invalid enrollment string: field '" + name
          + "' is missing or empty; make a new string with 'bridgehead tenant pool create-key'");
    }
    return value.asText().trim();
  }

  /** Returns a description with the key hidden, so that the record is safe to log. */
  @Override
  public String toString() {
    return "EnrollmentString[tenant=" + tenant + ", key=(hidden), fingerprint=" + fingerprint
        + "]";
  }
}
