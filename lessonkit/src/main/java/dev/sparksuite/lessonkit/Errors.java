package dev.sparksuite.lessonkit;

/**
 * Turns a failure into the one line a user reads: the innermost cause, because Spark wraps the
 * exception that says what went wrong in several layers that only say where.
 */
public final class Errors {

  private Errors() {}

  public static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** {@code SimpleClassName: message} of the root cause, on one line. */
  public static String oneLine(Throwable e) {
    Throwable root = rootCause(e);
    String message =
        root.getMessage() == null
            ? ""
            : ": " + root.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    return root.getClass().getSimpleName() + message;
  }
}
