package io.bridgehead.agent.script;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The JSON result a script wrote, read from the file named by {@code BRIDGEHEAD_RESULT}.
 *
 * @param value the parsed JSON, or null when there is no file or it is invalid
 * @param error why the file was rejected, or null when it was accepted or absent
 */
record ResultFile(JsonNode value, String error) {
  /** The largest result file accepted: 1 MiB. */
  static final long MAX_BYTES = 1024 * 1024;

  private static final ResultFile ABSENT = new ResultFile(null, null);

  /**
   * Reads and parses the file. A missing file is no result, and an unreadable, oversized or
   * invalid one becomes an error text rather than an exception, because it is the script's
   * fault.
   */
  static ResultFile read(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return ABSENT;
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return rejected("the result file is not a regular file; write the JSON itself to the file"
          + " named by BRIDGEHEAD_RESULT");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes((int) MAX_BYTES + 1);
    } catch (IOException e) {
      return rejected("the result file could not be read: " + e.getMessage());
    }
    if (content.length > MAX_BYTES) {
      return rejected("the result file is larger than the limit of " + MAX_BYTES
          + " bytes (1 MiB); return less data or write it somewhere else");
    }
    return parse(content);
  }

  private static ResultFile parse(byte[] content) {
    try {
      JsonNode value = Json.mapper().readTree(content);
      if (value == null || value.isMissingNode()) {
        return rejected("the result file is empty; write one JSON value to it");
      }
      return new ResultFile(value, null);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String where = location == null ? ""
          : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      return rejected("the result file is not valid JSON (" + e.getOriginalMessage() + where
          + "); write one JSON value to it");
    } catch (IOException e) {
      return rejected("the result file could not be read: " + e.getMessage());
    }
  }

  private static ResultFile rejected(String error) {
    return new ResultFile(null, error);
  }
}
