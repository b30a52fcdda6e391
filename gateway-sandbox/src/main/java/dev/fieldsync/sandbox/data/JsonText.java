package dev.fieldsync.sandbox.data;

import dev.fieldsync.sandbox.data.Catalog.CustomField;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Hand-written JSON for jobs: pages of 100 jobs and million-job dumps are rendered without building
 * object trees. Call the job renderers while holding the store lock.
 */
public final class JsonText {
  private JsonText() {}

  public static void string(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** ISO-8601 with the stored offset, e.g. 2026-07-01T09:00:00+10:00. */
  public static String offsetTime(long epochSecond, int offsetSeconds) {
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
    LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
    StringBuilder sb = new StringBuilder(25);
    pad(sb, local.getYear(), 4).append('-');
    pad(sb, local.getMonthValue(), 2).append('-');
    pad(sb, local.getDayOfMonth(), 2).append('T');
    pad(sb, local.getHour(), 2).append(':');
    pad(sb, local.getMinute(), 2).append(':');
    pad(sb, local.getSecond(), 2);
    sb.append(offsetSeconds == 0 ? "Z" : offset.getId());
    return sb.toString();
  }

  private static StringBuilder pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  /** Exactly the documented job members (GATEWAY-API.md §6), nothing else. */
  public static void publicJob(StringBuilder sb, Job j, List<CustomField> fields) {
    sb.append("{\"id\":\"").append(j.id).append("\",\"number\":\"").append(j.number)
        .append("\",\"series_number\":").append(j.number)
        .append(",\"is_primary\":true,\"title\":");
    string(sb, j.title);
    sb.append(",\"status\":{\"id\":\"").append(j.status.id()).append("\",\"name\":");
    string(sb, j.status.name());
    sb.append(",\"state\":\"").append(j.status.state().wire()).append("\"},\"start_time\":\"")
        .append(offsetTime(j.startEpochSecond, j.startOffsetSeconds)).append("\",\"end_time\":\"")
        .append(offsetTime(j.endEpochSecond, j.endOffsetSeconds)).append("\",\"customer\":{\"id\":\"")
        .append(j.site.customer.id()).append("\",\"name\":");
    string(sb, j.site.customer.name());
    sb.append("},\"site\":{\"id\":\"").append(j.site.id).append("\",\"address\":");
    string(sb, j.site.address == null ? "" : j.site.address);
    sb.append("},\"notes\":");
    string(sb, j.notes == null ? "" : j.notes);
    sb.append(",\"custom_fields\":");
    customFields(sb, j, fields);
    sb.append('}');
  }

  private static void customFields(StringBuilder sb, Job j, List<CustomField> fields) {
    sb.append('{');
    if (j.customFields != null) {
      boolean first = true;
      for (int i = 0; i < j.customFields.length; i++) {
        if (j.customFields[i] != null) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          string(sb, fields.get(i).externalName());
          sb.append(':');
          string(sb, j.customFields[i]);
        }
      }
    }
    sb.append('}');
  }

  /** The oracle view: the public members plus everything the gateway keeps to itself. */
  public static void dumpJob(StringBuilder sb, Job j, Store store) {
    publicJob(sb, j, store.customFields());
    sb.setLength(sb.length() - 1);
    sb.append(",\"updated_at\":\"").append(Instant.ofEpochMilli(j.updatedAtMillis())).append('"');
    sb.append(",\"job_type\":{\"id\":\"").append(j.jobType.id()).append("\",\"name\":");
    string(sb, j.jobType.name());
    sb.append("},\"project\":");
    if (j.project == null) {
      sb.append("null");
    } else {
      sb.append("{\"id\":\"").append(j.project.id()).append("\",\"name\":");
      string(sb, j.project.name());
      sb.append('}');
    }
    sb.append(",\"external_id\":");
    string(sb, j.externalId);
    sb.append(",\"purchase_order_number\":");
    string(sb, j.purchaseOrderNumber);
    sb.append(",\"cancel_reason\":");
    string(sb, j.cancelReason);
    sb.append('}');
  }
}
