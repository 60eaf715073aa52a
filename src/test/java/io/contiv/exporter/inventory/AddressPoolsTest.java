package io.contiv.exporter.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressPoolsTest {

    @Test
    void ipv4SubnetLessNetworkBroadcastAndGateway() {
        assertThat(AddressPools.subnetCapacity("10.0.0.0/24", "10.0.0.254")).hasValue(253);
        assertThat(AddressPools.subnetCapacity("10.0.0.0/24", "")).hasValue(254);
        assertThat(AddressPools.subnetCapacity("10.0.0.0/24", "192.168.0.1")).hasValue(254);
        assertThat(AddressPools.subnetCapacity("10.1.2.0/30", "10.1.2.1")).hasValue(1);
    }

    @Test
    void ipv6SubnetLessAnycastAndGateway() {
        assertThat(AddressPools.subnetCapacity("2001:db8::/120", "2001:db8::1")).hasValue(254);
        assertThat(AddressPools.subnetCapacity("2001:db8::/64", null)).hasValue(Math.pow(2, 64) - 1);
    }

    @Test
    void noSubnetOrGarbageHasNoCapacity() {
        assertThat(AddressPools.subnetCapacity(null, null)).isEmpty();
        assertThat(AddressPools.subnetCapacity("", "10.0.0.1")).isEmpty();
        assertThat(AddressPools.subnetCapacity("10.0.0.0", null)).isEmpty();
        assertThat(AddressPools.subnetCapacity("example.com/24", null)).isEmpty();
        assertThat(AddressPools.subnetCapacity("10.0.0.0/33", null)).isEmpty();
    }

    @Test
    void ipPoolRanges() {
        assertThat(AddressPools.rangeCapacity("10.0.0.10-10.0.0.19", "10.0.0.254")).hasValue(10);
        assertThat(AddressPools.rangeCapacity("10.0.0.10-10.0.0.19", "10.0.0.15")).hasValue(9);
        assertThat(AddressPools.rangeCapacity("10.0.0.19-10.0.0.10", null)).isEmpty();
        assertThat(AddressPools.rangeCapacity("nonsense", null)).isEmpty();
    }
}
