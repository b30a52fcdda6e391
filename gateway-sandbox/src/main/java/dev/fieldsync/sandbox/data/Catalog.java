package dev.fieldsync.sandbox.data;

/** Reference data records of the sandbox (its own, never shared with the client modules). */
public final class Catalog {
  private Catalog() {}

  public record Customer(long id, String name) {}

  public record Project(long id, String name) {}

  public record JobType(long id, String name) {}

  public record Status(long id, String name, State state) {}

  /** jobTypeId null = usable with any job type. */
  public record CustomField(String externalName, long fiFieldId, Long jobTypeId) {}
}
