package io.contiv.exporter.netmaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.support.ReferenceData;
import io.contiv.exporter.support.Resources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetmasterJsonTest {

    private final NetmasterJson json = new NetmasterJson();

    @Test
    void readsTheReferencePayloads() throws Exception {
        List<Network> networks = json.networks(Resources.bytes(ReferenceData.NETWORKS), "networks");
        assertThat(networks).extracting(Network::networkName).containsExactly("contivh1", "net0-0", "net1-0");
        assertThat(networks.get(0).isInfra()).isTrue();
        assertThat(networks.get(0).endpointGroupCount()).isEmpty();
        assertThat(networks.get(1).endpointGroupCount()).hasValue(2);

        NetworkInspect inspect = json.inspect(Resources.bytes(ReferenceData.INSPECT_DEFAULT), "inspect");
        assertThat(inspect.config().tenantName()).isEqualTo("default");
        assertThat(inspect.oper().allocatedAddressesCount()).isEqualTo(3L);
        EndpointOper first = inspect.oper().endpoints().get(0);
        assertThat(first.endpointId()).startsWith("23b8c1e9");
        assertThat(first.ipAddress()).containsExactly("10.0.0.1", "");
        assertThat(first.endpointGroupId()).isEqualTo(1L);
        assertThat(inspect.oper().endpoints().get(2).serviceName()).isNull();

        List<EndpointGroup> groups = json.endpointGroups(Resources.bytes(ReferenceData.GROUPS), "groups");
        assertThat(groups.get(0).hasNetProfile()).isTrue();
        assertThat(groups.get(1).hasNetProfile()).isFalse();
        assertThat(groups.get(1).policyCount()).hasValue(2);
        assertThat(groups.get(0).netProfileLinkSetSize()).isEmpty();

        List<Tenant> tenants = json.tenants(Resources.bytes(ReferenceData.TENANTS), "tenants");
        assertThat(tenants).extracting(Tenant::tenantName).containsExactly("default", "tenant1");
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsMissingOnes() throws Exception {
        List<Network> networks = json.networks(
                "[{\"networkName\":\"n\",\"somethingNew\":{\"x\":[1,2]}},{}]".getBytes(StandardCharsets.UTF_8), "u");
        assertThat(networks).hasSize(2);
        assertThat(networks.get(0).endpointGroupCount()).isEmpty();
        assertThat(networks.get(1).linkSets()).isEmpty();
    }

    @Test
    void malformedBodiesAreNetmasterErrorsNamingTheUrl() {
        assertThatThrownBy(() -> json.networks("[{\"networkName\":".getBytes(StandardCharsets.UTF_8), "http://nm/x"))
                .isInstanceOf(NetmasterException.class).hasMessageStartingWith("http://nm/x: malformed JSON");
        assertThatThrownBy(() -> json.networks("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "http://nm/x"))
                .isInstanceOf(NetmasterException.class);
        assertThatThrownBy(() -> json.inspect("{}".getBytes(StandardCharsets.UTF_8), "http://nm/i"))
                .isInstanceOf(NetmasterException.class).hasMessageContaining("no Config");
        assertThatThrownBy(() -> json.tenants(new byte[0], "http://nm/t")).isInstanceOf(NetmasterException.class);
    }

    @Test
    void inspectKeysAreEncodedAsOnePathSegment() {
        assertThat(NetmasterClient.encodePathSegment("default:net0-0")).isEqualTo("default%3Anet0-0");
        assertThat(NetmasterClient.encodePathSegment("a b/c")).isEqualTo("a%20b%2Fc");
    }
}
