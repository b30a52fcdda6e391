package dev.fieldsync.domain.webhook;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the concatenation of some parts, and a constant-time comparison: what both signature
 * schemes (the gateway's incoming {@link WebhookSignature}, our outgoing {@link StandardWebhookSignature})
 * compute.
 */
final class Hmac {
    private Hmac() {}

    static byte[] sha256(WebhookSecret secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK provides HmacSHA256", impossible);
        }
    }

    static boolean same(byte[] expected, byte[] presented) {
        return MessageDigest.isEqual(expected, presented);
    }
}
