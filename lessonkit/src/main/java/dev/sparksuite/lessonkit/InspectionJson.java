package dev.sparksuite.lessonkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code --json}: one {@link InspectionReport} as one JSON document on one line, so a directory
 * gives one document per file (JSON Lines) that {@code jq} and any script read alike. Records
 * become objects with their components, in declaration order, as keys.
 */
public final class InspectionJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.INDENT_OUTPUT);

  private InspectionJson() {}

  public static String write(InspectionReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a report that Jackson cannot write: " + e.getOriginalMessage(), e);
    }
  }
}
