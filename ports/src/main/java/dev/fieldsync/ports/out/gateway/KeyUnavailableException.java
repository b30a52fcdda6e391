package dev.fieldsync.ports.out.gateway;

import java.util.Optional;

/** No usable API key: none configured, an unreadable key file, or a malformed key. Never quotes the key. */
public final class KeyUnavailableException extends GatewayException {
    public KeyUnavailableException(String message) {
        super("key", message, Optional.empty(), Optional.empty(), null);
    }

    @Override
    public String hint() {
        return "Set FIELDSYNC_API_KEY to the key the gateway operator gave you, or point fieldsync.key.file "
                + "(FIELDSYNC_API_KEY_FILE) at a file holding it.";
    }
}
