package com.medsync.realtime.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressBlockTest {

    @Test
    void anIpv4AddressIsItsOwnBlock() {
        assertThat(AddressBlock.of("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(AddressBlock.of("0:0:0:0:0:ffff:a00:1")).as("IPv4-mapped").isEqualTo("10.0.0.1");
    }

    @Test
    void anIpv6AddressIsCountedByItsSlash64WhateverItsSpellingAndZone() {
        assertThat(AddressBlock.of("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8:0:0::/64");
        assertThat(AddressBlock.of("2001:DB8::ffff:1")).isEqualTo("2001:db8:0:0::/64");
        assertThat(AddressBlock.of("fe80:0:0:0:1:2:3:4%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(AddressBlock.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void whatIsNoAddressStaysAsItIs() {
        assertThat(AddressBlock.of("unknown")).isEqualTo("unknown");
        assertThat(AddressBlock.of("host.example:80")).isEqualTo("host.example:80");
        assertThat(AddressBlock.of("1:2:3")).isEqualTo("1:2:3");
        assertThat(AddressBlock.of(null)).isNull();
    }
}
