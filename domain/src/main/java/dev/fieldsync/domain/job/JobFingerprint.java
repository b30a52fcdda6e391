package dev.fieldsync.domain.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest of a job's content, stable across member order, so an upsert can tell new, changed and
 * unchanged jobs apart without comparing every column.
 */
public record JobFingerprint(String hex) {
    // Compiled once: every job of every page makes one (String.matches compiled the pattern on each call, which
    // showed as the apply's hottest Java frames).
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final MessageDigest SHA_256 = sha256();

    public JobFingerprint {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a job fingerprint is 64 lowercase hex digits");
        }
    }

    public static JobFingerprint of(Job job) {
        MessageDigest digest = copyOfSha256();
        Canonical out = new Canonical(digest);
        out.field(job.id().value())
                .field(job.number().value())
                .field(Integer.toString(job.seriesNumber()))
                .field(Boolean.toString(job.primary()))
                .field(job.title())
                .field(job.status().id().value())
                .field(job.status().name())
                .field(job.status().state().wireName())
                .field(job.startTime().map(t -> t.toString()))
                .field(job.endTime().map(t -> t.toString()))
                .field(job.customer().id().value())
                .field(job.customer().name())
                .field(job.site().id().value())
                .field(job.site().address())
                .field(job.notes())
                .field(job.externalId())
                .field(job.purchaseOrderNumber())
                .field(job.project().map(Object::toString))
                .field(job.jobType().map(Object::toString));
        // Job keeps custom fields sorted by key, so iteration order is canonical.
        out.field(Integer.toString(job.customFields().size()));
        for (Map.Entry<String, String> entry : job.customFields().entrySet()) {
            out.field(entry.getKey()).field(entry.getValue());
        }
        return new JobFingerprint(HexFormat.of().formatHex(digest.digest()));
    }

    /** A fresh digest cloned from the prototype: cheaper than a provider lookup per job. */
    private static MessageDigest copyOfSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256(); // a provider whose digests cannot be cloned: look one up each time
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK provides SHA-256", impossible);
        }
    }

    /** Length-prefixed fields, so no two different jobs can produce the same byte stream. */
    private static final class Canonical {
        private final MessageDigest digest;

        Canonical(MessageDigest digest) {
            this.digest = digest;
        }

        Canonical field(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            digest.update((byte) 1);
            digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
            return this;
        }

        Canonical field(Optional<String> value) {
            if (value.isEmpty()) {
                digest.update((byte) 0);
                return this;
            }
            return field(value.get());
        }
    }
}
