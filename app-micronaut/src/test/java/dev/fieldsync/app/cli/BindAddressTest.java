package dev.fieldsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Where the service listens: the demo on loopback only, serve where --bind (or the setting) says. */
class BindAddressTest {

    @Test
    void theDemoListensOnLoopbackOnly() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--port", "0");
        Map<String, Object> properties = demo.properties("http://127.0.0.1:1", "t".repeat(24), "s");
        assertThat(properties).containsEntry("micronaut.server.host", "127.0.0.1");
    }

    @Test
    void serveBindsWhereTheOptionSaysAndLeavesTheSettingAloneWithoutIt() {
        ServeCommand bound = new ServeCommand();
        new CommandLine(bound).parseArgs("--bind", "10.0.0.7", "--port", "0");
        assertThat(bound.properties())
                .containsEntry("micronaut.server.host", "10.0.0.7")
                .containsEntry("micronaut.server.port", -1);

        ServeCommand unbound = new ServeCommand();
        new CommandLine(unbound).parseArgs();
        assertThat(unbound.properties()).doesNotContainKey("micronaut.server.host");
    }
}
