package dev.fieldsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: {@code @RegisterExtension static SandboxExtension sandbox = new SandboxExtension(...)}.
 * Starts the sandbox before all tests, closes it after all, and resets the faults before each test.
 * (JUnit is a 'provided' dependency of this module: only test classpaths need it.)
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final SandboxOptions options;
    private volatile GatewaySandbox sandbox;

    public SandboxExtension() {
        this(SandboxOptions.defaults());
    }

    public SandboxExtension(SandboxOptions options) {
        this.options = options.copy();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureStarted();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ensureStarted().faults().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        GatewaySandbox s = sandbox;
        sandbox = null;
        if (s != null) {
            s.close();
        }
    }

    private synchronized GatewaySandbox ensureStarted() {
        if (sandbox == null) {
            sandbox = GatewaySandbox.start(options);
        }
        return sandbox;
    }

    /** The running sandbox (started on first use). */
    public GatewaySandbox sandbox() {
        return ensureStarted();
    }

    public String baseUrl() {
        return sandbox().baseUrl();
    }

    public int port() {
        return sandbox().port();
    }

    public SandboxFaults faults() {
        return sandbox().faults();
    }

    public SandboxSettings settings() {
        return sandbox().settings();
    }

    public GatewaySandbox webhooks(String url, String secret) {
        return sandbox().webhooks(url, secret);
    }

    public GatewaySandbox disableWebhooks() {
        return sandbox().disableWebhooks();
    }

    public int touch(int n) {
        return sandbox().touch(n);
    }

    public List<SandboxJob> dump() {
        return sandbox().dump();
    }

    public SandboxStats stats() {
        return sandbox().stats();
    }

    public Map<String, List<String>> duplicateExternalIds() {
        return sandbox().duplicateExternalIds();
    }

    public GatewaySandbox addKey(String key, Set<String> scopes, boolean withCustomers) {
        return sandbox().addKey(key, scopes, withCustomers);
    }

    public boolean removeKey(String key) {
        return sandbox().removeKey(key);
    }

    public void reset() {
        sandbox().reset();
    }
}
