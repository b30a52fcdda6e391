package dev.fieldsync.app.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver side of fieldsync's outbound webhooks as the app-micronaut README quotes it (JDK only): checks a
 * delivery's Standard Webhooks signature. {@code ChangeDeliveryEndToEndTest} runs it on every real delivery.
 */
final class WebhookReceiverExample {
    private WebhookReceiverExample() {}

    // README:webhook-receiver begin
    /** True when the delivery was signed with {@code secret} (whsec_...) less than five minutes ago. */
    static boolean verify(String secret, String id, String timestamp, String signatures, byte[] body)
            throws GeneralSecurityException {
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
        if (age > 300) {
            return false; // stale or replayed
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        for (String signature : signatures.split(" ")) { // two during a secret rotation
            if (signature.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }
    // README:webhook-receiver end
}
