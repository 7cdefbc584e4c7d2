package com.medsync.realtime.server.console;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The block of addresses one client holds, as the login throttle counts them: an IPv4 address on its own, an IPv6
 * address by its /64 network, since a single host is commonly given a whole /64 and could otherwise try from a new
 * address every time.
 */
final class AddressBlock {

    /** An IPv6 literal as the JDK writes a peer's address, with an optional zone after {@code %}. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");

    private AddressBlock() {
    }

    /**
     * @param address the TCP peer's address as the HTTP server reports it ({@code 10.0.0.1},
     *                {@code 2001:db8:0:0:1:0:0:1})
     * @return {@code address} itself for IPv4 (also when written as IPv4-mapped IPv6), its /64 network for IPv6,
     *     such as {@code 2001:db8:0:0::/64}; anything else as it is
     */
    static String of(String address) {
        if (address == null || address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        int zone = address.indexOf('%');
        String literal = zone < 0 ? address : address.substring(0, zone);
        InetAddress parsed;
        try {
            // A literal (checked above) is parsed, never looked up.
            parsed = InetAddress.getByName(literal);
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            // ::ffff:a.b.c.d comes back as the IPv4 address it maps.
            return parsed.getHostAddress();
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder network = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            int value = ((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff);
            network.append(Integer.toHexString(value)).append(':');
        }
        return network.append(":/64").toString();
    }
}
