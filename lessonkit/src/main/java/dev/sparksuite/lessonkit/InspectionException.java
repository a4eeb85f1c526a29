package dev.sparksuite.lessonkit;

/**
 * A file an inspector cannot report on, said in one line without the file's name (the command line
 * adds it once): {@code not a Parquet file: no PAR1 magic at the head}.
 */
public class InspectionException extends Exception {

  private static final long serialVersionUID = 1L;

  public InspectionException(String message) {
    super(message);
  }

  public InspectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
