package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;

import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

class NetworkValidationTest {

    @Test
    void portNumbersRunFromOneTo65535() {
        assertThat(NetworkValidation.portNumber(80)).isEmpty();
        assertThat(NetworkValidation.portNumber(0)).containsExactly("must be between 1 and 65535, inclusive");
        assertThat(NetworkValidation.portNumber(65536)).containsExactly("must be between 1 and 65535, inclusive");
    }

    @Test
    void portNamesAreShortLowerCaseWithALetter() {
        assertThat(NetworkValidation.portName("http-metrics")).isEmpty();
        assertThat(NetworkValidation.portName("123")).containsExactly("must contain at least one letter (a-z)");
        assertThat(NetworkValidation.portName("a--b")).containsExactly("must not contain consecutive hyphens");
        assertThat(NetworkValidation.portName("-http")).containsExactly("must not begin or end with a hyphen");
        assertThat(NetworkValidation.portName("HTTP")).contains(
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        assertThat(NetworkValidation.portName("abcdefghijklmnop")).contains("must be no more than 15 characters");
    }

    @Test
    void portsByNumberOrName() {
        assertThat(NetworkValidation.portNumberOrName(new IntOrString(8080), "p")).isEmpty();
        assertThat(NetworkValidation.portNumberOrName(new IntOrString("http"), "p")).isEmpty();
        assertThat(render(NetworkValidation.portNumberOrName(new IntOrString(0), "p")))
                .containsExactly("p: Invalid value: 0: must be between 1 and 65535, inclusive");
        assertThat(render(NetworkValidation.portNumberOrName(new IntOrString("HTTP"), "p"))).containsExactly(
                "p: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "p: Invalid value: \"HTTP\": must contain at least one letter (a-z)");
    }

    @Test
    void protocolIsRequiredAndOneOfThree() {
        assertThat(NetworkValidation.protocol("UDP", "p")).isEmpty();
        assertThat(render(NetworkValidation.protocol("", "p"))).containsExactly("p: Required value");
        assertThat(render(NetworkValidation.protocol("HTTP", "p")))
                .containsExactly("p: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    }

    @Test
    void ipAddressesAreParsedWithoutNameLookups() {
        assertThat(NetworkValidation.ipAddress("10.0.0.1", "ip")).isEmpty();
        assertThat(NetworkValidation.ipAddress("010.000.000.001", "ip")).isEmpty();
        assertThat(NetworkValidation.ipAddress("2001:db8::ffff", "ip")).isEmpty();
        assertThat(NetworkValidation.ipAddress("::ffff:10.0.0.1", "ip")).isEmpty();
        assertThat(NetworkValidation.ipAddress("::", "ip")).isEmpty();
        for (String bad : new String[] {"localhost", "10.0.0", "10.0.0.256", "1::2::3", "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7::8", "fe80::1%eth0", "g::1", ""}) {
            assertThat(render(NetworkValidation.ipAddress(bad, "ip"))).as(bad).containsExactly(
                    "ip: Invalid value: \"" + bad + "\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }
    }

    @Test
    void cidrs() {
        assertThat(NetworkValidation.cidr("10.244.0.0/24", "c")).isEmpty();
        assertThat(NetworkValidation.cidr("fd00::/64", "c")).isEmpty();
        assertThat(render(NetworkValidation.cidr("10.244.0.0/33", "c")))
                .containsExactly("c: Invalid value: \"10.244.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
        assertThat(NetworkValidation.cidr("10.244.0.0", "c")).hasSize(1);
    }

    @Test
    void serviceTrafficCannotGoToSpecialAddresses() {
        assertThat(NetworkValidation.nonSpecialIpAddress("10.1.2.3", "ip")).isEmpty();
        assertThat(render(NetworkValidation.nonSpecialIpAddress("127.0.0.1", "ip")))
                .containsExactly("ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)");
        assertThat(render(NetworkValidation.nonSpecialIpAddress("0.0.0.0", "ip")))
                .containsExactly("ip: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)");
        assertThat(NetworkValidation.nonSpecialIpAddress("169.254.1.1", "ip")).hasSize(1);
        assertThat(NetworkValidation.nonSpecialIpAddress("fe80::1", "ip")).hasSize(1);
        assertThat(NetworkValidation.nonSpecialIpAddress("224.0.0.5", "ip")).hasSize(1);
        assertThat(NetworkValidation.nonSpecialIpAddress("::1", "ip")).hasSize(1);
        assertThat(NetworkValidation.nonSpecialIpAddress("::ffff:127.0.0.1", "ip")).hasSize(1);
    }
}
