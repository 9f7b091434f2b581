package io.chaoskeeper.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZooCfgTest {

    @Test
    void rendersOwnedKeysThenSettingsThenOneServerLinePerNode() {
        Map<String, String> settings = ZooCfg.defaults();
        settings.put("maxSessionTimeout", "4000");
        assertThat(ZooCfg.render(3, settings)).isEqualTo("""
                dataDir=/data
                clientPort=2181
                standaloneEnabled=false
                tickTime=200
                initLimit=25
                syncLimit=10
                4lw.commands.whitelist=srvr,mntr,stat,ruok,conf,cons
                admin.enableServer=false
                forceSync=no
                preAllocSize=1024
                quorumListenOnAllIPs=true
                maxSessionTimeout=4000
                server.1=zk1:2888:3888
                server.2=zk2:2888:3888
                server.3=zk3:2888:3888
                """);
    }

    @Test
    void anOverrideReplacesTheDefaultInPlace() {
        Map<String, String> settings = ZooCfg.defaults();
        settings.put("tickTime", "1000");
        assertThat(ZooCfg.render(1, settings)).contains("tickTime=1000\n").doesNotContain("tickTime=200")
                .endsWith("server.1=zk1:2888:3888\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataDir", "clientPort", "server.4", "standaloneEnabled", "dynamicConfigFile"})
    void keysTheEnsembleOwnsCannotBeOverridden(String key) {
        assertThatThrownBy(() -> ZooCfg.checkOverride(key, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The zoo.cfg key " + key + " is set by the ensemble itself and cannot be overridden.");
    }

    @Test
    void keysAndValuesThatWouldBreakTheFileAreRejected() {
        assertThatThrownBy(() -> ZooCfg.checkOverride("a=b", "x")).hasMessage("'a=b' is not a zoo.cfg key.");
        assertThatThrownBy(() -> ZooCfg.checkOverride(" ", "x")).hasMessage("' ' is not a zoo.cfg key.");
        assertThatThrownBy(() -> ZooCfg.checkOverride("tickTime", "1\nserver.9=evil:1:2"))
                .hasMessage("The value of zoo.cfg key tickTime must be one line.");
    }
}
